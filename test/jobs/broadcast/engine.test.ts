import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, inject, it } from "vitest";
import { Api } from "grammy";
import type { RateSettings } from "../../../src/domain/broadcast/rate.js";
import { loadMissionFile } from "../../../src/content/load-mission.js";
import { BroadcastEngine, type BroadcastPresenter } from "../../../src/jobs/broadcast/engine.js";
import { Pacer } from "../../../src/jobs/pacing/pacer.js";
import { createLogger } from "../../../src/logger.js";
import { BroadcastService, type AudienceMember } from "../../../src/services/broadcasts.js";
import { MissionService } from "../../../src/services/mission-service.js";
import { BroadcastsRepo } from "../../../src/storage/broadcasts-repo.js";
import { createKeys } from "../../../src/storage/keys.js";
import { SendSchedule } from "../../../src/storage/send-schedule.js";
import { createRedis, type Redis } from "../../../src/storage/redis.js";
import { FakeTelegram, sleep, type FakeTelegramOptions } from "../../fake-telegram/server.js";
import { missionFileWith } from "../../helpers/mission-file.js";
import { deleteKeysUnder } from "../../helpers/prefix.js";

const GROUP = -1009876543210;
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const presenter: BroadcastPresenter = {
  progress: (b) => ({ text: `sending ${b.counts.sent}/${b.counts.total}` }),
  finished: (b) => ({ text: `${b.status} ${b.counts.sent}/${b.counts.total}` }),
  report: (b) => `report #${b.id} ${JSON.stringify(b.counts)}`,
};

interface Rig {
  tg: FakeTelegram;
  redis: Redis;
  repo: BroadcastsRepo;
  engine: BroadcastEngine;
  service: BroadcastService;
  members: AudienceMember[];
  unreachable: [number, string][];
  prefix: string;
}
let rig: Rig | undefined;

async function startRig(rates: RateSettings, telegram: FakeTelegramOptions, options: { start?: boolean; prefix?: string } = {}): Promise<Rig> {
  const tg = await FakeTelegram.start(telegram);
  const prefix = options.prefix ?? `mbtest:${randomUUID().slice(0, 8)}:`;
  const keys = createKeys(prefix);
  const redisUrl = inject("redisUrl");
  const redis = createRedis(redisUrl, logger);
  await redis.connect();
  const repo = new BroadcastsRepo(redis, keys, logger);
  const members: AudienceMember[] = [];
  const unreachable: [number, string][] = [];
  const pacer = new Pacer({ token: tg.token, apiRoot: tg.apiRoot, schedule: new SendSchedule(redis, keys), rates: { ...rates, budgetPerSecond: 30 }, logger });
  const engine = new BroadcastEngine({
    redisUrl, keys, logger, token: tg.token, apiRoot: tg.apiRoot, rates, pacer, lockMs: 2_000, presenter,
    onUnreachable: (id, reason) => Promise.resolve(void unreachable.push([id, reason])),
  });
  const mission = new MissionService(await loadMissionFile(await missionFileWith({ group_chat_id: GROUP })));
  const service = new BroadcastService({
    repo, launcher: engine, mission,
    audience: { resolve: () => Promise.resolve([...members]), markUnreachable: () => Promise.resolve() },
  });
  if (options.start !== false) await engine.start();
  return (rig = { tg, redis, repo, engine, service, members, unreachable, prefix });
}

afterEach(async () => {
  if (!rig) return;
  await rig.engine.stop();
  await deleteKeysUnder(rig.redis, rig.prefix);
  rig.redis.disconnect();
  await rig.tg.stop();
  rig = undefined;
});

/** An organiser's chat with a summary message that becomes the progress line. */
async function organiser(r: Rig, chatId: number) {
  r.tg.started.add(chatId);
  const message = await new Api(r.tg.token, { apiRoot: r.tg.apiRoot }).sendMessage(chatId, "summary");
  return { userId: chatId, chatId, locale: "en" as const, progressMessageId: message.message_id };
}

async function finished(r: Rig, id: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const b = await r.repo.get(id);
    if (b?.reported) return b;
    if (Date.now() > deadline) throw new Error(`broadcast ${id} did not finish: ${JSON.stringify(b?.counts)}`);
    await sleep(20);
  }
}

const text = (html: string) => ({ kind: "text" as const, html });

