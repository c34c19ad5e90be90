import { ERASED, type MeetingRequest } from "../domain/meetings/request.js";
import { publicProfile, type PublicProfile } from "../domain/meetings/privacy.js";
import type { MeetingOutcomes } from "../domain/outcomes/funnel.js";
import {
  addressed,
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
  type MetAnswer,
  type NotDoneReason,
  type OutcomeRefusal,
  type ProgressState,
  type Question,
  type Result,
  type SideOutcome,
} from "../domain/outcomes/outcome.js";
import { answerableFrom, firstAskAt, laterAskAt, meetingAgreed } from "../domain/outcomes/timing.js";
import type { Participant } from "../domain/participant.js";
import type { DurableQueue } from "../jobs/durable-queue.js";
import type { Logger } from "../logger.js";
import type { MeetingsRepo } from "../storage/meetings-repo.js";
import { questionMember, questionSchema, type OutcomesRepo, type StoredOutcome } from "../storage/outcomes-repo.js";
import type { ParticipantsRepo } from "../storage/participants-repo.js";
import type { MeetingCalendar } from "./meetings.js";
import type { MissionService } from "./mission-service.js";

/** A question due: the job that sends it (its data is the question itself). */
export const outcomeJobSchema = questionSchema;

/**
 * The job id names the question and its due time: sweeping it twice (two processes, a restart between
 * adding it and taking it off the schedule) adds one job; BullMQ forbids `:` in custom ids.
 */
export function outcomeJobId(q: Question): string {
  return `outcome-${questionMember(q).replace(/:/g, "-")}`;
}

export type OutcomeRefused = { ok: false; reason: "unknown" | "not-yours" | "not-yet" | OutcomeRefusal };

export type Answered = { ok: true; outcome: SideOutcome; changed: boolean; request: MeetingRequest; other?: PublicProfile; askAgainAt?: number } | OutcomeRefused;

/** One meeting as one of its sides sees what came of it. */
export interface OutcomeCard {
  request: MeetingRequest;
  /** Absent when the other side deleted their data. */
  other?: PublicProfile;
  mine?: SideOutcome;
  theirs?: SideOutcome;
}

/** What a due question is about, for the bot to render; undefined when nothing is to be asked any more. */
export type Prepared =
  | { kind: "ask"; request: MeetingRequest; other?: PublicProfile; rev: number }
  | { kind: "follow-up"; request: MeetingRequest; other?: PublicProfile; outcome: SideOutcome; days: number };

export interface OutcomeServiceDeps {
  repo: OutcomesRepo;
  meetings: Pick<MeetingsRepo, "get" | "all" | "involving">;
  participants: Pick<ParticipantsRepo, "get">;
  /** The programme in force: the `outcomes:` settings and the mission's last evening. */
  mission: MissionService;
  /** Where due questions go to be sent (jobs/durable-queue.ts; the bot's handler sends them). */
  queue: Pick<DurableQueue<Question>, "addMany">;
  now: () => number;
  logger: Logger;
}

// A write retries when the same side's record changed under it (a second device, a question marked sent).
const ATTEMPTS = 20;
// Questions moved from the schedule to the queue per round trip.
const SWEEP_BATCH = 500;
// A question found due this much before the programme in force says is put off to then instead.
const PUT_OFF_MS = 60_000;

/**
 * What came of agreed meetings: the questions ("did you meet?" after the slot, "was it carried out?"
 * after each agreement), each side's answers, and the figures organisers read. The questions are on one
 * schedule in Redis (a sorted set by due time, so a restart or a programme change loses none); a sweep
 * moves the due ones into a durable queue under ids that make each one job, and the bot sends them
 * through the bulk pacing. The decisions are the domain's (domain/outcomes).
 */
export class OutcomeService {
  constructor(private readonly deps: OutcomeServiceDeps) {}

  private settings() {
    return this.deps.mission.current().outcomes;
  }

  /** Hooks into agreed meetings: the first questions go on the schedule, and off it on a cancel. */
  readonly calendar: MeetingCalendar = {
    booked: async (request) => {
      const at = firstAskAt(request, this.deps.mission.current());
      await this.deps.repo.schedule(sides(request).map((userId) => ({ kind: "ask", n: 0, at, meetingId: request.id, userId })));
    },
    released: async (request) => {
      const at = firstAskAt(request, this.deps.mission.current());
      await this.deps.repo.unschedule(sides(request).map((userId) => ({ kind: "ask", n: 0, at, meetingId: request.id, userId })));
    },
  };

  // ---- the schedule ------------------------------------------------------------------------------

