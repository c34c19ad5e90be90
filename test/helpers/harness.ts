import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { buildApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { readMissionFile } from "../../src/content/load-mission.js";
import { createLogger } from "../../src/logger.js";
import { createRedis, type Redis } from "../../src/storage/redis.js";
import { keysUnder } from "./prefix.js";
import { FakeTelegram, type FakeTelegramOptions } from "../fake-telegram/server.js";

export interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

export interface Harness {
  tg: FakeTelegram;
  /** Every log line the bot wrote (pino JSON), for asserting that nothing went unhandled. */
  logs: LogLine[];
  /** Log lines at error level or above. */
  errors(): LogLine[];
  /** The running app (a new one after `restart()`). */
  readonly app: App;
  redis: Redis;
  prefix: string;
  /** Every Redis key this bot wrote, with its prefix. */
  keys(): Promise<string[]>;
  /** Stops the app and starts a new one on the same Redis prefix and fake Telegram (a process restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  redisUrl?: string;
  telegram?: FakeTelegramOptions;
  tg?: FakeTelegram;
  /** The bot's clock (ms since epoch); real time when absent. */
  clock?: () => number;
  /** How often the bot looks for unanswered meeting requests (its default is 10 minutes). */
  digestEveryMs?: number;
}

/**
 * Starts the real bot (the same buildApp as src/main.ts, long polling through the runner) against a
 * fake Telegram and a real Redis, under a key prefix of its own.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const tg = options.tg ?? (await FakeTelegram.start(options.telegram));
  const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
  const redisUrl = options.redisUrl ?? inject("redisUrl");
  const config = loadConfig({
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const logs: LogLine[] = [];
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "warn", {
    write: (line: string) => {
      logs.push(JSON.parse(line) as LogLine);
      if (process.env.TEST_LOG_LEVEL) process.stderr.write(line);
    },
  });
  const redis = createRedis(config.redisUrl, logger);
  await redis.connect();
  const file = await readMissionFile(config.missionFile);
  const build = () =>
    buildApp(config, { logger, redis, mission: file.mission, missionSource: file.source }, {
      ...(options.clock ? { now: options.clock } : {}),
      ...(options.digestEveryMs ? { digestEveryMs: options.digestEveryMs } : {}),
    });
  let app = build();
  // A user's action resolves only once the bot has finished with it (see FakeTelegram.busy).
  tg.busy = () => app.updatesInFlight() > 0;
  await app.start();
  const keys = () => keysUnder(redis, prefix);
  return {
    tg,
    logs,
    errors: () => logs.filter((l) => l.level >= 50),
    get app() {
      return app;
    },
    redis,
    prefix,
    keys,
    async restart() {
      await app.stop();
      app = build();
      await app.start();
    },
    async stop() {
      await app.stop();
      if (redis.status === "ready") {
        const all = await keys();
        if (all.length > 0) await redis.del(...all);
      }
      redis.disconnect();
      if (!options.tg) await tg.stop();
    },
  };
}
