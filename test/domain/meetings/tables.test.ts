import { beforeAll, describe, expect, it } from "vitest";
import { parseMission } from "../../../src/content/load-mission.js";
import { newRequest, transition, type MeetingRequest, type SlotRange } from "../../../src/domain/meetings/request.js";
import { firstFreeTable, sessionWithTables, tableCount, tablePlace, tableSchedule } from "../../../src/domain/meetings/tables.js";
import type { Mission } from "../../../src/domain/mission/schema.js";
import { Programme } from "../../../src/domain/programme/programme.js";
import { meetingStats } from "../../../src/domain/reports/meetings-stats.js";
import { itemOf, sampleYaml } from "../../helpers/mission-file.js";

const MIN = 60_000;
const slotAt = (iso: string): SlotRange => ({ start: Date.parse(iso), end: Date.parse(iso) + 20 * MIN });
// Day 1's session has 12 numbered tables (the sample); day 3's two named ones; day 2's none.
const DAY1 = slotAt("2026-12-10T14:10:00+07:00");
const DAY2 = slotAt("2026-12-11T13:00:00+07:00");
const DAY3 = slotAt("2026-12-12T09:30:00+07:00");

let mission: Mission;
let programme: Programme;
beforeAll(async () => {
  mission = parseMission(
    await sampleYaml((m) => {
      itemOf(m, "d3-b2b").tables = [{ ru: "Синий стол", en: "Blue table" }, "A2"];
    }),
  );
  programme = new Programme(mission);
});

let n = 0;
function agreed(slot: SlotRange | null, table?: MeetingRequest["table"], state: "accept" | "cancel" = "accept"): MeetingRequest {
  const r = newRequest({ id: `tab${++n}aaaa`, from: 1, to: 2, slot, message: "Hi", now: 0, delivered: true });
  const accepted = transition(r, 2, { type: "accept" }, 1);
  if (!accepted.ok) throw new Error("refused");
  const seated = { ...accepted.request, ...(table ? { table } : {}) };
  if (state === "accept") return seated;
  const cancelled = transition(seated, 1, { type: "cancel" }, 2);
  if (!cancelled.ok) throw new Error("refused");
  return cancelled.request;
}

describe("B2B tables", () => {
  it("counts an item's tables whether numbered or named", () => {
    const count = (id: string) => {
      const s = programme.item(id);
      if (!s) throw new Error(`no item ${id}`);
      return tableCount(s.item);
    };
    expect([count("d1-b2b"), count("d3-b2b"), count("d2-b2b"), count("d1-opening")]).toEqual([12, 2, 0, 0]);
  });

  it("gives out the first table nobody holds, and none once all are held", () => {
    expect(firstFreeTable(3, new Set())).toBe(1);
    expect(firstFreeTable(3, new Set([1, 3]))).toBe(2);
    expect(firstFreeTable(3, new Set([1, 2, 3]))).toBeNull();
    expect(firstFreeTable(0, new Set())).toBeNull();
  });

  it("finds the session with tables a slot lies in; a session without tables seats nobody", () => {
    expect(sessionWithTables(programme, DAY1)).toMatchObject({ item: { id: "d1-b2b" }, count: 12 });
    expect(sessionWithTables(programme, DAY3)).toMatchObject({ item: { id: "d3-b2b" }, count: 2 });
    expect(sessionWithTables(programme, DAY2)).toBeUndefined();
    expect(sessionWithTables(programme, slotAt("2026-12-10T10:00:00+07:00"))).toBeUndefined();
  });

  it("names a table by number or by its name in the reader's language, with its session's venue", () => {
    expect(tablePlace(mission, { item: "d1-b2b", n: 7 }, "en")).toMatchObject({ label: { kind: "number", n: 7 }, venue: { id: "kritbi" } });
    expect(tablePlace(mission, { item: "d3-b2b", n: 1 }, "ru").label).toEqual({ kind: "name", name: "Синий стол" });
    expect(tablePlace(mission, { item: "d3-b2b", n: 1 }, "en").label).toEqual({ kind: "name", name: "Blue table" });
    expect(tablePlace(mission, { item: "d3-b2b", n: 2 }, "en").label).toEqual({ kind: "name", name: "A2" });
    expect(tablePlace(mission, { item: "d1-b2b", n: null }, "en")).toMatchObject({ label: { kind: "desk" }, venue: { id: "kritbi" } });
    // A table the programme no longer lists (the file was changed since) keeps its number.
    expect(tablePlace(mission, { item: "d3-b2b", n: 5 }, "en").label).toEqual({ kind: "number", n: 5 });
  });

  it("lists the desk's schedule by slot, then table, the desk's after the numbered ones; nothing cancelled or unseated", () => {
    const later = agreed(DAY3, { item: "d3-b2b", n: 1 });
    const desk = agreed(DAY1, { item: "d1-b2b", n: null });
    const two = agreed(DAY1, { item: "d1-b2b", n: 2 });
    const one = agreed(DAY1, { item: "d1-b2b", n: 1 });
    const cancelled = agreed(DAY1, { item: "d1-b2b", n: 3 }, "cancel");
    const noTables = agreed(DAY2);
    const anyTime = agreed(null);
    expect(tableSchedule([later, desk, two, cancelled, noTables, one, anyTime]).map((r) => r.id)).toEqual([one.id, two.id, desk.id, later.id]);
  });

  it("/stats counts the agreed meetings seated and those left for the desk", () => {
    const requests = [agreed(DAY1, { item: "d1-b2b", n: 1 }), agreed(DAY1, { item: "d1-b2b", n: null }), agreed(DAY1, { item: "d1-b2b", n: 2 }, "cancel"), agreed(DAY2)];
    expect(meetingStats(requests, Date.parse("2026-12-09T00:00:00Z")).tables).toEqual({ seated: 1, atDesk: 1 });
  });
});
