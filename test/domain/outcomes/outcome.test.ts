import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { MissionFileError, parseMission, readMissionFile } from "../../../src/content/load-mission.js";
import { createI18n, translator } from "../../../src/bot/i18n.js";
import { missionProblemLine } from "../../../src/bot/mission-problems.js";
import { newRequest, transition, type MeetingRequest } from "../../../src/domain/meetings/request.js";
import { NOTE_MAX, validateOutcomeNote } from "../../../src/domain/outcomes/note.js";
import {
  answerMet,
  askStillDue,
  DAY_MS,
  emptyOutcome,
  followUpStillDue,
  markAsked,
  markFollowUpAsked,
  MAX_ASKS,
  recordProgress,
  setByWhen,
  setNote,
  setResult,
  type Change,
  type SideOutcome,
} from "../../../src/domain/outcomes/outcome.js";
import { answerableFrom, firstAskAt, laterAskAt, lastEvening, meetingAgreed } from "../../../src/domain/outcomes/timing.js";

const T0 = Date.parse("2026-12-10T15:00:00+07:00");
const DAYS = [30, 90];

function next(change: Change): SideOutcome {
  if (!change.ok) throw new Error(`refused: ${change.reason}`);
  return change.next;
}

const fresh = () => emptyOutcome("abc123def456", 501, T0);
const met = () => next(answerMet(fresh(), "yes", T0, { followUpDays: DAYS }));
const agreed = () => next(setResult(met(), { kind: "agreement", type: "supply" }, T0 + 1000, DAYS));

