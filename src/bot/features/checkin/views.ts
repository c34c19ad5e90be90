import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { targetsOfDay, type CheckinPlace, type CheckinTarget } from "../../../domain/checkin/payload.js";
import type { Locale } from "../../../domain/locale.js";
import { idSchema, localize, type Day, type Mission, type Resident } from "../../../domain/mission/schema.js";
import type { Participant } from "../../../domain/participant.js";
import { formatDate, formatShortDate, zonedDate, zonedInstant, zoneLabel } from "../../../domain/programme/time.js";
import { callbackData } from "../../callback-data.js";
import { escapeHtml } from "../../html.js";
import type { Translate } from "../../i18n.js";
import { requestData } from "../meetings/views.js";
import { clip } from "../people/views.js";

// ---- callback data (ids only) ----------------------------------------------------------------------

const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** One code: d (a day, ref its date), i (an item id), s (a stop id). */
export const qrData = callbackData("qr", { k: z.enum(["d", "i", "s"]), ref: z.union([idSchema, dateField]) });
/** The list of a day's codes. */
export const qrDayData = callbackData("qrd", { date: dateField });
/** Every code of a day as one ZIP. */
export const qrZipData = callbackData("qrz", { date: dateField });

export function targetOfData(data: { k: "d" | "i" | "s"; ref: string }): CheckinTarget {
  if (data.k === "d") return { kind: "day", date: data.ref };
  return data.k === "i" ? { kind: "item", itemId: data.ref } : { kind: "stop", stopId: data.ref };
}

function dataOf(place: CheckinPlace): string {
  switch (place.kind) {
    case "day":
      return qrData.pack({ k: "d", ref: place.day.date });
    case "item":
      return qrData.pack({ k: "i", ref: place.item.id });
    case "stop":
      return qrData.pack({ k: "s", ref: place.stop.id });
  }
}

// ---- texts -----------------------------------------------------------------------------------------

export interface Env {
  t: Translate;
  locale: Locale;
  mission: Mission;
}

const BUTTON = 56;

/** What a code is for, in one line: the day, the item, or the stop with its item. */
export function placeTitle({ t, locale }: Env, place: CheckinPlace): string {
  switch (place.kind) {
    case "day":
      return [t("checkin-day-title", { date: formatDate(place.day.date, locale) }), ...(place.day.title ? [localize(place.day.title, locale)] : [])].join(" · ");
    case "item":
      return localize(place.item.title, locale);
    case "stop":
      return t("checkin-stop-title", { stop: localize(place.stop.name, locale), item: localize(place.item.title, locale) });
  }
}

/** "📅 Thursday, 11 December, 10:00–12:00 (Krasnoyarsk time, UTC+7)" — a day code has its date only. */
function whenLine({ t, locale, mission }: Env, place: CheckinPlace): string {
  if (place.kind === "day") return t("checkin-when-day", { date: formatDate(place.day.date, locale) });
  const zone = escapeHtml(zoneLabel(mission, locale, zonedInstant(place.day.date, place.item.start, mission.mission.timezone)));
  return t("checkin-when", { date: formatDate(place.day.date, locale), start: place.item.start, end: place.item.end, zone });
}

function venueLine({ t, locale, mission }: Env, place: CheckinPlace): string | undefined {
  if (place.kind === "day") return undefined;
  const id = place.kind === "stop" ? (place.stop.venue ?? place.item.venue) : place.item.venue;
  const venue = mission.venues.find((v) => v.id === id);
  return venue ? t("checkin-venue", { venue: escapeHtml(localize(venue.name, locale)), address: escapeHtml(localize(venue.address, locale)) }) : undefined;
}

/** The QR code's caption: what it is, when (in the mission's zone), where; ready to print under it. */
export function qrCaption(env: Env, place: CheckinPlace, link: string): string {
  return [`<b>${escapeHtml(placeTitle(env, place))}</b>`, whenLine(env, place), venueLine(env, place), env.t("checkin-qr-link", { link: escapeHtml(link) })]
    .filter((l) => l !== undefined)
    .join("\n");
}

