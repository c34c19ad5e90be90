import type { Keys } from "./keys.js";
import type { Redis } from "./redis.js";

// Longer than any job is kept (jobs/durable-queue.ts), so a marker outlives the job it guards.
const MARKER_TTL_SECONDS = 60 * 24 * 3600;

/** Markers that a scheduled message (reminder, notice) went out: what makes its delivery at most once. */
export class DeliveryMarkers {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Takes the marker of a job; false when it was taken already (the message went out, or is going). */
  async take(jobId: string): Promise<boolean> {
    return (await this.redis.set(this.keys.deliveredJob(jobId), "1", "EX", MARKER_TTL_SECONDS, "NX")) === "OK";
  }

  /** Gives a marker back, after a send that failed in a way worth retrying. */
  async giveBack(jobId: string): Promise<void> {
    await this.redis.del(this.keys.deliveredJob(jobId));
  }
}
