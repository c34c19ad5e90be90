import { z } from "zod";
import type { Keys } from "./keys.js";
import type { Redis } from "./redis.js";

// A day's "queued" set outlives its evening by far, and its jobs (jobs/durable-queue.ts keeps done ones 45 days).
const QUEUED_TTL_SECONDS = 60 * 24 * 3600;

const userIdSchema = z.coerce.number().int().positive();

function parseIds(members: readonly string[]): Set<number> {
  const ids = new Set<number>();
  for (const member of members) {
    const parsed = userIdSchema.safeParse(member);
    if (parsed.success) ids.add(parsed.data);
  }
  return ids;
}

/**
 * Nudges before a B2B day (services/nudges.ts): who said "don't remind me", and, per day, whose nudge
 * has been put in the queue already, so that the evening's sweeps add each person once.
 */
export class NudgesRepo {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async isOff(userId: number): Promise<boolean> {
    return (await this.redis.sismember(this.keys.nudgesOff, String(userId))) === 1;
  }

  async setOff(userId: number, off: boolean): Promise<void> {
    if (off) await this.redis.sadd(this.keys.nudgesOff, String(userId));
    else await this.redis.srem(this.keys.nudgesOff, String(userId));
  }

  async allOff(): Promise<Set<number>> {
    return parseIds(await this.redis.smembers(this.keys.nudgesOff));
  }

  async queued(date: string): Promise<Set<number>> {
    return parseIds(await this.redis.smembers(this.keys.nudgesQueued(date)));
  }

  async markQueued(date: string, userIds: readonly number[]): Promise<void> {
    if (userIds.length === 0) return;
    const key = this.keys.nudgesQueued(date);
    await this.redis.multi().sadd(key, ...userIds.map(String)).expire(key, QUEUED_TTL_SECONDS).exec();
  }

  /** For /deletemydata: the person's "don't remind me", and their id among those queued on these days. */
  async forget(userId: number, dates: readonly string[]): Promise<void> {
    const pipeline = this.redis.pipeline().srem(this.keys.nudgesOff, String(userId));
    for (const date of dates) pipeline.srem(this.keys.nudgesQueued(date), String(userId));
    await pipeline.exec();
  }
}
