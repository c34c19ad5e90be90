import { neutralise, type Cell } from "../domain/reports/table.js";
import { participantStats, type ParticipantStats } from "../domain/reports/participants-stats.js";
import { meetingStats, type MeetingStats } from "../domain/reports/meetings-stats.js";
import type { MeetingRequest } from "../domain/meetings/request.js";
import { DEFAULT_LOCALE, type Locale } from "../domain/locale.js";
import type { Participant } from "../domain/participant.js";
import type { LanguagesRepo } from "../storage/languages-repo.js";
import type { Broadcast } from "../storage/broadcasts-repo.js";
import type { MissionService } from "./mission-service.js";
import { heldPerDay, outcomeFunnel, type MeetingOutcomes, type OutcomeFunnel } from "../domain/outcomes/funnel.js";
import { meetingAgreed } from "../domain/outcomes/timing.js";
import type { AttendanceRow } from "./checkins.js";

export interface MissionStats {
  participants: ParticipantStats;
  meetings: MeetingStats;
  /** The newest broadcasts first. */
  broadcasts: Broadcast[];
  /** After the meetings: the funnel, and meetings held per day (YYYY-MM-DD in the mission's zone). */
  outcomes: { funnel: OutcomeFunnel; perDay: { date: string; count: number }[] };
  /** Check-ins by QR code at every day, item and stop of the programme, in its order. */
  attendance: AttendanceRow[];
}

/** A participant as exported: the record and the language the bot speaks to them in. */
export type ExportedParticipant = Participant & { language: Locale };

export interface MissionExport {
  /** Every participant, in order of registration. */
  participants: ExportedParticipant[];
  /** Every meeting request, oldest first. */
  requests: MeetingRequest[];
  /** Every agreed meeting with its sides' answers, oldest first. */
  outcomes: MeetingOutcomes[];
  attendance: AttendanceRow[];
}

/** Figures and exports for organisers, read from the repositories. */
export class ReportsService {
  constructor(
    private readonly deps: {
      participants: { listAll(): Promise<Participant[]> };
      languages: Pick<LanguagesRepo, "getMany">;
      broadcasts: { list(limit: number): Promise<Broadcast[]> };
      meetings: { all(): Promise<{ request: MeetingRequest }[]> };
      /** Requests with what came of them (services/outcomes.ts); without it, none has an answer. */
      outcomes?: { snapshot(): Promise<MeetingOutcomes[]> };
      /** Check-ins by QR code (services/checkins.ts); without it, nobody checked in. */
      checkins?: { attendance(): Promise<AttendanceRow[]> };
      mission: MissionService;
      /** The bot's clock: which agreed meetings have been held by now. */
      now: () => number;
    },
  ) {}

  async stats(): Promise<MissionStats> {
    const [participants, outcomes, broadcasts, attendance] = await Promise.all([this.deps.participants.listAll(), this.outcomes(), this.deps.broadcasts.list(1000), this.attendance()]);
    const zone = this.deps.mission.current().mission.timezone;
    return {
      participants: participantStats(participants, zone),
      meetings: meetingStats(
        outcomes.map((o) => o.request),
        this.deps.now(),
      ),
      broadcasts,
      outcomes: { funnel: outcomeFunnel(outcomes), perDay: heldPerDay(outcomes, zone) },
      attendance,
    };
  }

  async export(): Promise<MissionExport> {
    const [participants, outcomes, attendance] = await Promise.all([this.deps.participants.listAll(), this.outcomes(), this.attendance()]);
    const locales = await this.deps.languages.getMany(participants.map((p) => p.id));
    return {
      participants: participants
        .map((p) => ({ ...p, language: locales.get(p.id) ?? DEFAULT_LOCALE }))
        .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.id - b.id),
      requests: outcomes.map((o) => o.request),
      outcomes: outcomes.filter((o) => meetingAgreed(o.request)),
      attendance,
    };
  }

  private attendance(): Promise<AttendanceRow[]> {
    return this.deps.checkins ? this.deps.checkins.attendance() : Promise.resolve([]);
  }

  private async outcomes(): Promise<MeetingOutcomes[]> {
    if (this.deps.outcomes) return this.deps.outcomes.snapshot();
    return (await this.deps.meetings.all()).map((s) => ({ request: s.request, sides: [] }));
  }
}

export interface Sheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/** An .xlsx workbook of these sheets; text cells neutralised so nothing typed by a participant runs as a formula. */
export async function toXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  // Loaded on the first export, not at start: exceljs is a quarter of the bot's start-up CPU (~0.5 s),
  // and a restart should be back to answering in about a second.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  for (const { name, header, rows } of sheets) {
    const worksheet = workbook.addWorksheet(name.slice(0, 31));
    worksheet.addRow([...header]).font = { bold: true };
    for (const row of rows) worksheet.addRow(row.map((c) => (typeof c === "number" ? c : c === "" ? null : neutralise(c))));
    worksheet.views = [{ state: "frozen", ySplit: 1 }];
    worksheet.columns.forEach((column, i) => {
      const longest = Math.max(...[header, ...rows].map((r) => String(r[i] ?? "").length));
      column.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
