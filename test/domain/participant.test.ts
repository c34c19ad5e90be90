import { describe, expect, it } from "vitest";
import {
  completeDraft,
  fieldsFor,
  missingFields,
  nextStep,
  normalizePhone,
  normalizeText,
  validateTags,
  validateText,
  withAnswer,
  withField,
  withRole,
  type Draft,
  type Participant,
} from "../../src/domain/participant.js";

const CONSENT = "2026-12-01T08:00:00.000Z";

const full: Draft = {
  consentAt: CONSENT,
  fullName: "Fyodor Pashchenko",
  company: "Feal-Technology LLC",
  position: "Director",
  region: "Kaluga Region",
  tags: ["metallurgy"],
  offer: "Thin-layer heating elements",
  lookingFor: "Mining companies",
  phone: null,
  email: "f@feal.example",
};

const participant: Participant = {
  id: 42,
  role: "delegate",
  fullName: "Fyodor Pashchenko",
  company: "Feal-Technology LLC",
  position: "Director",
  region: "Kaluga Region",
  tags: ["metallurgy"],
  offer: "Thin-layer heating elements",
  lookingFor: "Mining companies",
  reachable: true,
  visible: true,
  registeredAt: CONSENT,
  consentAt: CONSENT,
};

describe("validateText", () => {
  it("accepts a name with markup characters as the person's text (escaped where shown)", () => {
    expect(validateText("fullName", "  <b>Tom & Jerry</b> ")).toEqual({ ok: true, value: "<b>Tom & Jerry</b>" });
  });

  it("joins a one-line field typed over lines and drops invisible characters", () => {
    expect(validateText("fullName", "Olga\n  Rukhullaeva\u200B")).toEqual({ ok: true, value: "Olga Rukhullaeva" });
    expect(normalizeText("offer", "line one  \n\n\n\nline   two")).toBe("line one\n\nline two");
  });

  it.each([
    ["fullName", "   ", { code: "empty" }],
    ["fullName", "\u200B", { code: "empty" }],
    ["fullName", "x".repeat(1000), { code: "too-long", max: 100, length: 1000 }],
    ["fullName", "12345", { code: "no-letters" }],
    ["fullName", "😀😀", { code: "no-letters" }],
    ["fullName", "Olga 😀", { code: "emoji" }],
    ["fullName", "Ольга ❤️", { code: "emoji" }],
    ["fullName", "Я", { code: "too-short", min: 2 }],
    ["company", "!!!", { code: "no-letters" }],
    ["offer", "a".repeat(301), { code: "too-long", max: 300, length: 301 }],
    ["email", "olga.example.ru", { code: "email" }],
    ["email", "olga@localhost", { code: "email" }],
    ["email", "<b>@x.ru", { code: "email" }],
  ] as const)("%s %j is refused with %j", (field, raw, problem) => {
    expect(validateText(field, raw)).toEqual({ ok: false, problem });
  });

  it("counts characters as people see them, not UTF-16 units", () => {
    expect(validateText("offer", "🚀".repeat(300))).toEqual({ ok: false, problem: { code: "no-letters" } });
    expect(validateText("offer", `Лидары ${"🚀".repeat(293)}`)).toMatchObject({ ok: true });
  });

  it("accepts digits-only company names, trademarks and emoji in free text", () => {
    expect(validateText("company", "1С")).toMatchObject({ ok: true });
    expect(validateText("company", "Brand™")).toMatchObject({ ok: true });
    expect(validateText("offer", "Heating for stadium stands 🏟")).toMatchObject({ ok: true });
  });

  it("accepts ordinary and Cyrillic e-mail addresses", () => {
    for (const email of ["olga@mail.ru", "o.r+mission@example.co.uk", "инфо@пример.рф"]) {
      expect(validateText("email", email)).toEqual({ ok: true, value: email });
    }
  });
});

describe("normalizePhone", () => {
  it("turns what Telegram shares into E.164", () => {
    expect(normalizePhone("79991234567")).toEqual({ ok: true, value: "+79991234567" });
    expect(normalizePhone("+7 (999) 123-45-67")).toEqual({ ok: true, value: "+79991234567" });
  });

  it("refuses too short, too long and non-numeric values", () => {
    for (const raw of ["12345", "1234567890123456", "call me", ""]) expect(normalizePhone(raw)).toMatchObject({ ok: false, problem: { code: "phone" } });
  });
});

