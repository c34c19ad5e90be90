import type { MiddlewareFn } from "grammy";

/**
 * Counts updates being handled, so a shutdown can wait for them: the runner's `stop()` only stops
 * fetching, it does not wait for the updates already handed to middleware.
 */
export function createInFlight() {
  let count = 0;
  let waiters: (() => void)[] = [];
  function settled(): void {
    count -= 1;
    if (count === 0) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  }
  // Not async: one promise per update instead of an async frame around the whole handling.
  const middleware: MiddlewareFn = (_ctx, next) => {
    count += 1;
    return next().then(settled, (err: unknown) => {
      settled();
      throw err;
    });
  };
  return {
    middleware,
    count: () => count,
    /** Resolves once no update is being handled. */
    drained: (): Promise<void> => (count === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
