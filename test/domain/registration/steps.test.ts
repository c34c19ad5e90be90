import { describe, expect, it } from "vitest";
import {
  judgeAnswer,
  judgeConsent,
  judgeSummary,
  pausedOnLeave,
  registrationMarkerSchema,
  type Input,
  type RegistrationMarker,
} from "../../../src/domain/registration/steps.js";

const text = (value: string, skip = false): Input => ({ kind: "text", text: value, skip });
const press = (button: Extract<Input, { kind: "button" }>["button"], messageId = 7): Input => ({ kind: "button", button, messageId });
const contact = (phone: string, owner: number | undefined, sender = 42): Input => ({ kind: "contact", phone, owner, sender });
const other: Input = { kind: "other" };
const tags = { selected: [] as string[], missionTags: ["it", "mining", "energy"] };

describe("judgeAnswer: text questions", () => {
  it("saves a valid answer, cleaned", () => {
    expect(judgeAnswer("fullName", text("  Olga   Ruhullaeva "), tags)).toEqual({ kind: "saved", value: "Olga Ruhullaeva" });
  });
  it("gives the validator's problem as the hint", () => {
    expect(judgeAnswer("fullName", text("   "), tags)).toEqual({ kind: "invalid", hint: { code: "problem", problem: { code: "empty" } } });
    expect(judgeAnswer("position", text("x"), tags)).toEqual({ kind: "invalid", hint: { code: "problem", problem: { code: "too-short", min: 2 } } });
  });
  it("asks for text instead of a sticker or a contact, and calls any button out of date", () => {
    expect(judgeAnswer("company", other, tags)).toEqual({ kind: "invalid", hint: { code: "need-text" } });
    expect(judgeAnswer("company", contact("+79990000000", 42), tags)).toEqual({ kind: "invalid", hint: { code: "need-text" } });
    expect(judgeAnswer("company", press({ kind: "confirm" }), tags)).toEqual({ kind: "invalid", hint: { code: "button-expired" } });
  });
  it("lets only the e-mail be skipped", () => {
    expect(judgeAnswer("email", text("⏭ Skip", true), tags)).toEqual({ kind: "saved", value: null });
    // Elsewhere a skip button's label is just text, judged like any other.
    expect(judgeAnswer("company", text("Skip", true), tags)).toEqual({ kind: "saved", value: "Skip" });
  });
});

describe("judgeAnswer: the phone", () => {
  it("takes the user's own contact in E.164 form, or a skip", () => {
    expect(judgeAnswer("phone", contact("7 913 123-45-67", 42), tags)).toEqual({ kind: "saved", value: "+79131234567" });
    expect(judgeAnswer("phone", text("⏭ Skip", true), tags)).toEqual({ kind: "saved", value: null });
  });
  it("refuses somebody else's contact, one without an owner, typed numbers and buttons", () => {
    expect(judgeAnswer("phone", contact("+79995550000", 424242), tags)).toEqual({ kind: "invalid", hint: { code: "phone-not-own" } });
    expect(judgeAnswer("phone", contact("+79995550000", undefined), tags)).toEqual({ kind: "invalid", hint: { code: "phone-not-own" } });
    expect(judgeAnswer("phone", text("+79995550000"), tags)).toEqual({ kind: "invalid", hint: { code: "phone-use-button" } });
    expect(judgeAnswer("phone", other, tags)).toEqual({ kind: "invalid", hint: { code: "phone-use-button" } });
    expect(judgeAnswer("phone", press({ kind: "tags-done" }), tags)).toEqual({ kind: "invalid", hint: { code: "button-expired" } });
  });
});

