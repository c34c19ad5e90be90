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
// The shortest window the queue's limiter is given; finer ones are lost in timer granularity.
const MIN_WINDOW_MS = 5;

/**
 * BullMQ's limiter counts jobs in fixed windows: `max` jobs per `duration` ms. A one-second window of 30
 * lets 60 through in a moment across a window edge. One job a window spaces sends evenly, so no second
 * (sliding, not calendar) ever holds more than `perSecond`. When Telegram's clock is scaled up so far
 * that one-job windows would be shorter than timers can keep, windows of `max` jobs are lengthened so
 * that even the worst case, `max` at the end of one window and `max` at the start of the next, stays
 * within the rate.
 */
export function limiterFor({ perSecond, timeScale }: RateSettings): { max: number; duration: number } {
  const spacing = 1000 / (perSecond * timeScale);
  if (spacing >= MIN_WINDOW_MS) return { max: 1, duration: Math.ceil(spacing) };
  for (let max = 2; 2 * max < perSecond; max++) {
    const duration = Math.ceil((1000 * max) / ((perSecond - 2 * max) * timeScale));
    if (duration >= MIN_WINDOW_MS) return { max, duration };
  }
  return { max: 1, duration: Math.max(1, Math.ceil(spacing)) };
}

/** The most sends a limiter lets through in any one (Telegram) second, start anywhere. */
export function peakPerSecond({ max, duration }: { max: number; duration: number }, timeScale: number): number {
  const second = 1000 / timeScale;
  return max === 1 ? Math.ceil(second / duration) : max * (Math.ceil(second / duration) + 1);
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

/** Sends in flight at once in one process: enough to keep the rate up over a ~300 ms round trip. */
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

export type SendFailure = { kind: "api"; code: number; description: string; retryAfter?: number } | { kind: "network"; description: string };

export type SendVerdict =
  | { kind: "rate-limited"; retryAfterSeconds: number }
  /** Blocked, deactivated, never started, or a chat the bot may not write to: do not retry. */
  | { kind: "unreachable" }
  /** Telegram refused this very request (bad entities, a bad file id): retrying cannot help. */
  | { kind: "rejected" }
  /** Network or Telegram's own trouble: retry with backoff. */
  | { kind: "transient" };

const UNREACHABLE_400 = /chat not found|user not found|PEER_ID_INVALID|user is deactivated|CHAT_WRITE_FORBIDDEN|not enough rights|have no rights|bot was kicked|group chat was upgraded/i;

export function classifySendFailure(failure: SendFailure): SendVerdict {
  if (failure.kind === "network") return { kind: "transient" };
  if (failure.code === 429) return { kind: "rate-limited", retryAfterSeconds: failure.retryAfter ?? 5 };
  if (failure.code === 403) return { kind: "unreachable" };
  if (failure.code === 400 && UNREACHABLE_400.test(failure.description)) return { kind: "unreachable" };
  if (failure.code >= 400 && failure.code < 500) return { kind: "rejected" };
  return { kind: "transient" };
}
