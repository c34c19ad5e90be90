import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMissionFile, parseMission } from "../../../src/content/load-mission.js";
import type { Mission } from "../../../src/domain/mission/schema.js";
import { Programme } from "../../../src/domain/programme/programme.js";
import { formatDate, offsetMinutes, todayIndex, utcOffsetLabel, zonedDate, zonedInstant, zonedTime, zoneLabel } from "../../../src/domain/programme/time.js";
import { sampleYaml, SAMPLE_FILE } from "../../helpers/mission-file.js";

let mission: Mission;
beforeAll(async () => {
  mission = await loadMissionFile(SAMPLE_FILE);
});

const at = (iso: string) => Date.parse(iso);

// The server and the delegates' phones may be anywhere: nothing may depend on the process's own zone.
describe.each(["America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"])("with the process in %s", (processZone) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = processZone;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it("the process zone really is in effect for Date", () => {
    const expected = { "America/New_York": 300, "Pacific/Kiritimati": -840, "Pacific/Pago_Pago": 660 }[processZone];
    expect(new Date(at("2026-12-10T12:00:00Z")).getTimezoneOffset()).toBe(expected);
  });

  it("turns mission-local times into instants in the mission's zone", () => {
    expect(zonedInstant("2026-12-10", "09:30", "Asia/Krasnoyarsk")).toBe(at("2026-12-10T02:30:00Z"));
    expect(zonedInstant("2026-12-10", "00:00", "Asia/Krasnoyarsk")).toBe(at("2026-12-09T17:00:00Z"));
    expect(zonedInstant("2027-02-08", "10:00", "Europe/Moscow")).toBe(at("2027-02-08T07:00:00Z"));
    // New York changes its clocks that night; Krasnoyarsk does not care.
    expect(zonedInstant("2026-03-08", "12:00", "Asia/Krasnoyarsk")).toBe(at("2026-03-08T05:00:00Z"));
    // A mission zone with summer time: before and after Berlin's switch.
    expect(zonedInstant("2026-03-28", "12:00", "Europe/Berlin")).toBe(at("2026-03-28T11:00:00Z"));
    expect(zonedInstant("2026-03-29", "12:00", "Europe/Berlin")).toBe(at("2026-03-29T10:00:00Z"));
  });

  it("finds today's mission day at the day boundaries of mission time", () => {
    const cases: [string, number, string][] = [
      ["2026-11-01T00:00:00Z", 0, "before"],
      ["2026-12-09T16:59:59Z", 0, "before"], // 23:59:59 on 9 December in Krasnoyarsk
      ["2026-12-09T17:00:00Z", 0, "during"], // 00:00 on 10 December
      ["2026-12-10T16:59:59Z", 0, "during"],
      ["2026-12-10T17:00:00Z", 1, "during"],
      ["2026-12-11T17:00:00Z", 2, "during"],
      ["2026-12-12T16:59:59Z", 2, "during"],
      ["2026-12-12T17:00:00Z", 2, "after"], // 00:00 on 13 December
      ["2027-06-01T00:00:00Z", 2, "after"],
    ];
    for (const [iso, index, phase] of cases) expect({ iso, ...todayIndex(mission, at(iso)) }).toEqual({ iso, index, phase });
    expect(zonedDate(at("2026-12-09T17:00:00Z"), "Asia/Krasnoyarsk")).toBe("2026-12-10");
  });

  it("on a date without items, today is the next day that has some", async () => {
    const gap = parseMission(await sampleYaml((m) => m.days.splice(1, 1)));
    expect(todayIndex(gap, at("2026-12-11T05:00:00Z"))).toEqual({ index: 1, phase: "during" });
  });

  it("knows what is on now and what is next, with whole minutes until it starts", () => {
    const p = new Programme(mission);
    const during = p.nowAndNext(at("2026-12-10T03:40:00Z")); // 10:40 on day 1
    expect(during.phase).toBe("during");
    expect(during.current.map((s) => s.item.id)).toEqual(["d1-kritbi"]);
    expect(during.next?.scheduled.item.id).toBe("d1-pitches");
    expect(during.next?.minutesUntil).toBe(5);
    expect(p.nowAndNext(at("2026-12-10T03:44:30Z")).next?.minutesUntil).toBe(1);

    const evening = p.nowAndNext(at("2026-12-10T11:20:00Z")); // 18:20, after the last bus of day 1
    expect(evening).toMatchObject({ phase: "during", current: [] });
    expect(evening.next?.scheduled.item.id).toBe("d2-bus");
    expect(evening.next?.minutesUntil).toBe(13 * 60 + 40);

    const before = p.nowAndNext(at("2026-12-09T01:30:00Z"));
    expect(before.phase).toBe("before");
    expect(before.next?.scheduled.item.id).toBe("d1-bus");
    expect(before.next?.minutesUntil).toBe(24 * 60);

    const after = p.nowAndNext(at("2026-12-12T07:30:00Z")); // 14:30 on the last day: the airport transfer ended
    expect(after).toEqual({ phase: "after", current: [] });
  });

  it("cuts B2B items into meeting slots in mission time", async () => {
    const p = new Programme(mission);
    const slots = p.slots("d1-b2b");
    expect(slots).toHaveLength(9);
    expect(slots[0]).toMatchObject({ index: 0, start: "13:30", end: "13:50", startsAt: at("2026-12-10T06:30:00Z") });
    expect(slots.at(-1)).toMatchObject({ index: 8, start: "16:10", end: "16:30" });
    expect(p.slots("d1-opening")).toEqual([]);
    const longer = new Programme(parseMission(await sampleYaml((m) => void (m.meetings = { slot_minutes: 25 }))));
    // 180 minutes make seven 25-minute slots; the last 5 minutes stay free.
    expect(longer.slots("d1-b2b").map((s) => s.start)).toEqual(["13:30", "13:55", "14:20", "14:45", "15:10", "15:35", "16:00"]);
  });

  it("labels the zone in the user's language", async () => {
    const now = at("2026-12-10T03:40:00Z");
    expect(zoneLabel(mission, "en", now)).toBe("Krasnoyarsk time, UTC+7");
    expect(zoneLabel(mission, "ru", now)).toBe("красноярское время, UTC+7");
    const unnamed = parseMission(
      await sampleYaml((m) => {
        delete m.mission.timezone_name;
        m.mission.timezone = "Asia/Kolkata";
      }),
    );
    expect(zoneLabel(unnamed, "en", now)).toBe("India Standard Time, UTC+5:30");
    expect(utcOffsetLabel("America/St_Johns", at("2026-12-10T00:00:00Z"))).toBe("UTC−3:30");
    expect(utcOffsetLabel("Europe/London", at("2026-12-10T00:00:00Z"))).toBe("UTC");
  });

  it("formats dates in both languages without shifting the day", () => {
    expect(formatDate("2026-12-10", "ru")).toBe("четверг, 10 декабря");
    expect(formatDate("2026-12-10", "en")).toMatch(/^Thursday,? 10 December$/);
  });
});

