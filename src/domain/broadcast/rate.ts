import { unreachableReason, type SendFailure, type UnreachableReason } from "../telegram/reachability.js";

export type { SendFailure };

/**
 * Rate-limit arithmetic for broadcasts. Telegram's clock is in seconds; `timeScale` > 1 runs it
 * faster (tests and benchmarks run against a fake Telegram that uses the same scale), so every
 * "per second" is multiplied and every duration divided by it.
 */

export interface RateSettings {
  /** Messages a second across all chats (Telegram: about 30 for bulk sends). */
  perSecond: number;
  /** Messages a second to one chat (Telegram: about 1). */
  perChatPerSecond: number;
  /** 1 in production. */
  timeScale: number;
}

/** Telegram allows about 20 messages a minute to one group. */
const GROUP_MIN_INTERVAL_MS = 3_000;

/**
 * The time between two broadcast sends across all chats, in microseconds (rounded up, so never faster
 * than the rate). Sends are booked on one schedule shared by every process: each takes the next free
 * time, one spacing after the one before. Times are booked ahead, so a worker that wakes a little late
 * loses nothing: the schedule stays where it was. (BullMQ's limiter of fixed windows, used before, lost
 * that time in every window and needed a margin for two windows' worth at a window's edge: 0.68 of the
 * rate at 300 sends a second.) Booked times k·spacing put at most `perSecond` in any half-open second.
 */
export function sendSpacingMicros({ perSecond, timeScale }: RateSettings): number {
  return Math.ceil(1_000_000 / (perSecond * timeScale));
}

/** The least time between two messages to one chat; groups get Telegram's 20 a minute. */
export function chatIntervalMs(chatId: number, { perChatPerSecond, timeScale }: RateSettings): number {
  const base = 1000 / perChatPerSecond;
  return Math.max(1, Math.ceil((chatId < 0 ? Math.max(base, GROUP_MIN_INTERVAL_MS) : base) / timeScale));
}

/** How long a 429's `retry_after` (whole seconds) keeps every send waiting. */
export function retryAfterMs(retryAfterSeconds: number, { timeScale }: RateSettings): number {
  return Math.ceil((Math.max(1, retryAfterSeconds) * 1000) / timeScale);
}

/**
 * Sends in flight at once in one process, a booked one waiting for its time included: enough to keep
 * the rate up over a ~300 ms round trip.
 */
export function concurrencyFor({ perSecond, timeScale }: RateSettings): number {
  return Math.min(32, Math.max(2, Math.ceil(perSecond * timeScale * 0.3)));
}

/** Attempts for a send that fails with a network or server error, and the first backoff (doubling). */
export function retryPolicy({ timeScale }: RateSettings): { attempts: number; backoffMs: number } {
  return { attempts: 5, backoffMs: Math.ceil(2_000 / timeScale) };
}

/** How often the organiser's progress line may be edited. */
export function progressIntervalMs({ timeScale }: RateSettings): number {
  return Math.max(50, Math.ceil(3_000 / timeScale));
}

export type SendVerdict =
  | { kind: "rate-limited"; retryAfterSeconds: number }
  /** Blocked, deactivated, never started, or a chat the bot may not write to: do not retry. */
  | { kind: "unreachable"; reason: UnreachableReason }
  /** Telegram refused this very request (bad entities, a bad file id): retrying cannot help. */
  | { kind: "rejected" }
  /** Network or Telegram's own trouble: retry with backoff. */
  | { kind: "transient" };

export function classifySendFailure(failure: SendFailure): SendVerdict {
  if (failure.kind === "network") return { kind: "transient" };
  if (failure.code === 429) return { kind: "rate-limited", retryAfterSeconds: failure.retryAfter ?? 5 };
  const reason = unreachableReason(failure);
  if (reason) return { kind: "unreachable", reason };
  if (failure.code >= 400 && failure.code < 500) return { kind: "rejected" };
  return { kind: "transient" };
}
