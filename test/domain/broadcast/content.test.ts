import { describe, expect, it } from "vitest";
import { firstVersion, guessLocale, secondVersion, summarize, versionFor, type Content } from "../../../src/domain/broadcast/content.js";

const text = (plain: string) => ({ kind: "text" as const, html: plain, plain });
const photo: Content = { kind: "photo", fileId: "AgAD-photo", caption: "Автобус в 10:00" };

describe("broadcast versions", () => {
  it("gives each reader their language, else the other one", () => {
    const ru: Content = { kind: "text", html: "Автобус" };
    const en: Content = { kind: "text", html: "Bus" };
    expect(versionFor({ ru, en }, "en")).toBe(en);
    expect(versionFor({ ru }, "en")).toBe(ru);
    expect(versionFor({ en }, "ru")).toBe(en);
  });

  it("takes a text, a photo or a document, within Telegram's limits", () => {
    expect(firstVersion(text("Hi"))).toEqual({ ok: true, content: { kind: "text", html: "Hi" } });
    expect(firstVersion(text("x".repeat(4097)))).toEqual({ ok: false, problem: "text-too-long", length: 4097, max: 4096 });
    expect(firstVersion(text("  "))).toEqual({ ok: false, problem: "empty" });
    expect(firstVersion({ kind: "photo", fileId: "f", html: "", plain: "" })).toEqual({ ok: true, content: { kind: "photo", fileId: "f" } });
    expect(firstVersion({ kind: "document", fileId: "d", html: "y".repeat(1025), plain: "y".repeat(1025) })).toEqual({ ok: false, problem: "caption-too-long", length: 1025, max: 1024 });
  });

  it("makes a text answering a photo its caption in the other language, on the same file", () => {
    expect(secondVersion(photo, text("Bus at 10:00"))).toEqual({ ok: true, content: { kind: "photo", fileId: "AgAD-photo", caption: "Bus at 10:00" } });
    expect(secondVersion(photo, text("z".repeat(1025)))).toMatchObject({ ok: false, problem: "caption-too-long" });
    expect(secondVersion(photo, { kind: "photo", fileId: "other", html: "Bus", plain: "Bus" })).toEqual({ ok: true, content: { kind: "photo", fileId: "other", caption: "Bus" } });
  });

  it("refuses a second version of another kind", () => {
    expect(secondVersion({ kind: "text", html: "Hi" }, { kind: "photo", fileId: "p", html: "", plain: "" })).toEqual({ ok: false, problem: "kind-mismatch", expected: "text" });
    expect(secondVersion(photo, { kind: "document", fileId: "d", html: "", plain: "" })).toEqual({ ok: false, problem: "kind-mismatch", expected: "photo" });
  });

  it("guesses the language from the letters and summarises on one line", () => {
    expect(guessLocale("Автобус отправляется в 10:00 (bus)")).toBe("ru");
    expect(guessLocale("The bus leaves at 10:00 от входа")).toBe("en");
    expect(guessLocale("10:00")).toBe("ru");
    expect(summarize("Line one\n\nline   two")).toBe("Line one line two");
    expect(summarize("😀".repeat(70), 10)).toBe(`${"😀".repeat(9)}…`);
  });
});
