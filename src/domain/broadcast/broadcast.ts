import type { SettledState } from "./delivery.js";

/**
 * A broadcast is `sending` from the organiser's Send until every recipient is settled (`done`), or
 * until the organiser stops it (`cancelled`: nobody still pending gets it; the sends already in flight
 * finish). `finishedAt` marks that nothing is left at all and the final report is due.
 */
export const BROADCAST_STATUSES = ["sending", "cancelled", "done"] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export type Counts = { total: number } & Record<SettledState, number>;

export function emptyCounts(total: number): Counts {
  return { total, sent: 0, unreachable: 0, failed: 0, cancelled: 0 };
}

/** Recipients not settled yet (waiting, or being sent to right now). */
export function leftOf(c: Counts): number {
  return Math.max(0, c.total - c.sent - c.unreachable - c.failed - c.cancelled);
}

export type CancelResult = { ok: true; to: "cancelled" } | { ok: false; reason: "already-cancelled" | "finished" };

export function cancelBroadcast(status: BroadcastStatus): CancelResult {
  if (status === "sending") return { ok: true, to: "cancelled" };
  return { ok: false, reason: status === "cancelled" ? "already-cancelled" : "finished" };
}

export type Settlement = { finished: false } | { finished: true; status: "done" | "cancelled" };

/** Whether a broadcast is over, and how it ends. */
export function settle(status: BroadcastStatus, counts: Counts): Settlement {
  if (leftOf(counts) > 0) return { finished: false };
  return { finished: true, status: status === "cancelled" ? "cancelled" : "done" };
}

/** Share of reachable recipients who got it, in whole percent (for history and statistics). */
export function deliveryRate(c: Counts): number {
  const attempted = c.sent + c.unreachable + c.failed;
  return attempted === 0 ? 0 : Math.round((100 * c.sent) / attempted);
}
