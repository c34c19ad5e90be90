import type { Result } from "ioredis";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { notifyChange, type ChangeTopic } from "./change-feed.js";
import type { Keys } from "./keys.js";
import { defineCommands, execAll } from "./lua.js";
import type { Redis } from "./redis.js";

const storedProgrammeSchema = z.object({
  source: z.string().min(1),
  version: z.string().min(1),
  publishedAt: z.number(),
  publishedBy: z.number().int().optional(),
});
export type StoredProgramme = z.infer<typeof storedProgrammeSchema>;

const draftSchema = z.object({
  source: z.string().min(1),
  /** Short hash of the source, carried by the Publish button so a stale button cannot publish another draft. */
  token: z.string().min(1),
});
export type ProgrammeDraft = z.infer<typeof draftSchema>;

// Long enough to read a summary and ask a colleague; an old draft must not be published by accident.
const DRAFT_TTL_SECONDS = 3 * 3600;

/**
 * Publishes only over the publication the organiser opened: "version@publishedAt" as MissionService names
 * it (publishedAt printed as an integer: cjson reads numbers as doubles). Nothing stored yet: the first
 * publication goes. Announced as notifyChange does, in the same step.
 */
const PUBLISH_IF_REVISION = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, record = pcall(cjson.decode, current)
  if ok and type(record) == 'table' then
    local revision = tostring(record.version)
    if type(record.publishedAt) == 'number' then revision = revision .. '@' .. string.format('%.0f', record.publishedAt) end
    if revision ~= ARGV[2] then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('PUBLISH', KEYS[2], ARGV[3])
return 1
`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    programmePublishIfRevision(programme: string, changes: string, record: string, revision: string, topic: string): Result<number, Context>;
  }
}

/** The published programme and organisers' drafts, as JSON under keys.ts. */
export class ProgrammeRepository {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {
    defineCommands(redis, { programmePublishIfRevision: { numberOfKeys: 2, lua: PUBLISH_IF_REVISION } });
  }

  private async read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const raw = await this.redis.get(key);
    if (raw === null) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    this.logger.warn({ key }, "stored programme record failed validation; ignored");
    return undefined;
  }

  published(): Promise<StoredProgramme | undefined> {
    return this.read(this.keys.programme, storedProgrammeSchema);
  }

  /**
   * Stores the programme and tells every process (change-feed.ts), which then re-reads it. With
   * `ifRevision`, only while that is still the publication in force, checked and written in one step (two
   * organisers in two processes): false when another came first, and nothing is written.
   */
  async publish(record: StoredProgramme, ifRevision?: string): Promise<boolean> {
    if (ifRevision !== undefined) {
      const topic: ChangeTopic = "programme";
      return (await this.redis.programmePublishIfRevision(this.keys.programme, this.keys.changes, JSON.stringify(record), ifRevision, topic)) === 1;
    }
    const multi = this.redis.multi();
    multi.set(this.keys.programme, JSON.stringify(record));
    notifyChange(multi, this.keys, "programme");
    await execAll(multi);
    return true;
  }

  /** Stores the programme only if none is there: two processes starting at once keep one. */
  async publishIfAbsent(record: StoredProgramme): Promise<boolean> {
    return (await this.redis.set(this.keys.programme, JSON.stringify(record), "NX")) === "OK";
  }

  draft(organiserId: number): Promise<ProgrammeDraft | undefined> {
    return this.read(this.keys.programmeDraft(organiserId), draftSchema);
  }

  async saveDraft(organiserId: number, draft: ProgrammeDraft): Promise<void> {
    await this.redis.set(this.keys.programmeDraft(organiserId), JSON.stringify(draft), "EX", DRAFT_TTL_SECONDS);
  }

  async deleteDraft(organiserId: number): Promise<void> {
    await this.redis.del(this.keys.programmeDraft(organiserId));
  }
}
