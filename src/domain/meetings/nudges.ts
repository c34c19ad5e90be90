/**
 * Nudges before a B2B day: who is reminded that they have no meeting booked yet, and when. Pure.
 *
 * A session is a day's B2B items taken together (one nudge a day, however many B2B items it has). The
 * nudge goes out from `meetings.nudge_at` mission time the evening before until that day begins, so a
 * bot that was down at the moment still sends it that evening, and never "tomorrow" after midnight.
 */
import type { Item, MeetingSettings } from "../mission/schema.js";
import type { Programme } from "../programme/programme.js";
import { zonedInstant } from "../programme/time.js";
import type { Role } from "../participant.js";
import { overlaps, type MeetingRequest, type SlotRange } from "./request.js";

/** Suggestions in a nudge. */
export const NUDGE_SUGGESTIONS = 3;

export interface B2bSession {
  /** The day (YYYY-MM-DD, mission time): what makes a nudge once per person per session. */
  date: string;
  /** The first B2B item of the day: its start is the session's, its title names it. */
  first: Item;
  startsAt: number;
  /** Each B2B item of the day as a time range. */
  ranges: SlotRange[];
}

/** The programme's B2B sessions, one per day that has a `b2b` item, in date order. */
export function b2bSessions(programme: Programme): B2bSession[] {
  const byDate = new Map<string, B2bSession>();
  for (const s of programme.schedule) {
    if (s.item.kind !== "b2b") continue;
    const range = { start: s.startsAt, end: s.endsAt };
    const found = byDate.get(s.day.date);
    if (found) found.ranges.push(range);
    else byDate.set(s.day.date, { date: s.day.date, first: s.item, startsAt: s.startsAt, ranges: [range] });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The calendar date before a YYYY-MM-DD date. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** When a session's nudge may go out: from `nudge_at` the evening before until midnight; none when switched off. */
export function nudgeWindow(session: B2bSession, settings: MeetingSettings, zone: string): { from: number; until: number } | undefined {
  if (!settings.nudges) return undefined;
  const from = zonedInstant(dayBefore(session.date), settings.nudge_at, zone);
  const until = zonedInstant(session.date, "00:00", zone);
  return from < until ? { from, until } : undefined;
}

/** The session whose nudge is due at `now`, if any (windows of different days never overlap). */
export function sessionToNudge(sessions: readonly B2bSession[], settings: MeetingSettings, zone: string, now: number): B2bSession | undefined {
  return sessions.find((s) => {
    const window = nudgeWindow(s, settings, zone);
    return window !== undefined && window.from <= now && now < window.until;
  });
}

/**
 * Who is nudged at all: delegates, hosts and speakers (hosts too: they may ask delegates as well as be
 * asked, and an empty table is theirs to fill); not organisers, who run the session; not someone
 * Telegram said the bot cannot write to, nor someone who said "don't remind me".
 */
export function nudgeable(p: { role: Role; reachable: boolean }, optedOut: boolean): boolean {
  return p.role !== "organiser" && p.reachable && !optedOut;
}

/**
 * Whether `userId` has a meeting in the session: a request agreed or still waiting (a time proposed in
 * answer counts too) with a slot in one of its B2B items. One agreed for "any time" has no place in the
 * session: its time is still to be found, and the session's free slots are what the nudge is about.
 */
export function hasMeetingIn(userId: number, requests: readonly MeetingRequest[], session: B2bSession): boolean {
  const inSession = (slot: SlotRange | null | undefined) => slot !== null && slot !== undefined && session.ranges.some((r) => overlaps(slot, r));
  return requests.some(
    (r) => (r.from === userId || r.to === userId) && (r.state === "accepted" || r.state === "pending") && (inSession(r.slot) || (r.state === "pending" && inSession(r.proposal))),
  );
}

/** The people `userId` has a request open with (waiting or agreed): asking them again would be refused. */
export function openCounterparts(userId: number, requests: readonly MeetingRequest[]): Set<number> {
  const open = new Set<number>();
  for (const r of requests) {
    if (r.state !== "pending" && r.state !== "accepted") continue;
    if (r.from === userId) open.add(r.to);
    else if (r.to === userId) open.add(r.from);
  }
  return open;
}

/** The best `count` of a ranking ("Suggested for you"), leaving out whom one cannot ask again. */
export function pickSuggestions<T extends { id: number }>(ranked: readonly T[], open: ReadonlySet<number>, count = NUDGE_SUGGESTIONS): T[] {
  return ranked.filter((s) => !open.has(s.id)).slice(0, count);
}
