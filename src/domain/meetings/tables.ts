import type { Locale } from "../locale.js";
import { localize, type Item, type Mission, type Venue } from "../mission/schema.js";
import type { Programme } from "../programme/programme.js";
import type { MeetingRequest, SlotRange } from "./request.js";

/**
 * Tables of the B2B sessions (issue 16). A `b2b` item of the programme may list its tables (a count or
 * names, see the schema); an agreed meeting with a slot in such an item holds one of them for that slot,
 * or none when all were taken: then its people are seated at the organisers' desk.
 */

/** The table an agreed meeting holds: `n` counts from 1 in the item's list; `null`: none was free. */
export interface MeetingTable {
  item: string;
  n: number | null;
}

/** How many tables an item gives out (0: it has none, its meetings are not seated). */
export function tableCount(item: Item): number {
  if (item.tables === undefined) return 0;
  return typeof item.tables === "number" ? item.tables : item.tables.length;
}

/** The first table not taken (tables are given out in the file's order), or `null` when all are. */
export function firstFreeTable(count: number, taken: ReadonlySet<number>): number | null {
  for (let n = 1; n <= count; n++) if (!taken.has(n)) return n;
  return null;
}

/** The B2B item with tables that a slot lies in, if any. */
export function sessionWithTables(programme: Programme, slot: SlotRange): { item: Item; count: number } | undefined {
  const session = programme.schedule.find((s) => s.item.kind === "b2b" && s.startsAt <= slot.start && slot.end <= s.endsAt);
  const count = session ? tableCount(session.item) : 0;
  return session && count > 0 ? { item: session.item, count } : undefined;
}

/** A table as a person reads it: its number, its name in their language, or the desk. */
export type TableLabel = { kind: "number"; n: number } | { kind: "name"; name: string } | { kind: "desk" };

/**
 * Where a seated meeting is held, in `locale`: the table (by the programme in force; a table the
 * programme no longer lists is shown by its number) and the venue of its session.
 */
export function tablePlace(mission: Mission, table: MeetingTable, locale: Locale): { label: TableLabel; venue?: Venue } {
  const item = mission.days.flatMap((d) => d.items).find((i) => i.id === table.item);
  const venue = item?.venue === undefined ? undefined : mission.venues.find((v) => v.id === item.venue);
  const at = venue ? { venue } : {};
  if (table.n === null) return { label: { kind: "desk" }, ...at };
  const names = item?.tables;
  const name = Array.isArray(names) ? names[table.n - 1] : undefined;
  if (name === undefined) return { label: { kind: "number", n: table.n }, ...at };
  return { label: { kind: "name", name: typeof name === "string" ? name : localize(name, locale) }, ...at };
}

/**
 * The desk's B2B schedule: agreed meetings in sessions with tables, by slot, then by table (those left
 * for the desk after the numbered ones of their slot).
 */
export function tableSchedule(requests: readonly MeetingRequest[]): (MeetingRequest & { slot: SlotRange; table: MeetingTable })[] {
  const seated = requests.filter((r): r is MeetingRequest & { slot: SlotRange; table: MeetingTable } => r.state === "accepted" && r.slot !== null && r.table !== undefined);
  const order = (n: number | null) => n ?? Number.MAX_SAFE_INTEGER;
  return seated.sort((a, b) => a.slot.start - b.slot.start || order(a.table.n) - order(b.table.n) || a.id.localeCompare(b.id));
}
