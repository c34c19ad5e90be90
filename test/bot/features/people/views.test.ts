import { describe, expect, it } from "vitest";
import { directoryData } from "../../../../src/bot/features/people/views.js";

describe("directory page buttons", () => {
  it("reach every page of a forum of 50,000 (10,000 pages of five), with the longest tag and a region", () => {
    const tag = `a${"b".repeat(31)}`;
    for (const page of [0, 999, 1000, 9999]) {
      const data = directoryData.pack({ role: "a", tag, region: "0123abcd", page: String(page) });
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(directoryData.unpack(data)).toEqual({ role: "a", tag, region: "0123abcd", page });
    }
  });

  it("refuses a page that is not a number of at most five digits", () => {
    for (const forged of ["ppl:a:-:-:123456", "ppl:a:-:-:-1", "ppl:a:-:-:1e3", "ppl:a:-:-:"]) expect(directoryData.unpack(forged)).toBeUndefined();
  });
});
