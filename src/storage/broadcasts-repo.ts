import type { Redis, Result } from "ioredis";
import { z } from "zod";
import { audienceSchema } from "../domain/broadcast/audience.js";
import { BROADCAST_STATUSES, type BroadcastStatus, type Counts } from "../domain/broadcast/broadcast.js";
import { versionsSchema } from "../domain/broadcast/content.js";
import { DELIVERY_MOVES, isDeliveryState, isSettled, type DeliveryMove, type DeliveryState } from "../domain/broadcast/delivery.js";
import { LOCALES, type Locale } from "../domain/locale.js";
import { UNREACHABLE_REASONS, type UnreachableReason } from "../domain/telegram/reachability.js";
import type { Logger } from "../logger.js";
import type { Keys } from "./keys.js";
import { defineCommands, execAll } from "./lua.js";

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
  /**
   * Known already not to be reachable, and why (they blocked the bot before): settled as unreachable
   * when the broadcast is created, counted, and never sent to.
   */
  unreachable?: UnreachableReason;
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
  // The reasons split `unreachable`; a broadcast made before they were recorded has none.
  blocked: count.default(0),
  notStarted: count.default(0),
  deactivated: count.default(0),
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
  | { kind: "paused"; ms: number };

// Shared Lua fragment: recipients not settled yet, from the counters.
const LEFT = `
local c = redis.call('HMGET', KEYS[2], 'total', 'sent', 'unreachable', 'failed', 'cancelled')
local left = tonumber(c[1] or '0')
for i = 2, 5 do left = left - tonumber(c[i] or '0') end
`;

/**
 * Applies one move of the delivery table (domain/broadcast/delivery.ts) atomically and counts the
 * recipient if the move settles them. KEYS: deliveries, broadcast. ARGV: chat, to, counter or "",
 * the reason's counter or "" (an unreachable recipient is counted under both), then the states the
 * move is allowed from. Returns {applied, previous state, left}.
 */
const MOVE = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return {0, '', -1} end
local allowed = false
for i = 5, #ARGV do if ARGV[i] == cur then allowed = true end end
if not allowed then return {0, cur, -1} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[3] ~= '' then redis.call('HINCRBY', KEYS[2], ARGV[3], 1) end
if ARGV[4] ~= '' then redis.call('HINCRBY', KEYS[2], ARGV[4], 1) end
${LEFT}
return {1, cur, left}
`;

/**
 * Claims a recipient for sending, in one round trip: not if settled; cancelled instead if the
 * broadcast was stopped; not while a retry_after runs (one may have started since the send was booked
 * on the schedule, storage/send-schedule.ts, which also took the chat's slot). KEYS: deliveries,
 * broadcast, pause. ARGV: chat, claimed state, cancelled state, then the states a claim is allowed from.
 */
const CLAIM = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return {'skip', ''} end
local claimable = false
for i = 4, #ARGV do if ARGV[i] == cur then claimable = true end end
if not claimable then return {'skip', cur} end
if redis.call('HGET', KEYS[2], 'status') == 'cancelled' then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
  return {'skip', ARGV[3]}
end
local pause = redis.call('PTTL', KEYS[3])
if pause > 0 then return {'paused', pause} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return {'go', cur}
`;

/**
 * Stops a broadcast: status cancelled, every pending recipient cancelled and counted.
 * KEYS: broadcast, deliveries. Returns {applied, status before, cancelled chat ids...}.
 */
const CANCEL = `
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
`;

/** Marks a broadcast finished once. KEYS: broadcast, open set. ARGV: status, time, id. */
const FINISH = `
if redis.call('HEXISTS', KEYS[1], 'finishedAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'finishedAt', ARGV[2])
redis.call('SREM', KEYS[2], ARGV[3])
return 1
`;

/**
 * Forgets one recipient of a broadcast (their personal-data deletion): a pending one is counted as not
 * sent, a settled one leaves its count behind; one being sent right now is left to finish.
 * KEYS: deliveries, locales, broadcast. ARGV: chat. Returns 1 if something was removed.
 */
