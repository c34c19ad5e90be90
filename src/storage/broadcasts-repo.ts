import type { Redis } from "ioredis";
import { z } from "zod";
import { audienceSchema } from "../domain/broadcast/audience.js";
import { BROADCAST_STATUSES, type BroadcastStatus, type Counts } from "../domain/broadcast/broadcast.js";
import { versionsSchema } from "../domain/broadcast/content.js";
import { DELIVERY_MOVES, isDeliveryState, isSettled, type DeliveryMove, type DeliveryState } from "../domain/broadcast/delivery.js";
import { LOCALES, type Locale } from "../domain/locale.js";
import type { Logger } from "../logger.js";
import type { Keys } from "./keys.js";
import { execAll, luaScript } from "./lua.js";

/** What the organiser decided; immutable once the broadcast is created. */
export const broadcastSpecSchema = z.object({
  audience: audienceSchema,
  /** The mission group's chat id when the organiser chose to post there too. */
  groupChatId: z.number().int().optional(),
  versions: versionsSchema,
  /** The start of the message as plain text, for the history list. */
  summary: z.string(),
  createdBy: z.number().int(),
  /** Where the organiser sees the progress line, and in which language. */
  chatId: z.number().int(),
  progressMessageId: z.number().int(),
  locale: z.enum(LOCALES),
  createdAt: z.number().int(),
});
export type BroadcastSpec = z.infer<typeof broadcastSpecSchema>;

export interface Broadcast {
  id: number;
  spec: BroadcastSpec;
  status: BroadcastStatus;
  counts: Counts;
  /** Delivery jobs were put on the queue (the fan-out is done once). */
  enqueued: boolean;
  /** The progress line as last shown, so an edit is made only when it changes. */
  progressText?: string;
  finishedAt?: number;
  reported: boolean;
}

export interface Recipient {
  chatId: number;
  locale: Locale;
}

const count = z.coerce.number().int().min(0);
const recordSchema = z.object({
  spec: z.string().transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "spec is not JSON" });
      return z.NEVER;
    }
  }).pipe(broadcastSpecSchema),
  status: z.enum(BROADCAST_STATUSES),
  total: count,
  sent: count.default(0),
  unreachable: count.default(0),
  failed: count.default(0),
  cancelled: count.default(0),
  enqueued: z.literal("1").optional(),
  progressText: z.string().optional(),
  finishedAt: z.coerce.number().int().optional(),
  reported: z.literal("1").optional(),
});

export type ClaimResult =
  | { kind: "go"; previous: DeliveryState }
  /** Nothing to do: settled already (or just cancelled because the broadcast was stopped). */
  | { kind: "skip"; state: DeliveryState | undefined }
  /** A 429's retry_after is running: wait this long. */
  | { kind: "paused"; ms: number }
  /** This chat got a broadcast message too recently: wait this long. */
  | { kind: "busy"; ms: number };

// Shared Lua fragment: recipients not settled yet, from the counters.
const LEFT = `
local c = redis.call('HMGET', KEYS[2], 'total', 'sent', 'unreachable', 'failed', 'cancelled')
local left = tonumber(c[1] or '0')
for i = 2, 5 do left = left - tonumber(c[i] or '0') end
`;

/**
 * Applies one move of the delivery table (domain/broadcast/delivery.ts) atomically and counts the
 * recipient if the move settles them. KEYS: deliveries, broadcast. ARGV: chat, to, counter or "",
 * then the states the move is allowed from. Returns {applied, previous state, left}.
 */
const MOVE = luaScript(`
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return {0, '', -1} end
local allowed = false
for i = 4, #ARGV do if ARGV[i] == cur then allowed = true end end
if not allowed then return {0, cur, -1} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[3] ~= '' then redis.call('HINCRBY', KEYS[2], ARGV[3], 1) end
${LEFT}
return {1, cur, left}
`);

