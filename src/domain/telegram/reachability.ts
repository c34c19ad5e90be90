/**
 * What Telegram's refusal of a message means for the person it was for. The one place that decides
 * "this user cannot be reached": broadcasts, notices, reminders and meeting notices all ask it, so a
 * participant is marked unreachable for the same answers whichever of them met it.
 */

/** A failed Bot API call as far as the decision needs it: Telegram's answer, or no answer at all. */
export type SendFailure = { kind: "api"; code: number; description: string; retryAfter?: number } | { kind: "network"; description: string };

/**
 * 400s that mean the chat is gone or closed to the bot for good. Telegram words these inconsistently
 * (a deactivated user is sometimes 400, sometimes 403), so they are matched by text.
 */
const UNREACHABLE_400 = /chat not found|user not found|PEER_ID_INVALID|user is deactivated|CHAT_WRITE_FORBIDDEN|not enough rights|have no rights|bot was kicked|group chat was upgraded/i;

/**
 * Why Telegram will not deliver to someone, as an organiser is told: they blocked the bot, never
 * pressed Start (a bot cannot write first), or deleted their account.
 */
export const UNREACHABLE_REASONS = ["blocked", "notStarted", "deactivated"] as const;
export type UnreachableReason = (typeof UNREACHABLE_REASONS)[number];

const DEACTIVATED = /deactivated/i;
const NOT_STARTED = /can't initiate|chat not found|user not found|PEER_ID_INVALID/i;

/**
 * Set when Telegram will not deliver to this chat whatever we do: the person blocked the bot, deleted
 * their account, never pressed Start, or the group threw the bot out or took its right to write
 * (counted as blocked: the chat shut the bot out). Retrying cannot help; the participant is marked
 * unreachable until they write again.
 */
export function unreachableReason(failure: SendFailure): UnreachableReason | undefined {
  if (failure.kind !== "api") return undefined;
  if (failure.code !== 403 && !(failure.code === 400 && UNREACHABLE_400.test(failure.description))) return undefined;
  if (DEACTIVATED.test(failure.description)) return "deactivated";
  if (NOT_STARTED.test(failure.description)) return "notStarted";
  return "blocked";
}

export function isUnreachable(failure: SendFailure): boolean {
  return unreachableReason(failure) !== undefined;
}
