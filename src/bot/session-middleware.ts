import type { Context, MiddlewareFn, SessionFlavor } from "grammy";
import type { JsonStore } from "../storage/json-store.js";

export interface SessionOptions<S, C extends Context> {
  prefix: string;
  getSessionKey: (ctx: C) => string | undefined;
  storage: JsonStore<S>;
  initial: () => S;
  /**
   * Another key read in the same round trip as the session, handed to `keep` before the handlers run:
   * a value many handlers need would otherwise cost them a round trip of their own.
   */
  readAlong: { key: string; keep: (ctx: C, raw: string | null) => void };
}

/**
 * grammY's `session` with its semantics for one eagerly read session: read before the handlers, written
 * back after them unless they threw, deleted when set to null. grammY tracks reads and writes through a
 * property getter and setter and several async steps (~2 KB of garbage and a few µs per update); here the
 * session is a plain property and the store (redisJsonStore) skips writing back what it just read.
 */
export function sessionMiddleware<S, C extends Context & SessionFlavor<S>>(options: SessionOptions<S, C>): MiddlewareFn<C> {
  const { prefix, getSessionKey, storage, initial, readAlong } = options;
  return async (ctx, next) => {
    const id = getSessionKey(ctx);
    if (id === undefined) {
      // As grammY: an update without a chat or a user has no session, and touching it is an error.
      Object.defineProperty(ctx, "session", {
        get: () => {
          throw new Error("Cannot access session data because the session key was undefined!");
        },
        set: () => {
          throw new Error("Cannot assign session data because the session key was undefined!");
        },
      });
      return next();
    }
    const key = prefix + id;
    const [value, other] = await storage.readAlong(key, readAlong.key);
    readAlong.keep(ctx, other);
    ctx.session = value ?? initial();
    await next(); // no catch: a handler that threw does not write back
    const after = ctx.session as S | null | undefined;
    if (after === null || after === undefined) await storage.delete(key);
    else {
      // The store returns nothing when it skips an unchanged session: no promise to wait for then.
      const writing = storage.write(key, after);
      if (writing) await writing;
    }
  };
}
