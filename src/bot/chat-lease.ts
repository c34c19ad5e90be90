import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Context, MiddlewareFn, Transformer } from "grammy";
import type { Logger } from "../logger.js";
import type { UpdateLedger } from "../storage/update-ledger.js";

/** One chat's updates go one at a time: a button under an inline-mode message goes with the user's private chat. */
export const chatKey = (ctx: Context): string | undefined => (ctx.chatId ?? ctx.from?.id)?.toString();

/**
 * Another process held this chat's lease for the whole bounded wait. The webhook answers 503, so that
 * Telegram delivers the update again later (and the chat's next ones after it) rather than it being lost
 * or handled beside the chat's update in flight.
 */
export class ChatBusy extends Error {
  constructor(readonly chat: string) {
    super(`chat ${chat} is being handled by another process`);
    this.name = "ChatBusy";
  }
}

export interface ChatLeaseOptions {
  ledger: UpdateLedger;
  logger: Logger;
  /** The lease's TTL: how long a process that died mid-update holds its chat up. Renewed every third of it. */
  leaseMs: number;
  /** How long an update waits for another process's lease before the webhook answers 503. */
  waitMs: number;
  /** True when an error means Redis is out of reach (the update then goes on unguarded; see below). */
  isOutage: (err: unknown) => boolean;
}

/**
 * Webhook mode, several processes: around the handling of each update, the chat's lease in Redis (one
 * process at a time per chat) and the record that the update was handled (by update_id, a day), written
 * only once the handling ended, in the same step that frees the lease. A redelivery of an update handled
 * already is skipped; one that comes while the first delivery is still being handled (Telegram gave up
 * waiting for the answer, or the process answering it died) waits for the lease like any update of that
 * chat, and then finds it handled, or handles it if its first handler died. Within a process grammY's
 * sequentialize (before this) keeps the chat's order; this keeps it across processes.
 */
export function chatLease({ ledger, logger, leaseMs, waitMs, isOutage }: ChatLeaseOptions): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const chat = chatKey(ctx);
    if (chat === undefined) return next();
    const updateId = ctx.update.update_id;
    const token = randomUUID();
    const deadline = Date.now() + waitMs;
    let delay = 5;
    for (;;) {
      let claim;
      try {
        claim = await ledger.claim(chat, updateId, token, leaseMs);
      } catch (err) {
        if (!isOutage(err)) throw err;
        // Redis is away: nothing can be handled properly, but the error boundary tells the user to try again
        // in a minute, which beats Telegram redelivering in silence.
        logger.warn({ update_id: updateId, err }, "storage unavailable: handling the update without its chat lease");
        return next();
      }
      if (claim === "handled") {
        logger.info({ update_id: updateId }, "update delivered again after it was handled: skipped");
        return;
      }
      if (claim === "taken") break;
      if (Date.now() + delay > deadline) throw new ChatBusy(chat);
      await sleep(delay);
      delay = Math.min(delay * 2, 250);
    }
    const renewal = setInterval(() => {
      ledger.renew(chat, token, leaseMs).then(
        (held) => {
          if (!held) logger.warn({ update_id: updateId, chat }, "chat lease lost while handling an update");
        },
        (err: unknown) => logger.warn({ update_id: updateId, err }, "could not renew the chat lease"),
      );
    }, Math.max(1, Math.floor(leaseMs / 3)));
    let handled = false;
    try {
      await next();
      handled = true;
    } finally {
      clearInterval(renewal);
      // Not handled (an error past the boundary): the lease is freed, and a redelivery may try again.
      await ledger.release(chat, token, handled ? updateId : undefined).catch((err: unknown) => logger.warn({ update_id: updateId, err }, "could not free the chat lease"));
    }
  };
}

/**
 * An update handled again because the process handling it died (see above) may answer its button press a
 * second time, and Telegram refuses that ("query is too old … or query ID is invalid"). The answer only
 * stops the button's spinner, which the first one did: the handling goes on as if it had been taken,
 * instead of the step of a dialogue failing half-way.
 */
export const secondAnswerTaken: Transformer = async (prev, method, payload, signal) => {
  const result = await prev(method, payload, signal);
  if (method === "answerCallbackQuery" && !result.ok && result.error_code === 400 && /query is too old|query ID is invalid/.test(result.description)) {
    return { ok: true, result: true } as unknown as typeof result;
  }
  return result;
};
