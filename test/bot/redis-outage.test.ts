import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, texts } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { OwnRedis } from "../helpers/redis-server.js";

// This file stops and starts a redis-server of its own; the shared one is never touched.
let own: OwnRedis;
let h: Harness;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mb-redis-"));
  own = await OwnRedis.start(dir);
  h = await startHarness({ redisUrl: own.url });
});
afterAll(async () => {
  await h.stop();
  await own.down();
  rmSync(dir, { recursive: true, force: true });
});

async function untilReady(): Promise<void> {
  while (h.redis.status !== "ready") await sleep(20);
}

describe("a Redis outage", () => {
  it("gets a localized 'try again' reply, then full service and the written session back", async () => {
    const user = h.tg.user(201, { language_code: "ru" });
    await user.send("/language");
    await user.press("🇬🇧 English");
    expect(user.lastText()).toBe("Menu updated.");

    await own.down();
    // The saved language is in Redis, which is down: the apology follows Telegram's language_code.
    expect(texts(await user.send("/start"))).toEqual(["Бот временно недоступен. Попробуйте через минуту."]);
    const other = h.tg.user(202, { language_code: "en" });
    expect(texts(await other.sendSticker())).toEqual(["The bot is temporarily unavailable. Please try again in a minute."]);
    expect(texts(await user.pressData("lang:ru"))).toEqual(["Бот временно недоступен. Попробуйте через минуту."]);

    await own.up();
    await untilReady();
    const events = await user.send("/start");
    expect(texts(events)).toContainEqual(expect.stringContaining("Hello, User201!"));
  });
});
