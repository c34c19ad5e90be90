import type { Programme } from "../../../domain/programme/programme.js";
import { clampPage } from "../../../domain/programme/paging.js";
import { offsetMinutes } from "../../../domain/programme/time.js";
import { dayView, itemView, nowView, speakersView, speakerView, type View, type ViewContext } from "./views.js";

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
// Distinct views one kind keeps within a period. Shared keys are few (days × pages × languages, items ×
// languages); the rest are day pages with someone's own ⭐ marks, and those may come and go.
const LIMIT = 500;

/**
 * Views of one kind, rendered once and handed to everyone who asks for the same key. They belong to one
 * programme (by identity: every publish or load builds a new one) and one period of the clock; when
 * either moves on the kind starts afresh, so stale views are dropped, not just missed. The views are
 * shared: nobody may change one after it is rendered.
 */
export class ViewCache<V> {
  private programme: Programme | undefined;
  private period = -Infinity;
  private readonly views = new Map<string, V>();

  constructor(private readonly limit = LIMIT) {}

  get(programme: Programme, period: number, key: string, render: () => V): V {
    if (programme !== this.programme || period > this.period) {
      this.programme = programme;
      this.period = period;
      this.views.clear();
    } else if (period < this.period) {
      // A clock behind the period in force (an update that read it before the minute turned, a test
      // setting it back): right for this one update, not kept.
      return render();
    }
    let view = this.views.get(key);
    if (view === undefined) {
      view = render();
      if (view === undefined) return view;
      // Oldest first out: the Map keeps insertion order.
      if (this.views.size >= this.limit) this.views.delete(this.views.keys().next().value ?? key);
      this.views.set(key, view);
    }
    return view;
  }
}

/**
 * The programme views participants ask for most, each cached by everything it shows: the language, what
 * was asked for, the zone's offset in the zone line (the quarter hour is its period: offsets change on
 * quarter hours), and for /now the minute (its clock, "now" and "in N minutes" change with it; items
 * start and end on whole minutes). The only per-user parts are the ⭐ marks of a day page, keyed by the
 * user's saved items on that day (most people share "none"), and the save button of an item card.
 */
export function cachedViews() {
  const days = new ViewCache<View>();
  const items = new ViewCache<View | undefined>();
  const nows = new ViewCache<View>();
  const speakerLists = new ViewCache<View>();
  const speakers = new ViewCache<ReturnType<typeof speakerView>>();
  const offset = (v: ViewContext) => offsetMinutes(v.programme.zone, v.now);
  const quarter = (v: ViewContext) => Math.floor(v.now / QUARTER);

  return {
    day(v: ViewContext, dayIndex: number, page: number, saved: ReadonlySet<string>, note?: "before" | "after"): View {
      const index = clampPage(dayIndex, v.programme.mission.days.length);
      const marks = [...saved].filter((id) => v.programme.item(id)?.dayIndex === index).sort();
      const key = `${v.locale}|${index}|${page}|${note ?? ""}|${offset(v)}|${marks.join(",")}`;
      return days.get(v.programme, quarter(v), key, () => dayView(v, index, page, saved, note));
    },
    item(v: ViewContext, itemId: string, saved: boolean): View | undefined {
      return items.get(v.programme, quarter(v), `${v.locale}|${itemId}|${saved}|${offset(v)}`, () => itemView(v, itemId, saved));
    },
    now(v: ViewContext): View {
      return nows.get(v.programme, Math.floor(v.now / MINUTE), v.locale, () => nowView(v));
    },
    speakers(v: ViewContext, page: number): View {
      return speakerLists.get(v.programme, 0, `${v.locale}|${page}`, () => speakersView(v, page));
    },
    speaker(v: ViewContext, speakerId: string): ReturnType<typeof speakerView> {
      return speakers.get(v.programme, quarter(v), `${v.locale}|${speakerId}|${offset(v)}`, () => speakerView(v, speakerId));
    },
  };
}
