import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buttonFamily, callbackData, isDeclaredPrefix } from "../../src/bot/callback-data.js";

describe("callbackData", () => {
  const item = callbackData("it", { id: z.string().regex(/^[a-z0-9-]+$/), page: z.coerce.number().int().min(0) });

  it("packs ids and reads them back, validated", () => {
    const data = item.pack({ id: "d1-b2b", page: 2 });
    expect(data).toBe("it:d1-b2b:2");
    expect(item.unpack(data)).toEqual({ id: "d1-b2b", page: 2 });
    expect(item.filter.test(data)).toBe(true);
  });

  it("answers forged, stale or foreign data with undefined", () => {
    for (const forged of ["it:D1!:2", "it:d1:-1", "it:d1", "it:d1:2:extra", "other:d1:2", "itx:d1:2", "", undefined]) {
      expect(item.unpack(forged)).toBeUndefined();
    }
  });

  it("refuses to pack more than Telegram's 64 bytes", () => {
    expect(() => item.pack({ id: "x".repeat(70), page: 0 })).toThrow(/64 bytes/);
  });
});

describe("declared prefixes", () => {
  it("knows every prefix callbackData or buttonFamily declared, and nothing else", () => {
    expect(isDeclaredPrefix("decl")).toBe(false);
    callbackData("decl", {});
    expect(isDeclaredPrefix("decl")).toBe(true);
    expect(isDeclaredPrefix("declx")).toBe(false);
    const family = buttonFamily("fam[a-z]*");
    expect(["fam", "famous"].map(isDeclaredPrefix)).toEqual([true, true]);
    expect(["fa", "fam1", "xfam"].map(isDeclaredPrefix)).toEqual([false, false, false]);
    expect(["fam:1", "famx", "famx:2"].map((data) => family.test(data))).toEqual([true, true, true]);
    expect(["fam1:1", "xfam:1"].map((data) => family.test(data))).toEqual([false, false]);
  });
});
