/** `npx tsx bench/profile.ts` under `node --cpu-prof`: ours only, for finding where the time goes. */
import { randomUUID } from "node:crypto";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { loadMissionFile } from "../src/content/load-mission.js";
import { createLogger } from "../src/logger.js";
import { createRedis } from "../src/storage/redis.js";
import { BENCH_BOT_INFO, closedLoop, inProcessTelegram } from "./lib.js";
import { makeUpdates } from "./mix.js";

const silent = createLogger("silent");
const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const config = loadConfig({ BOT_TOKEN: "1:bench", REDIS_URL: url, REDIS_KEY_PREFIX: `mbbench:${randomUUID().slice(0, 8)}:`, LOG_LEVEL: "silent" });
const redis = createRedis(url, silent);
await redis.connect();
const app = buildApp(config, { logger: silent, redis, mission: await loadMissionFile(config.missionFile) }, { botInfo: BENCH_BOT_INFO });
app.bot.api.config.use(inProcessTelegram().transformer);
const r = await closedLoop(makeUpdates(Number(process.env.N ?? 30_000), 1_000), 100, (u) => app.bot.handleUpdate(u));
console.log(`${Math.round(r.latencies.length / r.seconds)} updates/s`);
const keys = await redis.keys(`${config.redisKeyPrefix}*`);
if (keys.length) await redis.del(...keys);
redis.disconnect();
