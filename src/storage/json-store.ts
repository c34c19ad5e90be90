import type { StorageAdapter } from "grammy";
import type { z } from "zod";
import type { Logger } from "../logger.js";
import type { Redis } from "./redis.js";

// Keys whose last-read text is remembered at most; past that the memory starts afresh (a key not
// remembered is simply written).
const MAX_KNOWN = 20_000;

/**
 * A grammY storage adapter over Redis strings holding JSON, for grammY's `session()`:
 * - every read is parsed by a zod schema; a value that no longer fits (an old format, a hand edit) is
 *   logged and treated as absent instead of crashing a handler;
 * - a write of exactly the text just read is skipped: grammY's session writes back after every update,
 *   and most updates only look at their session (the TTL then counts from the last change).
 */
export function redisJsonStore<T>(redis: Redis, schema: z.ZodType<T>, logger: Logger, what: string, ttlSeconds: number): StorageAdapter<T> {
  const lastRead = new Map<string, string>();
  return {
    async read(key) {
      const raw = await redis.get(key);
      lastRead.delete(key);
      if (raw === null) return undefined;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        logger.warn({ key, what }, "stored value is not JSON; ignored");
        return undefined;
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        logger.warn({ key, what, issues: parsed.error.issues.slice(0, 3) }, "stored value failed validation; ignored");
        return undefined;
      }
      if (lastRead.size >= MAX_KNOWN) lastRead.clear();
      lastRead.set(key, raw);
      return parsed.data;
    },
    async write(key, value) {
      const raw = JSON.stringify(value);
      if (lastRead.get(key) === raw) return;
      lastRead.delete(key);
      await redis.set(key, raw, "EX", ttlSeconds);
    },
    async delete(key) {
      lastRead.delete(key);
      await redis.del(key);
    },
  };
}
