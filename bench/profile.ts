/** `npx tsx bench/profile.ts` under `node --cpu-prof`: ours only, for finding where the time goes. */
import { randomUUID } from "node:crypto";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { loadMissionFile } from "../src/content/load-mission.js";
import { createLogger } from "../src/logger.js";
import { createRedis } from "../src/storage/redis.js";
import { BENCH_BOT_INFO, closedLoop, countRedisCommands, inProcessTelegram } from "./lib.js";
import { makeUpdates } from "./mix.js";

const silent = createLogger(process.env.BENCH_LOG ?? "silent");
const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const config = loadConfig({ BOT_TOKEN: "1:bench", REDIS_URL: url, REDIS_KEY_PREFIX: `mbbench:${randomUUID().slice(0, 8)}:`, LOG_LEVEL: "silent" });
const redis = createRedis(url, silent);
await redis.connect();
const redisCommands = countRedisCommands(redis);
const app = buildApp(config, { logger: silent, redis, mission: await loadMissionFile(config.missionFile) }, { botInfo: BENCH_BOT_INFO, apiTransformers: [inProcessTelegram().transformer] });
const r = await closedLoop(makeUpdates(Number(process.env.N ?? 30_000), 1_000), Number(process.env.C ?? 100), (u) => app.bot.handleUpdate(u));
const sorted = [...r.latencies].sort((a, b) => a - b);
console.log(`${Math.round(r.latencies.length / r.seconds)} updates/s, p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, ${(redisCommands() / r.latencies.length).toFixed(2)} redis cmds/update`);
const keys = await redis.keys(`${config.redisKeyPrefix}*`);
const sessions = keys.filter((k) => k.includes(":session:"));
const sizes = await Promise.all(sessions.map((k) => redis.strlen(k)));
console.log(`${sessions.length} sessions, mean ${Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length)} bytes, max ${Math.max(...sizes)}`);
if (keys.length) await redis.del(...keys);
redis.disconnect();
