import type { ItemKind, Text, Venue } from "../mission/schema.js";
import type { Programme, ScheduledItem } from "./programme.js";

/**
 * One line of a personal agenda: a saved programme item or, from the meetings work, an accepted
 * meeting. Reminders and calendar files work on entries, whatever their source.
 */
export interface AgendaEntry {
  /**
   * Unique within one user's agenda and stable across programme versions: `item-<id>`, `meeting-<id>`.
   * Letters, digits and `-` only (it goes into job ids and callback data).
   */
  key: string;
  kind: ItemKind | "meeting";
  /** Set for programme items: opens the item card. */
  itemId?: string;
  /** Mission-local date and times. */
  date: string;
  start: string;
  end: string;
  startsAt: number;
  endsAt: number;
  title: Text;
  description?: Text;
  venue?: Venue;
  /** An agreed meeting's B2B table ("Table 7", or "Table at the desk"), said before the venue. */
  table?: Text;
}

export const ITEM_KEY_PREFIX = "item-";

export function itemKey(itemId: string): string {
  return `${ITEM_KEY_PREFIX}${itemId}`;
}

export function itemEntry(s: ScheduledItem, programme: Programme): AgendaEntry {
  const venue = programme.venue(s.item.venue);
  return {
    key: itemKey(s.item.id),
    kind: s.item.kind,
    itemId: s.item.id,
    date: s.day.date,
    start: s.item.start,
    end: s.item.end,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    title: s.item.title,
    ...(s.item.description ? { description: s.item.description } : {}),
    ...(venue ? { venue } : {}),
  };
}

/** Time order; ties by end, then by key so the order never flickers. */
export function sortAgenda(entries: readonly AgendaEntry[]): AgendaEntry[] {
  return [...entries].sort((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt || a.key.localeCompare(b.key));
}
