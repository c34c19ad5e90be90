/**
 * `BENCH_SECTIONS=outcomes`: "did you meet?" for 5,000 meetings whose slots ended at the same minute, both
 * sides of each, through the real bot against the fake Telegram enforcing its limits on a clock ×10 (and
 * for fewer on the real clock); then what an outcome costs in Redis, asked and answered in full. Every key
 * is removed afterwards.
 */
import type { Redis } from "ioredis";
import { newRequest, transition } from "../src/domain/meetings/request.js";
import type { Question, SideOutcome } from "../src/domain/outcomes/outcome.js";
import { DAY_MS } from "../src/domain/outcomes/outcome.js";
import { createLogger } from "../src/logger.js";
import { createKeys } from "../src/storage/keys.js";
import { MeetingsRepo } from "../src/storage/meetings-repo.js";
import { OutcomesRepo } from "../src/storage/outcomes-repo.js";
import { sleep } from "../test/fake-telegram/server.js";
import { keysUnder } from "../test/helpers/prefix.js";
import { missionOnFakeTelegram } from "./broadcast.js";
import { round } from "./lib.js";

const silent = createLogger("silent");
const QUESTION = /^🤝 (Did you meet|Встреча с )/;

export interface OutcomesBenchResult {
  meetings: number;
  /** Two per meeting: each side is asked. */
  questions: number;
  timeScale: number;
  /** Telegram's global limit the fake enforces, per (scaled) second; the bot is set to all of it. */
  allowedPerSecond: number;
  /** From the bot's start (which sweeps the schedule) until every question was in the queue. */
  queuedSeconds: number;
  /** From the bot's start to the first question, and first to last, real seconds. */
  toFirstSendSeconds: number;
  sendingSeconds: number;
  /** Questions a Telegram second between the first and the last, ÷ allowed. */
  steadyRatio: number;
  maxPerSecond: number;
  secondsOver: number;
  tooManyRequests: number;
  retryAfterViolations: number;
  duplicates: number;
  lost: number;
  /** MEMORY USAGE of one side's record with its entry in the user's index: right after the question; answered in full. */
  bytesPerSideAsked: number;
  bytesPerSideAnswered: number;
  /** One question on the schedule (the sorted set's growth per entry). */
  bytesPerScheduled: number;
  /** A meeting both sides answered in full, with both follow-ups of each still scheduled. */
  bytesPerMeeting: number;
}

async function memory(redis: Redis, keys: readonly string[]): Promise<number> {
  let total = 0;
  for (let i = 0; i < keys.length; i += 1000) {
    const pipeline = redis.pipeline();
    for (const key of keys.slice(i, i + 1000)) pipeline.call("MEMORY", "USAGE", key, "SAMPLES", "0");
    for (const [err, value] of (await pipeline.exec()) ?? []) if (!err) total += Number(value ?? 0);
  }
  return total;
}

/** Records and user indexes of outcomes under the prefix. */
async function outcomeBytes(redis: Redis, prefix: string): Promise<{ bytes: number; records: number }> {
  const records = await keysUnder(redis, `${prefix}outcome:`);
  const indexes = await keysUnder(redis, `${prefix}outcomes:user:`);
  return { bytes: await memory(redis, [...records, ...indexes]), records: records.length };
}

/** Every side's record, once the bot has noted its question as sent. */
async function allAsked(repo: OutcomesRepo, sides: readonly { meetingId: string; userId: number }[], deadline: number): Promise<Map<string, SideOutcome>> {
  for (;;) {
    const found = await repo.getMany(sides);
    if ([...found.values()].filter((o) => o.asks === 1).length === sides.length) return found;
    if (performance.now() > deadline) throw new Error("the questions were not all noted as sent");
    await sleep(200);
  }
}

/**
 * Each side answered in full: met, an agreement with a 200-character note in Cyrillic and a month, both
 * follow-ups asked and answered; their follow-ups put on the schedule as an answer does.
 */
async function answerEverything(repo: OutcomesRepo, asked: Map<string, SideOutcome>): Promise<void> {
  const note = "Договорились о пробной поставке систем управления для двух экскаваторов в I квартале; техзадание до 20 января, затем визит на разрез и коммерческое предложение с графиком поставок.".padEnd(200, ".");
  await Promise.all(
    [...asked.values()].map(async (o) => {
      const previous = await repo.get(o.meetingId, o.userId);
      const agreedAt = (o.askedAt ?? 0) + 60_000;
      const answered: SideOutcome = {
        ...o,
        rev: 6,
        met: "yes",
        metAt: agreedAt - 30_000,
        result: { kind: "agreement", type: "supply" },
        note,
        byWhen: "2027-03",
        agreedAt,
        followUpsAsked: [
          { days: 30, at: agreedAt + 30 * DAY_MS },
          { days: 90, at: agreedAt + 90 * DAY_MS },
        ],
        progress: [
          { at: agreedAt + 30 * DAY_MS + 3_600_000, state: "in-progress", days: 30 },
          { at: agreedAt + 90 * DAY_MS + 3_600_000, state: "done", days: 90 },
        ],
        updatedAt: agreedAt + 90 * DAY_MS + 3_600_000,
      };
      const followUps: Question[] = [30, 90].map((days) => ({ kind: "follow-up", days, at: agreedAt + days * DAY_MS, meetingId: o.meetingId, userId: o.userId }));
      if ((await repo.commit(previous, answered, followUps)) !== "ok") throw new Error("answer conflicted");
    }),
  );
}

