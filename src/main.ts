import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { readMissionFile, MissionFileError } from "./content/load-mission.js";
import { createLogger } from "./logger.js";
import { ensureLocalRedis, LocalRedisError, type LocalRedis } from "./storage/local-redis.js";
import { createRedis } from "./storage/redis.js";

// A redis-server this process started; stopped on every way out, so that it does not outlive the bot.
let localRedis: LocalRedis | undefined;

async function exit(code: number): Promise<never> {
  await localRedis?.stop();
  process.exit(code);
}

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
  if (config.localRedis) {
    // No REDIS_URL: the first run on a machine with Redis installed but not running needs nothing else.
    try {
      localRedis = await ensureLocalRedis(config.localRedis);
    } catch (err) {
      if (!(err instanceof LocalRedisError)) throw err;
      logger.fatal(err.message);
      process.exit(1);
    }
    if (localRedis) {
      const { url, dir, pid } = localRedis;
      logger.info({ redisUrl: url, dir, pid }, `nothing answered at ${url} and REDIS_URL is not set: started redis-server (from PATH) there, keeping its data in ${dir}`);
    }
  }
  const redis = createRedis(config.redisUrl, logger);
  try {
    await redis.connect();
  } catch (err) {
    logger.fatal({ err, redisUrl: config.redisUrl }, config.localRedis ? `cannot reach Redis at ${config.redisUrl}` : "cannot reach Redis at REDIS_URL; is redis-server running?");
    return exit(1);
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
    await exit(0);
  };
  // `on`, not `once`: under `npm start` a Ctrl+C or a stop reaches the bot twice (from the terminal or
  // systemd to the process group, and from npm passing it on); a second one must not cut the stop short.
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.start();
}

main().catch(async (err: unknown) => {
  process.stderr.write(`mission-bot failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  await exit(1);
});
