import type { Transformer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Redis } from "ioredis";
import type { Participant } from "../src/domain/participant.js";

/** The bot's identity in benchmarks (skips getMe). */
export const BENCH_BOT_INFO: UserFromGetMe = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "Mission Bot",
  username: "mission_bench_bot",
  can_join_groups: true,
  can_manage_bots: false,
  supports_join_request_queries: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
};

/**
 * Answers every Bot API call in process, as Telegram would answer a successful one, so a benchmark
 * measures the bot and Redis, not HTTP. Counts calls.
 */
export function inProcessTelegram(): { transformer: Transformer; calls: () => number } {
  let calls = 0;
  let messageId = 1;
  const transformer: Transformer = (_prev, method, payload) => {
    calls += 1;
    const p = payload as Record<string, unknown>;
    const chatId = Number(p.chat_id ?? 0);
    const message = {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "U" },
      text: typeof p.text === "string" ? p.text : "",
    };
    const result = method.startsWith("send") || method.startsWith("edit") ? message : true;
    return Promise.resolve({ ok: true, result } as never);
  };
  return { transformer, calls: () => calls };
}

/** Counts the commands a Redis client sends (round trips; a pipeline counts each command). */
export function countRedisCommands(redis: Redis): () => number {
  let count = 0;
  const original = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<Redis["sendCommand"]>) => {
    count += 1;
    return original(...args);
  });
  return () => count;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(latencies: number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Closed loop: keep `concurrency` updates in flight until all are handled. */
export async function closedLoop(
  updates: Update[],
  concurrency: number,
  handle: (u: Update) => Promise<void>,
): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < updates.length) {
      const update = updates[next++];
      if (!update) break;
      const t0 = performance.now();
      await handle(update);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies };
}

/**
 * Open loop: offer updates at a fixed rate whatever the bot's speed; latency is measured from the moment
 * each update was due, so a stall is not hidden (no coordinated omission).
 */
export async function openLoop(
  updates: Update[],
  perSecond: number,
  handle: (u: Update) => Promise<void>,
): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  const interval = 1000 / perSecond;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < updates.length; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const update = updates[i];
    if (!update) continue;
    pending.push(handle(update).then(() => void latencies.push(performance.now() - due)));
  }
  await Promise.all(pending);
  return { seconds: (performance.now() - started) / 1000, latencies };
}

/** A registered participant as a mission has them: every fourth a host, the rest delegates; full profile. */
export function person(id: number, role: Participant["role"] = id % 4 === 0 ? "host" : "delegate"): Participant {
  const tags = ["metallurgy", "energy", "mining", "it", "logistics"];
  return {
    id,
    role,
    fullName: `Participant ${id}`,
    company: `Company ${id % 37}`,
    position: "Director",
    region: ["Калужская область", "Красноярский край", "Москва"][id % 3] ?? "Москва",
    tags: [tags[id % 5] ?? "it", tags[(id + 2) % 5] ?? "it"],
    offer: "Power electronics, lidar sensors and control systems for mining excavators",
    lookingFor: "Partners in mining, logistics and metallurgy",
    phone: `+7999${String(id).padStart(7, "0")}`,
    reachable: true,
    visible: true,
    registeredAt: "2026-12-01T08:00:00.000Z",
    consentAt: "2026-12-01T08:00:00.000Z",
  };
}
