import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import timezone from "dayjs/plugin/timezone.js";
import type { Locale } from "../locale.js";
import { localize, type Mission } from "../mission/schema.js";

dayjs.extend(utc);
dayjs.extend(timezone);

const MINUTE = 60_000;

/**
 * Epoch ms of a wall-clock time in a zone. Never goes through the process's own zone: delegates' laptops
 * and the server may sit anywhere.
 */
export function zonedInstant(date: string, time: string, zone: string): number {
  return dayjs.tz(`${date} ${time}`, "YYYY-MM-DD HH:mm", zone).valueOf();
}

/**
 * Formatting instants in a zone is on every agenda view's hot path, and dayjs's timezone plugin builds
 * and parses a locale string per call (bench/README.md has what it cost). Intl formatters are made once
 * per zone or language and kept.
 */
function memo<T>(make: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = make(key);
      cache.set(key, value);
    }
    return value;
  };
}

const wallClockFormat = memo(
  (zone) => new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
);

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall clock read from Intl: right for any instant, but it costs a formatToParts call. */
function formattedWallClock(at: number, zone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of wallClockFormat(zone).formatToParts(new Date(at))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return { year: fields.year ?? 0, month: fields.month ?? 0, day: fields.day ?? 0, hour: fields.hour ?? 0, minute: fields.minute ?? 0 };
}

function formattedOffset(zone: string, at: number): number {
  const w = formattedWallClock(at, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(at / MINUTE) * MINUTE) / MINUTE);
}

/**
 * A zone's offset changes only at its transitions, and those fall on quarter hours of UTC (whole or half
 * hours of local time, with offsets in quarter hours). So the offset is read from Intl once per zone and
 * quarter hour, and every instant in that quarter gets its wall clock by arithmetic. A quarter whose two
 * ends disagree holds a transition at some odd minute (history has a few): its instants keep Intl.
 */
const QUARTER = 15 * MINUTE;
// Programme views touch a few days' worth of quarters; past this, the memo starts afresh.
const OFFSETS_LIMIT = 20_000;
const TRANSITION = Number.NaN;
const quarterOffsets = memo(() => new Map<number, number>());

function cachedOffset(zone: string, at: number): number | undefined {
  const quarter = Math.floor(at / QUARTER);
  const offsets = quarterOffsets(zone);
  let offset = offsets.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER;
    const first = formattedOffset(zone, start);
    offset = first === formattedOffset(zone, start + QUARTER - 1) ? first : TRANSITION;
    if (offsets.size >= OFFSETS_LIMIT) offsets.clear();
    offsets.set(quarter, offset);
  }
  return Number.isNaN(offset) ? undefined : offset;
}

function wallClock(at: number, zone: string): WallClock {
  const offset = cachedOffset(zone, at);
  if (offset === undefined) return formattedWallClock(at, zone);
  const d = new Date(Math.floor(at / MINUTE) * MINUTE + offset * MINUTE);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar date (YYYY-MM-DD) an instant falls on in a zone. */
export function zonedDate(at: number, zone: string): string {
  const w = wallClock(at, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The wall-clock time (HH:mm) of an instant in a zone. */
export function zonedTime(at: number, zone: string): string {
  const w = wallClock(at, zone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Minutes east of UTC in a zone at an instant (+420 for Krasnoyarsk). */
export function offsetMinutes(zone: string, at: number): number {
  return cachedOffset(zone, at) ?? formattedOffset(zone, at);
}

/** "UTC+7", "UTC+5:30", "UTC-3", "UTC". */
export function utcOffsetLabel(zone: string, at: number): string {
  const minutes = offsetMinutes(zone, at);
  if (minutes === 0) return "UTC";
  const sign = minutes > 0 ? "+" : "−";
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${rest === 0 ? "" : `:${String(rest).padStart(2, "0")}`}`;
}

/** The platform's name for a zone in a language ("Krasnoyarsk Standard Time"). */
const zoneNameFormat = memo((key) => {
  const [zone, locale] = key.split("|");
  return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "longGeneric" });
});

function platformZoneName(zone: string, locale: Locale, at: number): string {
  const part = zoneNameFormat(`${zone}|${locale}`)
    .formatToParts(new Date(at))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? zone;
}

/**
 * What every agenda view says about its times: "Krasnoyarsk time, UTC+7". Telegram does not tell the
 * bot a user's zone, and delegates arrive with phones on home time.
 */
export function zoneLabel(mission: Mission, locale: Locale, at: number): string {
  const zone = mission.mission.timezone;
  const name = mission.mission.timezone_name ? localize(mission.mission.timezone_name, locale) : platformZoneName(zone, locale, at);
  return `${name}, ${utcOffsetLabel(zone, at)}`;
}

const longDateFormat = memo((locale) => new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }));
const shortDateFormat = memo((locale) => new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { day: "numeric", month: "short", timeZone: "UTC" }));

/** "четверг, 10 декабря" / "Thursday, 10 December" for a YYYY-MM-DD date. */
export function formatDate(date: string, locale: Locale): string {
  return longDateFormat(locale).format(new Date(`${date}T00:00:00Z`));
}

/** "10 Dec" / "10 дек." for a YYYY-MM-DD date. */
export function formatShortDate(date: string, locale: Locale): string {
  return shortDateFormat(locale).format(new Date(`${date}T00:00:00Z`));
}

/** Whole minutes from `now` until `at`, rounded up (a talk 30 s away starts "in 1 minute"). */
export function minutesUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / MINUTE));
}

export type MissionPhase = "before" | "during" | "after";

/**
 * Which day of the programme is "today" in mission time: the day of the mission's local date; before
 * the mission the first day, after it the last; on a date without items the next day that has some.
 */
export function todayIndex(mission: Mission, now: number): { index: number; phase: MissionPhase } {
  const today = zonedDate(now, mission.mission.timezone);
  const days = mission.days;
  const first = days[0]?.date ?? "";
  const last = days.at(-1)?.date ?? "";
  if (today < first) return { index: 0, phase: "before" };
  if (today > last) return { index: days.length - 1, phase: "after" };
  const index = days.findIndex((d) => d.date >= today);
  return { index: index === -1 ? days.length - 1 : index, phase: "during" };
}
