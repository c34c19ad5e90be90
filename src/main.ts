import { buildApp, LOCALES_DIR } from "./app.js";
import { createI18n, translator } from "./bot/i18n.js";
import { missionProblemLine } from "./bot/mission-problems.js";
import { ConfigError, loadConfig } from "./config.js";
import { readMissionFile, MissionFileError } from "./content/load-mission.js";
import { createLogger } from "./logger.js";
import { createRedis } from "./storage/redis.js";

/** Composition root: config → logger → Redis → app; nothing else in the tree does work on import. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example and README.md for every variable.\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let file;
  try {
    file = await readMissionFile(config.missionFile);
  } catch (err) {
    // The operator reads the problems in the words an English-speaking organiser gets from the bot.
    const t = translator(createI18n(LOCALES_DIR), "en");
    const detail = err instanceof MissionFileError ? err.problems.map((p) => `  - ${missionProblemLine(t, p, (text) => text)}`).join("\n") : String(err);
    process.stderr.write(`Cannot load MISSION_FILE ${config.missionFile}:\n${detail}\n`);
    process.exit(1);
  }
  const redis = createRedis(config.redisUrl, logger);
  try {
    await redis.connect();
  } catch (err) {
    logger.fatal({ err, redisUrl: config.redisUrl }, "cannot reach Redis at REDIS_URL; is redis-server running?");
    process.exit(1);
  }
  const app = buildApp(config, { logger, redis, mission: file.mission, missionSource: file.source });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing updates in flight");
    await app.stop();
    await redis.quit();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await app.start();
}

main().catch((err: unknown) => {
  process.stderr.write(`mission-bot failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
