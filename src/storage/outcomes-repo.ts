import { z } from "zod";
import type { Result as RedisResult } from "ioredis";
import { NOTE_MAX } from "../domain/outcomes/note.js";
import { AGREEMENT_TYPES, MAX_ASKS, MET_ANSWERS, NOT_DONE_REASONS, PROGRESS_STATES, type Question, type SideOutcome } from "../domain/outcomes/outcome.js";
import type { Logger } from "../logger.js";
import type { Keys } from "./keys.js";
import { defineCommands, RECORD_UNCHANGED_LUA } from "./lua.js";
import type { Redis } from "./redis.js";

const meetingId = z.string().regex(/^[a-z0-9]{6,24}$/);
const userId = z.number().int().positive();
const instant = z.number().int();

export const sideOutcomeSchema: z.ZodType<SideOutcome> = z.object({
  meetingId,
  userId,
  rev: z.number().int().nonnegative(),
  asks: z.number().int().nonnegative(),
  askedAt: instant.optional(),
  met: z.enum(MET_ANSWERS).optional(),
  metAt: instant.optional(),
  result: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("agreement"), type: z.enum(AGREEMENT_TYPES) }),
      z.object({ kind: z.literal("follow-up") }),
      z.object({ kind: z.literal("none") }),
    ])
    .optional(),
  note: z.string().max(NOTE_MAX * 2).optional(),
  byWhen: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
  agreedAt: instant.optional(),
  followUpsAsked: z.array(z.object({ days: z.number().int().positive(), at: instant })),
  progress: z.array(
    z.object({
      at: instant,
      state: z.enum(PROGRESS_STATES),
      reason: z.enum(NOT_DONE_REASONS).optional(),
      days: z.number().int().positive().optional(),
    }),
  ),
  updatedAt: instant,
});

/** A record as read: the outcome and the exact stored text, which a write compares against. */
export interface StoredOutcome {
  outcome: SideOutcome;
  raw: string;
}

/** A question as stored on the schedule and carried by its job. */
export const questionSchema: z.ZodType<Question> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ask"), meetingId, userId, n: z.number().int().min(0).max(MAX_ASKS), at: instant }),
  z.object({ kind: z.literal("follow-up"), meetingId, userId, days: z.number().int().min(1).max(730), at: instant }),
]);

const MEMBER = /^([af]):([^:]+):([^:]+):([^:]+):([^:]+)$/;

/**
 * A question as a member of the due set. It names its due time, so that the same question put off
 * (or an agreement recorded again) is another member, and a sweep removing what it took never takes
 * away one scheduled meanwhile.
 */
export function questionMember(q: Question): string {
  return q.kind === "ask" ? `a:${q.meetingId}:${q.userId}:${q.n}:${q.at}` : `f:${q.meetingId}:${q.userId}:${q.days}:${q.at}`;
}

export function parseQuestionMember(member: string): Question | undefined {
  const [, kind, id, user, which, at] = MEMBER.exec(member) ?? [];
  const fields = { meetingId: id, userId: Number(user), at: Number(at) };
  const parsed = questionSchema.safeParse(kind === "a" ? { kind: "ask", n: Number(which), ...fields } : { kind: "follow-up", days: Number(which), ...fields });
  return parsed.success ? parsed.data : undefined;
}

// Writes one side's record if it is still what the caller read (compare-and-set on the stored JSON),
// notes the meeting in the user's index, and puts questions on (and off) the schedule: all or nothing,
// so an agreement and its follow-ups are never one without the other.
//   KEYS: record, user index, due set
//   ARGV: expected raw ('' = must not exist), new raw, meeting id, n to add, (score, member) × n, members to remove…
const COMMIT = `${RECORD_UNCHANGED_LUA}
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
local n = tonumber(ARGV[4])
for i = 0, n - 1 do
  redis.call('ZADD', KEYS[3], ARGV[5 + 2 * i], ARGV[6 + 2 * i])
end
for i = 5 + 2 * n, #ARGV do
  redis.call('ZREM', KEYS[3], ARGV[i])
end
return 1`;
const COMMANDS = { mbOutcomeCommit: { numberOfKeys: 3, lua: COMMIT } };

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** outcomes-repo.ts: COMMIT. */
    mbOutcomeCommit(record: string, index: string, due: string, ...args: (string | number)[]): RedisResult<unknown, Context>;
  }
}

/**
 * What came of meetings: one JSON record per side of a meeting (`outcome:<meeting>:<user>`, so each side
 * writes only their own), an index of a user's records, and one sorted set of the questions still to be
 * sent, by due time, which a sweep turns into jobs (services/outcomes.ts).
 */
export class OutcomesRepo {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {
    defineCommands(redis, COMMANDS);
  }

