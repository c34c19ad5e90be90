import { z } from "zod";
import { awaitsAddressee, DECLINE_REASONS, ERASED, HISTORY_ACTIONS, REQUEST_STATES, type MeetingRequest } from "../domain/meetings/request.js";
import { MESSAGE_MAX } from "../domain/meetings/message.js";
import { LIMITS } from "../domain/participant.js";
import type { Logger } from "../logger.js";
import type { Keys } from "./keys.js";
import { defineCommands, RECORD_UNCHANGED_LUA } from "./lua.js";
import type { Result } from "ioredis";
import type { Redis } from "./redis.js";

const userId = z.number().int().nonnegative();
const slotSchema = z.object({ start: z.number().int(), end: z.number().int() });

export const meetingRequestSchema: z.ZodType<MeetingRequest> = z.object({
  id: z.string().regex(/^[a-z0-9]{6,24}$/),
  from: userId,
  to: userId,
  slot: slotSchema.nullable(),
  message: z.string().max(MESSAGE_MAX * 2),
  state: z.enum(REQUEST_STATES),
  proposal: slotSchema.optional(),
  declineReason: z.enum(DECLINE_REASONS).optional(),
  delivered: z.boolean(),
  addresseeMessageId: z.number().int().positive().optional(),
  digestedAt: z.number().int().optional(),
  // Optional: records stored before the companies were kept parse as they are. Twice the profile's
  // limit, which counts characters as the user sees them rather than UTF-16 units (as for the message).
  fromCompany: z.string().max(LIMITS.company * 2).optional(),
  toCompany: z.string().max(LIMITS.company * 2).optional(),
  table: z.object({ item: z.string().max(32), n: z.number().int().positive().nullable() }).optional(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  history: z.array(
    z.object({
      at: z.number().int(),
      by: userId,
      action: z.enum(HISTORY_ACTIONS),
    }),
  ),
});

/** A record as read: the request and the exact stored text, which a write compares against. */
export interface Stored {
  request: MeetingRequest;
  raw: string;
}

/**
 * What a check across several records depends on. Each is a counter that every write which could change
 * the check's answer bumps: a user's pending outgoing requests (the N-pending limit), a pair's requests
 * (one open request per pair, the pause after a decline), a user's agreed meetings (slot conflicts).
 * A check reads its guards first and passes them to the write, which fails with "conflict" if any moved.
 * Fine-grained on purpose: requests pouring in to a popular host never disturb each other.
 */
export type Guard = { kind: "outgoing"; user: number } | { kind: "pair"; a: number; b: number } | { kind: "accepted"; user: number };

/** Guard values as read, by key. */
export type Guards = ReadonlyMap<string, string>;

// Writes one record if it is still what the caller read (compare-and-set on the stored JSON) and, when
// asked, if the guards a check across records read are unchanged (see Guard); then bumps the guards the
// change affects and applies the index changes. All or nothing: two taps at once, two devices, or an
// accept racing a cancel end in exactly one state.
//   KEYS: record, then nv guard keys, then ne keys that must exist, then na keys that must not, then index keys
//   ARGV: expected raw ('' = must not exist), new raw, nv, (expected value or '', bump 0/1) per guard,
//         ne, na, op count, ops
// A table (hclaim: a field of a slot's tables hash) held by another meeting fails the write like a moved
// guard, before anything is written: two meetings accepted at once never share a table and slot.
const COMMIT = `${RECORD_UNCHANGED_LUA}
local nv = tonumber(ARGV[3])
for i = 1, nv do
  local expected = ARGV[2 + 2 * i]
  if expected ~= '' and (redis.call('GET', KEYS[1 + i]) or '0') ~= expected then return 0 end
end
local base = 4 + 2 * nv
local ne = tonumber(ARGV[base])
local na = tonumber(ARGV[base + 1])
for i = 1, ne do
  if redis.call('EXISTS', KEYS[1 + nv + i]) == 0 then return -1 end
end
for i = 1, na do
  if redis.call('EXISTS', KEYS[1 + nv + ne + i]) == 1 then return -1 end
end
local c = base + 3
for _ = 1, tonumber(ARGV[base + 2]) do
  local op = ARGV[c]
  if op == 'hclaim' then
    local holder = redis.call('HGET', KEYS[tonumber(ARGV[c + 1])], ARGV[c + 2])
    if holder and holder ~= ARGV[c + 3] then return 0 end
  end
  if op == 'zadd' or op == 'hclaim' or op == 'hfree' then c = c + 4 else c = c + 3 end
end
redis.call('SET', KEYS[1], ARGV[2])
for i = 1, nv do
  if ARGV[3 + 2 * i] == '1' then redis.call('INCR', KEYS[1 + i]) end
end
local a = base + 3
for _ = 1, tonumber(ARGV[base + 2]) do
  local op, key = ARGV[a], KEYS[tonumber(ARGV[a + 1])]
  if op == 'zadd' then
    redis.call('ZADD', key, ARGV[a + 2], ARGV[a + 3])
    a = a + 4
  elseif op == 'zrem' then
    redis.call('ZREM', key, ARGV[a + 2])
    a = a + 3
  elseif op == 'sadd' then
    redis.call('SADD', key, ARGV[a + 2])
    a = a + 3
  elseif op == 'srem' then
    redis.call('SREM', key, ARGV[a + 2])
    a = a + 3
  elseif op == 'hclaim' then
    redis.call('HSET', key, ARGV[a + 2], ARGV[a + 3])
    a = a + 4
  elseif op == 'hfree' then
    if redis.call('HGET', key, ARGV[a + 2]) == ARGV[a + 3] then redis.call('HDEL', key, ARGV[a + 2]) end
    a = a + 4
  else
    return redis.error_reply('unknown op ' .. tostring(op))
  end
end
return 1`;
const COMMANDS = { mbMeetingCommit: { lua: COMMIT } };

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** meetings-repo.ts: COMMIT, whose number of keys varies (given first). */
    mbMeetingCommit(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Result<unknown, Context>;
  }
}

