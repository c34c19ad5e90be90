import type { StorageAdapter } from "grammy";
import type { z } from "zod";
import type { Logger } from "../logger.js";
import type { Redis } from "./redis.js";

/**
 * A grammY storage adapter over Redis strings holding JSON:
 * - every read is parsed by a zod schema; a value that no longer fits (an old format, a hand edit) is
 *   logged and treated as absent instead of crashing a handler;
 * - a write of exactly what was just read is skipped: most updates only look at the session, and the
 *   write would be a wasted round trip (the TTL then counts from the last change, not the last visit).
 */
export interface JsonStore<T> extends StorageAdapter<T> {
  /** `read`, and the raw value of another key in the same round trip (one MGET). */
  readAlong(key: string, other: string): Promise<[T | undefined, string | null]>;
}

export function redisJsonStore<T>(redis: Redis, schema: z.ZodType<T>, logger: Logger, what: string, ttlSeconds: number): JsonStore<T> {
  const lastRead = new Map<string, string>();
  const decode = (key: string, raw: string | null | undefined): T | undefined => {
    if (raw === null || raw === undefined) {
      lastRead.delete(key);
      return undefined;
    }
    lastRead.set(key, raw);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      logger.warn({ key, what }, "stored value is not JSON; ignored");
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    logger.warn({ key, what, issues: parsed.error.issues.slice(0, 3) }, "stored value failed validation; ignored");
    return undefined;
  };
  // Not async functions: an update that only looks at its session then costs one promise (the GET's), and
  // a write skipped returns nothing to wait for.
  return {
    read(key) {
      return redis.get(key).then((raw) => decode(key, raw));
    },
    readAlong(key, other) {
      return redis.mget(key, other).then(([raw, otherRaw]) => [decode(key, raw), otherRaw ?? null]);
    },
    write(key, value) {
      const raw = JSON.stringify(value);
      const unchanged = lastRead.get(key) === raw;
      lastRead.delete(key);
      if (unchanged) return;
      return redis.set(key, raw, "EX", ttlSeconds).then(() => undefined);
    },
    async delete(key) {
      lastRead.delete(key);
      await redis.del(key);
    },
  };
}
