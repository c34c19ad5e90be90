import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createKeys, type Keys } from "../../src/storage/keys.js";
import { createRedis, type Redis } from "../../src/storage/redis.js";
import { keysUnder } from "./prefix.js";

export interface TestRedis {
  redis: Redis;
  keys: Keys;
  /** Every key under this test's prefix. */
  all(): Promise<string[]>;
  stop(): Promise<void>;
}

/** A real Redis client under a key prefix of its own, for repository tests without the bot. */
export async function startTestRedis(): Promise<TestRedis> {
  const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
  const redis = createRedis(inject("redisUrl"), createLogger("silent"));
  await redis.connect();
  const all = () => keysUnder(redis, prefix);
  return {
    redis,
    keys: createKeys(prefix),
    all,
    async stop() {
      const keys = await all();
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
