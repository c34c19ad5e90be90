import { UNREACHABLE_REASONS, type UnreachableReason } from "../telegram/reachability.js";
import type { SettledState } from "./delivery.js";

/**
 * A broadcast is `sending` from the organiser's Send until every recipient is settled (`done`), or
 * until the organiser stops it (`cancelled`: nobody still pending gets it; the sends already in flight
 * finish). `finishedAt` marks that nothing is left at all and the final report is due.
 */
export const BROADCAST_STATUSES = ["sending", "cancelled", "done"] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/**
 * A broadcast's recipients by outcome. `unreachable` is everyone Telegram will not deliver to, and
 * the reasons split it: whoever the audience names is counted once, delivered or not and why.
 */
export type Counts = { total: number } & Record<SettledState, number> & Record<UnreachableReason, number>;

export function emptyCounts(total: number): Counts {
  return { total, sent: 0, unreachable: 0, failed: 0, cancelled: 0, blocked: 0, notStarted: 0, deactivated: 0 };
}

/** Unreachable recipients whose reason was not recorded (broadcasts made before reasons were). */
export function unexplained(c: Counts): number {
  return Math.max(0, c.unreachable - UNREACHABLE_REASONS.reduce((sum, reason) => sum + c[reason], 0));
}

/** Recipients not settled yet (waiting, or being sent to right now). */
export function leftOf(c: Pick<Counts, "total" | SettledState>): number {
  return Math.max(0, c.total - c.sent - c.unreachable - c.failed - c.cancelled);
}

export type CancelResult = { ok: true; to: "cancelled" } | { ok: false; reason: "already-cancelled" | "finished" };

export function cancelBroadcast(status: BroadcastStatus): CancelResult {
  if (status === "sending") return { ok: true, to: "cancelled" };
  return { ok: false, reason: status === "cancelled" ? "already-cancelled" : "finished" };
}

export type Settlement = { finished: false } | { finished: true; status: "done" | "cancelled" };

/** Whether a broadcast is over, and how it ends. */
export function settle(status: BroadcastStatus, counts: Pick<Counts, "total" | SettledState>): Settlement {
  if (leftOf(counts) > 0) return { finished: false };
  return { finished: true, status: status === "cancelled" ? "cancelled" : "done" };
}

/**
 * Share of all its recipients who got it, in whole percent: out of everyone the audience named, those
 * who blocked the bot, never opened it or deleted their account included (they did not get it either).
 */
export function deliveryRate(c: Pick<Counts, "total" | "sent">): number {
  return c.total === 0 ? 0 : Math.round((100 * c.sent) / c.total);
}
