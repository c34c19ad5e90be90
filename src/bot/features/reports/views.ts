import { ROLES, type Participant } from "../../../domain/participant.js";
import { deliveryRate } from "../../../domain/broadcast/broadcast.js";
import { ERASED, type MeetingRequest } from "../../../domain/meetings/request.js";
import { tablePlace, tableSchedule } from "../../../domain/meetings/tables.js";
import { answeredAt } from "../../../domain/reports/meetings-stats.js";
import type { Cell } from "../../../domain/reports/table.js";
import type { Locale } from "../../../domain/locale.js";
import { localize, type Mission } from "../../../domain/mission/schema.js";
import { zonedInstant, zoneLabel } from "../../../domain/programme/time.js";
import type { ExportedParticipant, MissionStats, Sheet } from "../../../services/reports.js";
import { escapeHtml } from "../../html.js";
import { percent, type MeetingOutcomes } from "../../../domain/outcomes/funnel.js";
import type { ProgressUpdate, SideOutcome } from "../../../domain/outcomes/outcome.js";
import type { OutcomeChartInput } from "../../../services/outcome-chart.js";
import type { Translate } from "../../i18n.js";

const REGIONS_SHOWN = 5;
const BROADCASTS_SHOWN = 3;

function intlLocale(locale: Locale): string {
  return locale === "ru" ? "ru-RU" : "en-GB";
}

function shortDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "UTC", day: "numeric", month: "short" }).format(new Date(`${day}T12:00:00Z`));
}

function dateTime(ms: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(ms);
}

/** `/stats`: one message, in the organiser's language. */
export function statsText(t: Translate, stats: MissionStats, mission: Mission, locale: Locale): string {
  const p = stats.participants;
  const lines = [t("stats-title"), "", t("stats-participants", { total: p.total, reachable: p.reachable, unreachable: p.unreachable })];
  if (p.total > 0) {
    lines.push(t("stats-by-role", { ...p.byRole }));
    const shown = p.byRegion.slice(0, REGIONS_SHOWN).map((r) => `${escapeHtml(r.region)} ${r.count}`);
    const others = p.byRegion.slice(REGIONS_SHOWN).reduce((sum, r) => sum + r.count, 0);
    if (others > 0) shown.push(t("stats-region-others", { count: others }));
    lines.push(t("stats-by-region", { list: shown.join(" · ") }));
    lines.push(t("stats-by-day", { list: p.byDay.map((d) => `${shortDay(d.day, locale)} ${d.count}`).join(" · ") }));
  }
  lines.push("", ...meetingsLines(t, stats));
  const outcomes = outcomeLines(t, stats);
  if (outcomes.length > 0) lines.push("", ...outcomes);
  lines.push("");
  if (stats.broadcasts.length === 0) {
    lines.push(t("stats-broadcasts-none"));
  } else {
    // Out of everyone the broadcasts were for, as each broadcast's own rate is.
    const sum = stats.broadcasts.reduce((acc, b) => ({ total: acc.total + b.counts.total, sent: acc.sent + b.counts.sent }), { total: 0, sent: 0 });
    lines.push(t("stats-broadcasts", { count: stats.broadcasts.length, rate: deliveryRate(sum), sent: sum.sent, total: sum.total }));
    for (const b of stats.broadcasts.slice(0, BROADCASTS_SHOWN)) {
      lines.push(t("stats-broadcast-item", { id: b.id, date: dateTime(b.spec.createdAt, locale, mission.mission.timezone), sent: b.counts.sent, total: b.counts.total, rate: deliveryRate(b.counts) }));
    }
  }
  return lines.join("\n");
}

function meetingsLines(t: Translate, { meetings: m }: MissionStats): string[] {
  if (m.total === 0) return [t("stats-requests-none")];
  return [
    t("stats-requests", { total: m.total, ...m.byState }),
    m.acceptanceRate === undefined ? t("stats-acceptance-none") : t("stats-acceptance", { rate: m.acceptanceRate, agreed: m.agreed, answered: m.answered }),
    t("stats-meetings-held", { held: m.held, upcoming: m.upcoming, anyTime: m.anyTime }),
    ...(m.tables.seated + m.tables.atDesk > 0 ? [t("stats-meetings-tables", { ...m.tables })] : []),
  ];
}

/**
 * Times in the exports: "2026-12-10 14:00" in the mission's zone, which sorts as text; the column
 * header names the zone (as it stands at the mission's start).
 */
