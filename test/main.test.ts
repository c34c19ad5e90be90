import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { readFileSync, readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { FakeTelegram } from "./fake-telegram/server.js";
import { buildBot, BUILD_TIMEOUT_MS, spawnBot, until } from "./helpers/bot-process.js";

// `npm start` builds dist/ and runs node on it: the same command as a separate process, against the fake
// Telegram (spawnBot), and once through npm itself.
const root = new URL("../", import.meta.url).pathname;
const startProcess = spawnBot;

/** The command lines of the processes in a process group (what `npm start` ended up running). */
function commandsInGroup(pgid: number): string[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        // Field 5 of /proc/<pid>/stat is the process group; the command (field 2) may hold spaces, hence after ")".
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").at(-1)?.trim().split(" ") ?? [];
        if (Number(fields[2]) !== pgid) return [];
        return [readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ")];
      } catch {
        return []; // gone meanwhile
      }
    });
}

describe("the bot process (npm start)", () => {
  let tg: FakeTelegram;
  let redis: Redis;
  const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;

  beforeAll(buildBot, BUILD_TIMEOUT_MS);
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

  it("npm start runs the compiled bot (node dist/main.js), which answers and stops on SIGTERM to its process group", async () => {
    const u = tg.user(503, { first_name: "Konstantin", language_code: "ru" });
    // Its own process group, as a shell gives a command: a terminal's Ctrl+C or systemd's stop reaches
    // every process in it, and npm passes it on to the bot once more.
    const child = spawn("npm", ["start"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, REDIS_URL: inject("redisUrl"), REDIS_KEY_PREFIX: prefix },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const group = child.pid ?? 0;
    try {
      await until(() => out.includes('"msg":"long polling started"') || child.exitCode !== null, "npm start to poll", 60_000);
      expect(out).toContain('"msg":"long polling started"');
      const commands = commandsInGroup(group);
      expect(commands).toContain("node --max-semi-space-size=32 dist/main.js");
      expect(commands.join("\n")).not.toMatch(/tsx|src\/main\.ts/);
      await u.send("/start");
      expect(u.messages.map((m) => m.text).join("\n")).toContain("Здравствуйте, Konstantin!");

      const exited = once(child, "exit");
      process.kill(-group, "SIGTERM");
      await exited;
      await until(() => commandsInGroup(group).length === 0, "every process of npm start to exit");
      // The bot's graceful stop, not a kill: it wrote its last line before exiting.
      await until(() => out.includes('"msg":"stopped"'), "the bot's last log line");
    } finally {
      if (commandsInGroup(group).length > 0) process.kill(-group, "SIGKILL");
    }
  }, 90_000);
});
