import { Redis, type RedisOptions } from "ioredis";
import { redisUrlSchema } from "../config.js";
import type { Logger } from "../logger.js";

export type { Redis };

/**
 * A client for REDIS_URL with these options: one server (ioredis reads `redis://` and `rediss://`, TLS,
 * itself) or a Sentinel set (`redis-sentinel://…`, see config.ts), where ioredis asks the sentinels for
 * the master and follows a failover.
 */
export function connectRedis(url: string, options: RedisOptions): Redis {
  const target = redisUrlSchema.parse(url);
  if (target.kind === "server") return new Redis(url, options);
  const { sentinels, name, username, password, sentinelPassword, db, tls } = target;
  return new Redis({
    ...options,
    sentinels,
    name,
    db,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    ...(sentinelPassword === undefined ? {} : { sentinelPassword }),
    ...(tls ? { tls: {}, sentinelTLS: {}, enableTLSForSentinelMode: true } : {}),
  });
}

/**
 * A client that fails fast while Redis is away (no offline queue, one retry, a command timeout) so the
 * user hears "try again in a minute" instead of waiting, and that reconnects by itself within a second
 * of Redis coming back.
 */
export function createRedis(url: string, logger: Logger): Redis {
  const redis = connectRedis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    // Commands issued in the same tick (many chats at once) go out in one write: fewer syscalls.
    enableAutoPipelining: true,
  });
  let lastErrorLog = 0;
  redis.on("error", (err: Error) => {
    // A Redis outage produces an error per reconnect attempt; log at most one every 10 s.
    const now = Date.now();
    if (now - lastErrorLog > 10_000) {
      lastErrorLog = now;
      logger.warn({ err: err.message }, "redis connection error");
    }
  });
  redis.on("ready", () => logger.info("redis ready"));
  return redis;
}

/** True when an error means "storage is unreachable right now", as opposed to a bug. */
export function isStorageOutage(err: unknown, redis: Redis): boolean {
  if (redis.status !== "ready") return true;
  const message = err instanceof Error ? err.message : String(err);
  return /Connection is closed|enableOfflineQueue|Command timed out|ECONNREFUSED|ECONNRESET|MaxRetriesPerRequest|LOADING/.test(
    message,
  );
}
