import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { constants } from "node:fs";
import { access, mkdir, open, stat } from "node:fs/promises";
import { connect } from "node:net";
import { delimiter, join, resolve } from "node:path";

/** A redis-server this process started (REDIS_URL unset and nothing answering on this machine's port). */
export interface LocalRedis {
  url: string;
  /** Absolute: where its append-only file and its log (redis.log) are. */
  dir: string;
  pid: number;
  /** SIGTERM (Redis writes what is left of its append-only file and exits) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Why no Redis could be started; the message is the whole story, for one log line. */
export class LocalRedisError extends Error {
  override name = "LocalRedisError";
}

const READY_WITHIN_MS = 10_000;

/**
 * Starts redis-server from PATH on 127.0.0.1:`port`, keeping its data in `dir` (append-only file, fsync
 * every second, as docker-compose.yml runs it), unless something already listens there: then resolves
 * undefined and the caller connects to that. Throws LocalRedisError when redis-server is missing or
 * does not come up.
 */
export async function ensureLocalRedis({ port, dir }: { port: number; dir: string }): Promise<LocalRedis | undefined> {
  if (await listens(port)) return undefined;
  if (!(await onPath("redis-server"))) {
    throw new LocalRedisError(
      `nothing answers at redis://127.0.0.1:${port}, REDIS_URL is not set and redis-server is not on PATH: ` +
        "install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL",
    );
  }
  const absolute = resolve(dir);
  try {
    await mkdir(absolute, { recursive: true });
  } catch (err) {
    throw new LocalRedisError(`cannot create LOCAL_REDIS_DIR ${absolute} for redis-server's data: ${(err as Error).message}`);
  }
  const logFile = join(absolute, "redis.log");
  // redis.log grows across runs: only what this start writes explains a failure.
  const logFrom = await stat(logFile).then((s) => s.size, () => 0);
  const child = spawn(
    "redis-server",
    [
      ...["--port", String(port), "--bind", "127.0.0.1", "--dir", absolute, "--logfile", logFile],
      ...["--appendonly", "yes", "--appendfsync", "everysec", "--save", ""],
    ],
    // Its own process group: a Ctrl+C in the terminal reaches the bot, which finishes the updates in
    // flight (they still write to Redis) and then stops this server itself.
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  // Before it opens its log file (a bad argument, say) redis-server speaks on stderr.
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  try {
    await Promise.race([once(child, "spawn"), once(child, "error").then(([err]) => Promise.reject(err as Error))]);
  } catch (err) {
    throw new LocalRedisError(`could not run redis-server: ${err instanceof Error ? err.message : String(err)}`);
  }
  const deadline = Date.now() + READY_WITHIN_MS;
  while (!(await listens(port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      stopNow(child);
      const said = (await tail(logFile, logFrom)) || lastLines(stderr);
      throw new LocalRedisError(`redis-server did not start on port ${port}${said ? `: ${said}` : ""} (log: ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    dir: absolute,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** True when `command` is an executable file in one of PATH's folders (as spawn would find it). */
async function onPath(command: string): Promise<boolean> {
  for (const folder of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    try {
      await access(join(folder, command), constants.X_OK);
      return true;
    } catch {
      // not in this one
    }
  }
  return false;
}

function stopNow(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** True when something accepts a TCP connection on 127.0.0.1:`port` (whatever it is, it is not ours to start). */
function listens(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(1_000);
    const finish = (yes: boolean) => {
      socket.destroy();
      done(yes);
    };
    socket.once("connect", () => finish(true));
    socket.once("timeout", () => finish(false));
    socket.once("error", () => finish(false));
  });
}

/** The last lines redis-server logged since `from` (its reason for exiting), on one line. */
async function tail(file: string, from: number): Promise<string> {
  try {
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      const length = Math.min(size - from, 4_096);
      if (length <= 0) return "";
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return lastLines(buffer.toString("utf8"));
    } finally {
      await handle.close();
    }
  } catch {
    return "";
  }
}

function lastLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .slice(-2)
    .join(" / ");
}
