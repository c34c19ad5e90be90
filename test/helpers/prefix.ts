import type { Redis } from "ioredis";

/** Every key under a prefix (SCAN, so a big Redis is not blocked). Used by tests and benchmarks to clean up. */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    found.push(...batch);
  } while (cursor !== "0");
  return found;
}

/** Deletes every key under a prefix (a test's or a bench's throwaway keys), a thousand at a time. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  const found = await keysUnder(redis, prefix);
  for (let i = 0; i < found.length; i += 1000) await redis.del(...found.slice(i, i + 1000));
}
