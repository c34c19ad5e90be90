import type { Context, MiddlewareFn, SessionFlavor, StorageAdapter } from "grammy";

export interface SessionOptions<S> {
  prefix: string;
  getSessionKey: (ctx: Context) => string | undefined;
  storage: StorageAdapter<S>;
  initial: () => S;
}

/**
 * grammY's `session` with its semantics for one eagerly read session: read before the handlers, written
 * back after them unless they threw, deleted when set to null. grammY tracks reads and writes through a
 * property getter and setter and several async steps (~2 KB of garbage and a few µs per update); here the
 * session is a plain property and the store (redisJsonStore) skips writing back what it just read.
 */
export function sessionMiddleware<S>(options: SessionOptions<S>): MiddlewareFn<Context & SessionFlavor<S>> {
  const { prefix, getSessionKey, storage, initial } = options;
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
    ctx.session = (await storage.read(key)) ?? initial();
    await next(); // no catch: a handler that threw does not write back
    const value = ctx.session as S | null | undefined;
    if (value === null || value === undefined) await storage.delete(key);
    else {
      // The store returns nothing when it skips an unchanged session: no promise to wait for then.
      const writing = storage.write(key, value);
      if (writing) await writing;
    }
  };
}