describe("one side's outcome", () => {
  it("records 'did you meet?' once per revision: a second tap of the same button is stale and changes nothing", () => {
    const first = answerMet(fresh(), "no", T0, { expectRev: 0, followUpDays: DAYS });
    expect(first).toMatchObject({ ok: true, changed: true, next: { met: "no", metAt: T0, rev: 1 } });
    expect(answerMet(next(first), "no", T0 + 5, { expectRev: 0, followUpDays: DAYS })).toEqual({ ok: false, reason: "stale" });
    expect(answerMet(next(first), "yes", T0 + 5, { expectRev: 0, followUpDays: DAYS })).toEqual({ ok: false, reason: "stale" });
    // The same answer with the current revision (the card's button of the answer given) is no change.
    expect(answerMet(next(first), "no", T0 + 5, { expectRev: 1, followUpDays: DAYS })).toMatchObject({ ok: true, changed: false, next: next(first) });
  });

  it("starts the follow-ups with the first agreement and drops them when the agreement or the meeting is taken back", () => {
    const result = setResult(met(), { kind: "agreement", type: "supply" }, T0 + 1000, DAYS);
    expect(result).toMatchObject({ ok: true, schedule: [{ kind: "follow-up", days: 30, at: T0 + 1000 + 30 * DAY_MS }, { kind: "follow-up", days: 90, at: T0 + 1000 + 90 * DAY_MS }], unschedule: [] });
    const o = next(result);
    expect(o.agreedAt).toBe(T0 + 1000);
    // Another type of agreement keeps the agreement (and its follow-ups).
    const retyped = setResult(o, { kind: "agreement", type: "investment" }, T0 + 2000, DAYS);
    expect(retyped).toMatchObject({ ok: true, changed: true, schedule: [], unschedule: [], next: { agreedAt: T0 + 1000, result: { type: "investment" } } });
    const withMonth = next(setByWhen(o, "2027-03", T0 + 3000));
    const none = setResult(withMonth, { kind: "none" }, T0 + 4000, DAYS);
    expect(none).toMatchObject({ ok: true, unschedule: [{ days: 30, at: T0 + 1000 + 30 * DAY_MS }, { days: 90 }] });
    expect(next(none)).not.toHaveProperty("agreedAt");
    expect(next(none)).not.toHaveProperty("byWhen");
    // "It did not take place" takes what came of it away too, the note included.
    const noted = next(setNote(o, "Supply of control units", T0 + 5000));
    const didNot = answerMet(noted, "no", T0 + 6000, { followUpDays: DAYS });
    expect(didNot).toMatchObject({ ok: true, unschedule: [{ days: 30 }, { days: 90 }] });
    expect(next(didNot)).toEqual({ ...noted, met: "no", metAt: T0 + 6000, rev: noted.rev + 1, updatedAt: T0 + 6000, followUpsAsked: [], progress: [], result: undefined, note: undefined, agreedAt: undefined });
  });

  it("asks what came of it only of a meeting that took place, and 'by when' only of an agreement", () => {
    expect(setResult(fresh(), { kind: "none" }, T0, DAYS)).toEqual({ ok: false, reason: "not-met" });
    expect(setNote(fresh(), "x", T0)).toEqual({ ok: false, reason: "not-met" });
    expect(setByWhen(met(), "2027-03", T0)).toEqual({ ok: false, reason: "no-agreement" });
    expect(setByWhen(agreed(), "2027-13", T0)).toEqual({ ok: false, reason: "stale" });
    expect(recordProgress(met(), "done", T0)).toEqual({ ok: false, reason: "no-agreement" });
  });

  it("puts the question on again after 'later', until MAX_ASKS questions went out", () => {
    const asked = markAsked(fresh(), 0, T0) ?? fresh();
    expect(answerMet(asked, "later", T0, { laterAt: T0 + DAY_MS, followUpDays: DAYS })).toMatchObject({ ok: true, schedule: [{ kind: "ask", n: 1, at: T0 + DAY_MS }] });
    let o = fresh();
    for (let n = 0; n < MAX_ASKS; n++) o = markAsked(o, n, T0) ?? o;
    expect(answerMet(o, "later", T0, { laterAt: T0 + DAY_MS, followUpDays: DAYS })).toMatchObject({ ok: true, schedule: [] });
  });

  it("knows which questions are still to be asked: not answered, not asked yet, the same agreement, not carried out", () => {
    expect(askStillDue(undefined, 0)).toBe(true);
    const asked = markAsked(fresh(), 0, T0) ?? fresh();
    expect(askStillDue(asked, 0)).toBe(false);
    expect(markAsked(asked, 0, T0 + 1)).toBeUndefined();
    expect(askStillDue(asked, 1)).toBe(true);
    const later = next(answerMet(asked, "later", T0, { followUpDays: DAYS }));
    expect(askStillDue(later, 1)).toBe(true);
    expect(askStillDue(met(), 1)).toBe(false);

    const o = agreed();
    const agreedAt = o.agreedAt ?? 0;
    expect(followUpStillDue(o, 30, agreedAt)).toBe(true);
    expect(followUpStillDue(o, 30, agreedAt - 1)).toBe(false);
    const sent = markFollowUpAsked(o, 30, T0) ?? o;
    expect(followUpStillDue(sent, 30, agreedAt)).toBe(false);
    expect(markFollowUpAsked(sent, 30, T0)).toBeUndefined();
    expect(followUpStillDue(sent, 90, agreedAt)).toBe(true);
    const done = next(recordProgress(sent, "done", T0, { days: 30 }));
    expect(followUpStillDue(done, 90, agreedAt)).toBe(false);
  });

  it("records 'was it carried out?': a reason right after 'not carried out' completes it; a stale button changes nothing", () => {
    const o = agreed();
    const notDone = next(recordProgress(o, "not-done", T0, { days: 30, expectRev: o.rev }));
    expect(notDone.progress).toEqual([{ at: T0, state: "not-done", days: 30 }]);
    const why = next(recordProgress(notDone, "not-done", T0 + 1, { days: 30, reason: "funding", expectRev: notDone.rev }));
    expect(why.progress).toEqual([{ at: T0 + 1, state: "not-done", days: 30, reason: "funding" }]);
    expect(recordProgress(why, "done", T0 + 2, { days: 30, expectRev: notDone.rev })).toEqual({ ok: false, reason: "stale" });
    expect(recordProgress(why, "not-done", T0 + 2, { days: 30, reason: "funding" })).toMatchObject({ ok: true, changed: false });
    const done = next(recordProgress(why, "done", T0 + 3, { days: 90 }));
    expect(done.progress.map((p) => p.state)).toEqual(["not-done", "done"]);
    // A reason goes only with "not carried out".
    expect(next(recordProgress(o, "done", T0, { reason: "terms" })).progress).toEqual([{ at: T0, state: "done" }]);
  });
});

describe("the note", () => {
  it("is cleaned and checked like a request's message, up to 500 characters", () => {
    expect(validateOutcomeNote("  Supply of <control> units\n\n\n\n& service ")).toEqual({ ok: true, value: "Supply of <control> units\n\n& service" });
    expect(validateOutcomeNote("я".repeat(NOTE_MAX))).toMatchObject({ ok: true });
    expect(validateOutcomeNote("я".repeat(NOTE_MAX + 1))).toEqual({ ok: false, problem: { code: "too-long", max: NOTE_MAX, length: NOTE_MAX + 1 } });
    expect(validateOutcomeNote(" \u200b ")).toEqual({ ok: false, problem: { code: "empty" } });
    expect(validateOutcomeNote("!!!")).toEqual({ ok: false, problem: { code: "no-letters" } });
  });
});

