import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
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

/**
 * Starts the bot (src/main.ts) in a child process with these variables and resolves once it takes
 * updates. This is `npm start` but node itself with tsx's loader: the tsx command runs the script in a
 * child process of its own, which a SIGKILL to tsx would leave running.
 */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ["--max-semi-space-size=32", "--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = once(child, "exit");
  const bot: BotProcess = {
    child,
    output: () => out,
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
    await until(() => out.includes('"msg":"long polling started"') || child.exitCode !== null, "the bot to start");
  } catch (err) {
    await bot.kill();
    throw err;
  }
  if (child.exitCode !== null) throw new Error(`the bot did not start:\n${out}`);
  return bot;
}
