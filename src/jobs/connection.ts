import { connectRedis, type Redis } from "../storage/redis.js";

/**
 * BullMQ needs connections of its own: blocking commands and `maxRetriesPerRequest: null`, so that a
 * worker waits out a Redis restart instead of failing jobs. The bot's own client fails fast instead.
 */
export function createQueueConnection(url: string): Redis {
  return connectRedis(url, { maxRetriesPerRequest: null, lazyConnect: false, retryStrategy: (attempt) => Math.min(attempt * 200, 2_000) });
}
