import { beforeAll, describe, expect, it } from "vitest";
import { parseMission } from "../../../src/content/load-mission.js";
import { affectedItemIds, diffProgrammes, isEmptyDiff } from "../../../src/domain/programme/diff.js";
import { Programme } from "../../../src/domain/programme/programme.js";
import { itemOf, sampleYaml, type MissionInput } from "../../helpers/mission-file.js";

let base: Programme;
beforeAll(async () => {
  base = new Programme(parseMission(await sampleYaml()));
});

async function changed(change: (m: MissionInput) => void): Promise<Programme> {
  return new Programme(parseMission(await sampleYaml(change)));
}

describe("diffProgrammes", () => {
  it("finds nothing between a programme and itself, nor for text-only edits", async () => {
    expect(isEmptyDiff(diffProgrammes(base, base))).toBe(true);
    const retitled = await changed((m) => {
      itemOf(m, "d1-opening").title = { ru: "Открытие", en: "Opening" };
      const venue = m.venues?.find((v) => v.id === "kritbi");
      if (venue) venue.address = { ru: "Красноярск, ул. Киренского, 2И", en: "2I Kirenskogo St" };
    });
    expect(isEmptyDiff(diffProgrammes(base, retitled))).toBe(true);
  });

  it("lists items added, removed, moved in time and moved in place", async () => {
    const next = await changed((m) => {
      itemOf(m, "d1-opening").start = "10:00";
      itemOf(m, "d1-opening").end = "10:15";
      itemOf(m, "d2-mining").venue = "hotel";
      const day3 = m.days[2];
      if (!day3) throw new Error("sample changed");
      day3.items = day3.items.filter((i) => i.id !== "d3-lunch");
      day3.items.push({ id: "d3-press", start: "12:00", end: "12:30", kind: "talk", title: { en: "Press approach" }, venue: "kritbi" });
    });
    const diff = diffProgrammes(base, next);
    expect(diff.added.map((a) => a.id)).toEqual(["d3-press"]);
    expect(diff.removed.map((r) => ({ id: r.id, date: r.date, start: r.start }))).toEqual([{ id: "d3-lunch", date: "2026-12-12", start: "12:00" }]);
    expect(diff.moved.map((m) => ({ id: m.id, time: m.time, place: m.place }))).toEqual([
      { id: "d1-opening", time: true, place: false },
      { id: "d2-mining", time: false, place: true },
    ]);
    const opening = diff.moved[0];
    expect([opening?.before.start, opening?.after.start]).toEqual(["09:30", "10:00"]);
    expect([diff.moved[1]?.before.venue?.id, diff.moved[1]?.after.venue?.id]).toEqual(["kritbi", "hotel"]);
    expect(affectedItemIds(diff)).toEqual(["d1-opening", "d2-mining", "d3-lunch"]);
  });

  it("an item moved to another day, or a venue's pin moved, is a move", async () => {
    const next = await changed((m) => {
      const day1 = m.days[0];
      const day2 = m.days[1];
      const tour = day1?.items.find((i) => i.id === "d1-tour");
      if (!day1 || !day2 || !tour) throw new Error("sample changed");
      day1.items = day1.items.filter((i) => i !== tour);
      day2.items.push(tour);
      const venue = m.venues?.find((v) => v.id === "zheleznogorsk");
      if (venue) venue.latitude = 56.26;
    });
    const moved = diffProgrammes(base, next).moved.map((m) => [m.id, m.time, m.place]);
    expect(moved).toContainEqual(["d1-tour", true, false]);
    expect(moved.filter(([id]) => String(id).startsWith("d2-") && id !== "d2-bus" && id !== "d2-mining").map(([, , place]) => place)).toEqual([true, true, true, true, true]);
  });

  it("a changed mission time zone moves every item, though no HH:mm changed", async () => {
    const next = await changed((m) => void (m.mission.timezone = "Asia/Irkutsk"));
    expect(diffProgrammes(base, next).moved).toHaveLength(base.schedule.length);
  });
});
