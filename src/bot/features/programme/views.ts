import { InlineKeyboard } from "grammy";
import type { Locale } from "../../../domain/locale.js";
import { localize, type Text, type Venue } from "../../../domain/mission/schema.js";
import type { AgendaEntry } from "../../../domain/programme/agenda.js";
import { clampPage, paginate } from "../../../domain/programme/paging.js";
import type { Programme, ScheduledItem } from "../../../domain/programme/programme.js";
import { formatDate, formatShortDate, zonedDate, zonedTime, zoneLabel } from "../../../domain/programme/time.js";
import { escapeHtml } from "../../html.js";
import type { Translate } from "../../i18n.js";
import { calendarData, dayData, itemData, itemDayData, mapData, myCalendarData, myPageData, saveData, speakerData, speakersPageData } from "./callbacks.js";

/** What every view needs: a translator, the language for the file's texts, the programme and the clock. */
export interface ViewContext {
  t: Translate;
  locale: Locale;
  programme: Programme;
  now: number;
}

export interface View {
  text: string;
  keyboard: InlineKeyboard;
}

// A page's lines stay well under 4,096 with the header, the zone line and the pager.
const PAGE = { maxItems: 10, maxChars: 3_000 } as const;
const BUTTON_TITLE = 40;

export const text = (v: ViewContext, value: Text) => escapeHtml(localize(value, v.locale));
const plain = (v: ViewContext, value: Text) => localize(value, v.locale);

function short(value: string, max = BUTTON_TITLE): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}

export function zoneLine(v: ViewContext): string {
  return v.t("zone-line", { zone: escapeHtml(zoneLabel(v.programme.mission, v.locale, v.now)) });
}

export function kindEmoji(v: ViewContext, kind: AgendaEntry["kind"]): string {
  return v.t(`kind-${kind}`);
}

/** `09:30–10:15 🎤 ⭐ Title · Venue` */
function line(v: ViewContext, e: { start: string; end: string; kind: AgendaEntry["kind"]; title: Text; venue?: Venue | undefined; table?: Text | undefined }, saved = false): string {
  const place = [e.table, e.venue?.name].filter((t): t is Text => t !== undefined).map((t) => text(v, t));
  const venue = place.length > 0 ? ` · ${place.join(", ")}` : "";
  return `${e.start}–${e.end} ${kindEmoji(v, e.kind)} ${saved ? "⭐ " : ""}${text(v, e.title)}${venue}`;
}

function scheduledLine(v: ViewContext, s: ScheduledItem, saved: boolean): string {
  return line(v, { ...s.item, venue: v.programme.venue(s.item.venue) }, saved);
}

function pager(v: ViewContext, keyboard: InlineKeyboard, page: number, pages: number, data: (page: number) => string): void {
  if (pages <= 1) return;
  if (page > 0) keyboard.text(v.t("page-prev"), data(page - 1));
  if (page < pages - 1) keyboard.text(v.t("page-next"), data(page + 1));
  keyboard.row();
}

function pageLine(v: ViewContext, page: number, pages: number): string[] {
  return pages > 1 ? ["", v.t("page-of", { page: page + 1, pages })] : [];
}

/** A day's items with their lines, in pages; each line rendered once. */
function dayPages(v: ViewContext, dayIndex: number, saved: ReadonlySet<string>): { s: ScheduledItem; line: string }[][] {
  const lines = v.programme.dayItems(dayIndex).map((s) => ({ s, line: scheduledLine(v, s, saved.has(s.item.id)) }));
  return paginate(lines, (x) => x.line, PAGE);
}

export function dayView(v: ViewContext, dayIndex: number, requestedPage: number, saved: ReadonlySet<string>, note?: "before" | "after"): View {
  return renderDay(v, dayIndex, () => requestedPage, saved, note);
}

/** The page of its day that lists an item (where the item card's "back" leads), or undefined once the item is gone. */
export function dayOfItemView(v: ViewContext, itemId: string, saved: ReadonlySet<string>): View | undefined {
  const s = v.programme.item(itemId);
  if (!s) return undefined;
  return renderDay(v, s.dayIndex, (pages) => Math.max(0, pages.findIndex((p) => p.some((x) => x.s.item.id === itemId))), saved);
}

