import type { Day, Item, Mission, Speaker, Venue } from "../mission/schema.js";
import { minutesUntil, zonedInstant, zonedTime } from "./time.js";

/** An item with its day and its instants in mission time. */
export interface ScheduledItem {
  item: Item;
  day: Day;
  dayIndex: number;
  startsAt: number;
  endsAt: number;
}

/**
 * Lookups over one programme, built once per published version: the hot paths (agenda pages, cards)
 * never walk the whole file.
 */
export class Programme {
  /** Every item in time order (then by end, then by file order). */
  readonly schedule: readonly ScheduledItem[];
  private readonly items = new Map<string, ScheduledItem>();
  private readonly speakers = new Map<string, Speaker>();
  private readonly venues = new Map<string, Venue>();
  private readonly bySpeaker = new Map<string, ScheduledItem[]>();

  constructor(readonly mission: Mission) {
    const zone = mission.mission.timezone;
    const all: ScheduledItem[] = mission.days.flatMap((day, dayIndex) =>
      day.items.map((item) => ({
        item,
        day,
        dayIndex,
        startsAt: zonedInstant(day.date, item.start, zone),
        endsAt: zonedInstant(day.date, item.end, zone),
      })),
    );
    this.schedule = all.map((s, order) => ({ s, order })).sort((a, b) => a.s.startsAt - b.s.startsAt || a.s.endsAt - b.s.endsAt || a.order - b.order).map((x) => x.s);
    for (const s of this.schedule) {
      this.items.set(s.item.id, s);
      for (const id of s.item.speakers) this.bySpeaker.set(id, [...(this.bySpeaker.get(id) ?? []), s]);
    }
    for (const speaker of mission.speakers) this.speakers.set(speaker.id, speaker);
    for (const venue of mission.venues) this.venues.set(venue.id, venue);
  }

  get zone(): string {
    return this.mission.mission.timezone;
  }

  item(id: string): ScheduledItem | undefined {
    return this.items.get(id);
  }

  speaker(id: string): Speaker | undefined {
    return this.speakers.get(id);
  }

  venue(id: string | undefined): Venue | undefined {
    return id === undefined ? undefined : this.venues.get(id);
  }

  /** A day's items in time order. */
  dayItems(dayIndex: number): ScheduledItem[] {
    return this.schedule.filter((s) => s.dayIndex === dayIndex);
  }

  itemsOfSpeaker(id: string): ScheduledItem[] {
    return this.bySpeaker.get(id) ?? [];
  }

  /** The speakers in the file's order. */
  allSpeakers(): readonly Speaker[] {
    return this.mission.speakers;
  }

  /**
   * What is on at `now` and what comes next. "Next" is the first item that starts after `now`, with the
   * whole minutes until it starts.
   */
  nowAndNext(now: number): NowAndNext {
    const current = this.schedule.filter((s) => s.startsAt <= now && now < s.endsAt);
    const upcoming = this.schedule.find((s) => s.startsAt > now);
    const first = this.schedule[0];
    const lastEnd = Math.max(...this.schedule.map((s) => s.endsAt));
    const phase = first && now < first.startsAt ? "before" : now >= lastEnd ? "after" : "during";
    return { phase, current, ...(upcoming ? { next: { scheduled: upcoming, minutesUntil: minutesUntil(upcoming.startsAt, now) } } : {}) };
  }

  /**
   * The meeting slots of a B2B item: back-to-back slots of `slot_minutes` from its start; a remainder
   * shorter than a slot is left free.
   */
  slots(itemId: string): Slot[] {
    const s = this.items.get(itemId);
    if (!s || s.item.kind !== "b2b") return [];
    const length = this.mission.meetings.slot_minutes * 60_000;
    const slots: Slot[] = [];
    for (let at = s.startsAt, index = 0; at + length <= s.endsAt; at += length, index++) {
      slots.push({ itemId, index, startsAt: at, endsAt: at + length, start: zonedTime(at, this.zone), end: zonedTime(at + length, this.zone) });
    }
    return slots;
  }
}

export interface NowAndNext {
  /** before the first item starts, after the last one ends, or during the programme (gaps included). */
  phase: "before" | "during" | "after";
  current: ScheduledItem[];
  next?: { scheduled: ScheduledItem; minutesUntil: number };
}

export interface Slot {
  itemId: string;
  index: number;
  startsAt: number;
  endsAt: number;
  /** Mission-local HH:mm. */
  start: string;
  end: string;
}
