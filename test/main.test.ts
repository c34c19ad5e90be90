import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { FakeTelegram } from "./fake-telegram/server.js";
import { until } from "./helpers/bot-process.js";

// `npm start` is node with tsx's loader running src/main.ts: run exactly that, as a separate process,
// against the fake Telegram.
const root = new URL("../", import.meta.url).pathname;

function startProcess(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--max-semi-space-size=32", "--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return { child, output: () => out };
}

describe("the bot process (npm start)", () => {
  let tg: FakeTelegram;
  let redis: Redis;
  const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;

  beforeAll(async () => {
    tg = await FakeTelegram.start();
    redis = new Redis(inject("redisUrl"));
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await tg.stop();
  });

  it("fails at start with one message naming each bad variable", async () => {
    const { child, output } = startProcess({ ORGANISER_IDS: "x", BOT_MODE: "webhook" });
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(1);
    expect(output()).toContain("BOT_TOKEN: is required");
    expect(output()).toContain('ORGANISER_IDS: "x" is not a Telegram user id');
    expect(output()).toContain("WEBHOOK_SECRET: is required in webhook mode");
  });

  it("answers what was sent while it was down, greets ru and en, and stops gracefully on SIGTERM", async () => {
    const early = tg.user(501, { first_name: "Lyubov", language_code: "ru" });
    early.push("/start");
    const { child, output } = startProcess({
      BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      REDIS_URL: inject("redisUrl"),
      REDIS_KEY_PREFIX: prefix,
      LOG_LEVEL: "info",
    });
    try {
      await early.waitForText(/Здравствуйте, Lyubov!/, 15_000);
      const en = tg.user(502, { first_name: "Nikolay", language_code: "en" });
      await en.send("/start");
      expect(en.messages.map((m) => m.text).join("\n")).toContain("Hello, Nikolay!");

      // An update in flight when SIGTERM arrives is finished, and its session written, before exit.
      tg.chatLatency.set(en.id, 500);
      en.push("/language");
      await until(() => tg.calls.some((c) => c.method === "sendMessage" && c.params.chat_id === en.id && String(c.params.text).includes("Choose")), "the /language reply to start");
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number];
      expect(code).toBe(0);
      expect(output()).toContain('"msg":"stopped"');
      expect(en.lastText()).toBe("Choose your language:");
      expect(await redis.exists(`${prefix}session:502`)).toBe(1);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
