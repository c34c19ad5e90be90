/**
 * The organisers' console dashboard: the figures /stats gives as text, laid out as series for charts.
 * Pure: the service reads the records, this decides what is counted where.
 */
import { ROLES, type Participant, type Role } from "../participant.js";
import type { MeetingOutcomes } from "../outcomes/funnel.js";
import { agreedAtOf, meetingAgreed } from "../outcomes/timing.js";
import type { Text } from "../mission/schema.js";
import type { Programme } from "../programme/programme.js";
import { zonedDate } from "../programme/time.js";

export interface RegistrationSeries {
  /** Days with a registration (YYYY-MM-DD in the mission's zone), in order. */
  days: string[];
  /** Participants registered by the end of each day, by role (running totals, one per day). */
  byRole: Record<Role, number[]>;
  /**
   * The same by region, for the regions with most participants (as /stats groups them: ignoring case and
   * spaces); `other` sums the rest and is absent when there is none.
   */
  byRegion: { region: string; counts: number[] }[];
  other?: number[];
}

/** Regions drawn one line each; more would not be told apart on a phone. */
export const TOP_REGIONS = 6;

export interface MeetingDay {
  date: string;
  /** Requests made that day. */
  requested: number;
  /** Requests agreed that day (and not cancelled since). */
  agreed: number;
  /** Agreed meetings either side said took place, by the day they took place. */
  held: number;
}

/** One B2B item of the programme and the meetings booked into its time. */
export interface SessionMeetings {
  itemId: string;
  date: string;
  start: string;
  end: string;
  title: Text;
  requested: number;
  agreed: number;
  held: number;
}

export function registrationSeries(participants: readonly Participant[], zone: string): RegistrationSeries {
  const perDay = new Map<string, Record<Role, number>>();
  const regionDays = new Map<string, { region: string; total: number; perDay: Map<string, number> }>();
  for (const p of participants) {
    const day = zonedDate(Date.parse(p.registeredAt), zone);
    const counts = perDay.get(day) ?? zeroes();
    counts[p.role] += 1;
    perDay.set(day, counts);
    const name = p.region.trim().replace(/\s+/g, " ");
    const key = name.toLocaleLowerCase();
    const region = regionDays.get(key) ?? { region: name, total: 0, perDay: new Map<string, number>() };
    region.total += 1;
    region.perDay.set(day, (region.perDay.get(day) ?? 0) + 1);
    regionDays.set(key, region);
  }
  const days = [...perDay.keys()].sort();
  const runningTotals = (perDayCounts: (day: string) => number) => {
    let total = 0;
    return days.map((day) => (total += perDayCounts(day)));
  };
  const regions = [...regionDays.values()].sort((a, b) => b.total - a.total || a.region.localeCompare(b.region));
  const top = regions.slice(0, TOP_REGIONS);
  const rest = regions.slice(TOP_REGIONS);
  const byRegion = top.map((r) => ({ region: r.region, counts: runningTotals((day) => r.perDay.get(day) ?? 0) }));
  const other = rest.length === 0 ? undefined : runningTotals((day) => rest.reduce((sum, r) => sum + (r.perDay.get(day) ?? 0), 0));
  const byRole = Object.fromEntries(ROLES.map((r) => [r, [] as number[]])) as Record<Role, number[]>;
  const running = zeroes();
  for (const day of days) {
    const counts = perDay.get(day) ?? zeroes();
    for (const role of ROLES) {
      running[role] += counts[role];
      byRole[role].push(running[role]);
    }
  }
  return { days, byRole, byRegion, ...(other ? { other } : {}) };
}

function zeroes(): Record<Role, number> {
  return Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
}

function heldDay(m: MeetingOutcomes, zone: string): string | undefined {
  if (!meetingAgreed(m.request)) return undefined;
  const yes = m.sides.filter((s) => s.met === "yes").map((s) => s.metAt ?? s.updatedAt);
  if (yes.length === 0) return undefined;
  // As /stats counts them (domain/outcomes/funnel.ts heldPerDay): the slot's day, or the first "yes".
  return zonedDate(m.request.slot ? m.request.slot.start : Math.min(...yes), zone);
}

/** Requests made, agreed and held per day, in date order. */
export function meetingsPerDay(meetings: readonly MeetingOutcomes[], zone: string): MeetingDay[] {
  const days = new Map<string, MeetingDay>();
  const day = (date: string) => {
    const found = days.get(date) ?? { date, requested: 0, agreed: 0, held: 0 };
    days.set(date, found);
    return found;
  };
  for (const m of meetings) {
    day(zonedDate(m.request.createdAt, zone)).requested += 1;
    const agreedAt = agreedAtOf(m.request);
    if (agreedAt !== undefined && meetingAgreed(m.request)) day(zonedDate(agreedAt, zone)).agreed += 1;
    const held = heldDay(m, zone);
    if (held !== undefined) day(held).held += 1;
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Every B2B item of the programme with the requests whose time falls in it ("any time" requests in none). */
export function meetingsPerSession(meetings: readonly MeetingOutcomes[], programme: Programme): SessionMeetings[] {
  const sessions = programme.schedule.filter((s) => s.item.kind === "b2b");
  const rows: SessionMeetings[] = sessions.map((s) => ({ itemId: s.item.id, date: s.day.date, start: s.item.start, end: s.item.end, title: s.item.title, requested: 0, agreed: 0, held: 0 }));
  for (const m of meetings) {
    const slot = m.request.slot;
    if (!slot) continue;
    const i = sessions.findIndex((s) => s.startsAt <= slot.start && slot.start < s.endsAt);
    const row = rows[i];
    if (!row) continue;
    row.requested += 1;
    if (meetingAgreed(m.request)) row.agreed += 1;
    if (heldDay(m, programme.mission.mission.timezone) !== undefined) row.held += 1;
  }
  return rows;
}