/**
 * Claims a recipient for sending, in one round trip: not if settled; cancelled instead if the
 * broadcast was stopped; not while a retry_after runs; not while the chat's interval runs (then the
 * chat's slot is taken for this send). KEYS: deliveries, broadcast, pause, chat slot. ARGV: chat,
 * interval ms, claimed state, cancelled state, then the states a claim is allowed from.
 */
const CLAIM = luaScript(`
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return {'skip', ''} end
local claimable = false
for i = 5, #ARGV do if ARGV[i] == cur then claimable = true end end
if not claimable then return {'skip', cur} end
if redis.call('HGET', KEYS[2], 'status') == 'cancelled' then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
  redis.call('HINCRBY', KEYS[2], ARGV[4], 1)
  return {'skip', ARGV[4]}
end
local pause = redis.call('PTTL', KEYS[3])
if pause > 0 then return {'paused', pause} end
if not redis.call('SET', KEYS[4], '1', 'PX', ARGV[2], 'NX') then
  local wait = redis.call('PTTL', KEYS[4])
  if wait <= 0 then wait = tonumber(ARGV[2]) end
  return {'busy', wait}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return {'go', cur}
`);

/**
 * Books the next time on the schedule of broadcast sends (domain/broadcast/rate.ts), unless a 429's
 * retry_after runs (then nothing is booked, so a pause does not push the schedule on). Redis's clock,
 * so processes on several machines share one schedule. KEYS: pause, schedule. ARGV: spacing µs.
 * Returns {'go', µs to wait} or {'paused', ms}.
 */
const BOOK = luaScript(`
local pause = redis.call('PTTL', KEYS[1])
if pause > 0 then return {'paused', pause} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local at = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if at < now then at = now end
local after = at + tonumber(ARGV[1])
redis.call('SET', KEYS[2], string.format('%.0f', after), 'PX', math.ceil((after - now) / 1000) + 1000)
return {'go', at - now}
`);

/**
 * Stops a broadcast: status cancelled, every pending recipient cancelled and counted.
 * KEYS: broadcast, deliveries. Returns {applied, status before, cancelled chat ids...}.
 */
const CANCEL = luaScript(`
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'sending' then return {0, status or ''} end
redis.call('HSET', KEYS[1], 'status', 'cancelled')
local all = redis.call('HGETALL', KEYS[2])
local result = {1, status}
for i = 1, #all, 2 do
  if all[i + 1] == 'pending' then
    redis.call('HSET', KEYS[2], all[i], 'cancelled')
    result[#result + 1] = all[i]
  end
end
redis.call('HINCRBY', KEYS[1], 'cancelled', #result - 2)
return result
`);

/** Marks a broadcast finished once. KEYS: broadcast, open set. ARGV: status, time, id. */
const FINISH = luaScript(`
if redis.call('HEXISTS', KEYS[1], 'finishedAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'finishedAt', ARGV[2])
redis.call('SREM', KEYS[2], ARGV[3])
return 1
`);

/** Starts or lengthens the send pause (never shortens it). KEYS: pause. ARGV: ms. */
const PAUSE = luaScript(`
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1
`);

/**
 * Forgets one recipient of a broadcast (their personal-data deletion): a pending one is counted as not
 * sent, a settled one leaves its count behind; one being sent right now is left to finish.
 * KEYS: deliveries, locales, broadcast. ARGV: chat. Returns 1 if something was removed.
 */
const FORGET = luaScript(`
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur or cur == 'sending' then return 0 end
if cur == 'pending' then redis.call('HINCRBY', KEYS[3], 'cancelled', 1) end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
`);

const CHUNK = 1_000;

/**
 * Broadcasts in Redis: the record (spec, status, counters), the per-recipient delivery states and
 * locales, and the keys that pace sends (the 429 pause, per-chat slots). Every state change that
 * two workers could race on is one Lua script.
 */
export class BroadcastsRepo {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {}

