import type { DeliveryMarkers } from "../storage/delivery-markers.js";

/**
 * Runs `send` at most once per job id, whatever BullMQ does (a stalled job is retaken by another worker,
 * a job is added again after its id was cleaned). The marker is taken first and given back only when
 * `send` fails with an error worth retrying.
 */
export async function deliverOnce(markers: DeliveryMarkers, jobId: string, send: () => Promise<"sent" | "unreachable">): Promise<"sent" | "unreachable" | "duplicate"> {
  if (!(await markers.take(jobId))) return "duplicate";
  try {
    return await send();
  } catch (err) {
    await markers.giveBack(jobId);
    throw err;
  }
}
