/**
 * `C=100 npx tsx bench/per-kind.ts [name…]`: the CPU cost of each kind of update in the mix, one kind at
 * a time (C in flight, 1 by default), beside a bare grammY bot with the same session store: the best of several batches, so
 * that a busy machine disturbs it less. Redis commands per update by name. For finding which kind of
 * update to work on; `npm run bench` gives the figures.
 */
import { randomUUID } from "node:crypto";
import { Bot, session, type Context, type SessionFlavor } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { loadMissionFile } from "../src/content/load-mission.js";
import { createLogger } from "../src/logger.js";
import { redisJsonStore } from "../src/storage/json-store.js";
import { createRedis } from "../src/storage/redis.js";
import { dropPrefix } from "./broadcast.js";
import { BENCH_BOT_INFO, closedLoop, inProcessTelegram } from "./lib.js";
import { MIX, seedParticipants, textUpdate, userOf, type MixEntry } from "./mix.js";
import { createKeys } from "../src/storage/keys.js";
import { ParticipantsRepo } from "../src/storage/participants-repo.js";

const silent = createLogger("silent");
const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `mbbench:${randomUUID().slice(0, 8)}:`;
const config = loadConfig({ BOT_TOKEN: "1:bench", REDIS_URL: url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: "silent" });
const redis = createRedis(url, silent);
await redis.connect();
const names = new Map<string, number>();
const original = redis.sendCommand.bind(redis);
redis.sendCommand = ((...args: Parameters<typeof redis.sendCommand>) => {
  const name = args[0].name;
  names.set(name, (names.get(name) ?? 0) + 1);
  return original(...args);
});
const telegram = inProcessTelegram();
const mission = await loadMissionFile(config.missionFile);
const app = buildApp(config, { logger: silent, redis, mission }, { botInfo: BENCH_BOT_INFO, apiTransformers: [telegram.transformer] });
const USERS = 1_000;
await seedParticipants(new ParticipantsRepo(redis, createKeys(prefix), silent), mission, USERS);

const bare = new Bot<Context & SessionFlavor<{ n: number }>>("1:bench", { botInfo: BENCH_BOT_INFO });
bare.use(session({ initial: () => ({ n: 0 }), prefix: `${prefix}bare:`, storage: redisJsonStore(redis, z.object({ n: z.number() }), silent, "session", 3600) }));
bare.on("message", (ctx) => ctx.reply("ok"));
bare.on("callback_query", (ctx) => ctx.answerCallbackQuery("ok"));
bare.api.config.use(inProcessTelegram().transformer);

const N = Number(process.env.N ?? 300);
const BATCHES = Number(process.env.BATCHES ?? 5);
const CONCURRENCY = Number(process.env.C ?? 1);
const only = process.argv.slice(2);

/** Best CPU µs per update over several batches, CONCURRENCY in flight (1 by default). */
async function cost(entry: MixEntry, handle: (u: Update) => Promise<void>): Promise<number> {
  const batch = () => Array.from({ length: N }, (_, i) => entry.make(userOf(entry, USERS, i)));
  await closedLoop(batch(), CONCURRENCY, handle);
  let best = Infinity;
  for (let b = 0; b < BATCHES; b++) {
    const updates = batch();
    const cpu = process.cpuUsage();
    await closedLoop(updates, CONCURRENCY, handle);
    const used = process.cpuUsage(cpu);
    best = Math.min(best, (used.user + used.system) / N);
  }
  return best;
}

const handleBare = (u: Update) => bare.handleUpdate(u);
const handleOurs = (u: Update) => app.bot.handleUpdate(u);
// Bare twice: its first run also warms up what both share (ioredis, grammY).
const today: MixEntry = { name: "/today", weight: 1, make: (u) => textUpdate(u, "/today") };
await cost(today, handleBare);
const bareCost = await cost(today, handleBare);
console.log(`bare grammY + session      cpu ${bareCost.toFixed(0).padStart(5)} µs`);
let weighted = 0;
let weights = 0;
for (const entry of MIX) {
  if (only.length > 0 && !only.some((o) => entry.name.includes(o))) continue;
  names.clear();
  const ours = await cost(entry, handleOurs);
  // The warm-up batch is counted too.
  const per = N * (BATCHES + 1);
  const commands = [...names].map(([k, v]) => `${k}:${(v / per).toFixed(2)}`).join(" ");
  weighted += ours * entry.weight;
  weights += entry.weight;
  console.log(`${entry.name.padEnd(28)} cpu ${ours.toFixed(0).padStart(5)} µs  ×bare ${(ours / bareCost).toFixed(1).padStart(5)}  redis ${commands}`);
}
console.log(`weighted mix: ${(weighted / weights).toFixed(0)} µs per update = ${(bareCost / (weighted / weights)).toFixed(2)} of bare's throughput`);
await dropPrefix(redis, prefix);
redis.disconnect();