  /**
   * Moves every question due by now into the queue, then off the schedule: a crash in between leaves
   * it on the schedule, and the next sweep adds the same job id again, which is a no-op. Two processes
   * sweeping at once do the same. Nothing is sent while `outcomes.enabled` is off; it waits.
   */
  async sweep(): Promise<number> {
    if (!this.settings().enabled) return 0;
    let moved = 0;
    for (;;) {
      const due = await this.deps.repo.due(this.deps.now(), SWEEP_BATCH);
      if (due.length === 0) return moved;
      await this.deps.queue.addMany(due.map((q) => ({ id: outcomeJobId(q), data: q })));
      await this.deps.repo.unschedule(due);
      moved += due.length;
      if (due.length < SWEEP_BATCH) return moved;
    }
  }

  /** What a due question asks now, or undefined when it has nothing left to ask (answered, cancelled, stale). */
  async prepare(q: Question): Promise<Prepared | undefined> {
    const request = (await this.deps.meetings.get(q.meetingId))?.request;
    if (!request || !isSide(request, q.userId)) return undefined;
    const outcome = (await this.deps.repo.get(q.meetingId, q.userId))?.outcome;
    const other = await this.otherOf(request, q.userId);
    if (q.kind === "follow-up") {
      if (!followUpStillDue(outcome, q.days, q.at - q.days * DAY_MS) || !outcome) return undefined;
      return { kind: "follow-up", request, ...(other ? { other } : {}), outcome, days: q.days };
    }
    if (request.state !== "accepted" || !askStillDue(outcome, q.n)) return undefined;
    if (q.n === 0) {
      // The programme in force may have moved the question later (a longer ask_after_minutes, a later
      // last day for "any time" meetings): it waits until then.
      const due = firstAskAt(request, this.deps.mission.current());
      if (due > this.deps.now() && due > q.at + PUT_OFF_MS) {
        await this.deps.repo.schedule([{ ...q, at: due }]);
        return undefined;
      }
    }
    return { kind: "ask", request, ...(other ? { other } : {}), rev: outcome?.rev ?? 0 };
  }

  /** Notes that a question went out (or had gone out already: a repeated job); not an answer. */
  async markSent(q: Question): Promise<void> {
    const request = (await this.deps.meetings.get(q.meetingId))?.request;
    if (!request || !isSide(request, q.userId)) return;
    const now = this.deps.now();
    await this.write(q.meetingId, q.userId, (o) => unchangedOr(o, q.kind === "ask" ? markAsked(o, q.n, now) : markFollowUpAsked(o, q.days, now)));
  }

  // ---- answers -----------------------------------------------------------------------------------

  /** "Did you meet?" answered, from the question's buttons or the card (`rev`: the state the buttons were made for). */
  async answerMet(actor: number, id: string, met: MetAnswer, rev?: number): Promise<Answered> {
    const now = this.deps.now();
    const laterAt = met === "later" ? laterAskAt(now, this.deps.mission.current()) : undefined;
    const result = await this.answer(actor, id, (o) =>
      answerMet(o, met, now, { ...(rev === undefined ? {} : { expectRev: rev }), ...(laterAt === undefined ? {} : { laterAt }), followUpDays: this.settings().follow_up_days }),
    );
    if (!result.ok || met !== "later" || laterAt === undefined) return result;
    // The domain puts the question on again only while fewer than MAX_ASKS went out.
    return result.changed && result.outcome.asks < MAX_ASKS ? { ...result, askAgainAt: laterAt } : result;
  }

  async setResult(actor: number, id: string, value: Result): Promise<Answered> {
    return this.answer(actor, id, (o) => setResult(o, value, this.deps.now(), this.settings().follow_up_days));
  }

  /** The note as validated (domain/outcomes/note.ts), or undefined to leave none. */
  async setNote(actor: number, id: string, note: string | undefined): Promise<Answered> {
    return this.answer(actor, id, (o) => setNote(o, note, this.deps.now()));
  }

  async setByWhen(actor: number, id: string, month: string | undefined): Promise<Answered> {
    return this.answer(actor, id, (o) => setByWhen(o, month, this.deps.now()));
  }

  /** "Was it carried out?" answered, to a follow-up (`days`) or unprompted. */
  async recordProgress(actor: number, id: string, state: ProgressState, options: { days?: number; reason?: NotDoneReason; rev?: number } = {}): Promise<Answered> {
    const { rev, ...rest } = options;
    return this.answer(actor, id, (o) => recordProgress(o, state, this.deps.now(), { ...rest, ...(rev === undefined ? {} : { expectRev: rev }) }));
  }

  // ---- reading -------------------------------------------------------------------------------------

  /** One meeting with both sides' answers, for one of its two sides. */
  async card(viewer: number, id: string): Promise<{ ok: true; card: OutcomeCard } | OutcomeRefused> {
    const side = await this.side(viewer, id, false);
    if (!side.ok) return side;
    return { ok: true, card: (await this.cards(viewer, [side.request]))[0] ?? { request: side.request } };
  }

  /** The user's agreed meetings that can be answered about now (/agreements), in time order. */
  async list(userId: number): Promise<OutcomeCard[]> {
    const now = this.deps.now();
    const requests = (await this.deps.meetings.involving(userId))
      .map((s) => s.request)
      .filter((r) => meetingAgreed(r) && answerableFrom(r) <= now)
      .sort((a, b) => answerableFrom(a) - answerableFrom(b) || a.id.localeCompare(b.id));
    return this.cards(userId, requests);
  }