function renderDay(
  v: ViewContext,
  dayIndex: number,
  pageOf: (pages: { s: ScheduledItem }[][]) => number,
  saved: ReadonlySet<string>,
  note?: "before" | "after",
): View {
  const days = v.programme.mission.days;
  const index = clampPage(dayIndex, days.length);
  const day = days[index];
  const pages = dayPages(v, index, saved);
  const page = clampPage(pageOf(pages), pages.length);
  const items = pages[page] ?? [];
  const lines = [
    v.t("day-header", { number: index + 1, count: days.length, date: formatDate(day?.date ?? "", v.locale) }),
    ...(day?.title ? [text(v, day.title)] : []),
    ...(note ? [v.t(note === "before" ? "day-before-mission" : "day-after-mission")] : []),
    zoneLine(v),
    "",
    ...items.map((x) => x.line),
    ...pageLine(v, page, pages.length),
  ];
  const keyboard = new InlineKeyboard();
  for (const { s } of items) keyboard.text(short(`${s.item.start} ${plain(v, s.item.title)}`), itemData.pack({ id: s.item.id })).row();
  pager(v, keyboard, page, pages.length, (p) => dayData.pack({ day: index, page: p }));
  if (index > 0) keyboard.text(v.t("day-prev", { number: index }), dayData.pack({ day: index - 1, page: 0 }));
  if (index < days.length - 1) keyboard.text(v.t("day-next", { number: index + 2 }), dayData.pack({ day: index + 1, page: 0 }));
  return { text: lines.join("\n"), keyboard };
}

export function itemView(v: ViewContext, itemId: string, saved: boolean): View | undefined {
  const s = v.programme.item(itemId);
  if (!s) return undefined;
  const { item } = s;
  const venue = v.programme.venue(item.venue);
  const speakers = item.speakers.flatMap((id) => v.programme.speaker(id) ?? []);
  const slots = v.programme.slots(item.id).length;
  const lines = [
    `${kindEmoji(v, item.kind)} <b>${text(v, item.title)}</b>`,
    v.t("item-when", { date: formatDate(s.day.date, v.locale), start: item.start, end: item.end }),
    zoneLine(v),
    ...(venue ? [v.t("item-place", { venue: text(v, venue.name), address: text(v, venue.address) })] : []),
    ...(speakers.length > 0 ? [v.t("item-speakers", { names: speakers.map((sp) => text(v, sp.name)).join(", ") })] : []),
    ...(slots > 0 ? [v.t("item-slots", { count: slots, minutes: v.programme.mission.meetings.slot_minutes })] : []),
    ...(item.description ? ["", text(v, item.description)] : []),
  ];
  const keyboard = new InlineKeyboard().text(v.t(saved ? "item-saved" : "item-save"), saveData.pack({ id: item.id })).row();
  keyboard.text(v.t("item-calendar"), calendarData.pack({ id: item.id }));
  if (venue) keyboard.text(v.t("item-map"), mapData.pack({ id: item.id }));
  keyboard.row();
  for (const speaker of speakers) keyboard.text(`👤 ${short(plain(v, speaker.name))}`, speakerData.pack({ id: speaker.id })).row();
  keyboard.text(v.t("item-back", { number: s.dayIndex + 1 }), itemDayData.pack({ id: item.id }));
  return { text: lines.join("\n"), keyboard };
}

