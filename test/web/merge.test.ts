import { describe, expect, it } from "vitest";
import { merge3 } from "../../web/src/merge.js";

const item = (id: string, start: string, title = id) => ({ id, start, title: { en: title } });
const programme = (items: unknown[], venues: unknown[] = [{ id: "v1", name: { en: "Hall" } }]) => ({ mission: { id: "m" }, venues, days: [{ date: "2026-12-10", items }] });

describe("merging an organiser's edit into a programme published meanwhile", () => {
  const base = programme([item("a", "09:00"), item("b", "10:00"), item("c", "11:00")]);

  it("keeps both organisers' changes to different items, and items either of them added or removed", () => {
    const mine = programme([item("a", "09:00", "A renamed"), item("c", "11:00"), item("d", "12:00")]);
    const theirs = programme([item("a", "09:00"), item("b", "10:30"), item("c", "11:00"), item("e", "13:00")]);
    const { value, conflicts } = merge3(base, mine, theirs);
    expect(value).toEqual(programme([item("a", "09:00", "A renamed"), item("c", "11:00"), item("d", "12:00"), item("e", "13:00")]));
    // b: I removed it while they moved it; my removal stands, and the review names it.
    expect(conflicts).toEqual(["days[2026-12-10].items[b]"]);
  });

  it("drops an item one side removed and the other did not touch", () => {
    const mine = programme([item("a", "09:00"), item("c", "11:00")]);
    const { value } = merge3(base, mine, base);
    expect(value).toEqual(mine);
    const theirs = programme([item("a", "09:00"), item("b", "10:00")]);
    expect(merge3(base, base, theirs).value).toEqual(theirs);
    expect(merge3(base, programme([item("a", "08:00"), item("b", "10:00"), item("c", "11:00")]), theirs).value).toEqual(programme([item("a", "08:00"), item("b", "10:00")]));
  });

  it("keeps my value where both changed the same field, and names the field", () => {
    const mine = programme([item("a", "09:15"), item("b", "10:00"), item("c", "11:00")]);
    const theirs = programme([item("a", "09:45"), item("b", "10:00"), item("c", "11:00")]);
    const { value, conflicts } = merge3(base, mine, theirs);
    expect(value).toEqual(mine);
    expect(conflicts).toEqual(["days[2026-12-10].items[a].start"]);
  });
});
