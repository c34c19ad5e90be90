import { setTimeout as sleep } from "node:timers/promises";
import { Api } from "grammy";
import { chatIntervalMs, classifySendFailure, retryAfterMs, sendSpacingMicros, type RateSettings } from "../../domain/broadcast/rate.js";
import type { Logger } from "../../logger.js";
import type { ScheduleShape, SendSchedule } from "../../storage/send-schedule.js";
import { toSendFailure } from "./failures.js";

/**
 * A time booked on the schedule (storage/send-schedule.ts), on this process's clock (performance.now()):
 * leave at `at` (counted from the booking's answer, so never early) and by `leaveBy` (counted from when it
 * was asked, so never late), or the send reaches Telegram outside the second it was counted in.
 */
export type Booked = { kind: "go"; at: number; leaveBy: number; second: number };

/** A booking on this process's clock: `asked` is when (performance.now()) the schedule was asked. */
function inLocalTime(booking: { waitMs: number; leaveWithinMs: number; second: number }, asked: number): Booked {
  return { kind: "go", at: performance.now() + booking.waitMs, leaveBy: asked + booking.leaveWithinMs, second: booking.second };
}

/** The rates bulk sends keep (config.broadcast) and Telegram's whole budget (config.telegram). */
export interface PacingSettings extends RateSettings {
  /** Messages a second Telegram takes from the bot, replies and bulk sends together (about 30). */
  budgetPerSecond: number;
}

export interface PacerOptions {
  token: string;
  apiRoot: string;
  schedule: SendSchedule;
  rates: PacingSettings;
  logger: Logger;
}

export interface SendOptions {
  /**
   * A message that completes the one just sent to the same chat (a reminder's venue pin): it takes its
   * place on the schedule but not the chat's interval, as Telegram lets one chat take a short burst
   * and one reminder should not arrive as two pieces a second apart.
   */
  following?: boolean;
}

/** The shape of Telegram's second in the schedule (storage/send-schedule.ts). */
export function scheduleShape(rates: PacingSettings): ScheduleShape {
  return { spacingMicros: sendSpacingMicros(rates), secondMicros: Math.round(1_000_000 / rates.timeScale), budgetPerSecond: rates.budgetPerSecond };
}

// A bulk send waits out this many 429s itself before its job (and the job's own retries) takes over.
const MAX_RATE_LIMITED = 5;

/**
 * Every message the bot sends that does not answer the user's own update — broadcasts, programme-change
 * notices, reminders, meeting digests, requests shown to someone who comes back — goes out through here,
 * as grammY's docs advise ("Scaling Up IV: Flood Limits": pace bulk sends yourself; retry replies with
 * auto-retry). One schedule in Redis (storage/send-schedule.ts) is shared by every process and every
 * kind of bulk send: at most `perSecond` in total, one message a chat per `1 / perChatPerSecond`, only
 * what the bot's replies leave of Telegram's budget, and nothing while a 429's retry_after runs.
 *
 *     await pacer.send(chatId, (api) => api.sendMessage(chatId, text));
 *
 * `api` is an Api of its own without auto-retry: a 429 must stop every process, not one send.
 */
export class Pacer {
  /** The Api bulk sends go through (the bot's token and apiRoot, no transformers). */
  readonly api: Api;
  private readonly shape: ScheduleShape;
  /** Until when this process saw a 429: checked before each send, ahead of Redis. */
  private pausedUntil = 0;

