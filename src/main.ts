import { buildApp, LOCALES_DIR } from "./app.js";
import { createI18n, translator } from "./bot/i18n.js";
import { missionProblemLine } from "./bot/mission-problems.js";
import { ConfigError, loadConfig } from "./config.js";
import { readMissionFile, MissionFileError } from "./content/load-mission.js";
import { createLogger } from "./logger.js";
import { TelegramRefused } from "./bot/telegram-connection.js";
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
    // The operator reads the problems in the words an English-speaking organiser gets from the bot.
    const t = translator(createI18n(LOCALES_DIR), "en");
    const detail = err instanceof MissionFileError ? err.problems.map((p) => `  - ${missionProblemLine(t, p, (text) => text)}`).join("\n") : String(err);
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

  let stopping = false;
  const shutdown = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ why }, "stopping: finishing updates in flight");
    await app.stop();
    await redis.quit();
    logger.info("stopped");
    await exit(code);
  };
  const app = buildApp(
    config,
    { logger, redis, mission: file.mission, missionSource: file.source },
    {
      onFatal: (message) => {
        logger.fatal(message);
        void shutdown("telegram", 1);
      },
    },
  );
  // `on`, not `once`: under `npm start` a Ctrl+C or a stop reaches the bot twice (from the terminal or
  // systemd to the process group, and from npm passing it on); a second one must not cut the stop short.
  process.on("SIGINT", () => void shutdown("SIGINT", 0));
  process.on("SIGTERM", () => void shutdown("SIGTERM", 0));

  try {
    await app.start();
  } catch (err) {
    if (!(err instanceof TelegramRefused)) throw err;
    // One line that says what to do; nothing was started that needs stopping but Redis.
    logger.fatal(err.message);
    await redis.quit();
    return exit(1);
  }
}

main().catch(async (err: unknown) => {
  process.stderr.write(`mission-bot failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  await exit(1);
});
