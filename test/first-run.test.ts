import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { FakeTelegram } from "./fake-telegram/server.js";
import { buildBot, BUILD_TIMEOUT_MS, spawnBot, until } from "./helpers/bot-process.js";
import { freePort } from "./helpers/redis-server.js";

/**
 * Issue 14, items 11 and 12: the first `npm start` on a machine, as a process (what npm start runs)
 * against the fake Telegram. A Redis the bot starts itself gets a free port and a temporary directory,
 * so the machine's own Redis is never touched.
 */

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

interface Running {
  child: ChildProcess;
  output: () => string;
  /** The JSON log lines so far. */
  lines: () => LogLine[];
  exited: Promise<unknown>;
}

function run(env: Record<string, string>): Running {
  const { child, output } = spawnBot({ LOG_LEVEL: "info", ...env });
  const lines = () =>
    output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as LogLine);
  return { child, output, lines, exited: once(child, "exit") };
}

async function stop(bot: Running): Promise<number | null> {
  if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGTERM");
  await bot.exited;
  return bot.child.exitCode;
}

const polling = (bot: Running) => until(() => bot.output().includes('"msg":"long polling started"') || bot.child.exitCode !== null, "the bot to poll", 30_000);

function listens(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("error", () => done(false));
  });
}

beforeAll(buildBot, BUILD_TIMEOUT_MS);
// Each test starts the bot once or more and waits for it: one start took up to 10 s here with other test
// runs beside it, hence the longer timeouts below.

