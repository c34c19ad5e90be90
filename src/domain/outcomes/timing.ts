/**
 * When the bot asks about a meeting: after its slot, or for a meeting agreed for "any time" on the
 * mission's last evening; again after "we will meet later"; and which meetings can be asked about at all.
 */
import type { MeetingRequest } from "../meetings/request.js";
import type { Mission } from "../mission/schema.js";
import { zonedInstant } from "../programme/time.js";
import { DAY_MS } from "./outcome.js";

/** "Any time" meetings are asked about at this mission time on the last day of the mission. */
export const LAST_EVENING = "19:00";
const HOUR_MS = 3600_000;

/** When the two agreed to meet (the last accept), or undefined for a request never agreed to. */
export function agreedAtOf(request: MeetingRequest): number | undefined {
  return request.history.findLast((h) => h.action === "accept" || h.action === "accept-proposal")?.at;
}

/**
 * Whether a meeting can have an outcome: it was agreed and neither side cancelled it. One side deleting
 * their data later leaves it standing for the other (the request is then closed, but the meeting may
 * well have taken place).
 */
export function meetingAgreed(request: MeetingRequest): boolean {
  return agreedAtOf(request) !== undefined && !request.history.some((h) => h.action === "cancel");
}

/** 19:00 mission time on the mission's last day. */
export function lastEvening(mission: Mission): number {
  return zonedInstant(mission.mission.end_date, LAST_EVENING, mission.mission.timezone);
}

/**
 * The first "did you meet?": `ask_after_minutes` after the slot ends; for "any time", on the last
 * evening, or a day after the agreement when that came later.
 */
export function firstAskAt(request: MeetingRequest, mission: Mission): number {
  if (request.slot) return request.slot.end + mission.outcomes.ask_after_minutes * 60_000;
  const agreed = agreedAtOf(request) ?? request.updatedAt;
  return Math.max(lastEvening(mission), agreed + DAY_MS);
}

/** After "we will meet later": on the last evening while it is over an hour away, else in a week. */
export function laterAskAt(now: number, mission: Mission): number {
  const evening = lastEvening(mission);
  return now < evening - HOUR_MS ? evening : now + 7 * DAY_MS;
}

/** From when a side may say what came of a meeting: its start, or the agreement for "any time". */
export function answerableFrom(request: MeetingRequest): number {
  return request.slot ? request.slot.start : (agreedAtOf(request) ?? request.createdAt);
}
