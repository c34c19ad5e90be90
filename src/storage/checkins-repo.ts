import { z } from "zod";
import type { Keys } from "./keys.js";
import type { Redis } from "./redis.js";

/** A target's key as checkin/payload.ts `targetKey` writes it. */
const targetKeySchema = z.string().regex(/^(d:\d{4}-\d{2}-\d{2}|[is]:[a-z0-9][a-z0-9-]{0,31})$/);
const atSchema = z.coerce.number().int().nonnegative();
const userIdSchema = z.coerce.number().int().positive();
const pendingSchema = z.object({ target: targetKeySchema, at: z.number().int() });
export type PendingCheckin = z.infer<typeof pendingSchema>;

// A registration left for longer than a week no longer goes with the scan that started it.
const PENDING_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Check-ins in Redis: per target a hash user id → first scan (ms), written with HSETNX so the first scan
 * counts once however often or from however many devices the code is scanned; per user the set of their
 * targets, for /deletemydata; and one pending check-in per user not registered yet.
 */
export class CheckinsRepo {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Records a check-in unless there is one; returns whether this one was the first, and when the first was. */
  async checkIn(target: string, userId: number, at: number): Promise<{ first: boolean; at: number }> {
    const key = this.keys.checkins(targetKeySchema.parse(target));
    const results = await this.redis.multi().hsetnx(key, String(userId), String(at)).sadd(this.keys.checkinsOf(userId), target).hget(key, String(userId)).exec();
    const first = results?.[0]?.[1] === 1;
    const stored = atSchema.safeParse(results?.[2]?.[1]);
    return { first, at: stored.success ? stored.data : at };
  }

  /** Who checked in at each target, and when; a target nobody checked in to has an empty map. */
  async attendance(targets: readonly string[]): Promise<Map<string, Map<number, number>>> {
    const pipeline = this.redis.pipeline();
    for (const target of targets) pipeline.hgetall(this.keys.checkins(target));
    const results = (await pipeline.exec()) ?? [];
    const out = new Map<string, Map<number, number>>();
    targets.forEach((target, i) => {
      const raw = (results[i]?.[1] ?? {}) as Record<string, string>;
      const entries = new Map<number, number>();
      for (const [user, at] of Object.entries(raw)) {
        const id = userIdSchema.safeParse(user);
        const when = atSchema.safeParse(at);
        if (id.success && when.success) entries.set(id.data, when.data);
      }
      out.set(target, entries);
    });
    return out;
  }

  async setPending(userId: number, pending: PendingCheckin): Promise<void> {
    await this.redis.set(this.keys.checkinPending(userId), JSON.stringify(pendingSchema.parse(pending)), "EX", PENDING_TTL_SECONDS);
  }

  /** Takes the pending check-in (GETDEL: two processes finishing one registration never both get it). */
  async takePending(userId: number): Promise<PendingCheckin | undefined> {
    const raw = await this.redis.getdel(this.keys.checkinPending(userId));
    if (raw === null) return undefined;
    try {
      const parsed = pendingSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** /deletemydata: the user's check-ins and pending one; how many check-ins there were. */
  async deleteUser(userId: number): Promise<number> {
    const targets = (await this.redis.smembers(this.keys.checkinsOf(userId))).filter((t) => targetKeySchema.safeParse(t).success);
    const multi = this.redis.multi();
    for (const target of targets) multi.hdel(this.keys.checkins(target), String(userId));
    multi.del(this.keys.checkinsOf(userId), this.keys.checkinPending(userId));
    await multi.exec();
    return targets.length;
  }
}
