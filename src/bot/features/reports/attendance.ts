import type { Locale } from "../../../domain/locale.js";
import { localize, type Mission } from "../../../domain/mission/schema.js";
import type { Participant } from "../../../domain/participant.js";
import { formatShortDate } from "../../../domain/programme/time.js";
import type { Cell } from "../../../domain/reports/table.js";
import type { AttendanceChartInput } from "../../../services/attendance-chart.js";
import type { AttendanceRow } from "../../../services/checkins.js";
import type { Sheet } from "../../../services/reports.js";
import { escapeHtml } from "../../html.js";
import type { Translate } from "../../i18n.js";
import { clip } from "../people/views.js";

// A mission day has a dozen items and stops; more lines than this would crowd out the rest of /stats.
const LINES_SHOWN = 30;

function what(locale: Locale, row: AttendanceRow): string {
  const { place } = row;
  if (place.kind === "day") return place.day.title ? localize(place.day.title, locale) : "";
  return place.kind === "item" ? localize(place.item.title, locale) : localize(place.stop.name, locale);
}

/** `/stats`: check-ins per day, item and stop that had any, in programme order; nothing before the first. */
export function attendanceLines(t: Translate, rows: readonly AttendanceRow[], locale: Locale): string[] {
  const counted = rows.filter((r) => r.people.length > 0);
  if (counted.length === 0) return [];
  const lines = counted.slice(0, LINES_SHOWN).map((r) => {
    const count = r.people.length;
    const title = escapeHtml(clip(what(locale, r), 50));
    switch (r.place.kind) {
      case "day":
        return t("stats-attendance-day", { date: formatShortDate(r.place.day.date, locale), title, count });
      case "item":
        return t("stats-attendance-item", { start: r.place.item.start, title, count });
      case "stop":
        return t("stats-attendance-stop", { title, count });
    }
  });
  if (counted.length > LINES_SHOWN) lines.push(t("stats-attendance-more", { count: counted.length - LINES_SHOWN }));
  return [t("stats-attendance-title"), ...lines];
}

/**
 * `/export`: the "Attendance" sheet, one row per day, item and stop of the programme (none checked in
 * too: a stop nobody came to is worth knowing), with who checked in, earliest first.
 */
export function attendanceSheet(t: Translate, rows: readonly AttendanceRow[], people: ReadonlyMap<number, Participant>, mission: Mission, locale: Locale): Sheet {
  const columns = ["kind", "date", "time", "what", "item", "count", "names"] as const;
  const name = (id: number) => {
    const p = people.get(id);
    return p ? `${p.fullName} (${p.company})` : t("export-deleted");
  };
  const out = rows.map(({ place, people: who }): Cell[] => [
    t(`export-attendance-kind-${place.kind}`),
    place.day.date,
    place.kind === "day" ? "" : `${place.item.start}–${place.item.end}`,
    what(locale, { place, people: who }),
    place.kind === "stop" ? localize(place.item.title, locale) : "",
    who.length,
    who.map((w) => name(w.userId)).join("; "),
  ]);
  const zone = mission.mission.timezone_name ? localize(mission.mission.timezone_name, locale) : mission.mission.timezone;
  return { name: t("export-sheet-attendance"), header: columns.map((c) => t(`export-acol-${c}`, { zone })), rows: out };
}

/** The /stats attendance chart: the places that had check-ins, as in the message; `undefined` before any. */
export function attendanceChartInput(t: Translate, rows: readonly AttendanceRow[], locale: Locale): AttendanceChartInput | undefined {
  const counted = rows.filter((r) => r.people.length > 0);
  if (counted.length === 0) return undefined;
  const label = (r: AttendanceRow) => {
    switch (r.place.kind) {
      case "day":
        return t("stats-attendance-chart-day", { date: formatShortDate(r.place.day.date, locale) });
      case "item":
        return `${r.place.item.start} ${what(locale, r)}`;
      case "stop":
        return `↳ ${what(locale, r)}`;
    }
  };
  return { title: t("stats-attendance-chart-title"), bars: counted.map((r) => ({ label: label(r), value: r.people.length })) };
}
