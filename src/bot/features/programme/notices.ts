import { InlineKeyboard } from "grammy";
import { localize } from "../../../domain/mission/schema.js";
import type { AgendaEntry } from "../../../domain/programme/agenda.js";
import type { ItemSnapshot, ProgrammeDiff } from "../../../domain/programme/diff.js";
import { formatDate, formatShortDate, minutesUntil, zoneLabel } from "../../../domain/programme/time.js";
import type { NoticeRequest } from "../../../services/programme-publisher.js";
import { escapeHtml } from "../../html.js";
import { itemNewData } from "./callbacks.js";
import { relative, text, zoneLine, type View, type ViewContext } from "./views.js";

// A notice lists at most this many changes; the rest is one "and N more" line (and /today has it all).
const MAX_CHANGE_LINES = 25;

function venueName(v: ViewContext, s: ItemSnapshot): string {
  return s.venue ? text(v, s.venue.name) : v.t("no-venue");
}

/** One line per change, in the new programme's time order: moved, then removed, then added. */
export function changeLines(v: ViewContext, diff: ProgrammeDiff, include: (id: string) => boolean, withAdded: boolean): string[] {
  const date = (s: ItemSnapshot) => formatShortDate(s.date, v.locale);
  const lines: string[] = [];
  for (const m of diff.moved.filter((x) => include(x.id))) {
    const title = `<b>${text(v, m.after.title)}</b>`;
    if (m.time) {
      lines.push(`• ${v.t("notice-moved-time", { title, date: date(m.after), start: m.after.start, end: m.after.end, oldDate: date(m.before), oldStart: m.before.start, oldEnd: m.before.end })}`);
      if (m.place) lines.push(`  ${v.t("notice-moved-place", { title: "📍", venue: venueName(v, m.after), oldVenue: venueName(v, m.before) })}`);
    } else {
      lines.push(`• ${v.t("notice-moved-place", { title, venue: venueName(v, m.after), oldVenue: venueName(v, m.before) })}`);
    }
  }
  for (const r of diff.removed.filter((x) => include(x.id))) {
    lines.push(`• ${v.t("notice-removed", { title: `<b>${text(v, r.title)}</b>`, date: date(r), start: r.start })}`);
  }
  if (withAdded) {
    for (const a of diff.added.filter((x) => include(x.id))) {
      lines.push(`• ${v.t("notice-added", { title: `<b>${text(v, a.title)}</b>`, date: date(a), start: a.start, end: a.end })}`);
    }
  }
  return lines;
}

/** Caps a list of lines for one message. */
export function capped(v: ViewContext, lines: string[], max = MAX_CHANGE_LINES, moreKey = "notice-more"): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), v.t(moreKey, { count: lines.length - max })];
}

/** The notice a participant gets when a published programme changes what they saved (or, if asked, anything). */
export function renderNotice(v: ViewContext, request: Pick<NoticeRequest, "diff" | "mine" | "everything">): string {
  const { diff, mine, everything } = request;
  const yours = changeLines(v, diff, (id) => mine.has(id), false);
  const others = everything ? changeLines(v, diff, (id) => !mine.has(id), true) : [];
  const lines = [v.t("notice-header")];
  if (yours.length > 0) lines.push("", v.t("notice-yours"), ...capped(v, yours));
  if (others.length > 0) lines.push("", ...(yours.length > 0 ? [v.t("notice-others")] : []), ...capped(v, others));
  lines.push("", zoneLine(v), v.t("notice-footer"));
  return lines.join("\n");
}

/** "📍 Table 7, KRITBI, 5 Kirova St": a meeting's table goes before its venue. */
function placeLines(v: ViewContext, entry: AgendaEntry): string[] {
  const table = entry.table ? text(v, entry.table) : undefined;
  if (!entry.venue) return table ? [v.t("reminder-table", { table })] : [];
  const venue = text(v, entry.venue.name);
  return [v.t("item-place", { venue: table ? `${table}, ${venue}` : venue, address: text(v, entry.venue.address) })];
}

/** The reminder before an agenda entry; the venue pin follows as its own message. */
export function reminderView(v: ViewContext, entry: AgendaEntry): View {
  const zone = escapeHtml(zoneLabel(v.programme.mission, v.locale, v.now));
  const lines = [
    v.t("reminder-text", { title: text(v, entry.title), when: relative(v, minutesUntil(entry.startsAt, v.now)) }),
    v.t("reminder-when", { start: entry.start, end: entry.end, date: formatDate(entry.date, v.locale), zone }),
    ...placeLines(v, entry),
  ];
  const keyboard = new InlineKeyboard();
  if (entry.itemId) keyboard.text(v.t("reminder-open"), itemNewData.pack({ id: entry.itemId }));
  return { text: lines.join("\n"), keyboard };
}

export function venueTitle(v: ViewContext, entry: AgendaEntry): { title: string; address: string } | undefined {
  return entry.venue ? { title: localize(entry.venue.name, v.locale), address: localize(entry.venue.address, v.locale) } : undefined;
}
