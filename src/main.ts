import { buildApp } from "./app.js";
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
    const detail = err instanceof MissionFileError ? err.message : String(err);
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
  // `on`, not `once`: under `npm start` a Ctrl+C or a stop reaches the bot twice (from the terminal or
  // systemd to the process group, and from npm passing it on); a second one must not cut the stop short.
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.start();
}

main().catch((err: unknown) => {
  process.stderr.write(`mission-bot failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