describe("the broadcast engine", () => {
  it("paces two broadcasts to the same chats: a chat at a time per second, a group 20 a minute, never a 429", async () => {
    const r = await startRig({ perSecond: 25, perChatPerSecond: 1, timeScale: 10 }, { rateLimit: { globalPerSecond: 30, perChatPerSecond: 1, perChatBurst: 1, groupPerMinute: 20, timeScale: 10 } });
    for (const userId of [21, 22, 23, 24, 25]) {
      r.tg.started.add(userId);
      r.members.push({ userId, locale: userId % 2 === 0 ? "en" : "ru" });
    }
    const draft = (word: string) => ({ audience: { kind: "all" as const }, includeGroup: true, versions: { ru: text(`${word} ru`), en: text(`${word} en`) }, summary: word });
    const [org1, org2] = [await organiser(r, 901), await organiser(r, 902)];
    // The organisers read their previews a moment before pressing Send (their chats have a 1/s limit too).
    await sleep(150);
    const [a, b] = await Promise.all([r.service.start(draft("first"), org1), r.service.start(draft("second"), org2)]);
    await finished(r, a.id);
    await finished(r, b.id);

    for (const chat of [21, 22, 23, 24, 25]) {
      const suffix = chat % 2 === 0 ? "en" : "ru";
      expect(r.tg.messagesIn(chat).map((m) => m.text).sort()).toEqual([`first ${suffix}`, `second ${suffix}`]);
    }
    expect(r.tg.messagesIn(GROUP).map((m) => m.text).sort()).toEqual(["first ru", "second ru"]);
    expect(r.tg.tooManyRequests).toBe(0);
    // The summary became the final line; then the report.
    expect(r.tg.messagesIn(901).map((m) => m.text)).toEqual(["done 6/6", `report #${a.id} {"total":6,"sent":6,"unreachable":0,"failed":0,"cancelled":0,"blocked":0,"notStarted":0,"deactivated":0}`]);
  });

  it("retries Telegram's own errors with backoff, gives up after the attempts, does not retry a refusal, and reports a 403", async () => {
    const r = await startRig({ perSecond: 25, perChatPerSecond: 1, timeScale: 50 }, {});
    for (const userId of [31, 32, 33, 34, 35]) {
      r.tg.started.add(userId);
      r.members.push({ userId, locale: "ru" });
    }
    r.tg.failSends(31, 2, 502, "Bad Gateway");
    r.tg.failSends(32, 100, 500, "Internal Server Error");
    r.tg.failSends(33, 1, 400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0");
    r.tg.blocked.add(34);
    const b = await r.service.start({ audience: { kind: "all" }, includeGroup: false, versions: { ru: text("Сбор в 9:00") }, summary: "Сбор" }, await organiser(r, 903));
    const done = await finished(r, b.id);

    expect(done.counts).toEqual({ total: 5, sent: 2, unreachable: 1, failed: 2, cancelled: 0, blocked: 1, notStarted: 0, deactivated: 0 });
    const calls = (chat: number) => r.tg.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === chat).length;
    expect([31, 32, 33, 34, 35].map(calls)).toEqual([3, 5, 1, 1, 1]);
    expect(r.tg.messagesIn(31)).toHaveLength(1);
    expect(r.tg.messagesIn(35)).toHaveLength(1);
    expect(r.unreachable).toEqual([[34, "blocked"]]);
    expect(await r.redis.hgetall(`${r.prefix}bc:${b.id}:d`)).toEqual({ 31: "sent", 32: "failed", 33: "failed", 34: "unreachable", 35: "sent" });
  });

  it("on start, finishes a broadcast a dead process left: the one caught mid-send is sent again, nobody is skipped", async () => {
    const r = await startRig({ perSecond: 25, perChatPerSecond: 1, timeScale: 20 }, {}, { start: false });
    for (const userId of [41, 42, 43]) r.tg.started.add(userId);
    const org = await organiser(r, 904);
    const id = await r.repo.create(
      { audience: { kind: "all" }, versions: { en: text("Lunch") }, summary: "Lunch", createdBy: 904, chatId: 904, progressMessageId: org.progressMessageId, locale: "en", createdAt: Date.now() },
      [41, 42, 43].map((chatId) => ({ chatId, locale: "en" as const })),
    );
    // The dead process had sent to 41 and was sending to 42 when it died; no job made it to the queue.
    await r.repo.claim(id, 41);
    await r.repo.move(id, 41, "sent");
    await r.repo.claim(id, 42);
    await r.repo.markEnqueued(id);

    await r.engine.start();
    const done = await finished(r, id);
    expect(done.counts).toEqual({ total: 3, sent: 3, unreachable: 0, failed: 0, cancelled: 0, blocked: 0, notStarted: 0, deactivated: 0 });
    expect([41, 42, 43].map((c) => r.tg.messagesIn(c).length)).toEqual([0, 1, 1]);
    expect(await r.repo.openIds()).not.toContain(id);
  });

  it("finishes a broadcast whose organiser deleted the progress line and then blocked the bot", async () => {
    const r = await startRig({ perSecond: 25, perChatPerSecond: 1, timeScale: 50 }, {});
    for (const userId of [51, 52]) {
      r.tg.started.add(userId);
      r.members.push({ userId, locale: "en" });
    }
    const org = await organiser(r, 905);
    await new Api(r.tg.token, { apiRoot: r.tg.apiRoot }).deleteMessage(905, org.progressMessageId);
    r.tg.blocked.add(905);
    const b = await r.service.start({ audience: { kind: "all" }, includeGroup: false, versions: { en: text("Coach at 8") }, summary: "Coach" }, org);
    const done = await finished(r, b.id);
    expect(done).toMatchObject({ status: "done", counts: { total: 2, sent: 2 } });
    expect(done.finishedAt).toBeDefined();
    expect([51, 52].map((c) => r.tg.messagesIn(c).length)).toEqual([1, 1]);
    expect(r.tg.messagesIn(905).filter((m) => !m.deleted)).toEqual([]);
  });
});
