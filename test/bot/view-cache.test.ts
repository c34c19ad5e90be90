import { beforeAll, describe, expect, it } from "vitest";
import { ViewCache } from "../../src/bot/features/programme/view-cache.js";
import { loadMissionFile } from "../../src/content/load-mission.js";
import type { Mission } from "../../src/domain/mission/schema.js";
import { Programme } from "../../src/domain/programme/programme.js";
import { SAMPLE_FILE } from "../helpers/mission-file.js";

let mission: Mission;
beforeAll(async () => {
  mission = await loadMissionFile(SAMPLE_FILE);
});

/** A cache whose renders are counted and numbered, so a test sees which render it got. */
function counted(limit?: number) {
  const cache = new ViewCache<string | undefined>(limit);
  let renders = 0;
  const get = (programme: Programme, period: number, key: string, missing = false) =>
    cache.get(programme, period, key, () => {
      renders += 1;
      return missing ? undefined : `${key}#${renders}`;
    });
  return { get, renders: () => renders };
}

describe("ViewCache", () => {
  it("renders a key once per programme and period", () => {
    const p = new Programme(mission);
    const c = counted();
    expect(c.get(p, 1, "a")).toBe("a#1");
    expect(c.get(p, 1, "a")).toBe("a#1");
    expect(c.get(p, 1, "b")).toBe("b#2");
    // A newly published programme (a new object, even with the same content) renders afresh.
    const republished = new Programme(mission);
    expect(c.get(republished, 1, "a")).toBe("a#3");
    expect(c.get(republished, 1, "a")).toBe("a#3");
    // The next period drops everything of the last one.
    expect(c.get(republished, 2, "a")).toBe("a#4");
    expect(c.get(republished, 2, "b")).toBe("b#5");
  });

  it("an update with a clock behind the period in force gets its own render, not kept", () => {
    const p = new Programme(mission);
    const c = counted();
    expect(c.get(p, 5, "a")).toBe("a#1");
    expect(c.get(p, 4, "a")).toBe("a#2");
    expect(c.get(p, 4, "a")).toBe("a#3");
    expect(c.get(p, 5, "a")).toBe("a#1");
  });

  it("keeps at most `limit` views, dropping the oldest", () => {
    const p = new Programme(mission);
    const c = counted(2);
    c.get(p, 0, "a");
    c.get(p, 0, "b");
    c.get(p, 0, "c");
    expect(c.renders()).toBe(3);
    expect(c.get(p, 0, "c")).toBe("c#3");
    expect(c.get(p, 0, "b")).toBe("b#2");
    expect(c.get(p, 0, "a")).toBe("a#4");
  });

  it("does not keep a missing view (an unknown item id)", () => {
    const p = new Programme(mission);
    const c = counted();
    expect(c.get(p, 0, "x", true)).toBeUndefined();
    expect(c.get(p, 0, "x", true)).toBeUndefined();
    expect(c.renders()).toBe(2);
  });
});