  constructor(private readonly options: PacerOptions) {
    this.api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds: 30 });
    this.shape = scheduleShape(options.rates);
  }

  /**
   * Sends one message to `chatId` in its turn. Resolves with what `send` returned; throws what it threw,
   * except a 429, which pauses every bulk send for its retry_after and is then tried again.
   */
  async send<T>(chatId: number, send: (api: Api) => Promise<T>, options: SendOptions = {}): Promise<T> {
    for (let limited = 0; ; ) {
      await this.turn(options.following ? undefined : { id: chatId, intervalMs: chatIntervalMs(chatId, this.options.rates) });
      try {
        const result = await send(this.api);
        // The chat's interval counts from when Telegram took the message, not from the booking.
        await this.holdChat(chatId);
        return result;
      } catch (err) {
        const verdict = classifySendFailure(toSendFailure(err));
        if (verdict.kind !== "rate-limited" || ++limited > MAX_RATE_LIMITED) throw err;
        await this.rateLimited(verdict.retryAfterSeconds);
      }
    }
  }

  /**
   * Waits for this process's turn on the schedule: a booked time, with no 429 pause running. With
   * `chat`, also for that chat's interval (and takes the chat's slot with the booking).
   */
  async turn(chat?: { id: number; intervalMs: number }): Promise<void> {
    for (;;) {
      const booking = await this.book(chat);
      if (booking.kind === "go") {
        const left = await this.leave(booking);
        if (left.kind === "go") return;
        await sleep(Math.max(1, left.ms));
      } else {
        await sleep(Math.max(1, booking.ms));
      }
    }
  }

  /**
   * Books a time on the schedule without waiting for it; hands a 429 pause or a busy chat back instead
   * of waiting it out. For a sender with a queue of its own (the broadcast engine), which does its own
   * work while the time comes, then calls `leave`.
   */
  async book(chat?: { id: number; intervalMs: number }): Promise<Booked | { kind: "paused" | "busy"; ms: number }> {
    for (;;) {
      const local = this.pausedFor();
      if (local > 0) return { kind: "paused", ms: local };
      const asked = performance.now();
      const booking = await this.options.schedule.book(this.shape, chat);
      // Replies take the whole budget for now: wait for the next second here, whoever is sending.
      if (booking.kind === "full") await sleep(Math.max(1, booking.ms));
      else if (booking.kind !== "go") return booking;
      else return inLocalTime(booking, asked);
    }
  }

  /**
   * Waits for a booked time; resolves `go` when the send may leave now, or with a 429 pause that began
   * meanwhile. A send must leave within the second it was counted in: one that a late timer (a busy event
   * loop) kept past that would reach Telegram in the next second, on top of that second's own count, so
   * its count moves to a second it can still leave in (the schedule's next time stays as it is), and it
   * waits for that.
   */
  async leave(booking: Booked): Promise<{ kind: "go" } | { kind: "paused"; ms: number }> {
    for (let current = booking; ; ) {
      const wait = current.at - performance.now();
      if (wait >= 1) await sleep(wait);
      // A 429 seen by this process while we waited: its pause may not be in Redis yet.
      const paused = this.pausedFor();
      if (paused > 0) return { kind: "paused", ms: paused };
      if (performance.now() <= current.leaveBy) return { kind: "go" };
      const asked = performance.now();
      const moved = await this.options.schedule.move(this.shape, current.second);
      if (moved.kind === "paused") return { kind: "paused", ms: moved.ms };
      if (moved.kind === "go") {
        current = inLocalTime(moved, asked);
        continue;
      }
      // Replies take the whole budget: the count was given back; book afresh (the chat's slot is ours already).
      const again = await this.book();
      if (again.kind !== "go") return { kind: "paused", ms: again.ms };
      current = again;
    }
  }

  /** Milliseconds left of a 429 pause this process knows of. */
  pausedFor(): number {
    return Math.max(0, this.pausedUntil - Date.now());
  }

  /** A 429: no bulk send of any process may start before its retry_after is over. Returns the pause, ms. */
  async rateLimited(retryAfterSeconds: number): Promise<number> {
    const ms = retryAfterMs(retryAfterSeconds, this.options.rates);
    // Synchronously, before any await: no other send of this process may start from now on.
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.options.logger.warn({ retry_after: retryAfterSeconds }, "429 from Telegram: pausing every bulk send");
    await this.options.schedule.pause(ms);
    return ms;
  }

  /** Keeps a chat's slot taken for its interval from now (after a send to it reached Telegram). */
  async holdChat(chatId: number): Promise<void> {
    await this.options.schedule.holdChat(chatId, chatIntervalMs(chatId, this.options.rates));
  }
}
