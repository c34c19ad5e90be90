import type { Result } from "ioredis";
import { z } from "zod";
import type { Keys } from "./keys.js";
import { defineCommands } from "./lua.js";
import type { Redis } from "./redis.js";

/**
 * Telegram's budget in Redis, shared by every bot process (jobs/pacing/pacer.ts reads it as a whole):
 * the schedule every bulk send books a time on, the bulk sends booked per second, the replies sent per
 * second, the 429 pause and the per-chat slots. Times are Redis's clock, so processes on several
 * machines share one schedule; "second" is Telegram's second (shorter when TELEGRAM_TIME_SCALE > 1).
 */

/**
 * Books the next time for a bulk send. Not while a 429's retry_after runs, nor (when a chat interval is
 * given) while the chat's last bulk message is too recent: then nothing is booked, so a wait does not
 * push the schedule on. Otherwise the next free time, one spacing after the last booked (so no second,
 * however it is cut, holds more than the rate), in the first second whose bulk sends plus the replies
 * of the last second stay under the budget: replies are never held up, bulk sends take what they leave.
 * Replies vary from one second to the next: they are taken as 15% more than the last second's, so that
 * the sum stays within the budget when they grow. Nothing is booked beyond the next second (then it
 * waits): a booking made on an older count of replies would not yield to a sudden rise.
 * Nothing is booked in the last 40th of a second: a send that leaves a few ms late (a busy event loop)
 * still reaches Telegram in the second it was counted in.
 * KEYS: pause, schedule, bulk per second, replies per second, chat slot.
 * ARGV: spacing µs, second µs, budget per second, chat interval ms (0: no per-chat check).
 * Returns {'go', µs to wait} | {'paused', ms} | {'busy', ms} | {'full', ms}.
 */
const BOOK = `
local pause = redis.call('PTTL', KEYS[1])
if pause > 0 then return {'paused', pause} end
local interval = tonumber(ARGV[4])
if interval > 0 then
  local busy = redis.call('PTTL', KEYS[5])
  if busy > 0 then return {'busy', busy} end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local spacing = tonumber(ARGV[1])
local second = tonumber(ARGV[2])
local function field(s) return string.format('%.0f', s) end
local cur = math.floor(now / second)
local r = redis.call('HMGET', KEYS[4], field(cur), field(cur - 1))
local room = tonumber(ARGV[3]) - math.ceil(math.max(tonumber(r[1]) or 0, tonumber(r[2]) or 0) * 1.15)
if room < 1 then return {'full', math.ceil(((cur + 1) * second - now) / 1000)} end
local at = tonumber(redis.call('GET', KEYS[2])) or 0
if at < now then at = now end
local s = math.floor(at / second)
local guard = math.floor(second / 40)
while at > (s + 1) * second - guard or (tonumber(redis.call('HGET', KEYS[3], field(s))) or 0) >= room do
  s = s + 1
  at = s * second
end
if s > cur + 1 then return {'full', math.ceil(((s - 1) * second - now) / 1000)} end
redis.call('HINCRBY', KEYS[3], field(s), 1)
redis.call('HDEL', KEYS[3], field(cur - 2), field(cur - 3))
local after = at + spacing
local ttl = math.ceil((after - now + 2 * second) / 1000) + 1000
redis.call('SET', KEYS[2], field(after), 'PX', ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
if interval > 0 then redis.call('SET', KEYS[5], '1', 'PX', math.ceil((at - now) / 1000) + interval) end
return {'go', at - now}
`;

/** Counts replies in the current second. KEYS: replies per second. ARGV: second µs, how many. */
const COUNT_REPLY = `
local t = redis.call('TIME')
local second = tonumber(ARGV[1])
local cur = math.floor((tonumber(t[1]) * 1000000 + tonumber(t[2])) / second)
redis.call('HINCRBY', KEYS[1], string.format('%.0f', cur), tonumber(ARGV[2]))
redis.call('HDEL', KEYS[1], string.format('%.0f', cur - 2), string.format('%.0f', cur - 3))
redis.call('PEXPIRE', KEYS[1], math.ceil(3 * second / 1000) + 1000)
return 1
`;

/** Starts or lengthens the send pause (never shortens it). KEYS: pause. ARGV: ms. */
const PAUSE = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1
`;

const COMMANDS = {
  mbSendBook: { numberOfKeys: 5, lua: BOOK },
  mbSendCountReply: { numberOfKeys: 1, lua: COUNT_REPLY },
  mbSendPause: { numberOfKeys: 1, lua: PAUSE },
};

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** send-schedule.ts: BOOK. */
    mbSendBook(pause: string, schedule: string, bulk: string, replies: string, chatSlot: string, spacingMicros: number, secondMicros: number, budget: number, chatIntervalMs: number): Result<unknown, Context>;
    /** send-schedule.ts: COUNT_REPLY. */
    mbSendCountReply(replies: string, secondMicros: number, count: number): Result<unknown, Context>;
    /** send-schedule.ts: PAUSE. */
    mbSendPause(pause: string, ms: number): Result<unknown, Context>;
  }
}

const bookReply = z.tuple([z.enum(["go", "paused", "busy", "full"]), z.number()]);

/** How the schedule is cut, from the rate settings (jobs/pacing/pacer.ts). */
export interface ScheduleShape {
  /** Between two bulk sends, µs. */
  spacingMicros: number;
  /** One Telegram second, µs. */
  secondMicros: number;
  /** Messages a second Telegram takes from the bot, replies and bulk sends together. */
  budgetPerSecond: number;
}

export type Booking =
  /** Booked: send in this long. */
  | { kind: "go"; waitMs: number }
  /** A 429's retry_after runs for this long. */
  | { kind: "paused"; ms: number }
  /** The chat had a bulk message too recently: try again in this long. */
  | { kind: "busy"; ms: number }
  /** Replies take the whole budget right now: try again in this long. */
  | { kind: "full"; ms: number };

export class SendSchedule {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {
    defineCommands(redis, COMMANDS);
  }

  /** Books a time for one bulk send; with `chat`, also checks and takes that chat's slot. */
  async book(shape: ScheduleShape, chat?: { id: number; intervalMs: number }): Promise<Booking> {
    const { keys } = this;
    const raw = await this.redis.mbSendBook(
      keys.sendPause,
      keys.sendSchedule,
      keys.bulkPerSecond,
      keys.repliesPerSecond,
      keys.chatSlot(chat?.id ?? 0),
      shape.spacingMicros,
      shape.secondMicros,
      shape.budgetPerSecond,
      chat ? Math.max(1, Math.ceil(chat.intervalMs)) : 0,
    );
    const [kind, value] = bookReply.parse(raw);
    return kind === "go" ? { kind, waitMs: value / 1000 } : { kind, ms: value };
  }

  /** Counts messages sent in answer to users, in the current second. */
  async countReplies(secondMicros: number, count = 1): Promise<void> {
    await this.redis.mbSendCountReply(this.keys.repliesPerSecond, secondMicros, count);
  }

  /** Keeps a chat's slot taken for `ms` from now (after a send reached Telegram). */
  async holdChat(chatId: number, ms: number): Promise<void> {
    await this.redis.set(this.keys.chatSlot(chatId), "1", "PX", Math.max(1, Math.ceil(ms)));
  }

  /** Holds every bulk send for `ms` (a 429's retry_after), across processes. */
  async pause(ms: number): Promise<void> {
    await this.redis.mbSendPause(this.keys.sendPause, Math.max(1, Math.ceil(ms)));
  }
}