export async function outcomesBench(redisUrl: string, meetings: number, timeScale: number): Promise<OutcomesBenchResult> {
  const allowed = 30;
  const people = meetings * 2;
  const mission = await missionOnFakeTelegram(redisUrl, { recipients: people, timeScale, globalPerSecond: allowed, botPerSecond: allowed });
  const { tg, redis, app, prefix } = mission;
  const keys = createKeys(prefix);
  const repo = new OutcomesRepo(redis, keys, silent);
  try {
    // Meetings between participant i (a delegate) and i + meetings (a host), all agreed the day before,
    // all with slots that ended at the same minute half an hour ago (ask_after_minutes: 30 in the sample).
    const end = Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000;
    const meetingsRepo = new MeetingsRepo(redis, keys, silent);
    const sides: { meetingId: string; userId: number }[] = [];
    for (let from = 1; from <= meetings; from += 500) {
      const batch = Array.from({ length: Math.min(500, meetings - from + 1) }, (_, i) => from + i);
      await Promise.all(
        batch.map(async (delegate) => {
          const host = delegate + meetings;
          const id = `bench${String(delegate).padStart(7, "0")}`;
          const request = newRequest({ id, from: delegate, to: host, slot: { start: end - 20 * 60_000, end }, message: "Обсудим поставки?", now: end - 2 * DAY_MS, delivered: true });
          const agreed = transition(request, host, { type: "accept" }, end - DAY_MS);
          if (!agreed.ok) throw new Error(agreed.reason);
          if ((await meetingsRepo.create(agreed.request, agreed.request.updatedAt)) !== "ok") throw new Error("meeting not stored");
          sides.push({ meetingId: id, userId: delegate }, { meetingId: id, userId: host });
        }),
      );
    }
    // As an accept puts them on the schedule (OutcomeService.calendar).
    for (let i = 0; i < sides.length; i += 1000) {
      await repo.schedule(sides.slice(i, i + 1000).map((s) => ({ kind: "ask" as const, n: 0, at: end + 30 * 60_000, ...s })));
    }
    const dueBytes = await memory(redis, [keys.outcomesDue]);

    const t0 = performance.now();
    await app.start();
    let queuedAt: number | undefined;
    const deadline = t0 + 600_000;
    const pending = new Set(Array.from({ length: people }, (_, i) => i + 1));
    while (pending.size > 0) {
      if (performance.now() > deadline) throw new Error(`the questions did not all arrive in 10 minutes (${pending.size} missing)`);
      if (queuedAt === undefined && (await repo.scheduled()) === 0) queuedAt = performance.now();
      for (const id of pending) if (tg.messagesIn(id).some((m) => QUESTION.test(m.text))) pending.delete(id);
      // Not too often: the bench, the bot and the fake Telegram share one event loop.
      await sleep(500);
    }
    queuedAt ??= performance.now();
    // Nothing more comes: every job is done, and a second would show.
    await sleep(2_000);

    let duplicates = 0;
    let lost = 0;
    for (let id = 1; id <= people; id++) {
      const got = tg.messagesIn(id).filter((m) => QUESTION.test(m.text)).length;
      if (got > 1) duplicates += 1;
      if (got < 1) lost += 1;
    }
    const sends = tg.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) >= 1 && Number(c.params.chat_id) <= people);
    const firstAt = sends[0]?.at ?? 0;
    const lastAt = sends.at(-1)?.at ?? firstAt;
    const sendingSeconds = (lastAt - firstAt) / 1000;
    const steady = sendingSeconds > 0 ? (sends.length - 1) / (sendingSeconds * timeScale) : 0;
    const perSecond = [...tg.sendsPerSecond().values()];

    // Redis: each side's record as the question left it, then answered in full.
    const asked = await allAsked(repo, sides, performance.now() + 60_000);
    const afterAsk = await outcomeBytes(redis, prefix);
    await answerEverything(repo, asked);
    const afterAnswers = await outcomeBytes(redis, prefix);
    const scheduled = await repo.scheduled();
    const followUpBytes = await memory(redis, [keys.outcomesDue]);
    const perScheduled = scheduled > 0 ? followUpBytes / scheduled : dueBytes / sides.length;
    return {
      meetings,
      questions: people,
      timeScale,
      allowedPerSecond: allowed,
      queuedSeconds: round((queuedAt - t0) / 1000, 1),
      toFirstSendSeconds: round((firstAt - (performance.timeOrigin + t0)) / 1000, 1),
      sendingSeconds: round(sendingSeconds, 1),
      steadyRatio: round(steady / allowed),
      maxPerSecond: Math.max(...perSecond),
      secondsOver: perSecond.filter((n) => n > allowed).length,
      tooManyRequests: sends.filter((c) => c.status === 429).length,
      retryAfterViolations: tg.retryAfterViolations,
      duplicates,
      lost,
      bytesPerSideAsked: Math.round(afterAsk.bytes / afterAsk.records),
      bytesPerSideAnswered: Math.round(afterAnswers.bytes / afterAnswers.records),
      bytesPerScheduled: Math.round(perScheduled),
      bytesPerMeeting: Math.round((2 * afterAnswers.bytes) / afterAnswers.records + 4 * perScheduled),
    };
  } finally {
    await mission.stop();
  }
}