export type CommitResult = "ok" | "conflict" | "gone";

export interface CommitOptions {
  /** Guards read before a check across records (limits, slot conflicts): the write fails with "conflict" if any moved. */
  guards?: Guards;
  /**
   * People who must still be registered and not in the middle of deleting their data for the write to
   * happen ("gone" otherwise): a new request never names someone whose data is being erased.
   */
  present?: readonly number[];
}

type Op = { op: "zadd"; key: string; score: number } | { op: "zrem" | "sadd" | "srem"; key: string } | { op: "hclaim" | "hfree"; key: string; field: string };

/**
 * Meeting requests in Redis: a JSON record per request (its history included) and index sets per user,
 * per pair, of all, of the ones waiting for delivery and of the ones a digest may mention. Every write
 * goes through one Lua compare-and-set; the indexes follow from the record, so they cannot disagree.
 */
export class MeetingsRepo {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {
    defineCommands(redis, COMMANDS);
  }

  async get(id: string): Promise<Stored | undefined> {
    return (await this.getMany([id]))[0];
  }

  async getMany(ids: readonly string[]): Promise<Stored[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(...ids.map((id) => this.keys.meeting(id)));
    const found: Stored[] = [];
    raws.forEach((raw, i) => {
      if (raw === null) return;
      const request = this.decode(ids[i] ?? "", raw);
      if (request) found.push({ request, raw });
    });
    return found;
  }

  outgoing(userId: number): Promise<Stored[]> {
    return this.listed(this.keys.meetingsOut(userId));
  }

  incoming(userId: number): Promise<Stored[]> {
    return this.listed(this.keys.meetingsIn(userId));
  }

  betweenPair(a: number, b: number): Promise<Stored[]> {
    return this.listed(this.keys.meetingsPair(a, b));
  }

  /** Everything a user sent or received, oldest first. */
  async involving(userId: number): Promise<Stored[]> {
    const [out, incoming] = await Promise.all([this.outgoing(userId), this.incoming(userId)]);
    const seen = new Set<string>();
    return [...out, ...incoming]
      .filter((s) => (seen.has(s.request.id) ? false : (seen.add(s.request.id), true)))
      .sort((a, b) => a.request.createdAt - b.request.createdAt || a.request.id.localeCompare(b.request.id));
  }

  /** A user's agreed meetings, earliest first ("any time" ones before those with a time). */
  async accepted(userId: number): Promise<Stored[]> {
    return (await this.listed(this.keys.meetingsAccepted(userId))).filter((s) => s.request.state === "accepted");
  }

  /** The tables of a B2B item held in the slot starting at `slotStart` (numbers, see MeetingTable). */
  async takenTables(itemId: string, slotStart: number): Promise<Set<number>> {
    const fields = await this.redis.hkeys(this.keys.meetingTables(itemId, slotStart));
    return new Set(fields.map((f) => z.coerce.number().int().positive().parse(f)));
  }

  /** Every request, oldest first (the organisers' history). */
  async all(): Promise<Stored[]> {
    return this.getMany(await this.redis.zrange(this.keys.meetingsAll, 0, -1));
  }

  async guards(list: readonly Guard[]): Promise<Guards> {
    const keys = [...new Set(list.filter((g) => (g.kind === "pair" ? g.a !== ERASED && g.b !== ERASED : g.user !== ERASED)).map((g) => this.guardKey(g)))];
    const values = keys.length > 0 ? await this.redis.mget(...keys) : [];
    return new Map(keys.map((key, i) => [key, values[i] ?? "0"]));
  }

