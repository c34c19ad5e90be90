import { z } from "zod";
import { idSchema } from "../domain/mission/schema.js";
import { draftSchema, participantSchema, ROLES, type Draft, type Participant, type Role } from "../domain/participant.js";
import type { UnreachableReason } from "../domain/telegram/reachability.js";
import type { Logger } from "../logger.js";
import type { Keys } from "./keys.js";
import { defineCommands, execAll } from "./lua.js";
import { ReplyError, type Result } from "ioredis";
import type { Redis } from "./redis.js";

// Registration left half-way is kept a month, then forgotten.
// Changes the log keeps (about; Redis trims whole nodes): a process further behind reads everyone again.
const CHANGES_KEPT = 1_000;
const NO_CHANGES = "0-0";
const LIST_BATCH = 1_000;

/** Orders two stream entry ids ("ms-seq"). */
function compareStreamIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split("-").map(Number);
  const [bm = 0, bs = 0] = b.split("-").map(Number);
  return am - bm || as - bs;
}
const DRAFT_TTL_SECONDS = 30 * 24 * 3600;

// ---- the hash encoding -----------------------------------------------------------------------------

function encode(p: Participant): Record<string, string> {
  const fields: Record<string, string> = {
    id: String(p.id),
    role: p.role,
    fullName: p.fullName,
    company: p.company,
    position: p.position,
    region: p.region,
    tags: JSON.stringify(p.tags),
    offer: p.offer,
    lookingFor: p.lookingFor,
    reachable: p.reachable ? "1" : "0",
    visible: p.visible ? "1" : "0",
    registeredAt: p.registeredAt,
    consentAt: p.consentAt,
  };
  for (const key of ["speakerId", "phone", "email", "companyDescription", "username", "unreachableReason"] as const) {
    const value = p[key];
    if (value !== undefined) fields[key] = value;
  }
  return fields;
}

const flag = z.enum(["0", "1"]).transform((v) => v === "1");
const storedParticipant = z
  .looseObject({
    id: z.string().regex(/^\d{1,16}$/).transform(Number),
    tags: z.string().transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "tags are not JSON" });
        return z.NEVER;
      }
    }),
    reachable: flag,
    visible: flag,
  })
  .pipe(participantSchema);

