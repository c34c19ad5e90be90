import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdir, rm, stat } from "node:fs/promises";
import { promisify } from "node:util";
import { sleep } from "../fake-telegram/server.js";

const root = new URL("../../", import.meta.url).pathname;

export interface BotProcess {
  child: ChildProcess;
  /** Everything the process wrote (pino JSON lines on stdout, anything on stderr). */
  output(): string;
  /** `kill -9`: no shutdown hook runs, nothing in flight is finished. */
  kill(): Promise<void>;
  /** SIGTERM, the graceful stop; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Polls until `condition` holds; on a loaded machine a condition, not a fixed sleep, says when to go on. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** For `beforeAll(buildBot, BUILD_TIMEOUT_MS)`: a first build of a clean clone on a busy machine takes a minute or more. */
export const BUILD_TIMEOUT_MS = 300_000;
const LOCK = `${root}dist/.test-build-lock`;

/**
 * Compiles src/ into dist/ as `npm start` does (`tsc -b`, which only checks timestamps when nothing
 * changed), one test file at a time: files run in parallel, and a build rewriting dist/ while another
 * file's bot starts could hand it a half-written module. A test file that starts the bot process calls
 * it once, in beforeAll; other test files never pay for it.
 */
export async function buildBot(): Promise<void> {
  await mkdir(`${root}dist`, { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // A lock left by a test run that was killed mid-build.
      const age = await stat(LOCK).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > BUILD_TIMEOUT_MS) await rm(LOCK, { recursive: true, force: true });
      await sleep(100);
    }
  }
  try {
    await promisify(execFile)(`${root}node_modules/.bin/tsc`, ["-b", "tsconfig.build.json"], { cwd: root });
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/**
 * Runs what `npm start` runs once its build is done: node on the compiled bot (call buildBot first).
 * Not `npm start` itself: npm costs a process and time at every start, and a SIGKILL to npm would leave
 * the bot running. PATH and HOME come from this process unless `env` sets them.
 */
export function spawnBot(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--max-semi-space-size=32", "dist/main.js"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return { child, output: () => out };
}

/** Starts the bot process (spawnBot) with these variables and resolves once it takes updates. */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 15_000): Promise<BotProcess> {
  const { child, output } = spawnBot({ LOG_LEVEL: "info", ...env });
  const exited = once(child, "exit");
  const bot: BotProcess = {
    child,
    output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      return child.exitCode;
    },
  };
  try {
    // Long polling, or the webhook server (BOT_MODE=webhook).
    await until(() => /"msg":"(long polling started|webhook server listening)"/.test(output()) || child.exitCode !== null, "the bot to start", timeoutMs);
  } catch (err) {
    await bot.kill();
    throw err;
  }
  if (child.exitCode !== null) throw new Error(`the bot did not start:\n${output()}`);
  return bot;
}