  async get(meetingId: string, userId: number): Promise<StoredOutcome | undefined> {
    const raw = await this.redis.get(this.keys.outcome(meetingId, userId));
    if (raw === null) return undefined;
    const outcome = this.decode(meetingId, userId, raw);
    return outcome ? { outcome, raw } : undefined;
  }

  /** Records of many sides at once, by `${meetingId}:${userId}`. */
  async getMany(sides: readonly { meetingId: string; userId: number }[]): Promise<Map<string, SideOutcome>> {
    const found = new Map<string, SideOutcome>();
    for (let i = 0; i < sides.length; i += 1000) {
      const chunk = sides.slice(i, i + 1000);
      const raws = await this.redis.mget(...chunk.map((s) => this.keys.outcome(s.meetingId, s.userId)));
      raws.forEach((raw, j) => {
        const side = chunk[j];
        if (raw === null || !side) return;
        const outcome = this.decode(side.meetingId, side.userId, raw);
        if (outcome) found.set(`${side.meetingId}:${side.userId}`, outcome);
      });
    }
    return found;
  }

  /** Writes a side's record if the stored one is still `previous` (none: must not exist), with its questions. */
  async commit(previous: StoredOutcome | undefined, next: SideOutcome, schedule: readonly Question[] = [], unschedule: readonly Question[] = []): Promise<"ok" | "conflict"> {
    const parsed = sideOutcomeSchema.parse(next);
    const args: (string | number)[] = [previous?.raw ?? "", JSON.stringify(parsed), parsed.meetingId, schedule.length];
    for (const q of schedule) args.push(q.at, questionMember(q));
    for (const q of unschedule) args.push(questionMember(q));
    const result = await this.redis.mbOutcomeCommit(this.keys.outcome(parsed.meetingId, parsed.userId), this.keys.outcomesOf(parsed.userId), this.keys.outcomesDue, ...args);
    return z.number().int().parse(result) === 1 ? "ok" : "conflict";
  }

  /** Puts questions on the schedule (the same question twice is one). */
  async schedule(questions: readonly Question[]): Promise<void> {
    if (questions.length === 0) return;
    await this.redis.zadd(this.keys.outcomesDue, ...questions.flatMap((q) => [q.at, questionMember(q)]));
  }

  async unschedule(questions: readonly Question[]): Promise<void> {
    if (questions.length > 0) await this.redis.zrem(this.keys.outcomesDue, ...questions.map(questionMember));
  }

  /** Questions due by `now`, earliest first, at most `limit`; a member that is not a question is dropped. */
  async due(now: number, limit: number): Promise<Question[]> {
    const members = await this.redis.zrangebyscore(this.keys.outcomesDue, "-inf", now, "LIMIT", 0, limit);
    const questions: Question[] = [];
    const bad: string[] = [];
    for (const member of members) {
      const q = parseQuestionMember(member);
      if (q) questions.push(q);
      else bad.push(member);
    }
    if (bad.length > 0) {
      this.logger.warn({ members: bad.slice(0, 3) }, "unreadable outcome questions on the schedule; dropped");
      await this.redis.zrem(this.keys.outcomesDue, ...bad);
    }
    return questions;
  }

  /** Questions still on the schedule (tests and benchmarks look). */
  scheduled(): Promise<number> {
    return this.redis.zcard(this.keys.outcomesDue);
  }

  /** Meeting ids the user has a record for. */
  async meetingsOf(userId: number): Promise<string[]> {
    return (await this.redis.smembers(this.keys.outcomesOf(userId))).filter((id) => meetingId.safeParse(id).success);
  }

  /**
   * Removes every record of the user (their answers and notes), their index, and the questions still
   * scheduled for them (members name the user); how many records there were.
   */
  async forget(userId: number): Promise<number> {
    const ids = await this.meetingsOf(userId);
    await this.redis.del(this.keys.outcomesOf(userId), ...ids.map((id) => this.keys.outcome(id, userId)));
    // A scan of the whole schedule: erasure is rare, and a later or a follow-up's due time is not kept elsewhere.
    let cursor = "0";
    do {
      const [next, batch] = await this.redis.zscan(this.keys.outcomesDue, cursor, "MATCH", `*:${userId}:*`, "COUNT", 1000);
      cursor = next;
      const mine = batch.filter((member, i) => i % 2 === 0 && parseQuestionMember(member)?.userId === userId);
      if (mine.length > 0) await this.redis.zrem(this.keys.outcomesDue, ...mine);
    } while (cursor !== "0");
    return ids.length;
  }

  private decode(meetingId: string, userId: number, raw: string): SideOutcome | undefined {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = sideOutcomeSchema.safeParse(json);
    if (parsed.success && parsed.data.meetingId === meetingId && parsed.data.userId === userId) return parsed.data;
    this.logger.warn({ meeting: meetingId, user: userId, issues: parsed.error?.issues.slice(0, 3) }, "stored outcome failed validation; ignored");
    return undefined;
  }
}
