import type { Participant, Role } from "../participant.js";
import { ROLES } from "../participant.js";

export interface ParticipantStats {
  total: number;
  byRole: Record<Role, number>;
  /** Regions as typed, grouped ignoring case and spaces, most first; ties by name. */
  byRegion: { region: string; count: number }[];
  /** Registrations per day (YYYY-MM-DD in the mission's zone), in date order. */
  byDay: { day: string; count: number }[];
  reachable: number;
  unreachable: number;
}

function dayIn(iso: string, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

export function participantStats(participants: readonly Participant[], timeZone: string): ParticipantStats {
  const byRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  const regions = new Map<string, { region: string; count: number }>();
  const days = new Map<string, number>();
  let reachable = 0;
  for (const p of participants) {
    byRole[p.role] += 1;
    const region = p.region.trim().replace(/\s+/g, " ");
    const key = region.toLocaleLowerCase();
    const entry = regions.get(key) ?? { region, count: 0 };
    entry.count += 1;
    regions.set(key, entry);
    const day = dayIn(p.registeredAt, timeZone);
    days.set(day, (days.get(day) ?? 0) + 1);
    if (p.reachable) reachable += 1;
  }
  return {
    total: participants.length,
    byRole,
    byRegion: [...regions.values()].sort((a, b) => b.count - a.count || a.region.localeCompare(b.region)),
    byDay: [...days].map(([day, count]) => ({ day, count })).sort((a, b) => a.day.localeCompare(b.day)),
    reachable,
    unreachable: participants.length - reachable,
  };
}
