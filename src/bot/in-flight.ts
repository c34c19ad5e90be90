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
  const middleware: MiddlewareFn = async (_ctx, next) => {
    count += 1;
    try {
      await next();
    } finally {
      settled();
    }
  };
  return {
    middleware,
    count: () => count,
    /** Resolves once no update is being handled. */
    drained: (): Promise<void> => (count === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
