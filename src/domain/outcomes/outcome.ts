/**
 * What came of an agreed meeting, as one side tells it: did it happen, what was agreed, and later
 * whether the agreement was carried out. Each side answers for themselves and keeps their own record;
 * when the two differ, both stand. Pure: every change returns the next record and the questions it puts
 * on (or takes off) the schedule, and the storage layer applies both atomically.
 */

export const MET_ANSWERS = ["yes", "no", "later"] as const;
export type MetAnswer = (typeof MET_ANSWERS)[number];

export const AGREEMENT_TYPES = ["supply", "joint-project", "investment", "partnership", "other"] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

/** What came of a meeting that took place. */
export type Result = { kind: "agreement"; type: AgreementType } | { kind: "follow-up" } | { kind: "none" };

export const PROGRESS_STATES = ["done", "in-progress", "not-done"] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

export const NOT_DONE_REASONS = ["partner-silent", "terms", "funding", "priorities", "other"] as const;
export type NotDoneReason = (typeof NOT_DONE_REASONS)[number];

/** One answer to "was it carried out?". */
export interface ProgressUpdate {
  at: number;
  state: ProgressState;
  reason?: NotDoneReason;
  /** The follow-up it answered (days after the agreement); absent when given unprompted from /agreements. */
  days?: number;
}

export interface SideOutcome {
  meetingId: string;
  userId: number;
  /**
   * Bumped by every answer of this side. Buttons carry it, so that a second tap, or a press on an old
   * question after the answer changed elsewhere, changes nothing.
   */
  rev: number;
  /** Questions "did you meet?" sent so far (the first, and one after each "later"). */
  asks: number;
  askedAt?: number;
  met?: MetAnswer;
  metAt?: number;
  result?: Result;
  note?: string;
  /** "By when" of an agreement: a month, YYYY-MM. */
  byWhen?: string;
  /** When this side first recorded the agreement: its follow-ups count from here. */
  agreedAt?: number;
  /** Follow-ups sent, by days after the agreement. */
  followUpsAsked: { days: number; at: number }[];
  /** Answers to "was it carried out?", oldest first; the last one is the agreement's state. */
  progress: ProgressUpdate[];
  updatedAt: number;
}

/** A question on the schedule, for one side of one meeting. */
export type Due = { kind: "ask"; n: number; at: number } | { kind: "follow-up"; days: number; at: number };

export type OutcomeRefusal =
  /** The button was made for an earlier state of the answers (a double tap, an old question). */
  | "stale"
  /** "What came of it" before saying the meeting took place. */
  | "not-met"
  /** "By when" or "carried out?" without an agreement. */
  | "no-agreement";

export type Change = { ok: true; next: SideOutcome; changed: boolean; schedule: Due[]; unschedule: Due[] } | { ok: false; reason: OutcomeRefusal };

/** After this many questions (the first and re-asks after "later"), "later" asks nothing more. */
export const MAX_ASKS = 4;
/** The progress history kept per side: enough for every follow-up and a few changes of mind. */
const PROGRESS_KEPT = 20;
export const DAY_MS = 24 * 3600_000;

export function emptyOutcome(meetingId: string, userId: number, now: number): SideOutcome {
  return { meetingId, userId, rev: 0, asks: 0, followUpsAsked: [], progress: [], updatedAt: now };
}

export function followUpAt(agreedAt: number, days: number): number {
  return agreedAt + days * DAY_MS;
}

function followUps(agreedAt: number, days: readonly number[]): Due[] {
  return days.map((d) => ({ kind: "follow-up" as const, days: d, at: followUpAt(agreedAt, d) }));
}

function sameResult(a: Result | undefined, b: Result): boolean {
  return a !== undefined && a.kind === b.kind && (a.kind !== "agreement" || (b.kind === "agreement" && a.type === b.type));
}

/** The record without anything that only makes sense for a meeting that took place / an agreement. */
function withoutAgreement(o: SideOutcome): SideOutcome {
  const next = { ...o, followUpsAsked: [], progress: [] };
  delete next.agreedAt;
  delete next.byWhen;
  return next;
}

function stale(o: SideOutcome, expectRev: number | undefined): boolean {
  return expectRev !== undefined && o.rev !== expectRev;
}

function bumped(o: SideOutcome, changes: Partial<SideOutcome>, now: number): SideOutcome {
  return { ...o, ...changes, rev: o.rev + 1, updatedAt: now };
}

/**
 * "Did you meet?" answered. Yes keeps what came of it (a change back and forth loses nothing typed);
 * no and later drop it with its follow-ups; later puts the question on again at `laterAt` (while fewer
 * than MAX_ASKS were asked).
 */
export function answerMet(
  current: SideOutcome,
  met: MetAnswer,
  now: number,
  options: { expectRev?: number; laterAt?: number; followUpDays: readonly number[] },
): Change {
  if (stale(current, options.expectRev)) return { ok: false, reason: "stale" };
  if (current.met === met) return { ok: true, next: current, changed: false, schedule: [], unschedule: [] };
  let next = bumped(current, { met, metAt: now }, now);
  const unschedule: Due[] = [];
  const schedule: Due[] = [];
  if (met !== "yes") {
    if (current.agreedAt !== undefined) unschedule.push(...followUps(current.agreedAt, options.followUpDays));
    next = withoutAgreement(next);
    delete next.result;
    delete next.note;
  }
  if (met === "later" && options.laterAt !== undefined && current.asks < MAX_ASKS) {
    schedule.push({ kind: "ask", n: current.asks, at: options.laterAt });
  }
  return { ok: true, next, changed: true, schedule, unschedule };
}

