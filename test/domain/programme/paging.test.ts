import { describe, expect, it } from "vitest";
import { clampPage, paginate } from "../../../src/domain/programme/paging.js";

describe("paginate", () => {
  it("cuts by count and by characters, keeping order and every item", () => {
    const items = Array.from({ length: 25 }, (_, i) => `item ${i}`.padEnd(i % 2 === 0 ? 10 : 300, "."));
    const pages = paginate(items, (s) => s, { maxItems: 10, maxChars: 1_000 });
    expect(pages.flat()).toEqual(items);
    for (const page of pages) {
      expect(page.length).toBeLessThanOrEqual(10);
      expect(page.join("\n").length).toBeLessThanOrEqual(1_000);
    }
    expect(paginate(["a", "b", "c"], (s) => s, { maxItems: 2, maxChars: 100 })).toEqual([["a", "b"], ["c"]]);
    expect(paginate([], (s: string) => s, { maxItems: 2, maxChars: 100 })).toEqual([]);
  });

  it("gives an over-long line a page of its own", () => {
    expect(paginate(["x".repeat(50), "y"], (s) => s, { maxItems: 5, maxChars: 10 })).toEqual([["x".repeat(50)], ["y"]]);
  });

  it("clamps stale page numbers", () => {
    expect(clampPage(7, 3)).toBe(2);
    expect(clampPage(-1, 3)).toBe(0);
    expect(clampPage(0, 0)).toBe(0);
  });
});
