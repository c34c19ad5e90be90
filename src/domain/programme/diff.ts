import type { Text, Venue } from "../mission/schema.js";
import type { Programme, ScheduledItem } from "./programme.js";

/** An item as a change summary shows it. */
export interface ItemSnapshot {
  id: string;
  date: string;
  start: string;
  end: string;
  startsAt: number;
  endsAt: number;
  title: Text;
  venue?: Venue;
}

export interface ItemMove {
  id: string;
  before: ItemSnapshot;
  after: ItemSnapshot;
  time: boolean;
  place: boolean;
}

/** What a new programme changes for participants: items added, removed, moved in time or place. */
export interface ProgrammeDiff {
  added: ItemSnapshot[];
  removed: ItemSnapshot[];
  moved: ItemMove[];
}

function snapshot(s: ScheduledItem, programme: Programme): ItemSnapshot {
  const venue = programme.venue(s.item.venue);
  return {
    id: s.item.id,
    date: s.day.date,
    start: s.item.start,
    end: s.item.end,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    title: s.item.title,
    ...(venue ? { venue } : {}),
  };
}

// A venue "moves" when it is another venue or the same one with another pin; fixing a typo in its
// address is not worth a notice to everyone who saved the item.
function samePlace(a: Venue | undefined, b: Venue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.id === b.id && a.latitude === b.latitude && a.longitude === b.longitude;
}

/** Items are matched by id; the lists follow the new programme's time order (removed: the old one's). */
export function diffProgrammes(before: Programme, after: Programme): ProgrammeDiff {
  const added: ItemSnapshot[] = [];
  const moved: ItemMove[] = [];
  for (const s of after.schedule) {
    const old = before.item(s.item.id);
    if (!old) {
      added.push(snapshot(s, after));
      continue;
    }
    const a = snapshot(old, before);
    const b = snapshot(s, after);
    // Instants, not strings: a changed time zone moves every item even if its HH:mm stays.
    const time = a.startsAt !== b.startsAt || a.endsAt !== b.endsAt;
    const place = !samePlace(a.venue, b.venue);
    if (time || place) moved.push({ id: s.item.id, before: a, after: b, time, place });
  }
  const removed = before.schedule.filter((s) => !after.item(s.item.id)).map((s) => snapshot(s, before));
  return { added, removed, moved };
}

export function isEmptyDiff(diff: ProgrammeDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.moved.length === 0;
}

/** Ids of the items whose holders must hear about the change (moved or removed). */
export function affectedItemIds(diff: ProgrammeDiff): string[] {
  return [...diff.moved.map((m) => m.id), ...diff.removed.map((r) => r.id)];
}
