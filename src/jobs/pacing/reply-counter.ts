import { createHash } from "node:crypto";
import { InputFile, type Transformer } from "grammy";
import { retryAfterMs } from "../../domain/broadcast/rate.js";
import type { Logger } from "../../logger.js";
import type { SendSchedule } from "../../storage/send-schedule.js";
import { scheduleShape, type PacingSettings } from "./pacer.js";

/** Methods that put a message in a chat (new or changed): what Telegram's ~30 a second counts. */
export function isMessageSend(method: string): boolean {
  return method.startsWith("send") || method.startsWith("edit") || method.startsWith("copyMessage") || method.startsWith("forwardMessage");
}

/** The payload as text; a file being uploaded stands in by its name (its contents may be a stream). */
function fingerprint(payload: unknown): string {
  try {
    return JSON.stringify(payload, (_key, value: unknown) => (value instanceof InputFile ? `file:${value.filename ?? ""}` : value)) ?? "";
  } catch {
    return `${Math.random()}`;
  }
}

export interface ReplyCounterOptions {
  schedule: SendSchedule;
  rates: PacingSettings;
  logger: Logger;
}

// How long a counted call is remembered, and how many at most (see `seen` below).
const REMEMBER_MS = 60 * 60_000;
const REMEMBER_MAX = 20_000;

/**
 * A grammY API transformer for the API the bot answers users with (the bot's `api`, and each
 * conversation's): it counts every message sent in the current second in Redis, shared by every
 * process, so that the bulk schedule (pacer.ts) leaves that much of Telegram's budget to replies.
 * Replies themselves are never held up: the count is not waited for, and a count that fails (Redis
 * away) only means bulk sends see fewer replies for that second. A 429 that reaches it (auto-retry gave
 * up, or an API without auto-retry) also pauses every bulk send for its retry_after.
 *
 * The conversations plugin replays a dialogue's earlier calls on each of its updates, through the
 * transformers installed in the dialogue, and answers them from its log without sending anything; a
 * plugin may also install the same transformer again on an Api that outlives the update. So a call is
 * counted once: the same method with the same payload seen within the hour is not counted again (the
 * only real calls that match are repeats to the same chat that Telegram refuses as "not modified").
 */
export function replyCounter({ schedule, rates, logger }: ReplyCounterOptions): Transformer {
  const { secondMicros } = scheduleShape(rates);
  const warn = (err: unknown) => logger.debug({ err }, "reply not counted");
  const seen = new Map<string, number>();
  const firstTime = (method: string, payload: unknown): boolean => {
    const now = Date.now();
    const key = createHash("sha1").update(method).update(fingerprint(payload)).digest("base64");
    const until = seen.get(key);
    if (until !== undefined && until > now) return false;
    seen.delete(key);
    seen.set(key, now + REMEMBER_MS);
    // A Map iterates in insertion order: the oldest entries go first.
    for (const [old, expires] of seen) {
      if (seen.size <= REMEMBER_MAX && expires > now) break;
      seen.delete(old);
    }
    return true;
  };
  return async (prev, method, payload, signal) => {
    if (!isMessageSend(method) || !firstTime(method, payload)) return prev(method, payload, signal);
    schedule.countReply(secondMicros).catch(warn);
    const result = await prev(method, payload, signal);
    if (!result.ok && result.error_code === 429) {
      schedule.pause(retryAfterMs(result.parameters?.retry_after ?? 1, rates)).catch(warn);
    }
    return result;
  };
}