/** "in 5 minutes", "in 2 h 5 min", "in 3 days 4 h". */
export function relative(v: ViewContext, minutes: number): string {
  if (minutes <= 90) return v.t("in-minutes", { minutes });
  if (minutes < 24 * 60) return v.t("in-hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return v.t("in-days", { days: Math.floor(minutes / (24 * 60)), hours: Math.floor((minutes % (24 * 60)) / 60) });
}

export function nowView(v: ViewContext): View {
  const { phase, current, next } = v.programme.nowAndNext(v.now);
  const zone = v.programme.zone;
  const lines = [
    v.t("now-clock", { time: zonedTime(v.now, zone), date: formatDate(zonedDate(v.now, zone), v.locale), zone: escapeHtml(zoneLabel(v.programme.mission, v.locale, v.now)) }),
    "",
  ];
  const keyboard = new InlineKeyboard();
  const button = (s: ScheduledItem) =>
    keyboard.text(short(v.t("now-open", { emoji: kindEmoji(v, s.item.kind), start: s.item.start, title: plain(v, s.item.title) })), itemData.pack({ id: s.item.id })).row();
  if (phase === "after") {
    lines.push(v.t("now-after"));
    return { text: lines.join("\n"), keyboard };
  }
  if (phase === "before") lines.push(v.t("now-before", { date: formatDate(v.programme.mission.days[0]?.date ?? "", v.locale) }));
  if (phase === "during") {
    if (current.length === 0) lines.push(v.t("now-nothing"));
    else lines.push(v.t("now-current"), ...current.slice(0, 10).map((s) => scheduledLine(v, s, false)));
    for (const s of current.slice(0, 10)) button(s);
  }
  if (next) {
    const s = next.scheduled;
    const day = s.day.date === zonedDate(v.now, zone) ? "" : `${formatShortDate(s.day.date, v.locale)}, `;
    lines.push("", v.t("now-next", { when: relative(v, next.minutesUntil) }), `${day}${scheduledLine(v, s, false)}`);
    button(s);
  }
  return { text: lines.join("\n").replace(/^\n+|\n+$/g, ""), keyboard };
}

export function speakersView(v: ViewContext, requestedPage: number): View {
  const all = v.programme.allSpeakers();
  const keyboard = new InlineKeyboard();
  if (all.length === 0) return { text: v.t("speakers-empty"), keyboard };
  const render = (s: (typeof all)[number]) => `<b>${text(v, s.name)}</b>, ${text(v, s.position)}, ${text(v, s.company)}`;
  const pages = paginate(all, render, PAGE);
  const page = clampPage(requestedPage, pages.length);
  const list = pages[page] ?? [];
  for (const s of list) keyboard.text(`👤 ${short(`${plain(v, s.name)} · ${plain(v, s.company)}`)}`, speakerData.pack({ id: s.id })).row();
  pager(v, keyboard, page, pages.length, (p) => speakersPageData.pack({ page: p }));
  return { text: [v.t("speakers-header"), "", ...list.map(render), ...pageLine(v, page, pages.length)].join("\n"), keyboard };
}

const SPEAKER_ITEMS = 8;

export function speakerView(v: ViewContext, speakerId: string): (View & { caption: string }) | undefined {
  const speaker = v.programme.speaker(speakerId);
  if (!speaker) return undefined;
  const items = v.programme.itemsOfSpeaker(speaker.id);
  const caption = `<b>${text(v, speaker.name)}</b>\n${text(v, speaker.position)}, ${text(v, speaker.company)}`;
  const lines = [caption, "", text(v, speaker.bio)];
  const keyboard = new InlineKeyboard();
  if (items.length > 0) {
    lines.push("", v.t("speaker-items"), zoneLine(v));
    for (const s of items.slice(0, SPEAKER_ITEMS)) {
      lines.push(`${formatShortDate(s.day.date, v.locale)}, ${scheduledLine(v, s, false)}`);
      keyboard.text(short(`${s.item.start} ${plain(v, s.item.title)}`), itemData.pack({ id: s.item.id })).row();
    }
    if (items.length > SPEAKER_ITEMS) lines.push(v.t("speaker-more-items", { count: items.length - SPEAKER_ITEMS }));
  }
  return { text: lines.join("\n"), caption, keyboard };
}

export function myView(v: ViewContext, entries: readonly AgendaEntry[], requestedPage: number): View {
  const keyboard = new InlineKeyboard();
  if (entries.length === 0) return { text: v.t("my-empty"), keyboard };
  // A day heading goes before each day's first entry on a page; it is counted in the page's size.
  const render = (e: AgendaEntry) => `${formatDate(e.date, v.locale)}\n${line(v, e)}`;
  const pages = paginate(entries, render, PAGE);
  const page = clampPage(requestedPage, pages.length);
  const list = pages[page] ?? [];
  const lines = [v.t("my-header"), zoneLine(v)];
  let date = "";
  for (const e of list) {
    if (e.date !== date) lines.push("", `<b>${formatDate(e.date, v.locale)}</b>`);
    date = e.date;
    lines.push(line(v, e));
    if (e.itemId) keyboard.text(short(`${e.start} ${plain(v, e.title)}`), itemData.pack({ id: e.itemId })).row();
  }
  lines.push(...pageLine(v, page, pages.length));
  pager(v, keyboard, page, pages.length, (p) => myPageData.pack({ page: p }));
  keyboard.text(v.t("my-calendar"), myCalendarData.pack({})).row();
  return { text: lines.join("\n"), keyboard };
}