function exportTime(mission: Mission, locale: Locale) {
  const zone = mission.mission.timezone;
  const format = new Intl.DateTimeFormat("sv-SE", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  return {
    zone: zoneLabel(mission, locale, zonedInstant(mission.mission.start_date, "12:00", zone)),
    format: (at: number | string) => format.format(new Date(at)),
  };
}

/** `/export`: the participants sheet, columns in the organiser's language. */
export function participantsSheet(t: Translate, participants: readonly ExportedParticipant[], mission: Mission, locale: Locale): Sheet {
  const columns = ["id", "role", "name", "company", "position", "region", "tags", "offer", "looking-for", "phone", "email", "description", "username", "language", "reachable", "registered"] as const;
  const tagName = new Map(mission.tags.map((tag) => [tag.id, localize(tag.name, locale)]));
  const time = exportTime(mission, locale);
  const rows = participants.map((p): Cell[] => [
    p.id,
    ROLES.includes(p.role) ? t(`role-${p.role}`) : p.role,
    p.fullName,
    p.company,
    p.position,
    p.region,
    p.tags.map((id) => tagName.get(id) ?? id).join("; "),
    p.offer,
    p.lookingFor,
    p.phone ?? "",
    p.email ?? "",
    p.companyDescription ?? "",
    p.username ? `@${p.username}` : "",
    p.language,
    t(p.reachable ? "export-yes" : "export-no"),
    time.format(p.registeredAt),
  ]);
  return { name: t("export-sheet"), header: columns.map((c) => t(`export-col-${c}`, { zone: time.zone })), rows };
}

/**
 * `/export`: the meetings sheet. People by their name and company only (contacts stay in the
 * participants sheet); someone who deleted their data, or whose profile is gone, is a "deleted" label.
 */
export function meetingsSheet(t: Translate, requests: readonly MeetingRequest[], people: ReadonlyMap<number, Participant>, mission: Mission, locale: Locale): Sheet {
  const columns = ["id", "from", "from-company", "to", "to-company", "state", "start", "end", "created", "answered", "reason", "message"] as const;
  const time = exportTime(mission, locale);
  const person = (id: number): [string, string] => {
    const p = id === ERASED ? undefined : people.get(id);
    return p ? [p.fullName, p.company] : [t("export-deleted"), ""];
  };
  const rows = requests.map((r): Cell[] => {
    const answered = answeredAt(r);
    return [
      r.id,
      ...person(r.from),
      ...person(r.to),
      t(`export-state-${r.state}`),
      r.slot ? time.format(r.slot.start) : t("meeting-any-time"),
      r.slot ? time.format(r.slot.end) : "",
      time.format(r.createdAt),
      answered === undefined ? "" : time.format(answered),
      r.declineReason ? t(`meeting-decline-${r.declineReason}`) : "",
      r.message,
    ];
  });
  return { name: t("export-sheet-meetings"), header: columns.map((c) => t(`export-mcol-${c}`, { zone: time.zone })), rows };
}

/**
 * `/export`: the B2B schedule the desk prints: every agreed meeting of a session with tables, by slot
 * and table, with both people and their companies (no contacts, as in the meetings sheet).
 */
export function tablesSheet(t: Translate, requests: readonly MeetingRequest[], people: ReadonlyMap<number, Participant>, mission: Mission, locale: Locale): Sheet {
  const columns = ["start", "end", "session", "table", "from", "from-company", "to", "to-company"] as const;
  const time = exportTime(mission, locale);
  const sessions = new Map(mission.days.flatMap((d) => d.items).map((item) => [item.id, localize(item.title, locale)]));
  const person = (id: number): [string, string] => {
    const p = id === ERASED ? undefined : people.get(id);
    return p ? [p.fullName, p.company] : [t("export-deleted"), ""];
  };
  const rows = tableSchedule(requests).map((r): Cell[] => {
    const { label } = tablePlace(mission, r.table, locale);
    const table = label.kind === "number" ? label.n : label.kind === "name" ? label.name : t("meeting-table-desk");
    return [time.format(r.slot.start), time.format(r.slot.end), sessions.get(r.table.item) ?? r.table.item, table, ...person(r.from), ...person(r.to)];
  });
  return { name: t("export-sheet-tables"), header: columns.map((c) => t(`export-tcol-${c}`, { zone: time.zone })), rows };
}

// ---- after the meetings ------------------------------------------------------------------------------

/** The funnel with each step's share of the one before, and how many answered where a rate could mislead. */
function outcomeLines(t: Translate, { outcomes: { funnel: f } }: MissionStats): string[] {
  if (f.requests === 0) return [];
  const pct = (part: number, whole: number) => {
    const p = percent(part, whole);
    return p === undefined ? t("stats-percent-none") : `${p}%`;
  };
  return [
    t("stats-outcomes-title"),
    t("stats-funnel-requests", { count: f.requests }),
    t("stats-funnel-accepted", { count: f.accepted, percent: pct(f.accepted, f.requests) }),
    t("stats-funnel-held", { count: f.held, percent: pct(f.held, f.accepted), answered: f.answered, asked: f.asked, rate: pct(f.answered, f.asked) }),
    t("stats-funnel-agreements", { count: f.agreements, percent: pct(f.agreements, f.held) }),
    t("stats-funnel-progress", {
      done: f.carriedOut,
      donePercent: pct(f.carriedOut, f.followUpsAnswered),
      inProgress: f.inProgress,
      notDone: f.notCarriedOut,
      answered: f.followUpsAnswered,
      asked: f.followUpsAsked,
      rate: pct(f.followUpsAnswered, f.followUpsAsked),
    }),
  ];
}

/** What the /stats chart is drawn from: the funnel and the meetings held per day, labelled in the organiser's language. */
export function outcomeChartInput(t: Translate, stats: MissionStats, locale: Locale): OutcomeChartInput {
  const f = stats.outcomes.funnel;
  return {
    title: t("stats-chart-title"),
    funnelTitle: t("stats-chart-funnel"),
    funnel: [
      { label: t("stats-chart-requests"), value: f.requests },
      { label: t("stats-chart-accepted"), value: f.accepted },
      { label: t("stats-chart-held"), value: f.held },
      { label: t("stats-chart-agreements"), value: f.agreements },
      { label: t("stats-chart-carried-out"), value: f.carriedOut },
    ],
    perDayTitle: t("stats-chart-per-day"),
    perDay: stats.outcomes.perDay.map((d) => ({ label: shortDay(d.date, locale), value: d.count })),
  };
}

/**
 * `/export`: the outcomes sheet, one row per agreed meeting with both sides' answers as each gave them
 * (notes included: organisers may read them). A side who deleted their data is a "deleted" label with
 * no answers.
 */
export function outcomesSheet(t: Translate, meetings: readonly MeetingOutcomes[], people: ReadonlyMap<number, Participant>, mission: Mission, locale: Locale): Sheet {
  const side = ["", "-company", "-met", "-result", "-by-when", "-note", "-progress"];
  const columns = ["id", "start", ...side.map((c) => `from${c}`), ...side.map((c) => `to${c}`)];
  const time = exportTime(mission, locale);
  const progress = (u: ProgressUpdate) => {
    const state = t(`outcome-progress-state-${u.state}`);
    const what = u.reason ? t("outcome-progress-with-reason", { state, reason: t(`outcome-reason-${u.reason}`) }) : state;
    return `${time.format(u.at)} — ${what} (${u.days === undefined ? t("export-follow-up-unprompted") : t("export-follow-up-days", { days: u.days })})`;
  };
  const answers = (userId: number, sides: readonly SideOutcome[]): Cell[] => {
    const p = userId === ERASED ? undefined : people.get(userId);
    const o = userId === ERASED ? undefined : sides.find((s) => s.userId === userId);
    const result = o?.result;
    return [
      p ? p.fullName : t("export-deleted"),
      p ? p.company : "",
      o?.met ? t(`export-met-${o.met}`) : "",
      !result ? "" : result.kind === "agreement" ? t(`outcome-type-${result.type}`) : t(`export-result-${result.kind}`),
      o?.byWhen ?? "",
      o?.note ?? "",
      (o?.progress ?? []).map(progress).join("; "),
    ];
  };
  const rows = meetings.map(({ request: r, sides }): Cell[] => [r.id, r.slot ? time.format(r.slot.start) : t("meeting-any-time"), ...answers(r.from, sides), ...answers(r.to, sides)]);
  return { name: t("export-sheet-outcomes"), header: columns.map((c) => t(`export-ocol-${c}`, { zone: time.zone })), rows };
}
