import { describe, expect, it } from "vitest";
import { loadMissionFile } from "../../src/content/load-mission.js";
import { ConsoleService, attendanceRows } from "../../src/services/console.js";
import type { AttendanceRow as CheckinRow } from "../../src/services/checkins.js";
import { MissionService } from "../../src/services/mission-service.js";
import type { MissionStats } from "../../src/services/reports.js";
import { outcomeFunnel } from "../../src/domain/outcomes/funnel.js";
import { participantStats } from "../../src/domain/reports/participants-stats.js";
import { meetingStats } from "../../src/domain/reports/meetings-stats.js";
import { SAMPLE_FILE } from "../helpers/mission-file.js";

/** The service over stores that hold nothing but the check-ins /stats reads: what the dashboard makes of them. */
async function service(attendance: CheckinRow[] = []): Promise<ConsoleService> {
  const mission = new MissionService(await loadMissionFile(SAMPLE_FILE));
  const stats: MissionStats = { participants: participantStats([], "UTC"), meetings: meetingStats([], 0), broadcasts: [], outcomes: { funnel: outcomeFunnel([]), perDay: [] }, attendance };
  const unused = () => Promise.reject(new Error("not used by the dashboard"));
  return new ConsoleService({
    reports: { stats: () => Promise.resolve(stats) },
    outcomes: { snapshot: () => Promise.resolve([]) },
    participants: { listAll: () => Promise.resolve([]), get: () => Promise.resolve(undefined) },
    broadcasts: { list: () => Promise.resolve([]) },
    mission,
    programmes: { published: () => Promise.resolve(undefined) },
    publisher: { prepare: unused, publish: unused },
    languages: { users: () => Promise.resolve([]), getMany: () => Promise.resolve(new Map()) },
  });
}

describe("the console's attendance: the check-ins /stats reads, as the dashboard's rows", () => {
  async function places(): Promise<CheckinRow["place"][]> {
    const mission = new MissionService(await loadMissionFile(SAMPLE_FILE));
    const day = mission.current().days.find((d) => d.items.some((i) => (i.stops ?? []).length > 0));
    const item = day?.items.find((i) => (i.stops ?? []).length > 0);
    const stop = item?.stops?.[0];
    if (!day || !item || !stop) throw new Error("the sample has a visit with stops");
    return [{ kind: "day", day }, { kind: "item", day, item }, { kind: "stop", day, item, stop }];
  }

  it("is empty while nobody checked in anywhere", async () => {
    const rows = (await places()).map((place) => ({ place, people: [] }));
    expect(attendanceRows(rows)).toEqual([]);
    expect((await (await service(rows)).dashboard()).attendance).toEqual([]);
  });

  it("lists every day, item and stop with its count once someone checked in, a stop by its name", async () => {
    const [day, item, stop] = await places();
    const rows = [
      { place: day!, people: [] },
      { place: item!, people: [{ userId: 1, at: 0 }, { userId: 2, at: 1 }] },
      { place: stop!, people: [{ userId: 1, at: 2 }] },
    ];
    const read = (await (await service(rows)).dashboard()).attendance;
    expect(read).toEqual(attendanceRows(rows));
    expect(read.map((r) => [r.kind, r.present])).toEqual([["day", 0], ["item", 2], ["stop", 1]]);
    expect(stop!.kind === "stop" && read[2]?.title).toEqual(stop!.kind === "stop" ? stop!.stop.name : undefined);
    expect(read[1]).toMatchObject({ date: day!.day.date, start: item!.kind === "item" ? item!.item.start : "" });
  });
});