describe("when the bot asks", async () => {
  const { mission } = await readMissionFile("content/mission.yaml");
  const at = (iso: string) => Date.parse(`${iso}+07:00`);
  const accepted = (slot: { start: number; end: number } | null, when: number): MeetingRequest => {
    const r = newRequest({ id: "abc123def456", from: 1, to: 2, slot, message: "hi", now: when - 3600_000, delivered: true });
    const done = transition(r, 2, { type: "accept" }, when);
    if (!done.ok) throw new Error(done.reason);
    return done.request;
  };

  it("asks ask_after_minutes after the slot; 'any time' at 19:00 mission time on the last day, or a day after a later agreement", () => {
    const slot = { start: at("2026-12-10T14:10:00"), end: at("2026-12-10T14:30:00") };
    expect(firstAskAt(accepted(slot, at("2026-12-09T12:00:00")), mission)).toBe(at("2026-12-10T15:00:00"));
    expect(firstAskAt(accepted(slot, at("2026-12-09T12:00:00")), { ...mission, outcomes: { ...mission.outcomes, ask_after_minutes: 0 } })).toBe(slot.end);
    expect(lastEvening(mission)).toBe(at("2026-12-12T19:00:00"));
    expect(firstAskAt(accepted(null, at("2026-12-10T10:00:00")), mission)).toBe(at("2026-12-12T19:00:00"));
    expect(firstAskAt(accepted(null, at("2026-12-12T20:00:00")), mission)).toBe(at("2026-12-13T20:00:00"));
  });

  it("asks again after 'later' on the last evening, or a week later once that is near or past", () => {
    expect(laterAskAt(at("2026-12-10T16:00:00"), mission)).toBe(at("2026-12-12T19:00:00"));
    expect(laterAskAt(at("2026-12-12T18:30:00"), mission)).toBe(at("2026-12-19T18:30:00"));
  });

  it("takes answers once the meeting has begun (any time: once agreed), about meetings agreed and not cancelled", () => {
    const slot = { start: at("2026-12-10T14:10:00"), end: at("2026-12-10T14:30:00") };
    const r = accepted(slot, at("2026-12-09T12:00:00"));
    expect(answerableFrom(r)).toBe(slot.start);
    expect(answerableFrom(accepted(null, at("2026-12-09T12:00:00")))).toBe(at("2026-12-09T12:00:00"));
    expect(meetingAgreed(r)).toBe(true);
    const cancelled = transition(r, 1, { type: "cancel" }, at("2026-12-09T13:00:00"));
    expect(cancelled.ok && meetingAgreed(cancelled.request)).toBe(false);
    expect(meetingAgreed(newRequest({ id: "abc123def456", from: 1, to: 2, slot, message: "hi", now: 0, delivered: true }))).toBe(false);
  });
});

describe("the programme file's outcomes section", () => {
  it("defaults to asking, 30 minutes after a slot, and follow-ups after 30 and 90 days; days must increase", async () => {
    const { mission } = await readMissionFile("content/mission.yaml");
    const without = parseMission(stringify({ ...mission, outcomes: undefined }), "test");
    expect(without.outcomes).toEqual({ enabled: true, ask_after_minutes: 30, follow_up_days: [30, 90] });
    const rejected = (outcomes: unknown) => {
      try {
        parseMission(stringify({ ...mission, outcomes }), "test");
      } catch (err) {
        if (err instanceof MissionFileError) return err.problems.map((p) => ({ path: p.path, code: p.code }));
        throw err;
      }
      throw new Error("accepted");
    };
    expect(rejected({ follow_up_days: [90, 30] })).toEqual([{ path: "outcomes.follow_up_days", code: "follow-up-days-order" }]);
    expect(rejected({ ask_after: 5 })).toEqual([{ path: "outcomes.ask_after", code: "unknown-field" }]);
    // Said in the organiser's language, like every other problem of the file.
    const i18n = createI18n(new URL("../../../locales", import.meta.url).pathname);
    const line = (locale: "ru" | "en") => missionProblemLine(translator(i18n, locale), { path: "outcomes.follow_up_days", code: "follow-up-days-order" }, (text) => text);
    expect(line("en")).toBe("outcomes.follow_up_days: follow-up days must be in increasing order, each once");
    expect(line("ru")).toBe("outcomes.follow_up_days: дни напоминаний о договорённостях должны идти по возрастанию, каждый по одному разу");
  });
});
