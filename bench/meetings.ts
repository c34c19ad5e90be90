/**
 * `npm run bench:meetings`: the meetings paths that grow with a mission's size or bunch up at once.
 * - /people and its pages with 300 participants (in process, through the whole bot): latency and Redis
 *   commands per update;
 * - 100 delegates asking one host at the same moment, then the host answering them all while 100
 *   more requests arrive: how long, and whether every request and answer landed exactly once.
 * Not part of `npm test`. Prints a table.
 */
import { randomUUID } from "node:crypto";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { readMissionFile } from "../src/content/load-mission.js";
import { createLogger } from "../src/logger.js";
import { MeetingsService, type MeetingNotifier } from "../src/services/meetings.js";
import { createKeys } from "../src/storage/keys.js";
import { MeetingsRepo } from "../src/storage/meetings-repo.js";
import { ParticipantsRepo } from "../src/storage/participants-repo.js";
import { createRedis, type Redis } from "../src/storage/redis.js";
import { BENCH_BOT_INFO, countRedisCommands, inProcessTelegram, person, round, summarize } from "./lib.js";
import { callbackUpdate, textUpdate } from "./mix.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PARTICIPANTS = 300;
const silent = createLogger("silent");

async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
}

async function directory(): Promise<Record<string, number | string>[]> {
  const prefix = `mbbench:${randomUUID().slice(0, 8)}:`;
  const config = loadConfig({ BOT_TOKEN: "1:bench", REDIS_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: "silent" });
  const redis = createRedis(REDIS_URL, silent);
  await redis.connect();
  const participants = new ParticipantsRepo(redis, createKeys(prefix), silent);
  for (let i = 0; i < PARTICIPANTS; i++) await participants.save(person(10_000 + i, i % 4 === 0 ? "host" : "delegate"));
  const file = await readMissionFile(config.missionFile);
  const telegram = inProcessTelegram();
  const app = buildApp(config, { logger: silent, redis, mission: file.mission, missionSource: file.source }, { botInfo: BENCH_BOT_INFO, apiTransformers: [telegram.transformer] });
  await app.bot.init();
  const commands = countRedisCommands(redis);
  const rows: Record<string, number | string>[] = [];
  const cases = [
    { name: "/people (page 1 of 60)", make: (u: number) => textUpdate(u, "/people") },
    { name: "directory page, hosts + tag", make: (u: number) => callbackUpdate(u, `ppl:h:mining:-:${u % 10}`) },
    { name: "participant card", make: (u: number) => callbackUpdate(u, `pcard:${10_000 + ((u * 7) % PARTICIPANTS)}`) },
    { name: "Suggested for you", make: (u: number) => callbackUpdate(u, "psug") },
    { name: "/meetings (empty)", make: (u: number) => textUpdate(u, "/meetings") },
  ];
  for (const c of cases) {
    const latencies: number[] = [];
    const before = commands();
    const runs = 400;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await app.bot.handleUpdate(c.make(10_000 + (i % PARTICIPANTS)));
      latencies.push(performance.now() - started);
    }
    const s = summarize(latencies);
    rows.push({ case: c.name, p50_ms: round(s.p50), p95_ms: round(s.p95), redis_cmds: round((commands() - before) / runs) });
  }
  await dropPrefix(redis, prefix);
  redis.disconnect();
  return rows;
}

async function storm(): Promise<Record<string, number | string>[]> {
  const prefix = `mbbench:${randomUUID().slice(0, 8)}:`;
  const redis = createRedis(REDIS_URL, silent);
  await redis.connect();
  const keys = createKeys(prefix);
  const participants = new ParticipantsRepo(redis, keys, silent);
  const HOST = 1;
  await participants.save(person(HOST, "host"));
  for (let i = 0; i < 200; i++) await participants.save(person(100 + i, "delegate"));
  const notifier: MeetingNotifier = { send: () => Promise.resolve({ ok: true, messageId: 1 }), retract: () => Promise.resolve(true) };
  let conflicts = 0;
  // Counts the optimistic writes that had to be retried.
  class CountingRepo extends MeetingsRepo {
    override async create(...args: Parameters<MeetingsRepo["create"]>) {
      const result = await super.create(...args);
      if (result === "conflict") conflicts++;
      return result;
    }
    override async update(...args: Parameters<MeetingsRepo["update"]>) {
      const result = await super.update(...args);
      if (result === "conflict") conflicts++;
      return result;
    }
  }
  const counting = new CountingRepo(redis, keys, silent);
  const service = new MeetingsService({
    repo: counting,
    participants,
    notifier,
    settings: () => ({ slot_minutes: 20, max_pending_requests: 10, decline_cooldown_hours: 24, nudges: true, nudge_at: "19:00" }),
    slots: () => [],
    now: Date.now,
    logger: silent,
  });
  const rows: Record<string, number | string>[] = [];
  let started = performance.now();
  const asked = await Promise.all(Array.from({ length: 100 }, (_, i) => service.request({ from: 100 + i, to: HOST, slot: null, message: "Hello" })));
  rows.push({ case: "100 requests to one host at once", ms: round(performance.now() - started), landed: asked.filter((r) => r.ok).length, conflicts });
  conflicts = 0;
  started = performance.now();
  const ids = asked.flatMap((r) => (r.ok ? [r.request.id] : []));
  const [answers, more] = await Promise.all([
    Promise.all(ids.map((id, i) => service.act(HOST, id, i % 2 ? { type: "accept" } : { type: "decline" }))),
    Promise.all(Array.from({ length: 100 }, (_, i) => service.request({ from: 200 + i, to: HOST, slot: null, message: "Hello" }))),
  ]);
  rows.push({
    case: "100 answers while 100 more requests arrive",
    ms: round(performance.now() - started),
    landed: `${answers.filter((r) => r.ok).length} + ${more.filter((r) => r.ok).length}`,
    conflicts,
  });
  conflicts = 0;
  started = performance.now();
  const r = await service.request({ from: 150, to: 299, slot: null, message: "Hello" });
  if (!r.ok) throw new Error("request refused");
  const race = await Promise.all([
    ...Array.from({ length: 50 }, () => service.act(299, r.request.id, { type: "accept" })),
    ...Array.from({ length: 50 }, () => service.act(150, r.request.id, { type: "cancel", expect: "pending" })),
  ]);
  rows.push({ case: "50 accepts racing 50 withdrawals", ms: round(performance.now() - started), landed: race.filter((x) => x.ok).length, conflicts });
  await dropPrefix(redis, prefix);
  redis.disconnect();
  return rows;
}

console.table(await directory());
console.table(await storm());