  /** Ids of requests Telegram could not show this addressee yet. */
  waiting(userId: number): Promise<string[]> {
    return this.redis.smembers(this.keys.meetingsWaiting(userId));
  }

  /** Ids of delivered, unanswered requests not yet in a digest, delivered at or before `before`. */
  digestDue(before: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.meetingsDigestDue, "-inf", before);
  }

  /** Drops ids from the digest index whose records are gone (unreadable ones, logged when read). */
  async forgetDigestDue(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.redis.zrem(this.keys.meetingsDigestDue, ...ids);
  }

  /** Stores a new request. */
  create(request: MeetingRequest, now: number, options: CommitOptions = {}): Promise<CommitResult> {
    return this.commit(undefined, request, now, options);
  }

  /** Replaces a request with its next state if the stored one is still `previous`. */
  update(previous: Stored, next: MeetingRequest, now: number, options: CommitOptions = {}): Promise<CommitResult> {
    return this.commit(previous, next, now, options);
  }

  /** Marks a user as leaving for a while: a write that needs them `present` fails meanwhile. */
  async markLeaving(userId: number, seconds: number): Promise<void> {
    await this.redis.set(this.keys.meetingsLeaving(userId), "1", "EX", seconds);
  }

  /** After a user's requests were erased: the keys named after them (with the people they dealt with) go too. */
  async forgetUser(userId: number, counterparts: readonly number[]): Promise<void> {
    await this.redis.del(
      this.keys.meetingsGuardOut(userId),
      this.keys.meetingsGuardAccepted(userId),
      this.keys.meetingsWaiting(userId),
      this.keys.meetingsAccepted(userId),
      this.keys.meetingsOut(userId),
      this.keys.meetingsIn(userId),
      ...counterparts.map((other) => this.keys.meetingsGuardPair(userId, other)),
      ...counterparts.map((other) => this.keys.meetingsPair(userId, other)),
    );
  }

  /** Takes the right to show a request to its addressee for a while; false when someone else holds it. */
  async lockDelivery(id: string, ms: number): Promise<boolean> {
    return (await this.redis.set(this.keys.meetingDelivering(id), "1", "PX", ms, "NX")) === "OK";
  }

  async unlockDelivery(id: string): Promise<void> {
    await this.redis.del(this.keys.meetingDelivering(id));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private async commit(previous: Stored | undefined, next: MeetingRequest, now: number, options: CommitOptions): Promise<CommitResult> {
    const parsed = meetingRequestSchema.parse(next);
    const checked = options.guards ?? new Map<string, string>();
    const bumped = new Set(guardBumps(this.keys, previous?.request, parsed));
    const guardKeys = [...new Set([...checked.keys(), ...bumped])];
    const ops = [...tableOps(this.keys, previous?.request, parsed), ...indexOps(this.keys, previous?.request, parsed, now)];
    const indexKeys = [...new Set(ops.map((o) => o.key))];
    const present = options.present ?? [];
    const mustExist = present.map((id) => this.keys.participant(id));
    const mustNotExist = present.map((id) => this.keys.meetingsLeaving(id));
    const keys = [this.keys.meeting(parsed.id), ...guardKeys, ...mustExist, ...mustNotExist, ...indexKeys];
    const keyIndex = (key: string) => 2 + guardKeys.length + mustExist.length + mustNotExist.length + indexKeys.indexOf(key);
    const args: (string | number)[] = [previous?.raw ?? "", JSON.stringify(parsed), guardKeys.length];
    for (const key of guardKeys) args.push(checked.get(key) ?? "", bumped.has(key) ? "1" : "0");
    args.push(mustExist.length, mustNotExist.length, ops.length);
    for (const o of ops) {
      if (o.op === "zadd") args.push("zadd", keyIndex(o.key), o.score, parsed.id);
      else if (o.op === "hclaim" || o.op === "hfree") args.push(o.op, keyIndex(o.key), o.field, parsed.id);
      else args.push(o.op, keyIndex(o.key), parsed.id);
    }
    const result = z.number().int().parse(await this.redis.mbMeetingCommit(keys.length, ...keys, ...args));
    return result === 1 ? "ok" : result === -1 ? "gone" : "conflict";
  }

  private guardKey(g: Guard): string {
    if (g.kind === "outgoing") return this.keys.meetingsGuardOut(g.user);
    if (g.kind === "accepted") return this.keys.meetingsGuardAccepted(g.user);
    return this.keys.meetingsGuardPair(g.a, g.b);
  }

  private async listed(key: string): Promise<Stored[]> {
    return this.getMany(await this.redis.zrange(key, 0, -1));
  }

  private decode(id: string, raw: string): MeetingRequest | undefined {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = meetingRequestSchema.safeParse(json);
    if (parsed.success && parsed.data.id === id) return parsed.data;
    this.logger.warn({ meeting: id, issues: parsed.error?.issues.slice(0, 3) }, "stored meeting request failed validation; ignored");
    return undefined;
  }
}