export const roleGrantSchema = z.object({
  role: z.enum(ROLES),
  speakerId: idSchema.optional(),
  /** The invite it came from. */
  token: z.string().optional(),
  at: z.number().int(),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export interface RoleInfo {
  role: Role;
  speakerId?: string;
}

/**
 * Everyone, as of one version of the participants (see ParticipantsRepo.version). The records are frozen:
 * one snapshot is shared by every reader until the next save or delete.
 */
export interface ParticipantsSnapshot {
  readonly version: string;
  /** Everyone, by id (as `listAll`). */
  readonly all: readonly Participant[];
  get(id: number): Participant | undefined;
}

function snapshotOf(version: string, all: Participant[]): ParticipantsSnapshot {
  for (const p of all) Object.freeze(Object.freeze(p).tags);
  const byId = new Map(all.map((p) => [p.id, p]));
  return { version, all, get: (id) => byId.get(id) };
}

// Sets whether an existing record is reachable, and why not, only when it changes: the record is never
// half-created, and the "write again → reachable" path costs one round trip and no write in the common
// case. Reachable again forgets the reason; a refusal without one keeps the last known reason.
// ARGV: "1" or "0", the reason or "". Returns -1 (no record), 0 (was so already) or 1.
const SET_REACHABLE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local was = redis.call('HGET', KEYS[1], 'reachable')
if ARGV[1] == '1' then
  if was == '1' then return 0 end
  redis.call('HSET', KEYS[1], 'reachable', '1')
  redis.call('HDEL', KEYS[1], 'unreachableReason')
  return 1
end
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'unreachableReason', ARGV[2]) end
if was == '0' then return 0 end
redis.call('HSET', KEYS[1], 'reachable', '0')
return 1`;
const COMMANDS = { mbParticipantSetReachable: { numberOfKeys: 1, lua: SET_REACHABLE } };

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** participants-repo.ts: SET_REACHABLE. */
    mbParticipantSetReachable(participant: string, reachable: string, reason: string): Result<unknown, Context>;
  }
}

/**
 * Participants in Redis: a hash each, index sets by role, by tag and of all. Every read goes through
 * the zod schema: a record that does not parse is logged and treated as absent. Also the role given
 * by an invite before registration (`roleOf` answers for both).
 */
export class ParticipantsRepo {
  /** The last snapshot asked for, shared by concurrent readers while it loads. */
  private latest: { version: string; snapshot: Promise<ParticipantsSnapshot> } | undefined;
  /** The last snapshot that finished loading. */
  private loaded: ParticipantsSnapshot | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {
    defineCommands(redis, COMMANDS);
  }

  async get(id: number): Promise<Participant | undefined> {
    return this.decode(id, await this.redis.hgetall(this.keys.participant(id)));
  }

  /** Creates or replaces the record and moves it between the index sets. */
  async save(participant: Participant): Promise<void> {
    const p = participantSchema.parse(participant);
    const key = this.keys.participant(p.id);
    const id = String(p.id);
    // The old role and tags say which index entries to drop. Two saves of one participant racing could
    // leave a stale entry; the list reads check every record against the index, so it does no harm.
    const [oldRole, oldTags] = await this.redis.hmget(key, "role", "tags");
    const multi = this.redis.multi();
    multi.del(key);
    multi.hset(key, encode(p));
    if (oldRole && oldRole !== p.role) multi.srem(this.keys.participantsByRole(oldRole), id);
    for (const tag of parseTags(oldTags)) if (!p.tags.includes(tag)) multi.srem(this.keys.participantsByTag(tag), id);
    multi.sadd(this.keys.participantsByRole(p.role), id);
    for (const tag of p.tags) multi.sadd(this.keys.participantsByTag(tag), id);
    multi.sadd(this.keys.participantsAll, id);
    this.noteChange(multi, id);
    await execAll(multi);
  }

  /** Removes the record and its index entries; says whether there was one and what it held. */
  async delete(id: number): Promise<{ existed: boolean; participant?: Participant }> {
    const key = this.keys.participant(id);
    const [raw, logged] = await Promise.all([this.redis.hgetall(key), this.redis.xrange(this.keys.participantsChanges, "-", "+")]);
    const multi = this.redis.multi();
    multi.del(key);
    // Indexes by every role and by the recorded tags, so even an unreadable record leaves no entry.
    for (const role of ROLES) multi.srem(this.keys.participantsByRole(role), String(id));
    for (const tag of parseTags(raw.tags)) multi.srem(this.keys.participantsByTag(tag), String(id));
    multi.srem(this.keys.participantsAll, String(id));
    // The change log must not keep who left: their entries go, and the deletion is logged without an id
    // (a reader then drops whoever is no longer registered, see catchUp).
    const theirs = logged.filter(([, fields]) => changedIds(fields).includes(id)).map(([entry]) => entry);
    if (theirs.length > 0) multi.xdel(this.keys.participantsChanges, ...theirs);
    multi.xadd(this.keys.participantsChanges, "MAXLEN", "~", String(CHANGES_KEPT), "*", "gone", "1");
    await execAll(multi);
    if (Object.keys(raw).length === 0) return { existed: false };
    const participant = this.decode(id, raw);
    return { existed: true, ...(participant ? { participant } : {}) };
  }

  /**
   * Changes with every save and delete (not with the reachable flag, which only the bot itself reads): a
   * reader may keep `listAll()` in memory for as long as this stays the same. The id of the change log's
   * last entry.
   */
  async version(): Promise<string> {
    const [last] = await this.redis.xrevrange(this.keys.participantsChanges, "+", "-", "COUNT", 1);
    return last?.[0] ?? NO_CHANGES;
  }

  /**
   * Everyone as of the current version: kept while nobody saved or deleted anyone since the last call
   * (in this process or another: the version is read every time). After a change only who changed is
   * read again (with 50,000 participants, reading everyone took seconds of every process after each
   * registration); everyone only when this process's copy is older than the change log keeps.
   */
  async snapshot(): Promise<ParticipantsSnapshot> {
    const version = await this.version();
    if (this.loaded?.version === version) return this.loaded;
    if (this.latest?.version !== version) {
      const base = this.loaded;
      const snapshot = (async () => {
        const patched = base ? await this.catchUp(base, version) : undefined;
        return patched ?? snapshotOf(version, await this.listAll());
      })();
      this.latest = { version, snapshot };
      snapshot.then(
        (loaded) => {
          // A slow load of an older version must not replace a newer one.
          if (this.latest?.snapshot === snapshot) this.loaded = loaded;
        },
        // A failed read is not kept: the next reader tries again.
        () => {
          if (this.latest?.snapshot === snapshot) this.latest = undefined;
        },
      );
    }
    return this.latest.snapshot;
  }

  /** `base` with who changed after it up to `version` read again; undefined when the log no longer reaches back to it. */
  private async catchUp(base: ParticipantsSnapshot, version: string): Promise<ParticipantsSnapshot | undefined> {
    const key = this.keys.participantsChanges;
    const [oldest, changes] = await Promise.all([this.redis.xrange(key, "-", "+", "COUNT", 1), this.redis.xrange(key, base.version, version)]);
    const first = oldest[0]?.[0];
    if (first === undefined || compareStreamIds(first, base.version) > 0) return undefined;
    const later = changes.filter(([entry]) => entry !== base.version);
    const ids = [...new Set(later.flatMap(([, fields]) => changedIds(fields)))];
    const someoneLeft = later.some(([, fields]) => fields.includes("gone"));
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.participant(id));
    const results = (await pipeline.exec()) ?? [];
    const byId = new Map(base.all.map((p) => [p.id, p]));
    for (const [i, id] of ids.entries()) {
      const [err, raw] = results[i] ?? [new Error("no reply")];
      if (err) throw err;
      const p = this.decode(id, raw as Record<string, string>);
      if (p) byId.set(id, p);
      else byId.delete(id);
    }
    if (someoneLeft) {
      const registered = new Set(await this.ids());
      for (const id of byId.keys()) if (!registered.has(id)) byId.delete(id);
    }
    return snapshotOf(version, [...byId.values()].sort((a, b) => a.id - b.id));
  }

  private noteChange(multi: ReturnType<Redis["multi"]>, id: string): void {
    multi.xadd(this.keys.participantsChanges, "MAXLEN", "~", String(CHANGES_KEPT), "*", "id", id);
  }

  /** Every registered participant's id, without reading the records (the audience of "notify everyone"). */
  async ids(): Promise<number[]> {
    return parseIds(await this.redis.smembers(this.keys.participantsAll));
  }

  listAll(): Promise<Participant[]> {
    return this.list(this.keys.participantsAll, () => true);
  }

  listByRole(role: Role): Promise<Participant[]> {
    return this.list(this.keys.participantsByRole(role), (p) => p.role === role);
  }

  listByTag(tag: string): Promise<Participant[]> {
    return this.list(this.keys.participantsByTag(tag), (p) => p.tags.includes(tag));
  }

  /**
   * False after Telegram refused to deliver, with the reason when it is known (blocked, deactivated,
   * never started). Returns whether reachability changed.
   */
  async setReachable(id: number, reachable: boolean, reason?: UnreachableReason): Promise<boolean> {
    const changed = await this.redis.mbParticipantSetReachable(this.keys.participant(id), reachable ? "1" : "0", reachable ? "" : (reason ?? ""));
    return z.number().int().parse(changed) === 1;
  }

  // ---- roles ------------------------------------------------------------------------------------

  /** The role a person has: their record's, else one an invite gave them before registering. */
  async roleOf(id: number): Promise<RoleInfo | undefined> {
    const [role, speakerId] = await this.redis.hmget(this.keys.participant(id), "role", "speakerId");
    const fromRecord = z.enum(ROLES).safeParse(role);
    if (fromRecord.success) return { role: fromRecord.data, ...(speakerId ? { speakerId } : {}) };
    const grant = await this.getGrant(id);
    return grant ? { role: grant.role, ...(grant.speakerId ? { speakerId: grant.speakerId } : {}) } : undefined;
  }

  async getGrant(id: number): Promise<RoleGrant | undefined> {
    return this.readJson(this.keys.roleGrant(id), roleGrantSchema, "role grant");
  }

  async grantRole(id: number, grant: RoleGrant): Promise<void> {
    await this.redis.set(this.keys.roleGrant(id), JSON.stringify(roleGrantSchema.parse(grant)));
  }

  async deleteGrant(id: number): Promise<boolean> {
    return (await this.redis.del(this.keys.roleGrant(id))) > 0;
  }

  // ---- the registration draft -------------------------------------------------------------------

  async getDraft(id: number): Promise<Draft | undefined> {
    return this.readJson(this.keys.registrationDraft(id), draftSchema, "registration draft");
  }

  async saveDraft(id: number, draft: Draft): Promise<void> {
    await this.redis.set(this.keys.registrationDraft(id), JSON.stringify(draftSchema.parse(draft)), "EX", DRAFT_TTL_SECONDS);
  }

  async deleteDraft(id: number): Promise<boolean> {
    return (await this.redis.del(this.keys.registrationDraft(id))) > 0;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private decode(id: number, raw: Record<string, string>): Participant | undefined {
    if (Object.keys(raw).length === 0) return undefined;
    const parsed = storedParticipant.safeParse(raw);
    if (parsed.success && parsed.data.id === id) return parsed.data;
    this.logger.warn({ participant: id, issues: parsed.error?.issues.slice(0, 3) }, "stored participant failed validation; ignored");
    return undefined;
  }

  private async list(setKey: string, belongs: (p: Participant) => boolean): Promise<Participant[]> {
    const ids = parseIds(await this.redis.smembers(setKey));
    const found: Participant[] = [];
    // A thousand records a round trip: one pipeline of 50,000 outlasted the client's command timeout on a
    // busy machine, and every other update's commands waited behind it.
    for (let from = 0; from < ids.length; from += LIST_BATCH) {
      const batch = ids.slice(from, from + LIST_BATCH);
      const pipeline = this.redis.pipeline();
      for (const id of batch) pipeline.hgetall(this.keys.participant(id));
      const results = (await pipeline.exec()) ?? [];
      batch.forEach((id, i) => {
        const [err, raw] = results[i] ?? [new Error("no reply")];
        if (err instanceof ReplyError) {
          // Redis refused this key (not a hash: a hand edit): absent, as a record that does not parse.
          this.logger.warn({ participant: id, err: String(err) }, "stored participant unreadable; ignored");
          return;
        }
        // A read that failed (a timeout, the connection) fails the list: a list with people silently
        // missing would be kept in memory as everyone.
        if (err) throw err;
        const p = this.decode(id, raw as Record<string, string>);
        if (p && belongs(p)) found.push(p);
      });
    }
    return found.sort((a, b) => a.id - b.id);
  }

  private async readJson<T>(key: string, schema: z.ZodType<T>, what: string): Promise<T | undefined> {
    const raw = await this.redis.get(key);
    if (raw === null) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    this.logger.warn({ key, what }, "stored value failed validation; ignored");
    return undefined;
  }
}

// The index sets hold ids as text; anything else in them (a hand edit) is skipped.
/** The ids a change log entry names (its `id` fields; a deletion's entry names none). */
function changedIds(fields: readonly string[]): number[] {
  return parseIds(fields.filter((_, i) => i % 2 === 1 && fields[i - 1] === "id"));
}

function parseIds(members: readonly string[]): number[] {
  return members.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
}

function parseTags(raw: string | null | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
