import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { FakeTelegram, sleep } from "../fake-telegram/server.js";
import { buildBot, BUILD_TIMEOUT_MS, startBotProcess, type BotProcess } from "../helpers/bot-process.js";
import { previewBroadcast } from "../helpers/broadcast-flow.js";
import { People } from "../helpers/people.js";
import { deleteKeysUnder } from "../helpers/prefix.js";

const ORGANISER = 7301;
const PEOPLE = 200;
// Some have blocked the bot: the resumed broadcast settles them as unreachable, and sends them nothing.
const blocked = (id: number) => id % 25 === 0;
const BLOCKED = PEOPLE / 25;
const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
let tg: FakeTelegram;
let redis: Redis;
const bots: BotProcess[] = [];

/** The bot in a child process of its own, so that it can be killed with SIGKILL. */
async function startBot(): Promise<BotProcess> {
  const bot = await startBotProcess({
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    REDIS_URL: inject("redisUrl"),
    REDIS_KEY_PREFIX: prefix,
    ORGANISER_IDS: String(ORGANISER),
    TELEGRAM_TIME_SCALE: "4",
    // A worker that died frees its jobs a second later.
    BROADCAST_LOCK_MS: "1000",
  });
  bots.push(bot);
  return bot;
}

function acceptedSends(): number {
  return tg.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && Number(c.params.chat_id) <= PEOPLE).length;
}

// The bot process runs the compiled bot, as npm start does.
beforeAll(buildBot, BUILD_TIMEOUT_MS);

beforeAll(async () => {
  tg = await FakeTelegram.start({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1, perChatBurst: 5, timeScale: 4 } });
  redis = new Redis(inject("redisUrl"));
  const people = new People(redis, prefix);
  for (let id = 1; id <= PEOPLE; id++) {
    await people.add({ id, locale: id % 2 === 1 ? "ru" : "en" });
    tg.started.add(id);
    if (blocked(id)) tg.blocked.add(id);
    // Slow answers for some, so that sends are in flight when the bot is killed.
    if (id % 7 === 0) tg.chatLatency.set(id, 300);
  }
});
afterAll(async () => {
  for (const bot of bots) await bot.kill();
  await deleteKeysUnder(redis, prefix);
  redis.disconnect();
  await tg.stop();
});

describe("a bot killed mid-broadcast", () => {
  it("resumes by itself on start: no reachable recipient is skipped, and only a message in flight at the kill may come twice", async () => {
    const first = await startBot();
    const org = tg.user(ORGANISER, { language_code: "en" });
    await previewBroadcast(org, "Dinner at 19:00 in the hotel", "Ужин в 19:00 в гостинице");
    await org.press("✅ Send");
    while (acceptedSends() < 60) await sleep(5);
    await first.kill();

    const states = await redis.hgetall(`${prefix}bc:1:d`);
    const inFlight = Object.entries(states).filter(([, s]) => s === "sending").map(([chat]) => Number(chat));
    // The kill came mid-broadcast, with sends on their way (the slow chats see to that).
    expect(acceptedSends()).toBeLessThan(PEOPLE - BLOCKED);
    expect(inFlight.length).toBeGreaterThan(0);

    const second = await startBot();
    await org.waitForText(/has gone out/, 20_000).catch((err: unknown) => {
      throw new Error(`${String(err)}\nfirst:\n${first.output()}\nsecond:\n${second.output()}`);
    });
    await sleep(200);

    const twice: number[] = [];
    for (let id = 1; id <= PEOPLE; id++) {
      const got = tg.messagesIn(id).map((m) => m.text);
      if (blocked(id)) {
        expect(got, `participant ${id}`).toEqual([]);
        continue;
      }
      expect(got.length, `participant ${id}`).toBeGreaterThanOrEqual(1);
      expect(got.length, `participant ${id}`).toBeLessThanOrEqual(2);
      expect(new Set(got), `participant ${id}`).toEqual(new Set([id % 2 === 1 ? "Ужин в 19:00 в гостинице" : "Dinner at 19:00 in the hotel"]));
      if (got.length > 1) twice.push(id);
    }
    // A duplicate is possible only where Telegram took the message but the dead process had not yet
    // recorded it: those recipients were in `sending` at the kill.
    for (const id of twice) expect(inFlight).toContain(id);
    expect(twice.length).toBeLessThanOrEqual(inFlight.length);
    expect(org.lastText()).toBe(
      `✅ Announcement #1 has gone out: ${PEOPLE - BLOCKED} of ${PEOPLE} received it (${Math.round((100 * (PEOPLE - BLOCKED)) / PEOPLE)}%).\n🚫 Blocked the bot: ${BLOCKED}.\n👻 Never opened the bot: 0.\n🗑 Deleted their account: 0.\n⚠️ Failed after retries: 0.`,
    );
    const settled = await redis.hgetall(`${prefix}bc:1:d`);
    for (let id = 1; id <= PEOPLE; id++) expect(settled[id], `participant ${id}`).toBe(blocked(id) ? "unreachable" : "sent");
    expect(tg.retryAfterIgnored).toBe(0);

    expect(await second.stop()).toBe(0);
  });
});