  /** Every meeting request with its sides' records: what the organisers' figures and export are made of. */
  async snapshot(): Promise<MeetingOutcomes[]> {
    const requests = (await this.deps.meetings.all()).map((s) => s.request);
    const wanted = requests.filter(meetingAgreed).flatMap((r) => sides(r).map((userId) => ({ meetingId: r.id, userId })));
    const found = await this.deps.repo.getMany(wanted);
    return requests.map((request) => ({
      request,
      sides: sides(request).flatMap((userId) => {
        const o = found.get(`${request.id}:${userId}`);
        return o ? [o] : [];
      }),
    }));
  }

  /** For /deletemydata: the person's answers and notes; the other sides' records stay. */
  async erase(userId: number): Promise<string[]> {
    return (await this.deps.repo.forget(userId)) > 0 ? ["outcomes"] : [];
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private async cards(viewer: number, requests: readonly MeetingRequest[]): Promise<OutcomeCard[]> {
    const wanted = requests.flatMap((r) => sides(r).map((userId) => ({ meetingId: r.id, userId })));
    const found = await this.deps.repo.getMany(wanted);
    const people = new Map<number, Participant | undefined>();
    for (const r of requests) {
      const otherId = r.from === viewer ? r.to : r.from;
      if (otherId !== ERASED && !people.has(otherId)) people.set(otherId, await this.deps.participants.get(otherId));
    }
    return requests.map((request) => {
      const otherId = request.from === viewer ? request.to : request.from;
      const other = people.get(otherId);
      const mine = found.get(`${request.id}:${viewer}`);
      const theirs = otherId === ERASED ? undefined : found.get(`${request.id}:${otherId}`);
      return { request, ...(other ? { other: publicProfile(other) } : {}), ...(mine ? { mine } : {}), ...(theirs ? { theirs } : {}) };
    });
  }

  private async otherOf(request: MeetingRequest, viewer: number): Promise<PublicProfile | undefined> {
    const otherId = request.from === viewer ? request.to : request.from;
    const other = otherId === ERASED ? undefined : await this.deps.participants.get(otherId);
    return other ? publicProfile(other) : undefined;
  }

  /**
   * The meeting, if `actor` is one of its two sides (someone who deleted their data is no longer), it
   * was agreed and not cancelled, and (`answerable`) its time has come.
   */
  private async side(actor: number, id: string, answerable: boolean): Promise<{ ok: true; request: MeetingRequest } | OutcomeRefused> {
    const request = (await this.deps.meetings.get(id))?.request;
    if (!request) return { ok: false, reason: "unknown" };
    if (!isSide(request, actor)) return { ok: false, reason: "not-yours" };
    if (!meetingAgreed(request)) return { ok: false, reason: "unknown" };
    if (answerable && this.deps.now() < answerableFrom(request)) return { ok: false, reason: "not-yet" };
    return { ok: true, request };
  }

  private async answer(actor: number, id: string, apply: (o: SideOutcome) => Change): Promise<Answered> {
    const side = await this.side(actor, id, true);
    if (!side.ok) return side;
    const written = await this.write(id, actor, apply);
    if (!written.ok) return written;
    const other = await this.otherOf(side.request, actor);
    return { ...written, request: side.request, ...(other ? { other } : {}) };
  }

  /** Reads, changes and writes one side's record until the write lands (the record is created on the first). */
  private async write(id: string, userId: number, apply: (o: SideOutcome) => Change): Promise<{ ok: true; outcome: SideOutcome; changed: boolean } | OutcomeRefused> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await pause();
      const stored: StoredOutcome | undefined = await this.deps.repo.get(id, userId);
      const current = stored?.outcome ?? emptyOutcome(id, userId, this.deps.now());
      const result = apply(current);
      if (!result.ok) return result;
      if (!result.changed) return { ok: true, outcome: current, changed: false };
      const written = await this.deps.repo.commit(stored, result.next, addressed(id, userId, result.schedule), addressed(id, userId, result.unschedule));
      if (written === "ok") return { ok: true, outcome: result.next, changed: true };
    }
    throw new Error(`outcome ${id}/${userId}: too many concurrent changes`);
  }
}

function sides(request: MeetingRequest): number[] {
  return [request.from, request.to].filter((id) => id !== ERASED);
}

function isSide(request: MeetingRequest, userId: number): boolean {
  return userId !== ERASED && (request.from === userId || request.to === userId);
}

function unchangedOr(current: SideOutcome, next: SideOutcome | undefined): Change {
  return next ? { ok: true, next, changed: true, schedule: [], unschedule: [] } : { ok: true, next: current, changed: false, schedule: [], unschedule: [] };
}

/** A few milliseconds at random, so writers that just collided do not collide again in lockstep. */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
}