describe("wall clock from a zone's offset per quarter hour", () => {
  /** What Intl says, one formatToParts per instant: the reference the arithmetic must match. */
  const formats = new Map<string, Intl.DateTimeFormat>();
  function reference(at: number, zone: string) {
    const format = formats.get(zone) ?? new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(zone, format);
    const parts = format.formatToParts(new Date(at));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    const date = `${get("year")}-${get("month")}-${get("day")}`;
    const time = `${get("hour")}:${get("minute")}`;
    const offset = (Date.parse(`${date}T${time}:00Z`) - Math.floor(at / 60_000) * 60_000) / 60_000;
    return { date, time, offset };
  }

  function expectSame(zone: string, from: string, hours: number, stepSeconds: number) {
    const start = at(from);
    const mismatches: string[] = [];
    for (let t = start; t < start + hours * 3_600_000; t += stepSeconds * 1000) {
      const expected = reference(t, zone);
      const actual = { date: zonedDate(t, zone), time: zonedTime(t, zone), offset: offsetMinutes(zone, t) };
      if (actual.date !== expected.date || actual.time !== expected.time || actual.offset !== expected.offset) {
        mismatches.push(`${new Date(t).toISOString()} ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
      }
    }
    expect(mismatches).toEqual([]);
  }

  it.each([
    // Berlin's switches to and from summer time (01:00 UTC), every 37 s for three hours around each.
    ["Europe/Berlin", "2026-03-29T00:00:00Z"],
    ["Europe/Berlin", "2026-10-25T00:00:00Z"],
    // São Paulo's last summer time ended in February 2019 (at midnight local, 02:00 UTC).
    ["America/Sao_Paulo", "2019-02-17T01:00:00Z"],
    ["America/Sao_Paulo", "2018-11-04T02:00:00Z"],
    // Half and three-quarter hour offsets, and a half-hour summer shift.
    ["Asia/Kolkata", "2026-12-09T17:00:00Z"],
    ["Asia/Kathmandu", "2026-12-09T17:00:00Z"],
    ["Australia/Lord_Howe", "2026-04-04T14:00:00Z"],
    ["Asia/Krasnoyarsk", "2026-12-09T16:00:00Z"],
  ])("matches Intl in %s around %s", (zone, from) => {
    expectSame(zone, from, 3, 37);
  });

  it("matches Intl for a transition off the quarter hour (Goose Bay switched at 00:01 local)", () => {
    // 1990-04-01T04:01Z: the quarter 04:00–04:15 holds the switch, so its instants are read from Intl.
    expectSame("America/Goose_Bay", "1990-04-01T03:00:00Z", 2, 13);
    expect(zonedTime(at("1990-04-01T04:00:30Z"), "America/Goose_Bay")).toBe("00:00");
    expect(zonedTime(at("1990-04-01T04:01:00Z"), "America/Goose_Bay")).toBe("01:01");
  });

  it("matches Intl across a whole year in a zone with summer time", () => {
    expectSame("Europe/Berlin", "2026-01-01T00:00:00Z", 366 * 24, 3_607);
    expectSame("America/Sao_Paulo", "2018-01-01T00:00:00Z", 366 * 24, 3_607);
  });
});
