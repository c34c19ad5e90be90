import type { Context, MiddlewareFn } from "grammy";

interface Lane {
  /** The last update of this chat handed on; the next one waits for it to settle. */
  tail: Promise<void>;
  pending: number;
}

/**
 * One chat's updates in order, different chats in parallel (what @grammyjs/runner's `sequentialize`
 * does, for one key per update): an update waits for the previous one of its chat, failed or not. The
 * runner's version builds arrays, a Promise.all and an async frame for every update even when the chat
 * has nothing in flight, the usual case; here that case hands the update on directly.
 */
export function sequentialize<C extends Context>(keyOf: (ctx: C) => string | undefined): MiddlewareFn<C> {
  const lanes = new Map<string, Lane>();
  // Closures below are anonymous on purpose: tsx (esbuild's keepNames) wraps every named one it creates.
  return (ctx, next) => {
    const key = keyOf(ctx);
    if (key === undefined) return next();
    const ahead = lanes.get(key);
    const task =
      ahead === undefined
        ? next()
        : ahead.tail.then(
            () => next(),
            () => next(),
          );
    const lane = ahead ?? { tail: task, pending: 0 };
    lane.tail = task;
    lane.pending += 1;
    if (ahead === undefined) lanes.set(key, lane);
    return task.then(
      () => release(lanes, key, lane),
      (err: unknown) => {
        release(lanes, key, lane);
        throw err;
      },
    );
  };
}

function release(lanes: Map<string, Lane>, key: string, lane: Lane): void {
  lane.pending -= 1;
  if (lane.pending === 0) lanes.delete(key);
}
