import { describe, expect, it } from "vitest";
import { loadMissionFile } from "../../src/content/load-mission.js";
import { ConsoleService, attendanceOf, type AttendanceRow, type ConsoleServiceDeps } from "../../src/services/console.js";
import type { AttendanceRow as CheckinRow } from "../../src/services/checkins.js";
import { MissionService } from "../../src/services/mission-service.js";
import type { MissionStats } from "../../src/services/reports.js";
import { outcomeFunnel } from "../../src/domain/outcomes/funnel.js";
import { participantStats } from "../../src/domain/reports/participants-stats.js";
import { meetingStats } from "../../src/domain/reports/meetings-stats.js";
import { SAMPLE_FILE } from "../helpers/mission-file.js";

/** The service over stores that hold nothing: what the dashboard makes of an attendance source. */
async function service(attendance?: ConsoleServiceDeps["attendance"]): Promise<ConsoleService> {
  const mission = new MissionService(await loadMissionFile(SAMPLE_FILE));
  const stats: MissionStats = { participants: participantStats([], "UTC"), meetings: meetingStats([], 0), broadcasts: [], outcomes: { funnel: outcomeFunnel([]), perDay: [] }, attendance: [] };
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
    ...(attendance ? { attendance } : {}),
  });
}

describe("the console's attendance", () => {
  it("is empty while no check-in source is connected", async () => {
    expect((await (await service()).dashboard()).attendance).toEqual([]);
  });

  it("is what the connected source (QR check-in) reads, in its order", async () => {
    const rows: AttendanceRow[] = [
      { kind: "day", date: "2026-12-10", title: { en: "KRITBI day" }, present: 12 },
      { kind: "item", date: "2026-12-10", start: "16:30", title: { en: "Tour of the incubator" }, present: 9 },
      { kind: "stop", date: "2026-12-10", start: "16:30", title: { en: "Workshop A" }, present: 4 },
    ];
    expect((await (await service({ read: () => Promise.resolve(rows) })).dashboard()).attendance).toEqual(rows);
  });
});

describe("attendanceOf: the check-ins as the dashboard's rows", () => {
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
    expect(await attendanceOf({ attendance: () => Promise.resolve(rows) }).read()).toEqual([]);
  });

  it("lists every day, item and stop with its count once someone checked in, a stop by its name", async () => {
    const [day, item, stop] = await places();
    const rows = [
      { place: day!, people: [] },
      { place: item!, people: [{ userId: 1, at: 0 }, { userId: 2, at: 1 }] },
      { place: stop!, people: [{ userId: 1, at: 2 }] },
    ];
    const read = await attendanceOf({ attendance: () => Promise.resolve(rows) }).read();
    expect(read.map((r) => [r.kind, r.present])).toEqual([["day", 0], ["item", 2], ["stop", 1]]);
    expect(stop!.kind === "stop" && read[2]?.title).toEqual(stop!.kind === "stop" ? stop!.stop.name : undefined);
    expect(read[1]).toMatchObject({ date: day!.day.date, start: item!.kind === "item" ? item!.item.start : "" });
  });
});