/** What came of it. The first agreement starts its follow-ups; leaving the agreement drops them. */
export function setResult(current: SideOutcome, result: Result, now: number, followUpDays: readonly number[]): Change {
  if (current.met !== "yes") return { ok: false, reason: "not-met" };
  if (sameResult(current.result, result)) return { ok: true, next: current, changed: false, schedule: [], unschedule: [] };
  const was = current.result?.kind === "agreement";
  const is = result.kind === "agreement";
  let next = bumped(current, { result }, now);
  const schedule: Due[] = [];
  const unschedule: Due[] = [];
  if (is && !was) {
    next.agreedAt = now;
    schedule.push(...followUps(now, followUpDays));
  }
  if (was && !is) {
    if (current.agreedAt !== undefined) unschedule.push(...followUps(current.agreedAt, followUpDays));
    next = withoutAgreement(next);
  }
  return { ok: true, next, changed: true, schedule, unschedule };
}

/** The note (already validated), or none. */
export function setNote(current: SideOutcome, note: string | undefined, now: number): Change {
  if (current.met !== "yes") return { ok: false, reason: "not-met" };
  if (current.note === note) return { ok: true, next: current, changed: false, schedule: [], unschedule: [] };
  const next = bumped(current, {}, now);
  if (note === undefined) delete next.note;
  else next.note = note;
  return { ok: true, next, changed: true, schedule: [], unschedule: [] };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** "By when" of an agreement, a month (YYYY-MM), or none. */
export function setByWhen(current: SideOutcome, month: string | undefined, now: number): Change {
  if (current.result?.kind !== "agreement") return { ok: false, reason: "no-agreement" };
  if (month !== undefined && !isMonth(month)) return { ok: false, reason: "stale" };
  if (current.byWhen === month) return { ok: true, next: current, changed: false, schedule: [], unschedule: [] };
  const next = bumped(current, {}, now);
  if (month === undefined) delete next.byWhen;
  else next.byWhen = month;
  return { ok: true, next, changed: true, schedule: [], unschedule: [] };
}

/**
 * "Was it carried out?" answered, to a follow-up (`days`) or unprompted. A reason given right after
 * "not carried out" completes that answer instead of adding another.
 */
export function recordProgress(
  current: SideOutcome,
  state: ProgressState,
  now: number,
  options: { days?: number; reason?: NotDoneReason; expectRev?: number } = {},
): Change {
  if (current.result?.kind !== "agreement") return { ok: false, reason: "no-agreement" };
  if (stale(current, options.expectRev)) return { ok: false, reason: "stale" };
  const reason = state === "not-done" ? options.reason : undefined;
  const last = current.progress.at(-1);
  const sameAnswer = last !== undefined && last.state === state && last.days === options.days;
  if (sameAnswer && last.reason === reason) return { ok: true, next: current, changed: false, schedule: [], unschedule: [] };
  const update: ProgressUpdate = { at: now, state, ...(reason ? { reason } : {}), ...(options.days === undefined ? {} : { days: options.days }) };
  const kept = sameAnswer && last.reason === undefined ? current.progress.slice(0, -1) : current.progress;
  return { ok: true, next: bumped(current, { progress: [...kept, update].slice(-PROGRESS_KEPT) }, now), changed: true, schedule: [], unschedule: [] };
}

/** The state of this side's agreement: its last answer. */
export function progressOf(o: SideOutcome | undefined): ProgressUpdate | undefined {
  return o?.progress.at(-1);
}

// ---- the questions ---------------------------------------------------------------------------------

/** Question number `n` went out (idempotent: a repeated job leaves it as it is). Not an answer: no rev bump. */
export function markAsked(current: SideOutcome, n: number, now: number): SideOutcome | undefined {
  if (current.asks > n) return undefined;
  return { ...current, asks: n + 1, askedAt: now, updatedAt: now };
}

export function markFollowUpAsked(current: SideOutcome, days: number, now: number): SideOutcome | undefined {
  if (current.followUpsAsked.some((f) => f.days === days)) return undefined;
  return { ...current, followUpsAsked: [...current.followUpsAsked, { days, at: now }], updatedAt: now };
}

/** Whether question `n` still has something to ask: nothing answered but "later", and not asked yet. */
export function askStillDue(current: SideOutcome | undefined, n: number): boolean {
  if (!current) return true;
  return (current.met === undefined || current.met === "later") && n >= current.asks;
}

/**
 * Whether the follow-up `days` after the agreement recorded at `agreedAt` is still to be sent: the same
 * agreement still stands, this follow-up has not gone out, and it is not carried out already.
 */
export function followUpStillDue(current: SideOutcome | undefined, days: number, agreedAt: number): boolean {
  if (current?.result?.kind !== "agreement" || current.agreedAt !== agreedAt) return false;
  if (current.followUpsAsked.some((f) => f.days === days)) return false;
  return progressOf(current)?.state !== "done";
}

/** A question on the schedule, addressed: which meeting, which side. */
export type Question = Due & { meetingId: string; userId: number };

/** The questions of one side of one meeting. */
export function addressed(meetingId: string, userId: number, dues: readonly Due[]): Question[] {
  return dues.map((d) => ({ ...d, meetingId, userId }));
}
