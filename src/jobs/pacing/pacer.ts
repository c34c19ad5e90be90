import { setTimeout as sleep } from "node:timers/promises";
import { Api } from "grammy";
import { chatIntervalMs, classifySendFailure, retryAfterMs, sendSpacingMicros, type RateSettings } from "../../domain/broadcast/rate.js";
import type { Logger } from "../../logger.js";
import type { ScheduleShape, SendSchedule } from "../../storage/send-schedule.js";
import { toSendFailure } from "./failures.js";

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
        if (booking.waitMs >= 1) await sleep(booking.waitMs);
        // A 429 seen by this process while we waited: its pause may not be in Redis yet.
        if (this.pausedFor() === 0) return;
      } else {
        await sleep(Math.max(1, booking.ms));
      }
    }
  }

  /**
   * Books a time on the schedule without waiting for it; hands a 429 pause or a busy chat back instead
   * of waiting it out. For a sender with a queue of its own (the broadcast engine), which does its own
   * work while the time comes, and holds its queue or puts the job off meanwhile.
   */
  async book(chat?: { id: number; intervalMs: number }): Promise<{ kind: "go"; waitMs: number } | { kind: "paused" | "busy"; ms: number }> {
    for (;;) {
      const local = this.pausedFor();
      if (local > 0) return { kind: "paused", ms: local };
      const booking = await this.options.schedule.book(this.shape, chat);
      // Replies take the whole budget for now: wait for the next second here, whoever is sending.
      if (booking.kind === "full") await sleep(Math.max(1, booking.ms));
      else return booking;
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
