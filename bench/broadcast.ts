import { randomUUID } from "node:crypto";
import { buildApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { loadMissionFile } from "../src/content/load-mission.js";
import { createLogger } from "../src/logger.js";
import { createRedis, type Redis } from "../src/storage/redis.js";
import { FakeTelegram, sleep } from "../test/fake-telegram/server.js";
import { previewBroadcast } from "../test/helpers/broadcast-flow.js";
import { People, type Person } from "../test/helpers/people.js";
import { keysUnder } from "../test/helpers/prefix.js";
import { openQueue } from "../test/helpers/queues.js";
import { round } from "./lib.js";

// BENCH_LOG=warn shows what the bot logs during the broadcast.
const silent = createLogger(process.env.BENCH_LOG ?? "silent");
const NOTICE = "📝 The programme has changed: the opening moved to the main hall.";
// The opening, 09:30 Krasnoyarsk time on the first day; it has a venue, so each reminder brings a pin.
const OPENING_AT = Date.parse("2026-12-10T02:30:00Z");

export interface BroadcastResult {
  recipients: number;
  blocked: number;
  timeScale: number;
  /** Telegram's global limit the fake enforces, in messages per (scaled) second; `ratio` is against it. */
  allowedPerSecond: number;
  /** BROADCAST_RATE_PER_SECOND the bot runs with: here all of Telegram's 30 (the app's default is 25, leaving room for replies). */
  configuredPerSecond: number;
  achievedPerSecond: number;
  ratio: number;
  /** 429s answered to the broadcast's sends; and to the organiser's own chat (the preview, waited out). */
  tooManyRequests: number;
  organiserTooMany: number;
  retryAfterViolations: number;
  duplicates: number;
  lost: number;
  seconds: number;
  /** Where the time went, in real seconds: /broadcast to the preview; Send to the first delivery; first to last delivery. */
  previewSeconds: number;
  toFirstSendSeconds: number;
  sendingSeconds: number;
  /** The rate between the first and the last delivery attempt, in Telegram seconds, ÷ allowed. */
  steadyRatio: number;
  /** Programme-change notices sent to everyone, and reminders (each with its venue pin), at the same time. */
  notices: number;
  reminders: number;
  /** Every bulk send (broadcast, notices, reminders, pins) between the first and the last, ÷ allowed. */
  sharedRatio: number;
  /** The most sends of all kinds Telegram saw in one of its seconds, and in how many seconds it saw more than it allows. */
  maxPerSecond: number;
  secondsOver: number;
}

export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await keysUnder(redis, prefix);
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
}

/**
 * 3. A broadcast to `recipients` participants (2% blocked) through the organiser's own /broadcast flow,
 * against the fake Telegram enforcing 30 msg/s globally and 1 msg/s per chat, on a clock `timeScale`
 * times faster so it runs in well under a minute.
 */
