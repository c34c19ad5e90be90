import { describe, expect, it } from "vitest";
import { pickLocale } from "../../src/domain/locale.js";

describe("pickLocale", () => {
  it("prefers the saved choice", () => {
    expect(pickLocale("en", "ru")).toBe("en");
    expect(pickLocale("ru", "en")).toBe("ru");
  });
  it("maps ru/uk/be/kk to ru and other languages to en", () => {
    for (const code of ["ru", "uk", "be", "kk", "ru-RU", "UK"]) expect(pickLocale(undefined, code)).toBe("ru");
    for (const code of ["en", "de", "zh-hans", "pt-br"]) expect(pickLocale(undefined, code)).toBe("en");
  });
  it("ignores a saved value that is not a locale, and defaults to ru", () => {
    expect(pickLocale("fr", "de")).toBe("en");
    expect(pickLocale(undefined, undefined)).toBe("ru");
    expect(pickLocale(undefined, "")).toBe("ru");
  });
});
