import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { buildApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { readMissionFile } from "../../src/content/load-mission.js";
import { createLogger } from "../../src/logger.js";
import { createRedis, type Redis } from "../../src/storage/redis.js";
import { keysUnder } from "./prefix.js";
import { freePort } from "./redis-server.js";
import { FakeTelegram, type FakeTelegramOptions } from "../fake-telegram/server.js";

export interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

export interface Harness {
  tg: FakeTelegram;
  /** How updates reach this bot. */
  transport: Transport;
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

export type Transport = "polling" | "webhook";

/** The transport a harness uses unless a test names one: TEST_TRANSPORT (the webhook vitest project sets it), else polling. */
export function defaultTransport(): Transport {
  const fromEnv = process.env.TEST_TRANSPORT;
  if (fromEnv === undefined || fromEnv === "" || fromEnv === "polling") return "polling";
  if (fromEnv === "webhook") return "webhook";
  throw new Error(`TEST_TRANSPORT must be "polling" or "webhook", not "${fromEnv}"`);
}

// What the harness's bot tells Telegram in webhook mode; the fake routes this origin to the bot's port.
const WEBHOOK_ORIGIN = "https://mission-bot.test";

export interface HarnessOptions {
  /**
   * How updates reach the bot: long polling through the runner, or POSTs from the fake Telegram to the
   * app's own webhook server. Default: `defaultTransport()`. `env` may still set BOT_MODE itself.
   */
  transport?: Transport;
  env?: Record<string, string>;
  redisUrl?: string;
  telegram?: FakeTelegramOptions;
  tg?: FakeTelegram;
  /** The bot's clock (ms since epoch); real time when absent. */
  clock?: () => number;
  /** How often the bot looks for unanswered meeting requests (its default is 10 minutes). */
  digestEveryMs?: number;
  /** How often the bot looks for outcome questions due (its default is a minute). */
  outcomesEveryMs?: number;
  /** How often the bot looks for B2B nudges due (its default is a minute). */
  nudgesEveryMs?: number;
}

/**
 * Starts the real bot (the same buildApp as src/main.ts, long polling through the runner or its webhook
 * server) against a fake Telegram and a real Redis, under a key prefix of its own.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const tg = options.tg ?? (await FakeTelegram.start(options.telegram));
  const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
  const redisUrl = options.redisUrl ?? inject("redisUrl");
  const transport = options.transport ?? defaultTransport();
  const webhookEnv: Record<string, string> =
    transport === "webhook"
      ? {
          BOT_MODE: "webhook",
          WEBHOOK_URL: `${WEBHOOK_ORIGIN}/hook`,
          WEBHOOK_SECRET: `secret-${randomUUID()}`,
          PORT: String(await freePort()),
        }
      : {};
  const config = loadConfig({
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: "silent",
    ...webhookEnv,
    ...options.env,
  });
  // Whoever chose webhook mode (transport or env), the fake delivers to the app's port as a TLS proxy would.
  if (config.mode.kind === "webhook") tg.routeWebhook(new URL(config.mode.url).origin, `http://127.0.0.1:${config.mode.port}`);
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
      ...(options.outcomesEveryMs ? { outcomesEveryMs: options.outcomesEveryMs } : {}),
      ...(options.nudgesEveryMs ? { nudgesEveryMs: options.nudgesEveryMs } : {}),
    });
  let app = build();
  // A user's action resolves only once the bot has finished with it (see FakeTelegram.busy). Under a
  // webhook an update is the fake's until the bot's handler counts it: queued or on the wire counts too.
  tg.busy = () => app.updatesInFlight() > 0 || tg.webhookBusy();
  await app.start();
  const keys = () => keysUnder(redis, prefix);
  return {
    tg,
    transport: config.mode.kind,
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