const FORGET = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur or cur == 'sending' then return 0 end
if cur == 'pending' then redis.call('HINCRBY', KEYS[3], 'cancelled', 1) end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
`;

const COMMANDS = {
  mbBroadcastMove: { numberOfKeys: 2, lua: MOVE },
  mbBroadcastClaim: { numberOfKeys: 3, lua: CLAIM },
  mbBroadcastCancel: { numberOfKeys: 2, lua: CANCEL },
  mbBroadcastFinish: { numberOfKeys: 2, lua: FINISH },
  mbBroadcastForget: { numberOfKeys: 3, lua: FORGET },
};

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** broadcasts-repo.ts: MOVE. */
    mbBroadcastMove(deliveries: string, broadcast: string, chat: number, to: string, counter: string, reason: string, ...from: string[]): Result<unknown, Context>;
    /** broadcasts-repo.ts: CLAIM. */
    mbBroadcastClaim(deliveries: string, broadcast: string, pause: string, chat: number, claimed: string, cancelled: string, ...from: string[]): Result<unknown, Context>;
    /** broadcasts-repo.ts: CANCEL. */
    mbBroadcastCancel(broadcast: string, deliveries: string): Result<unknown, Context>;
    /** broadcasts-repo.ts: FINISH. */
    mbBroadcastFinish(broadcast: string, open: string, status: string, at: number, id: number): Result<unknown, Context>;
    /** broadcasts-repo.ts: FORGET. */
    mbBroadcastForget(deliveries: string, locales: string, broadcast: string, chat: number): Result<unknown, Context>;
  }
}

// Script replies, as Redis turns Lua values into them (numbers, strings, arrays).
const claimReply = z.tuple([z.string(), z.union([z.string(), z.number()])]);
const moveReply = z.tuple([z.number(), z.string(), z.number()]);
const cancelReply = z.tuple([z.number(), z.string()]).rest(z.union([z.string(), z.number()]));
const flagReply = z.number().int();

const CHUNK = 1_000;

/**
 * Broadcasts in Redis: the record (spec, status, counters), the per-recipient delivery states and
 * locales. Pacing (the schedule, the 429 pause, per-chat slots) is storage/send-schedule.ts's; a claim
 * reads the pause too. Every state change that two workers could race on is one Lua script.
 */
export class BroadcastsRepo {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {
    defineCommands(redis, COMMANDS);
  }

  /**
   * Creates a broadcast in `sending`, atomically: every recipient pending, except those known to be
   * unreachable, who are settled and counted by their reason at once.
   */
  async create(spec: BroadcastSpec, recipients: readonly Recipient[]): Promise<number> {
    const unique = new Map<number, Recipient>();
    for (const r of recipients) unique.set(r.chatId, r);
    const known: Record<UnreachableReason, number> = { blocked: 0, notStarted: 0, deactivated: 0 };
    for (const r of unique.values()) if (r.unreachable) known[r.unreachable] += 1;
    const id = await this.redis.incr(this.keys.broadcastSeq);
    const multi = this.redis.multi();
    multi.hset(this.keys.broadcast(id), {
      spec: JSON.stringify(broadcastSpecSchema.parse(spec)),
      status: "sending",
      total: unique.size,
      sent: 0,
      unreachable: UNREACHABLE_REASONS.reduce((sum, reason) => sum + known[reason], 0),
      failed: 0,
      cancelled: 0,
      ...known,
    });
    const entries = [...unique.values()];
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      multi.hset(this.keys.broadcastDeliveries(id), Object.fromEntries(chunk.map((r) => [r.chatId, r.unreachable ? "unreachable" : "pending"])));
      multi.hset(this.keys.broadcastLocales(id), Object.fromEntries(chunk.map((r) => [r.chatId, r.locale])));
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
      counts: {
        total: r.total,
        sent: r.sent,
        unreachable: r.unreachable,
        failed: r.failed,
        cancelled: r.cancelled,
        blocked: r.blocked,
        notStarted: r.notStarted,
        deactivated: r.deactivated,
      },
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

  async claim(id: number, chatId: number): Promise<ClaimResult> {
    const rule = DELIVERY_MOVES.claim;
    const [kind, value] = claimReply.parse(
      await this.redis.mbBroadcastClaim(
        this.keys.broadcastDeliveries(id),
        this.keys.broadcast(id),
        this.keys.sendPause,
        chatId,
        rule.to,
        DELIVERY_MOVES.cancel.to,
        ...rule.from,
      ),
    );
    if (kind === "go") return { kind, previous: isDeliveryState(value) ? value : "pending" };
    if (kind === "paused") return { kind, ms: Number(value) };
    return { kind: "skip", state: isDeliveryState(value) ? value : undefined };
  }

  /**
   * Applies a move of the delivery table; `left` is what remains unsettled after it. An `unreachable`
   * move says why, and is counted under the reason too.
   */
  async move(id: number, chatId: number, move: DeliveryMove, reason?: UnreachableReason): Promise<{ applied: boolean; previous?: DeliveryState; left: number }> {
    const rule = DELIVERY_MOVES[move];
    const counter = isSettled(rule.to) ? rule.to : "";
    const why = rule.to === "unreachable" && reason ? reason : "";
    const [applied, previous, left] = moveReply.parse(
      await this.redis.mbBroadcastMove(this.keys.broadcastDeliveries(id), this.keys.broadcast(id), chatId, rule.to, counter, why, ...rule.from),
    );
    return { applied: applied === 1, ...(isDeliveryState(previous) ? { previous } : {}), left };
  }

  /** Stops a broadcast; returns the recipients it took back, or why it could not. */
  async cancel(id: number): Promise<{ ok: true; cancelled: number[] } | { ok: false; status: BroadcastStatus | undefined }> {
    const [applied, status, ...chats] = cancelReply.parse(await this.redis.mbBroadcastCancel(this.keys.broadcast(id), this.keys.broadcastDeliveries(id)));
    if (applied !== 1) {
      const known = BROADCAST_STATUSES.find((s) => s === status);
      return { ok: false, status: known };
    }
    return { ok: true, cancelled: chats.map(Number) };
  }

  /** Marks the broadcast finished (once); false if it already was. */
  async finish(id: number, status: "done" | "cancelled", at: number): Promise<boolean> {
    return flagReply.parse(await this.redis.mbBroadcastFinish(this.keys.broadcast(id), this.keys.broadcastsOpen, status, at, id)) === 1;
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
      const forgot = await this.redis.mbBroadcastForget(this.keys.broadcastDeliveries(id), this.keys.broadcastLocales(id), this.keys.broadcast(id), userId);
      if (flagReply.parse(forgot) === 1) removed = true;
    }
    return removed;
  }
}
