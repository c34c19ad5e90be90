import { describe, expect, it } from "vitest";
import { neutralise, toCsv } from "../../../src/domain/reports/table.js";
import { participantStats } from "../../../src/domain/reports/participants-stats.js";
import type { Participant } from "../../../src/domain/participant.js";

describe("spreadsheet safety", () => {
  it("turns anything a spreadsheet would run into text", () => {
    for (const value of ["=HYPERLINK(\"http://x\")", "+7 999", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutralise(value)).toBe(`'${value}`);
    for (const value of ["Ольга", "a=b", "", "7 (999) 123", "'quoted"]) expect(neutralise(value)).toBe(value);
  });

  it("writes RFC 4180 CSV with a BOM, quoting what needs it and neutralising text", () => {
    expect(toCsv(["Имя", "N"], [["Рухуллаева, Ольга", 1], ['He said "hi"', 2], ["=1+1", 3], ["two\nlines", -4]])).toBe(
      '\uFEFFИмя,N\r\n"Рухуллаева, Ольга",1\r\n"He said ""hi""",2\r\n\'=1+1,3\r\n"two\nlines",-4\r\n',
    );
  });
});

describe("participant statistics", () => {
  const base = { fullName: "x", company: "c", position: "p", tags: [], offer: "o", lookingFor: "l", language: "ru", visible: true, consentAt: "2026-12-09T00:00:00.000Z" } as const;
  const person = (id: number, role: Participant["role"], region: string, registeredAt: string, reachable = true): Participant => ({ ...base, tags: [], id, role, region, registeredAt, reachable });

  it("counts by role, region (ignoring case and spaces) and day in the mission's zone, and reachability", () => {
    const stats = participantStats(
      [
        person(1, "delegate", "Калужская область", "2026-12-09T10:00:00.000Z"),
        person(2, "delegate", " калужская  область", "2026-12-09T18:30:00.000Z"),
        person(3, "host", "Красноярский край", "2026-12-10T02:00:00.000Z", false),
        person(4, "speaker", "Омская область", "2026-12-10T03:00:00.000Z"),
      ],
      "Asia/Krasnoyarsk",
    );
    expect(stats).toEqual({
      total: 4,
      byRole: { delegate: 2, host: 1, speaker: 1, organiser: 0 },
      byRegion: [
        { region: "Калужская область", count: 2 },
        { region: "Красноярский край", count: 1 },
        { region: "Омская область", count: 1 },
      ],
      // 18:30 UTC is already the next day in Krasnoyarsk (UTC+7).
      byDay: [
        { day: "2026-12-09", count: 1 },
        { day: "2026-12-10", count: 3 },
      ],
      reachable: 3,
      unreachable: 1,
    });
  });
});
