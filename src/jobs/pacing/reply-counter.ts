import type { Transformer } from "grammy";
import { retryAfterMs } from "../../domain/broadcast/rate.js";
import type { Logger } from "../../logger.js";
import type { SendSchedule } from "../../storage/send-schedule.js";
import { scheduleShape, type PacingSettings } from "./pacer.js";

/** Methods that put a message in a chat (new or changed): what Telegram's ~30 a second counts. */
export function isMessageSend(method: string): boolean {
  return method.startsWith("send") || method.startsWith("edit") || method.startsWith("copyMessage") || method.startsWith("forwardMessage");
}

/**
 * True when an answer is one the plugin's log gave back, not Telegram: the message it returns was sent
 * (or last edited) before the call began. Telegram's dates are whole seconds, so a dialogue replayed
 * within the second of its call is counted again: counting too much only makes bulk sends wait more.
 */
function replayed(result: unknown, callSecond: number): boolean {
  if (typeof result !== "object" || result === null) return false;
  const edited = "edit_date" in result && typeof result.edit_date === "number" ? result.edit_date : undefined;
  const sent = "date" in result && typeof result.date === "number" ? result.date : undefined;
  const at = edited ?? sent;
  return at !== undefined && at < callSecond;
}

export interface ReplyCounterOptions {
  schedule: SendSchedule;
  rates: PacingSettings;
  logger: Logger;
}

/**
 * A grammY API transformer for the API the bot answers users with (the bot's `api`, and each
 * conversation's): it counts every message Telegram took, in the second it answered, in Redis, shared by every
 * process, so that the bulk schedule (pacer.ts) leaves that much of Telegram's budget to replies.
 * Replies themselves are never held up: the count is not waited for, and a count that fails (Redis
 * away) only means bulk sends see fewer replies for that second. A 429 that reaches it (auto-retry gave
 * up, or an API without auto-retry) also pauses every bulk send for its retry_after.
 *
 * The conversations plugin replays a dialogue's earlier calls on each of its updates, through the
 * transformers installed in the dialogue, and answers them from its log without sending anything: an
 * answer whose message is older than the call is such a replay, not counted. And a plugin may install
 * the same transformer again on an Api that outlives the update: a call is counted once however many
 * copies it passes through.
 */
export function replyCounter({ schedule, rates, logger }: ReplyCounterOptions): Transformer {
  const { secondMicros } = scheduleShape(rates);
  const warn = (err: unknown) => logger.debug({ err }, "reply not counted");
  const counted = new WeakSet<object>();
  return async (prev, method, payload, signal) => {
    if (!isMessageSend(method) || counted.has(payload)) return prev(method, payload, signal);
    counted.add(payload);
    const callSecond = Math.floor(Date.now() / 1000);
    const result = await prev(method, payload, signal);
    if (result.ok && replayed(result.result, callSecond)) return result;
    schedule.countReply(secondMicros).catch(warn);
    if (!result.ok && result.error_code === 429) {
      schedule.pause(retryAfterMs(result.parameters?.retry_after ?? 1, rates)).catch(warn);
    }
    return result;
  };
}