describe("judgeAnswer: the tags", () => {
  it("toggles the mission's tags and saves them in the mission's order on Done", () => {
    const first = judgeAnswer("tags", press({ kind: "tag", tag: "energy" }), tags);
    expect(first).toEqual({ kind: "toggled", tags: ["energy"] });
    const second = judgeAnswer("tags", press({ kind: "tag", tag: "it" }), { ...tags, selected: ["energy"] });
    expect(second).toEqual({ kind: "toggled", tags: ["energy", "it"] });
    expect(judgeAnswer("tags", press({ kind: "tag", tag: "it" }), { ...tags, selected: ["energy", "it"] })).toEqual({ kind: "toggled", tags: ["energy"] });
    expect(judgeAnswer("tags", press({ kind: "tags-done" }), { ...tags, selected: ["energy", "it"] })).toEqual({ kind: "saved", value: ["it", "energy"] });
  });
  it("refuses Done with nothing chosen, unknown tags, other buttons and typing", () => {
    expect(judgeAnswer("tags", press({ kind: "tags-done" }), tags)).toEqual({ kind: "invalid", hint: { code: "problem", problem: { code: "no-tags" } } });
    expect(judgeAnswer("tags", press({ kind: "tag", tag: "no-such-tag" }), tags)).toEqual({ kind: "invalid", hint: { code: "button-expired" } });
    expect(judgeAnswer("tags", press({ kind: "stale" }), tags)).toEqual({ kind: "invalid", hint: { code: "button-expired" } });
    expect(judgeAnswer("tags", text("metallurgy"), tags)).toEqual({ kind: "invalid", hint: { code: "tags-use-buttons" } });
    expect(judgeAnswer("tags", other, tags)).toEqual({ kind: "invalid", hint: { code: "tags-use-buttons" } });
  });
});

describe("judgeConsent", () => {
  it("takes only the consent buttons", () => {
    expect(judgeConsent(press({ kind: "consent", agree: true }))).toEqual({ kind: "saved", value: true });
    expect(judgeConsent(press({ kind: "consent", agree: false }))).toEqual({ kind: "saved", value: false });
    expect(judgeConsent(text("yes"))).toEqual({ kind: "invalid", hint: { code: "consent-use-buttons" } });
    expect(judgeConsent(press({ kind: "stale" }))).toEqual({ kind: "invalid", hint: { code: "button-expired" } });
  });
});

describe("judgeSummary", () => {
  it("acts on the buttons of the latest summary only", () => {
    expect(judgeSummary(press({ kind: "confirm" }, 7), 7, "delegate")).toEqual({ kind: "confirm" });
    expect(judgeSummary(press({ kind: "edit-menu" }, 7), 7, "delegate")).toEqual({ kind: "edit-menu" });
    expect(judgeSummary(press({ kind: "back" }, 7), 7, "delegate")).toEqual({ kind: "back" });
    expect(judgeSummary(press({ kind: "confirm" }, 6), 7, "delegate")).toEqual({ kind: "invalid", hint: { code: "button-expired" } });
  });
  it("edits only the role's fields", () => {
    expect(judgeSummary(press({ kind: "field", field: "position" }), 7, "delegate")).toEqual({ kind: "edit", field: "position" });
    expect(judgeSummary(press({ kind: "field", field: "companyDescription" }), 7, "delegate").kind).toBe("invalid");
    expect(judgeSummary(press({ kind: "field", field: "companyDescription" }), 7, "host")).toEqual({ kind: "edit", field: "companyDescription" });
  });
  it("sends the summary again when something is typed", () => {
    expect(judgeSummary(text("ok"), 7, "delegate")).toEqual({ kind: "resend" });
    expect(judgeSummary(other, 7, "delegate")).toEqual({ kind: "resend" });
  });
});

describe("pausedOnLeave", () => {
  const question: RegistrationMarker = { step: "question", lang: "en", field: "company", progress: { number: 2, total: 9 } };
  it("says paused once there are answers, except for /register and /deletemydata", () => {
    expect(pausedOnLeave(question, "profile")).toBe(true);
    expect(pausedOnLeave(question, undefined)).toBe(true);
    expect(pausedOnLeave({ step: "summary", lang: "ru", card: 1, role: "delegate" }, "start")).toBe(true);
    expect(pausedOnLeave(question, "register")).toBe(false);
    expect(pausedOnLeave(question, "deletemydata")).toBe(false);
  });
  it("says nothing before consent or while completing a profile", () => {
    expect(pausedOnLeave({ step: "consent", lang: "en" }, "profile")).toBe(false);
    expect(pausedOnLeave({ ...question, completing: { answers: {}, rest: [] } }, "profile")).toBe(false);
  });
});

describe("the session marker", () => {
  it("reads back what is stored and refuses what is not a step", () => {
    const marker: RegistrationMarker = { step: "question", lang: "ru", field: "tags", progress: { number: 5, total: 9 }, tags: ["it"] };
    expect(registrationMarkerSchema.parse(JSON.parse(JSON.stringify(marker)))).toEqual(marker);
    expect(registrationMarkerSchema.safeParse({ step: "question", lang: "ru", field: "shoeSize" }).success).toBe(false);
    expect(registrationMarkerSchema.safeParse({ step: "somewhere", lang: "ru" }).success).toBe(false);
  });
});