describe("first run: Redis", () => {
  let tg: FakeTelegram;
  let dir: string;
  const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
  const strays: number[] = [];

  beforeAll(async () => {
    tg = await FakeTelegram.start();
    dir = await mkdtemp(join(tmpdir(), "mb-first-run-"));
  });
  afterAll(async () => {
    // A redis-server left by a failed assertion: the bot that started it is gone, so stop it here.
    for (const pid of strays) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await tg.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("without REDIS_URL and with nothing on its port, starts redis-server keeping data in LOCAL_REDIS_DIR, says so in one line, stops it on exit and finds the data again", async () => {
    const port = await freePort();
    const data = join(dir, "redis");
    const env = { BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, REDIS_KEY_PREFIX: prefix, LOCAL_REDIS_PORT: String(port), LOCAL_REDIS_DIR: data };
    const first = run(env);
    try {
      await polling(first);
      const started = first.lines().filter((l) => /redis-server/.test(l.msg));
      expect(started).toHaveLength(1);
      strays.push(Number(started[0]?.pid));
      expect(started[0]?.msg).toBe(`nothing answered at redis://127.0.0.1:${port} and REDIS_URL is not set: started redis-server (from PATH) there, keeping its data in ${data}`);
      expect(started[0]?.level).toBe(30);

      const ru = tg.user(601, { first_name: "Fyodor", language_code: "ru" });
      await ru.send("/start");
      expect(ru.messages.map((m) => m.text).join("\n")).toContain("Здравствуйте, Fyodor!");
      const en = tg.user(602, { first_name: "Olga", language_code: "en" });
      await en.send("/start");
      expect(en.messages.map((m) => m.text).join("\n")).toContain("Hello, Olga!");
      const redis = new Redis(`redis://127.0.0.1:${port}`);
      try {
        expect(await redis.exists(`${prefix}session:601`, `${prefix}session:602`)).toBe(2);
        expect(await redis.config("GET", "appendonly")).toEqual(["appendonly", "yes"]);
      } finally {
        redis.disconnect();
      }
    } finally {
      expect(await stop(first)).toBe(0);
    }
    // Stopped with the bot, its append-only file left in the folder.
    expect(await listens(port)).toBe(false);
    expect(await readdir(data)).toEqual(expect.arrayContaining(["appendonlydir", "redis.log"]));

    const second = run(env);
    try {
      await polling(second);
      expect(second.lines().filter((l) => /redis-server/.test(l.msg))).toHaveLength(1);
      const redis = new Redis(`redis://127.0.0.1:${port}`);
      try {
        // What the first run stored, read back from the append-only file.
        expect(await redis.exists(`${prefix}session:601`, `${prefix}session:602`)).toBe(2);
      } finally {
        redis.disconnect();
      }
    } finally {
      expect(await stop(second)).toBe(0);
    }
    expect(await listens(port)).toBe(false);
  }, 60_000);

  it("with REDIS_URL set never starts one: stops with the message it always gave", async () => {
    const port = await freePort();
    const data = join(dir, "never");
    const bot = run({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, REDIS_URL: `redis://127.0.0.1:${port}`, LOCAL_REDIS_PORT: String(port), LOCAL_REDIS_DIR: data });
    await bot.exited;
    expect(bot.child.exitCode).toBe(1);
    expect(bot.lines().filter((l) => l.level >= 50).map((l) => l.msg)).toEqual(["cannot reach Redis at REDIS_URL; is redis-server running?"]);
    expect(bot.output()).not.toMatch(/redis-server \(from PATH\)/);
    expect(existsSync(data)).toBe(false);
    expect(await listens(port)).toBe(false);
  }, 30_000);

  it("without redis-server on PATH says what to install in one line", async () => {
    const port = await freePort();
    const data = join(dir, "no-server");
    const bot = run({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, PATH: "/nonexistent", LOCAL_REDIS_PORT: String(port), LOCAL_REDIS_DIR: data });
    await bot.exited;
    expect(bot.child.exitCode).toBe(1);
    const lines = bot.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(60);
    expect(lines[0]?.msg).toBe(
      `nothing answers at redis://127.0.0.1:${port}, REDIS_URL is not set and redis-server is not on PATH: ` +
        "install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL",
    );
    expect(existsSync(data)).toBe(false);
  }, 30_000);
});

describe("first run: Telegram", () => {
  const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(inject("redisUrl"));
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const errorsIn = (bot: Running) => bot.lines().filter((l) => l.level >= 50);

  it("a token Telegram refuses (401) stops the bot with one clear line, and no token in the output", async () => {
    const tg = await FakeTelegram.start();
    const token = "123456:wrong-token_from-an-old-chat";
    const bot = run({ BOT_TOKEN: token, TELEGRAM_API_ROOT: tg.apiRoot, REDIS_URL: inject("redisUrl"), REDIS_KEY_PREFIX: prefix });
    try {
      await bot.exited;
      expect(bot.child.exitCode).toBe(1);
      expect(errorsIn(bot).map((l) => l.msg)).toEqual([
        "Telegram refused BOT_TOKEN (401 Unauthorized): the token is wrong or was revoked; copy the current one from @BotFather (/mybots → API Token)",
      ]);
      expect(bot.output()).not.toContain("wrong-token");
      // Nothing but JSON lines: no stack trace.
      expect(bot.output().trim().split("\n").filter((line) => !line.startsWith("{"))).toEqual([]);
      expect(tg.calls.map((c) => c.method)).toEqual([]);
    } finally {
      await stop(bot);
      await tg.stop();
    }
  }, 30_000);

  it("with Telegram out of reach says where it connects, each failure with its reason and next try, and goes on once Telegram answers", async () => {
    const port = await freePort();
    const apiRoot = `http://127.0.0.1:${port}`;
    const token = "123456:TEST-token_for-fake";
    const bot = run({ BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, REDIS_URL: inject("redisUrl"), REDIS_KEY_PREFIX: prefix });
    let tg: FakeTelegram | undefined;
    try {
      const failures = () => bot.lines().filter((l) => l.msg.startsWith(`cannot reach Telegram at ${apiRoot}`));
      await until(() => failures().length >= 2 || bot.child.exitCode !== null, "two failed tries", 30_000);
      expect(bot.lines().find((l) => l.msg.startsWith("connecting"))?.msg).toBe(`connecting to Telegram at ${apiRoot}`);
      const [first, second] = failures();
      expect(first).toMatchObject({ level: 40, reason: `connect ECONNREFUSED 127.0.0.1:${port}`, retryInSeconds: 1, attempt: 1 });
      expect(first?.msg).toBe(`cannot reach Telegram at ${apiRoot}: connect ECONNREFUSED 127.0.0.1:${port}; next try in 1 s`);
      expect(second?.msg).toBe(`cannot reach Telegram at ${apiRoot}: connect ECONNREFUSED 127.0.0.1:${port}; next try in 2 s`);

      tg = await FakeTelegram.start({ port, token });
      await polling(bot);
      expect(bot.lines().some((l) => l.msg === "connected to Telegram as @mission_test_bot")).toBe(true);
      const u = tg.user(611, { first_name: "Kristina", language_code: "en" });
      await u.send("/start");
      expect(u.messages.map((m) => m.text).join("\n")).toContain("Hello, Kristina!");
      expect(bot.output()).not.toContain("TEST-token_for-fake");
      expect(errorsIn(bot)).toEqual([]);
    } finally {
      await stop(bot);
      await tg?.stop();
    }
  }, 60_000);

  it("Telegram lost while polling: each failed getUpdates is logged with its reason and next try, polling resumes; a token revoked meanwhile stops the bot with the one line", async () => {
    const port = await freePort();
    const token = "123456:TEST-token_for-fake";
    let tg = await FakeTelegram.start({ port, token });
    const apiRoot = tg.apiRoot;
    const bot = run({ BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, REDIS_URL: inject("redisUrl"), REDIS_KEY_PREFIX: prefix });
    try {
      await polling(bot);
      await tg.stop();
      const failures = () => bot.lines().filter((l) => l.msg.startsWith(`cannot reach Telegram at ${apiRoot}: `));
      await until(() => failures().length >= 2, "two failed getUpdates", 30_000);
      for (const failure of failures()) {
        expect(failure).toMatchObject({ level: 40, retryInSeconds: 3 });
        expect(failure.msg).toMatch(/: (socket hang up|connect ECONNREFUSED 127\.0\.0\.1:\d+|read ECONNRESET); next try in 3 s$/);
      }

      // Sent while Telegram was away from the bot: answered once it polls again.
      tg = await FakeTelegram.start({ port, token });
      const u = tg.user(612, { first_name: "Nikolay", language_code: "ru" });
      u.push("/start");
      await u.waitForText(/Здравствуйте, Nikolay!/, 30_000);
      expect(bot.output()).toContain('"msg":"Telegram answers again; long polling goes on"');
      // One more, waited for: the bot is through with this chat before the token goes.
      await u.send("/help");

      tg.revokeToken();
      await bot.exited;
      expect(bot.child.exitCode).toBe(1);
      expect(errorsIn(bot).map((l) => l.msg)).toEqual([
        "Telegram refused BOT_TOKEN (401 Unauthorized): the token is wrong or was revoked; copy the current one from @BotFather (/mybots → API Token)",
      ]);
      expect(bot.output()).toContain('"msg":"stopped"');
      expect(bot.output()).not.toContain("TEST-token_for-fake");
    } finally {
      await stop(bot);
      await tg.stop();
    }
  }, 60_000);
});
