import { describe, expect, it } from "vitest";
import { effectiveLocale, pickLocale } from "../../src/domain/locale.js";

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

describe("effectiveLocale", () => {
  it("speaks a chosen language whatever Telegram says", () => {
    expect(effectiveLocale({ locale: "en", chosen: true }, "ru")).toBe("en");
    expect(effectiveLocale({ locale: "ru", chosen: true }, "de")).toBe("ru");
    expect(effectiveLocale({ locale: "en", chosen: true }, undefined)).toBe("en");
  });
  it("follows Telegram's language_code over a derived language stored earlier", () => {
    expect(effectiveLocale({ locale: "ru", chosen: false }, "en-US")).toBe("en");
    expect(effectiveLocale({ locale: "en", chosen: false }, "uk")).toBe("ru");
    expect(effectiveLocale(undefined, "de")).toBe("en");
  });
  it("uses the stored derived language when no code is at hand, else Russian", () => {
    expect(effectiveLocale({ locale: "en", chosen: false }, undefined)).toBe("en");
    expect(effectiveLocale({ locale: "en", chosen: false }, "")).toBe("en");
    expect(effectiveLocale(undefined, undefined)).toBe("ru");
  });
});
