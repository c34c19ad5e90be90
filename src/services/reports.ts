import ExcelJS from "exceljs";
import { neutralise, type Cell } from "../domain/reports/table.js";
import { participantStats, type ParticipantStats } from "../domain/reports/participants-stats.js";
import type { Participant } from "../domain/participant.js";
import type { Broadcast } from "../storage/broadcasts-repo.js";
import type { MissionService } from "./mission-service.js";

export interface MissionStats {
  participants: ParticipantStats;
  /** The newest broadcasts first. */
  broadcasts: Broadcast[];
}

/** Figures and exports for organisers, read from the repositories. */
export class ReportsService {
  constructor(
    private readonly deps: {
      participants: { listAll(): Promise<Participant[]> };
      broadcasts: { list(limit: number): Promise<Broadcast[]> };
      mission: MissionService;
    },
  ) {}

  async stats(): Promise<MissionStats> {
    const [participants, broadcasts] = await Promise.all([this.deps.participants.listAll(), this.deps.broadcasts.list(1000)]);
    return { participants: participantStats(participants, this.deps.mission.current().mission.timezone), broadcasts };
  }

  /** Every participant, in order of registration. */
  async participants(): Promise<Participant[]> {
    const list = await this.deps.participants.listAll();
    return list.sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.id - b.id);
  }
}

/** One sheet as an .xlsx workbook; text cells neutralised so nothing typed by a participant runs as a formula. */
export async function toXlsx(sheet: string, header: readonly string[], rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  const worksheet = workbook.addWorksheet(sheet.slice(0, 31));
  worksheet.addRow([...header]).font = { bold: true };
  for (const row of rows) worksheet.addRow(row.map((c) => (typeof c === "number" ? c : c === "" ? null : neutralise(c))));
  worksheet.views = [{ state: "frozen", ySplit: 1 }];
  worksheet.columns.forEach((column, i) => {
    const longest = Math.max(...[header, ...rows].map((r) => String(r[i] ?? "").length));
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
