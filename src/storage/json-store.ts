import type { StorageAdapter } from "grammy";
import type { z } from "zod";
import type { Logger } from "../logger.js";
import type { Redis } from "./redis.js";

/**
 * A grammY storage adapter over Redis strings holding JSON:
 * - every read is parsed by a zod schema; a value that no longer fits (an old format, a hand edit) is
 *   logged and treated as absent instead of crashing a handler;
 * - a write of exactly what was just read is skipped: most updates only look at the session, and the
 *   write would be a wasted round trip (the TTL then counts from the last change, not the last visit);
 * - with `shareable`, a value read is kept deep-frozen by key: reading the same string again hands out a
 *   shallow copy of it without JSON.parse and zod, and a write whose top level is still that value's
 *   skips JSON.stringify (parsing and comparing were ~5% of an update's CPU in npm run bench). Whoever
 *   reads such a value replaces what is inside it instead of changing it in place (it is frozen).
 */
export interface JsonStore<T> extends StorageAdapter<T> {
  /** `read`, and the raw value of another key in the same round trip (one MGET). */
  readAlong(key: string, other: string): Promise<[T | undefined, string | null]>;
}

export interface JsonStoreOptions<T> {
  /** Which values may be kept and handed out as shallow copies of one frozen value (see above). */
  shareable?: (value: T) => boolean;
}

interface Known {
  /** The string last read for the key. */
  raw: string;
  /** Its value, deep-frozen, when shareable. */
  shared?: object;
}

// Keys remembered at most; past that the memory starts afresh (a key not remembered is parsed as usual).
const MAX_KNOWN = 20_000;

export function redisJsonStore<T>(
  redis: Redis,
  schema: z.ZodType<T>,
  logger: Logger,
  what: string,
  ttlSeconds: number,
  options: JsonStoreOptions<T> = {},
): JsonStore<T> {
  const known = new Map<string, Known>();
  const remember = (key: string, entry: Known) => {
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(key, entry);
  };
  const decode = (key: string, raw: string | null | undefined): T | undefined => {
    if (raw === null || raw === undefined) {
      known.delete(key);
      return undefined;
    }
    const seen = known.get(key);
    if (seen?.shared !== undefined && seen.raw === raw) return { ...seen.shared } as T;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      known.delete(key);
      logger.warn({ key, what }, "stored value is not JSON; ignored");
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      known.delete(key);
      logger.warn({ key, what, issues: parsed.error.issues.slice(0, 3) }, "stored value failed validation; ignored");
      return undefined;
    }
    const value = parsed.data;
    if (isRecord(value) && options.shareable?.(value)) {
      const shared = deepFreeze(value);
      remember(key, { raw, shared });
      return { ...shared };
    }
    remember(key, { raw });
    return value;
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
      const seen = known.get(key);
      if (seen?.shared !== undefined && isRecord(value) && sameTopLevel(value, seen.shared)) return;
      const raw = JSON.stringify(value);
      if (seen?.raw === raw) return;
      known.delete(key);
      return redis.set(key, raw, "EX", ttlSeconds).then(() => undefined);
    },
    async delete(key) {
      known.delete(key);
      await redis.del(key);
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Same own keys holding the very same values (nested values are frozen, so the same ones are unchanged). */
function sameTopLevel(a: Record<string, unknown>, b: object): boolean {
  const other = b as Record<string, unknown>;
  let keys = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key)) continue;
    keys += 1;
    if (a[key] !== other[key]) return false;
  }
  for (const key in other) if (Object.hasOwn(other, key)) keys -= 1;
  return keys === 0;
}

function deepFreeze<V extends object>(value: V): V {
  for (const inner of Object.values(value)) if (typeof inner === "object" && inner !== null) deepFreeze(inner as object);
  return Object.freeze(value);
}