  /** Creates a broadcast in `sending` with every recipient pending, atomically. */
  async create(spec: BroadcastSpec, recipients: readonly Recipient[]): Promise<number> {
    const unique = new Map<number, Locale>();
    for (const r of recipients) unique.set(r.chatId, r.locale);
    const id = await this.redis.incr(this.keys.broadcastSeq);
    const multi = this.redis.multi();
    multi.hset(this.keys.broadcast(id), {
      spec: JSON.stringify(broadcastSpecSchema.parse(spec)),
      status: "sending",
      total: unique.size,
      sent: 0,
      unreachable: 0,
      failed: 0,
      cancelled: 0,
    });
    const entries = [...unique];
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      multi.hset(this.keys.broadcastDeliveries(id), Object.fromEntries(chunk.map(([chatId]) => [chatId, "pending"])));
      multi.hset(this.keys.broadcastLocales(id), Object.fromEntries(chunk));
    }
    multi.zadd(this.keys.broadcastIndex, spec.createdAt, id);
    multi.sadd(this.keys.broadcastsOpen, id);
    await execAll(multi);
    return id;
  }

  async get(id: number): Promise<Broadcast | undefined> {
    const raw = await this.redis.hgetall(this.keys.broadcast(id));
    if (Object.keys(raw).length === 0) return undefined;
    const parsed = recordSchema.safeParse(raw);
    if (!parsed.success) {
      this.logger.warn({ broadcast: id, issues: parsed.error.issues.slice(0, 3) }, "stored broadcast failed validation; ignored");
      return undefined;
    }
    const r = parsed.data;
    return {
      id,
      spec: r.spec,
      status: r.status,
      counts: { total: r.total, sent: r.sent, unreachable: r.unreachable, failed: r.failed, cancelled: r.cancelled },
      enqueued: r.enqueued === "1",
      ...(r.progressText !== undefined ? { progressText: r.progressText } : {}),
      ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}),
      reported: r.reported === "1",
    };
  }

  /** The newest broadcasts first. */
  async list(limit: number): Promise<Broadcast[]> {
    const ids = await this.redis.zrevrange(this.keys.broadcastIndex, 0, limit - 1);
    const found = await Promise.all(ids.map((id) => this.get(Number(id))));
    return found.filter((b): b is Broadcast => b !== undefined);
  }

  /** Broadcasts not finished yet (to resume after a restart). */
  async openIds(): Promise<number[]> {
    const ids = await this.redis.smembers(this.keys.broadcastsOpen);
    return ids.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0).sort((a, b) => a - b);
  }

  /** Recipients still to be sent to (pending, or in `sending` when a worker died), with their locale. */
  async unsettled(id: number): Promise<Recipient[]> {
    const [states, locales] = await Promise.all([
      this.redis.hgetall(this.keys.broadcastDeliveries(id)),
      this.redis.hgetall(this.keys.broadcastLocales(id)),
    ]);
    const result: Recipient[] = [];
    for (const [chat, state] of Object.entries(states)) {
      if (state !== "pending" && state !== "sending") continue;
      const locale = locales[chat];
      result.push({ chatId: Number(chat), locale: locale === "en" || locale === "ru" ? locale : "ru" });
    }
    return result;
  }

  async deliveryState(id: number, chatId: number): Promise<DeliveryState | undefined> {
    const state = await this.redis.hget(this.keys.broadcastDeliveries(id), String(chatId));
    return isDeliveryState(state) ? state : undefined;
  }

  async deliveryStates(id: number): Promise<Map<number, DeliveryState>> {
    const raw = await this.redis.hgetall(this.keys.broadcastDeliveries(id));
    const result = new Map<number, DeliveryState>();
    for (const [chat, state] of Object.entries(raw)) if (isDeliveryState(state)) result.set(Number(chat), state);
    return result;
  }

  async claim(id: number, chatId: number, intervalMs: number): Promise<ClaimResult> {
    const rule = DELIVERY_MOVES.claim;
    const raw = (await CLAIM(
      this.redis,
      [this.keys.broadcastDeliveries(id), this.keys.broadcast(id), this.keys.sendPause, this.keys.chatSlot(chatId)],
      [chatId, intervalMs, rule.to, DELIVERY_MOVES.cancel.to, ...rule.from],
    )) as [string, string | number];
    const [kind, value] = raw;
    if (kind === "go") return { kind, previous: isDeliveryState(value) ? value : "pending" };
    if (kind === "paused" || kind === "busy") return { kind, ms: Number(value) };
    return { kind: "skip", state: isDeliveryState(value) ? value : undefined };
  }

  /** Applies a move of the delivery table; `left` is what remains unsettled after it. */
  async move(id: number, chatId: number, move: DeliveryMove): Promise<{ applied: boolean; previous?: DeliveryState; left: number }> {
    const rule = DELIVERY_MOVES[move];
    const counter = isSettled(rule.to) ? rule.to : "";
    const [applied, previous, left] = (await MOVE(
      this.redis,
      [this.keys.broadcastDeliveries(id), this.keys.broadcast(id)],
      [chatId, rule.to, counter, ...rule.from],
    )) as [number, string, number];
    return { applied: applied === 1, ...(isDeliveryState(previous) ? { previous } : {}), left };
  }

  /** Stops a broadcast; returns the recipients it took back, or why it could not. */
  async cancel(id: number): Promise<{ ok: true; cancelled: number[] } | { ok: false; status: BroadcastStatus | undefined }> {
    const raw = (await CANCEL(this.redis, [this.keys.broadcast(id), this.keys.broadcastDeliveries(id)], [])) as (string | number)[];
    const [applied, status, ...chats] = raw;
    if (applied !== 1) {
      const known = BROADCAST_STATUSES.find((s) => s === status);
      return { ok: false, status: known };
    }
    return { ok: true, cancelled: chats.map(Number) };
  }

  /** Marks the broadcast finished (once); false if it already was. */
  async finish(id: number, status: "done" | "cancelled", at: number): Promise<boolean> {
    const applied = await FINISH(this.redis, [this.keys.broadcast(id), this.keys.broadcastsOpen], [status, at, id]);
    return applied === 1;
  }

  async markEnqueued(id: number): Promise<void> {
    await this.redis.hset(this.keys.broadcast(id), "enqueued", "1");
  }

  async markReported(id: number): Promise<void> {
    await this.redis.hset(this.keys.broadcast(id), "reported", "1");
  }

  async setProgressText(id: number, text: string): Promise<void> {
    await this.redis.hset(this.keys.broadcast(id), "progressText", text);
  }

  /** Removes a person from every broadcast's delivery records; true if there was anything. */
  async forget(userId: number): Promise<boolean> {
    let removed = false;
    for (const raw of await this.redis.zrange(this.keys.broadcastIndex, 0, -1)) {
      const id = Number(raw);
      const keys = [this.keys.broadcastDeliveries(id), this.keys.broadcastLocales(id), this.keys.broadcast(id)];
      if ((await FORGET(this.redis, keys, [userId])) === 1) removed = true;
    }
    return removed;
  }

  /** Books a time for one send on the schedule shared by every process; how long to wait for it. */
  async bookSend(spacingMicros: number): Promise<{ kind: "go"; waitMs: number } | { kind: "paused"; ms: number }> {
    const [kind, value] = (await BOOK(this.redis, [this.keys.sendPause, this.keys.sendSchedule], [spacingMicros])) as [string, number];
    return kind === "paused" ? { kind, ms: Number(value) } : { kind: "go", waitMs: Number(value) / 1000 };
  }

  /** Keeps a chat's slot taken for `ms` from now (after a send reached Telegram). */
  async holdChat(chatId: number, ms: number): Promise<void> {
    await this.redis.set(this.keys.chatSlot(chatId), "1", "PX", Math.max(1, Math.ceil(ms)));
  }

  /** Holds every broadcast send for `ms` (a 429's retry_after), across processes. */
  async pauseSends(ms: number): Promise<void> {
    await PAUSE(this.redis, [this.keys.sendPause], [Math.max(1, Math.ceil(ms))]);
  }
}
