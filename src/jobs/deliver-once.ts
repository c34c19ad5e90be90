import type { Redis } from "../storage/redis.js";

// Longer than any job is kept (durable-queue.ts), so a marker outlives the job it guards.
const MARKER_TTL_SECONDS = 60 * 24 * 3600;

/**
 * Runs `send` at most once per key, whatever BullMQ does (a stalled job is retaken by another worker,
 * a job is added again after its id was cleaned). The marker is taken first and given back only when
 * `send` fails with an error worth retrying.
 */
export async function deliverOnce(redis: Redis, markerKey: string, send: () => Promise<"sent" | "unreachable">): Promise<"sent" | "unreachable" | "duplicate"> {
  const claimed = await redis.set(markerKey, "1", "EX", MARKER_TTL_SECONDS, "NX");
  if (claimed !== "OK") return "duplicate";
  try {
    return await send();
  } catch (err) {
    await redis.del(markerKey);
    throw err;
  }
}