/** A file name for a code in the ZIP: its order, its time and its id, so the files sort as the day runs. */
export function qrFileName(place: CheckinPlace, n: number): string {
  const order = String(n).padStart(2, "0");
  switch (place.kind) {
    case "day":
      return `${order}-day-${place.day.date}.png`;
    case "item":
      return `${order}-${place.item.start.replace(":", "")}-${place.item.id}.png`;
    case "stop":
      return `${order}-${place.item.start.replace(":", "")}-${place.item.id}-${place.stop.id}.png`;
  }
}

/** `/qr`: the day's codes as buttons (the day, each item, each stop under its item), other days, the ZIP. */
export function qrListView(env: Env, day: Day): { text: string; keyboard: InlineKeyboard } {
  const { t, locale, mission } = env;
  const keyboard = new InlineKeyboard();
  for (const place of targetsOfDay(day)) {
    const label =
      place.kind === "day"
        ? t("checkin-qr-button-day")
        : place.kind === "item"
          ? t("checkin-qr-button-item", { start: place.item.start, title: clip(localize(place.item.title, locale), BUTTON) })
          : t("checkin-qr-button-stop", { name: clip(localize(place.stop.name, locale), BUTTON) });
    keyboard.text(label, dataOf(place)).row();
  }
  keyboard.text(t("checkin-qr-button-zip"), qrZipData.pack({ date: day.date })).row();
  for (const other of mission.days) if (other.date !== day.date) keyboard.text(formatShortDate(other.date, locale), qrDayData.pack({ date: other.date }));
  const zone = escapeHtml(zoneLabel(mission, locale, zonedInstant(day.date, "12:00", mission.mission.timezone)));
  return { text: t("checkin-qr-list", { date: formatDate(day.date, locale), zone }), keyboard };
}

/**
 * What a participant sees after a scan: checked in (or already, since when), and the place's card: what
 * it is, when and where, its description, the residents, and "Request a meeting" for each resident who
 * is a registered host (not oneself).
 */
export function checkinCardView(
  env: Env,
  place: CheckinPlace,
  result: { first: boolean; at: number },
  hosts: ReadonlyMap<Resident, readonly Participant[]>,
  viewerId: number,
): { text: string; keyboard: InlineKeyboard } {
  const { t, locale, mission } = env;
  const time = new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { timeZone: mission.mission.timezone, hour: "2-digit", minute: "2-digit" }).format(result.at);
  const lines = [
    result.first
      ? t("checkin-done", { place: escapeHtml(placeTitle(env, place)) })
      : t("checkin-again", { place: escapeHtml(placeTitle(env, place)), time, date: formatShortDate(zonedDate(result.at, mission.mission.timezone), locale), zone: escapeHtml(zoneLabel(mission, locale, result.at)) }),
    "",
    whenLine(env, place),
  ];
  const venue = venueLine(env, place);
  if (venue) lines.push(venue);
  const description = place.kind === "stop" ? place.stop.description : place.kind === "item" ? place.item.description : undefined;
  if (description) lines.push("", escapeHtml(localize(description, locale)));
  if (place.kind === "day") lines.push("", t("checkin-day-hint"));
  const keyboard = new InlineKeyboard();
  const residents = place.kind === "stop" ? place.stop.residents : [];
  if (residents.length > 0) {
    lines.push("", t("checkin-residents"));
    for (const resident of residents) {
      const people = (hosts.get(resident) ?? []).filter((p) => p.id !== viewerId);
      lines.push(t(people.length > 0 ? "checkin-resident-host" : "checkin-resident", { name: escapeHtml(localize(resident.name, locale)) }));
      for (const host of people.slice(0, 3)) {
        keyboard.text(t("checkin-request-meeting", { name: clip(host.fullName, 24), company: clip(host.company, 24) }), requestData.pack({ id: String(host.id) })).row();
      }
    }
  }
  return { text: lines.join("\n"), keyboard };
}