export async function broadcastBench(redisUrl: string, recipients: number, timeScale: number, shared: { notices: number; reminders: number } = { notices: 0, reminders: 0 }): Promise<BroadcastResult> {
  const allowed = 30;
  const blocked = (id: number) => id % 50 === 0;
  const mission = await missionOnFakeTelegram(redisUrl, { recipients, timeScale, globalPerSecond: allowed, botPerSecond: allowed, blocked });
  const { tg, redis, app, prefix } = mission;
  try {
    await app.start();
    const org = tg.user(ORGANISER, { language_code: "en" });
    const p0 = performance.now();
    await previewBroadcast(org, "The bus to Zheleznogorsk leaves at 15:00 from the main entrance.", "Автобус в Железногорск отправляется в 15:00 от главного входа.", 60_000);
    const t0 = performance.now();
    const previewSeconds = (t0 - p0) / 1000;
    void org.press("✅ Send");
    // A programme change published and reminders falling due while the announcement goes out: what
    // ProgrammePublisher and ReminderService put on their queues, at the same moment.
    const reached = (id: number) => !blocked(id);
    const noticeTo = Array.from({ length: shared.notices }, (_, i) => i + 1).filter(reached);
    const remindTo = Array.from({ length: shared.reminders }, (_, i) => recipients - i).filter(reached);
    const noticeQueue = await openQueue({ prefix }, "notices", redisUrl);
    const reminderQueue = await openQueue({ prefix }, "reminders", redisUrl);
    for (const id of remindTo) await redis.sadd(`${prefix}agenda:saved:${id}`, "d1-opening");
    await noticeQueue.queue.addBulk(noticeTo.map((userId) => ({ name: "notices", data: { userId, html: NOTICE }, opts: { jobId: `notice-bench-${userId}` } })));
    await reminderQueue.queue.addBulk(
      remindTo.map((userId) => ({ name: "reminders", data: { userId, key: "item-d1-opening", startsAt: OPENING_AT }, opts: { jobId: `reminder-bench-${userId}` } })),
    );
    const deadline = t0 + 300_000;
    const expected = (id: number) => (id <= shared.notices ? 1 : 0) + (id > recipients - shared.reminders ? 2 : 0) + 1;
    while (!org.messages.some((m) => /has gone out/.test(m.text)) || noticeTo.some((id) => tg.messagesIn(id).length < expected(id)) || remindTo.some((id) => tg.messagesIn(id).length < expected(id))) {
      if (performance.now() > deadline) throw new Error("the bulk sends did not finish in 5 minutes");
      await sleep(50);
    }
    const seconds = (performance.now() - t0) / 1000;
    await Promise.all([noticeQueue.close(), reminderQueue.close()]);

    let duplicates = 0;
    let lost = 0;
    for (let id = 1; id <= recipients; id++) {
      const got = tg.messagesIn(id).length;
      if (got > expected(id)) duplicates += 1;
      if (got < expected(id) && !blocked(id)) lost += 1;
    }
    // Rate in Telegram's (scaled) seconds: every attempt counts against the limit, delivered or refused.
    const sends = tg.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) <= recipients && Number(c.params.chat_id) > 0);
    const attempts = sends.length;
    const achieved = attempts / (seconds * timeScale);
    // ApiCall.at is Date.now(); performance.timeOrigin turns t0 into the same clock.
    const sendT0 = performance.timeOrigin + t0;
    const firstAt = sends[0]?.at ?? sendT0;
    const lastAt = sends.at(-1)?.at ?? firstAt;
    const sendingSeconds = (lastAt - firstAt) / 1000;
    const steady = sendingSeconds > 0 ? (attempts - 1) / (sendingSeconds * timeScale) : 0;
    const bulk = tg.calls.filter((c) => ["sendMessage", "sendVenue"].includes(c.method) && Number(c.params.chat_id) > 0 && Number(c.params.chat_id) <= recipients);
    const bulkSpan = ((bulk.at(-1)?.at ?? 0) - (bulk[0]?.at ?? 0)) / 1000;
    const shareRate = bulkSpan > 0 ? (bulk.length - 1) / (bulkSpan * timeScale) : 0;
    return {
      recipients,
      blocked: Math.floor(recipients / 50),
      timeScale,
      allowedPerSecond: allowed,
      configuredPerSecond: allowed,
      achievedPerSecond: round(achieved),
      ratio: round(achieved / allowed),
      tooManyRequests: sends.filter((c) => c.status === 429).length,
      organiserTooMany: tg.calls.filter((c) => Number(c.params.chat_id) === ORGANISER && c.status === 429).length,
      retryAfterViolations: tg.retryAfterViolations,
      duplicates,
      lost,
      seconds: round(seconds, 1),
      previewSeconds: round(previewSeconds, 1),
      toFirstSendSeconds: round((firstAt - sendT0) / 1000, 1),
      sendingSeconds: round(sendingSeconds, 1),
      steadyRatio: round(steady / allowed),
      notices: noticeTo.length,
      reminders: remindTo.length,
      sharedRatio: round(shareRate / allowed),
      maxPerSecond: Math.max(...tg.sendsPerSecond().values()),
      secondsOver: [...tg.sendsPerSecond().values()].filter((n) => n > allowed).length,
    };
  } finally {
    await mission.stop();
  }
}

export const ORGANISER = 99_000_001;

export interface MissionOnFakeTelegram {
  tg: FakeTelegram;
  redis: Redis;
  app: App;
  prefix: string;
  /** Stops the bot and the fake, and removes every key it wrote. */
  stop(): Promise<void>;
}

/**
 * The bot (not started yet) against a fake Telegram that enforces `globalPerSecond` across chats and one
 * a second per chat, on a clock `timeScale` times faster, with `recipients` participants (ids 1…,
 * Russian and English in turn) who have all opened the bot; `blocked` of them have blocked it since.
 */
export async function missionOnFakeTelegram(
  redisUrl: string,
  options: { recipients: number; timeScale: number; globalPerSecond: number; botPerSecond: number; blocked?: (id: number) => boolean },
): Promise<MissionOnFakeTelegram> {
  const { recipients, timeScale, globalPerSecond, botPerSecond, blocked = () => false } = options;
  const tg = await FakeTelegram.start({ rateLimit: { globalPerSecond, perChatPerSecond: 1, perChatBurst: 4, timeScale } });
  const prefix = `mbbench:${randomUUID().slice(0, 8)}:`;
  const config = loadConfig({
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    ORGANISER_IDS: String(ORGANISER),
    TELEGRAM_TIME_SCALE: String(timeScale),
    BROADCAST_RATE_PER_SECOND: String(botPerSecond),
    LOG_LEVEL: "silent",
  });
  const redis = createRedis(redisUrl, silent);
  await redis.connect();
  const app = buildApp(config, { logger: silent, redis, mission: await loadMissionFile(config.missionFile) });
  const people = new People(redis, prefix);
  for (let from = 1; from <= recipients; from += 500) {
    const batch: Person[] = [];
    for (let id = from; id < Math.min(from + 500, recipients + 1); id++) batch.push({ id, locale: id % 2 ? "ru" : "en", tags: ["metallurgy", "energy"] });
    await Promise.all(batch.map((p) => people.add(p)));
  }
  for (let id = 1; id <= recipients; id++) {
    tg.started.add(id);
    if (blocked(id)) tg.blocked.add(id);
  }
  return {
    tg,
    redis,
    app,
    prefix,
    async stop() {
      await app.stop();
      await dropPrefix(redis, prefix);
      redis.disconnect();
      await tg.stop();
    },
  };
}
