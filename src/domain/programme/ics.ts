import type { Locale } from "../locale.js";
import { localize } from "../mission/schema.js";
import type { AgendaEntry } from "./agenda.js";
import { offsetMinutes } from "./time.js";

/** An iCalendar (RFC 5545) file of agenda entries, times given with the mission's TZID and its VTIMEZONE. */
export interface CalendarInput {
  /** Calendar name shown by calendar apps. */
  name: string;
  /** IANA zone of the mission. */
  zone: string;
  /** Domain part of the event UIDs, so re-importing updates events instead of duplicating them. */
  uidDomain: string;
  entries: readonly AgendaEntry[];
  locale: Locale;
  /** DTSTAMP. */
  now: number;
  /** Minutes before the start for the calendar's own alarm. */
  alarmMinutes?: number;
  alarmText?: string;
}

const HOUR = 3_600_000;
const utf8 = new TextEncoder();
const DAY = 24 * HOUR;

/** RFC 5545 TEXT escaping. */
function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines are folded at 75 octets, never inside a UTF-8 character; continuation lines start with a space. */
function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const char of line) {
    const size = utf8.encode(char).length;
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function utcStamp(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** Wall-clock time in a zone, as a floating DATE-TIME (what goes after `TZID=...:`). */
function localStamp(at: number, offset: number): string {
  return utcStamp(at + offset * 60_000).slice(0, -1);
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** The instants in [from, to] where the zone's offset changes (found per day, then to the minute). */
function transitions(zone: string, from: number, to: number): { at: number; before: number; after: number }[] {
  const found: { at: number; before: number; after: number }[] = [];
  let previous = offsetMinutes(zone, from);
  for (let at = from + DAY; at - DAY < to; at += DAY) {
    const offset = offsetMinutes(zone, at);
    if (offset === previous) continue;
    let low = at - DAY;
    let high = at;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 2);
      if (offsetMinutes(zone, middle) === previous) low = middle;
      else high = middle;
    }
    found.push({ at: high, before: previous, after: offset });
    previous = offset;
  }
  return found;
}

/**
 * A VTIMEZONE covering the span of the entries: one observance for the offset at its start and one for
 * each change within it, so any calendar app can place the TZID-times without a zone database.
 */
function vtimezone(zone: string, from: number, to: number): string[] {
  const initial = offsetMinutes(zone, from);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const observance = (kind: "STANDARD" | "DAYLIGHT", startLocal: string, fromOffset: number, toOffset: number) => {
    lines.push(`BEGIN:${kind}`, `DTSTART:${startLocal}`, `TZOFFSETFROM:${offsetText(fromOffset)}`, `TZOFFSETTO:${offsetText(toOffset)}`, `END:${kind}`);
  };
  observance("STANDARD", localStamp(from, initial), initial, initial);
  for (const t of transitions(zone, from, to)) {
    observance(t.after > t.before ? "DAYLIGHT" : "STANDARD", localStamp(t.at, t.before), t.before, t.after);
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

export function buildCalendar(input: CalendarInput): string {
  const { zone, entries, locale } = input;
  const from = Math.min(input.now, ...entries.map((e) => e.startsAt)) - DAY;
  const to = Math.max(input.now, ...entries.map((e) => e.endsAt)) + DAY;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Mission Bot//Programme//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `X-WR-TIMEZONE:${zone}`,
    ...vtimezone(zone, from, to),
  ];
  for (const entry of entries) {
    const venue = entry.venue;
    lines.push(
      "BEGIN:VEVENT",
      `UID:${entry.key}@${input.uidDomain}`,
      `DTSTAMP:${utcStamp(input.now)}`,
      `DTSTART;TZID=${zone}:${localStamp(entry.startsAt, offsetMinutes(zone, entry.startsAt))}`,
      `DTEND;TZID=${zone}:${localStamp(entry.endsAt, offsetMinutes(zone, entry.endsAt))}`,
      `SUMMARY:${escapeText(localize(entry.title, locale))}`,
    );
    if (entry.description) lines.push(`DESCRIPTION:${escapeText(localize(entry.description, locale))}`);
    if (venue) {
      const table = entry.table ? `${localize(entry.table, locale)}, ` : "";
      lines.push(`LOCATION:${escapeText(`${table}${localize(venue.name, locale)}, ${localize(venue.address, locale)}`)}`);
      lines.push(`GEO:${venue.latitude};${venue.longitude}`);
    }
    if (input.alarmMinutes !== undefined) {
      lines.push("BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(input.alarmText ?? localize(entry.title, locale))}`, `TRIGGER:-PT${input.alarmMinutes}M`, "END:VALARM");
    }
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
