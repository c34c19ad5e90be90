import type { Transformer } from "grammy";
import { retryAfterMs } from "../../domain/broadcast/rate.js";
import type { Logger } from "../../logger.js";
import type { SendSchedule } from "../../storage/send-schedule.js";
import { scheduleShape, type PacingSettings } from "./pacer.js";

/** Methods that put a message in a chat (new or changed): what Telegram's ~30 a second counts. */
export function isMessageSend(method: string): boolean {
  return method.startsWith("send") || method.startsWith("edit") || method.startsWith("copyMessage") || method.startsWith("forwardMessage");
}

// How often a second the replies counted so far go to Redis.
const FLUSHES_PER_SECOND = 20;

export interface ReplyCounterOptions {
  schedule: SendSchedule;
  rates: PacingSettings;
  logger: Logger;
}

/**
 * A grammY API transformer for the API the bot answers users with (the bot's `api`; conversations send
 * through it too, see bot/conversation-send.ts): it counts every message Telegram took in a per-second
 * counter in Redis, shared by every process, so that the bulk schedule (pacer.ts) leaves that much of
 * Telegram's budget to replies. Replies themselves are never held up: the count is not waited for, and a
 * count that fails (Redis away) only means bulk sends see fewer replies for that second. The counts go to
 * Redis a few times a Telegram second, not once per reply: one script call then stands for every reply
 * of those milliseconds. A 429 that reaches it (auto-retry gave up) also pauses every bulk send for its
 * retry_after.
 */
export function replyCounter({ schedule, rates, logger }: ReplyCounterOptions): Transformer {
  const { secondMicros } = scheduleShape(rates);
  const flushMs = Math.max(1, Math.floor(secondMicros / 1000 / FLUSHES_PER_SECOND));
  const warn = (err: unknown) => logger.debug({ err }, "replies not counted");
  let unsent = 0;
  let flush: NodeJS.Timeout | undefined;
  const send = () => {
    flush = undefined;
    const count = unsent;
    unsent = 0;
    schedule.countReplies(secondMicros, count).catch(warn);
  };
  return async (prev, method, payload, signal) => {
    if (!isMessageSend(method)) return prev(method, payload, signal);
    const result = await prev(method, payload, signal);
    unsent += 1;
    flush ??= setTimeout(send, flushMs).unref();
    if (!result.ok && result.error_code === 429) {
      schedule.pause(retryAfterMs(result.parameters?.retry_after ?? 1, rates)).catch(warn);
    }
    return result;
  };
}
