/**
 * The bot as `src/main.ts` runs it, with the test audience (tests/helpers/redis-audience.ts) standing in
 * for the participants repository. For tests that run the bot in a child process, e.g. to kill -9 it:
 * `tsx test/helpers/bot-process.ts` with the usual environment; prints READY once it takes updates.
 */
import { buildApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { loadMissionFile } from "../../src/content/load-mission.js";
import { createLogger } from "../../src/logger.js";
import { createRedis } from "../../src/storage/redis.js";
import { RedisAudience } from "./redis-audience.js";

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const redis = createRedis(config.redisUrl, logger);
await redis.connect();
const mission = await loadMissionFile(config.missionFile);
const app = buildApp(config, { logger, redis, mission }, { audience: new RedisAudience(redis, config.redisKeyPrefix) });
process.once("SIGTERM", () => {
  void app.stop().then(() => {
    redis.disconnect();
    process.exit(0);
  });
});
await app.start();
process.stdout.write("READY\n");
