/**
 * The mission's funnel for organisers: requests → accepted → held → agreements → carried out, with how
 * many were asked and answered at each step, so that a rate read off few answers is seen as such.
 */
import type { MeetingRequest } from "../meetings/request.js";
import { zonedDate } from "../programme/time.js";
import { progressOf, type ProgressUpdate, type SideOutcome } from "./outcome.js";
import { meetingAgreed } from "./timing.js";

/** A meeting request with the outcome records of its sides (none, one or two). */
export interface MeetingOutcomes {
  request: MeetingRequest;
  sides: readonly SideOutcome[];
}

export interface OutcomeFunnel {
  requests: number;
  /** Requests the two agreed to and neither cancelled. */
  accepted: number;
  /** Accepted meetings either side said took place. */
  held: number;
  /** Held meetings either side recorded an agreement for. */
  agreements: number;
  /** Agreements by their latest answer to "was it carried out?", whoever gave it. */
  carriedOut: number;
  inProgress: number;
  notCarriedOut: number;
  /** Accepted meetings either side was asked about (or answered unasked); of those, answered yes or no by either. */
  asked: number;
  answered: number;
  /** Agreements with a follow-up sent (or answered unasked); of those, with an answer. */
  followUpsAsked: number;
  followUpsAnswered: number;
}

/** The latest answer to "was it carried out?" from either side. */
export function latestProgress(sides: readonly SideOutcome[]): ProgressUpdate | undefined {
  let latest: ProgressUpdate | undefined;
  for (const side of sides) {
    const p = progressOf(side);
    if (p && (!latest || p.at > latest.at)) latest = p;
  }
  return latest;
}

export function outcomeFunnel(meetings: readonly MeetingOutcomes[]): OutcomeFunnel {
  const f: OutcomeFunnel = { requests: meetings.length, accepted: 0, held: 0, agreements: 0, carriedOut: 0, inProgress: 0, notCarriedOut: 0, asked: 0, answered: 0, followUpsAsked: 0, followUpsAnswered: 0 };
  for (const { request, sides } of meetings) {
    if (!meetingAgreed(request)) continue;
    f.accepted += 1;
    if (sides.some((s) => s.asks > 0 || s.met !== undefined)) f.asked += 1;
    if (sides.some((s) => s.met === "yes" || s.met === "no")) f.answered += 1;
    if (!sides.some((s) => s.met === "yes")) continue;
    f.held += 1;
    if (!sides.some((s) => s.result?.kind === "agreement")) continue;
    f.agreements += 1;
    const progress = latestProgress(sides);
    if (progress || sides.some((s) => s.followUpsAsked.length > 0)) f.followUpsAsked += 1;
    if (!progress) continue;
    f.followUpsAnswered += 1;
    if (progress.state === "done") f.carriedOut += 1;
    else if (progress.state === "in-progress") f.inProgress += 1;
    else f.notCarriedOut += 1;
  }
  return f;
}

/**
 * Meetings held, by the day they took place in the mission's zone: the slot's day, or for an "any time"
 * meeting the day the first side said it took place.
 */
export function heldPerDay(meetings: readonly MeetingOutcomes[], zone: string): { date: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { request, sides } of meetings) {
    if (!meetingAgreed(request)) continue;
    const yes = sides.filter((s) => s.met === "yes").map((s) => s.metAt ?? s.updatedAt);
    if (yes.length === 0) continue;
    const date = zonedDate(request.slot ? request.slot.start : Math.min(...yes), zone);
    counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count }));
}

/** `part` as a whole percent of `whole`; undefined when there is no whole to speak of. */
export function percent(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : Math.round((100 * part) / whole);
}
