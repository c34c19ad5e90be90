import { createHash } from "node:crypto";
import type { Redis } from "./redis.js";

/**
 * A Lua script run by its SHA (EVALSHA), loaded with EVAL the first time a Redis has not seen it
 * (a fresh server, or one restarted since). For the few writes that must be atomic.
 */
export function luaScript(source: string) {
  const sha = createHash("sha1").update(source).digest("hex");
  return async (redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}

/** Runs a MULTI and turns a failed command inside it into an exception (ioredis only reports it). */
export async function execAll(multi: ReturnType<Redis["multi"]>): Promise<void> {
  const results = await multi.exec();
  if (results === null) throw new Error("redis transaction aborted");
  for (const [err] of results) if (err) throw err;
}