/** The guards a change moves: whatever checks across records could now answer differently. */
function guardBumps(keys: Keys, previous: MeetingRequest | undefined, next: MeetingRequest): string[] {
  const found: string[] = [];
  const pair = (r: MeetingRequest) => (r.from !== ERASED && r.to !== ERASED ? [keys.meetingsGuardPair(r.from, r.to)] : []);
  const pending = (r: MeetingRequest | undefined) => r?.state === "pending";
  const accepted = (r: MeetingRequest | undefined) => r?.state === "accepted";
  const sides = (r: MeetingRequest) => [r.from, r.to].filter((id) => id !== ERASED);
  if (!previous || previous.state !== next.state) found.push(...(previous ? pair(previous) : []), ...pair(next));
  if (pending(previous) !== pending(next)) for (const r of previous ? [previous, next] : [next]) if (r.from !== ERASED) found.push(keys.meetingsGuardOut(r.from));
  const slotMoved = JSON.stringify(previous?.slot) !== JSON.stringify(next.slot);
  if (accepted(previous) !== accepted(next) || (accepted(next) && slotMoved)) {
    for (const r of previous ? [previous, next] : [next]) for (const id of sides(r)) found.push(keys.meetingsGuardAccepted(id));
  }
  return [...new Set(found)];
}

/** The table an agreed meeting holds (a field of its slot's tables hash), if it was given one. */
function heldTable(keys: Keys, r: MeetingRequest | undefined): { key: string; field: string } | undefined {
  if (r?.state !== "accepted" || !r.slot || !r.table || r.table.n === null) return undefined;
  return { key: keys.meetingTables(r.table.item, r.slot.start), field: String(r.table.n) };
}

/** A table let go when a meeting stops holding it (cancelled, erased), one claimed when it starts. */
function tableOps(keys: Keys, previous: MeetingRequest | undefined, next: MeetingRequest): Op[] {
  const before = heldTable(keys, previous);
  const after = heldTable(keys, next);
  if (before?.key === after?.key && before?.field === after?.field) return [];
  return [...(before ? [{ op: "hfree" as const, ...before }] : []), ...(after ? [{ op: "hclaim" as const, ...after }] : [])];
}

/** The index entries a request belongs in, by index; each key with the score it is added under. */
function memberships(keys: Keys, r: MeetingRequest, now: number): Map<string, { key: string; score: number; set: boolean }> {
  const found = new Map<string, { key: string; score: number; set: boolean }>();
  const add = (kind: string, key: string, score: number, set = false) => found.set(kind, { key, score, set });
  add("all", keys.meetingsAll, r.createdAt);
  if (r.from !== ERASED) add("out", keys.meetingsOut(r.from), r.createdAt);
  if (r.to !== ERASED) add("in", keys.meetingsIn(r.to), r.createdAt);
  if (r.from !== ERASED && r.to !== ERASED) add("pair", keys.meetingsPair(r.from, r.to), r.createdAt);
  if (r.state === "accepted") {
    if (r.from !== ERASED) add("accepted-from", keys.meetingsAccepted(r.from), r.slot?.start ?? 0);
    if (r.to !== ERASED) add("accepted-to", keys.meetingsAccepted(r.to), r.slot?.start ?? 0);
  }
  if (r.to !== ERASED && r.state === "pending" && !r.delivered) add("waiting", keys.meetingsWaiting(r.to), 0, true);
  if (r.to !== ERASED && awaitsAddressee(r) && r.digestedAt === undefined) add("digest", keys.meetingsDigestDue, now);
  return found;
}

/** What changes in the indexes from one state of a request to the next (or from nothing to the first). */
function indexOps(keys: Keys, previous: MeetingRequest | undefined, next: MeetingRequest, now: number): Op[] {
  const before = previous ? memberships(keys, previous, now) : new Map<string, { key: string; score: number; set: boolean }>();
  const after = memberships(keys, next, now);
  const ops: Op[] = [];
  for (const [kind, was] of before) {
    const will = after.get(kind);
    if (!will || will.key !== was.key) ops.push({ op: was.set ? "srem" : "zrem", key: was.key });
  }
  for (const [kind, will] of after) {
    const was = before.get(kind);
    // Scores that depend on the record (a start, a creation time) are rewritten when they move.
    const moved = was && !will.set && kind !== "digest" && was.score !== will.score;
    if (!was || was.key !== will.key || moved) ops.push(will.set ? { op: "sadd", key: will.key } : { op: "zadd", key: will.key, score: will.score });
  }
  return ops;
}