describe("validateTags", () => {
  it("keeps only the mission's tags, in the mission's order, and needs one", () => {
    expect(validateTags(["it", "forged", "energy"], ["energy", "it", "food"])).toEqual({ ok: true, value: ["energy", "it"] });
    expect(validateTags(["forged"], ["energy"])).toEqual({ ok: false, problem: { code: "no-tags" } });
  });
});

describe("nextStep", () => {
  it("asks for consent first, then every field of the role in order, then the summary", () => {
    expect(nextStep(undefined, "delegate")).toEqual({ kind: "consent" });
    let draft: Draft = { consentAt: CONSENT };
    const asked: string[] = [];
    for (let step = nextStep(draft, "delegate"); step.kind === "ask"; step = nextStep(draft, "delegate")) {
      asked.push(`${step.field} ${step.number}/${step.total}`);
      draft = withAnswer(draft, step.field, step.field === "tags" ? ["it"] : step.field === "phone" || step.field === "email" ? null : "x");
    }
    expect(asked).toEqual([
      "fullName 1/9",
      "company 2/9",
      "position 3/9",
      "region 4/9",
      "tags 5/9",
      "offer 6/9",
      "lookingFor 7/9",
      "phone 8/9",
      "email 9/9",
    ]);
    expect(nextStep(draft, "delegate")).toEqual({ kind: "summary" });
  });

  it("asks hosts for their company's description after the region", () => {
    expect(fieldsFor("host")).toContain("companyDescription");
    expect(fieldsFor("delegate")).not.toContain("companyDescription");
    expect(nextStep(full, "host")).toEqual({ kind: "ask", field: "companyDescription", number: 5, total: 10 });
  });

  it("counts a skipped phone or e-mail as answered", () => {
    expect(nextStep({ ...full, phone: null, email: null }, "delegate")).toEqual({ kind: "summary" });
  });
});

describe("completeDraft", () => {
  const meta = { id: 42, role: "delegate" as const, language: "en" as const, now: new Date("2026-12-02T00:00:00Z") };

  it("builds the participant from a finished draft; skipped fields are absent", () => {
    const done = completeDraft(full, { ...meta, username: "fyodor" });
    expect(done).toEqual({
      ok: true,
      participant: { ...participant, email: "f@feal.example", username: "fyodor", registeredAt: "2026-12-02T00:00:00.000Z" },
    });
  });

  it("names the missing step when the role needs more (a delegate who became a host)", () => {
    expect(completeDraft(full, { ...meta, role: "host" })).toEqual({
      ok: false,
      reason: "incomplete",
      step: { kind: "ask", field: "companyDescription", number: 5, total: 10 },
    });
  });

  it("keeps speakerId for speakers only", () => {
    const speaker = completeDraft(full, { ...meta, role: "speaker", speakerId: "pashchenko" });
    expect(speaker.ok && speaker.participant.speakerId).toBe("pashchenko");
    const delegate = completeDraft(full, { ...meta, speakerId: "pashchenko" });
    expect(delegate.ok && delegate.participant.speakerId).toBeUndefined();
  });

  it("refuses a draft that no longer fits the schema (a hand edit)", () => {
    expect(completeDraft({ ...full, fullName: "x".repeat(500) }, meta)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("profile changes", () => {
  it("says what a new role lacks", () => {
    expect(missingFields(participant)).toEqual([]);
    expect(missingFields(withRole(participant, "host"))).toEqual(["companyDescription"]);
  });

  it("sets and removes single fields", () => {
    const withPhone = withField(participant, "phone", "+79991234567");
    expect(withPhone.phone).toBe("+79991234567");
    expect("phone" in withField(withPhone, "phone", null)).toBe(false);
    expect(withField(participant, "region", "Krasnoyarsk").region).toBe("Krasnoyarsk");
  });

  it("drops speakerId when the role is no longer speaker", () => {
    const speaker = withRole(participant, "speaker", "gorynin");
    expect(speaker).toMatchObject({ role: "speaker", speakerId: "gorynin" });
    expect(withRole(speaker, "host").speakerId).toBeUndefined();
  });
});
