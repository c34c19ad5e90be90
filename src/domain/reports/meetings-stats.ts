import { REQUEST_STATES, type HistoryEntry, type MeetingRequest, type RequestState } from "../meetings/request.js";

export interface MeetingStats {
  total: number;
  /** Requests by their state now. */
  byState: Record<RequestState, number>;
  /** Requests that got a decision (see answeredAt). */
  answered: number;
  /** Answered requests that were agreed, including meetings cancelled later: the answer was yes. */
  agreed: number;
  /** Percent of answered requests that were agreed, rounded; `undefined` while nothing is answered. */
  acceptanceRate: number | undefined;
  /** Accepted meetings whose time has started by now. */
  held: number;
  /** Accepted meetings with a time still ahead. */
  upcoming: number;
  /** Accepted "any time" meetings: when (or whether) they happened is not known to the bot. */
  anyTime: number;
  /** Accepted meetings in B2B sessions with tables: seated at a table, and left for the desk when none was free. */
  tables: { seated: number; atDesk: number };
}

const DECISIONS: ReadonlySet<HistoryEntry["action"]> = new Set(["accept", "decline", "accept-proposal", "decline-proposal"]);

/**
 * When a request was answered: the moment it got a decision, agreed (accepted, or the time the addressee
 * proposed accepted) or refused (declined, or the proposed time declined). A request withdrawn, erased
 * or still pending (a proposal waiting for the requester included) before any decision was never
 * answered and counts neither way. The /stats rate and the export's "answered" column both use this.
 */
export function answeredAt(r: MeetingRequest): number | undefined {
  return r.history.find((h) => DECISIONS.has(h.action))?.at;
}

function wasAgreed(r: MeetingRequest): boolean {
  return r.history.some((h) => h.action === "accept" || h.action === "accept-proposal");
}

export function meetingStats(requests: readonly MeetingRequest[], now: number): MeetingStats {
  const byState = Object.fromEntries(REQUEST_STATES.map((s) => [s, 0])) as Record<RequestState, number>;
  let answered = 0;
  let agreed = 0;
  let held = 0;
  let upcoming = 0;
  let anyTime = 0;
  const tables = { seated: 0, atDesk: 0 };
  for (const r of requests) {
    byState[r.state] += 1;
    if (wasAgreed(r)) agreed += 1;
    if (answeredAt(r) !== undefined) answered += 1;
    if (r.state !== "accepted") continue;
    if (r.table) tables[r.table.n === null ? "atDesk" : "seated"] += 1;
    if (!r.slot) anyTime += 1;
    else if (r.slot.start <= now) held += 1;
    else upcoming += 1;
  }
  return {
    total: requests.length,
    byState,
    answered,
    agreed,
    acceptanceRate: answered === 0 ? undefined : Math.round((100 * agreed) / answered),
    held,
    upcoming,
    anyTime,
    tables,
  };
}
