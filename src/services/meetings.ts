import { randomBytes } from "node:crypto";
import { validateMeetingMessage } from "../domain/meetings/message.js";
import { contactsFor, publicProfile, type Contacts, type PublicProfile } from "../domain/meetings/privacy.js";
import {
  awaitsAddressee,
  canRequest,
  erase,
  ERASED,
  freeSlots,
  markDelivered,
  newRequest,
  overlaps,
  remnantsWithOther,
  slotTaken,
  transition,
  type Action,
  type MeetingRequest,
  type Remnant,
  type SlotRange,
  type TransitionEvent,
} from "../domain/meetings/request.js";
import type { MeetingSettings } from "../domain/mission/schema.js";
import { firstFreeTable } from "../domain/meetings/tables.js";
import { requestLimits } from "../domain/meetings/settings.js";
import type { Participant } from "../domain/participant.js";
import type { Logger } from "../logger.js";
import type { Guards, MeetingsRepo, Stored } from "../storage/meetings-repo.js";
import type { ParticipantsRepo } from "../storage/participants-repo.js";
import type { Erased } from "./personal-data.js";

/** What the other side of a request is shown. Contacts travel only in answers that made a meeting. */
export type Notice =
  /** A new request, with the requester's public card and the Accept / Decline / Propose buttons. */
  | { kind: "request"; request: MeetingRequest; from: PublicProfile }
  /** Said before requests that waited for someone who had not opened the bot. */
  | { kind: "waiting"; count: number }
  /** The other side acted; `contacts` only when the meeting is agreed. */
  | { kind: "answer"; event: TransitionEvent; request: MeetingRequest; by: PublicProfile; contacts?: Contacts }
  /**
   * The other side deleted their data: what was open with them is closed. `company`: theirs as the
   * recipient knew it (absent if unknown); `was`: an agreed meeting or a request still waiting.
   */
  | { kind: "left"; request: MeetingRequest; was: "meeting" | "request"; company?: string }
  /** Requests left unanswered for a while, in one message. */
  | { kind: "digest"; items: { request: MeetingRequest; from: PublicProfile | undefined }[] };

/** `unreachable`: Telegram refused (the person never opened the bot, or blocked it); otherwise a failure was logged. */
export type Delivery = { ok: true; messageId: number } | { ok: false; unreachable: boolean };

export interface NoticeOptions {
  /**
   * Not a consequence of something the other side just did (a digest, requests shown to someone who
   * comes back): it takes its turn with the bot's other bulk sends (jobs/pacing), instead of going
   * straight out as the answer to an action does.
   */
  bulk?: boolean;
}

/** Sends notices through Telegram, each in the recipient's language (the bot layer implements it). */
export interface MeetingNotifier {
  send(to: Participant, notice: Notice, options?: NoticeOptions): Promise<Delivery>;
  /**
   * Takes the requester's card and message out of the addressee's copy of a withdrawn request; false
   * when it could not (so the deletion summary does not claim it).
   */
  retract(addressee: Participant, request: MeetingRequest): Promise<boolean>;
}

/** The personal agendas: an agreed meeting with a time goes in (with reminders) and comes out again. */
export interface MeetingCalendar {
  booked(request: MeetingRequest): Promise<void>;
  released(request: MeetingRequest): Promise<void>;
}

export type Refusal =
  | "not-registered"
  | "unknown"
  | "self"
  | "too-many-pending"
  | "pair-open"
  | "declined-recently"
  | "slot-taken"
  /** The slot is over (or no longer in the programme). */
  | "slot-past"
  | "not-yours"
  | "already-answered"
  | "not-allowed-now"
  | "bad-message";

export type Refused = { ok: false; reason: Refusal; until?: number; limit?: number };

export type Prepared = { ok: true; target: PublicProfile; slots: SlotRange[] } | Refused;

export type Requested = { ok: true; request: MeetingRequest; target: PublicProfile; delivered: boolean } | Refused;

export type Acted =
  | { ok: true; request: MeetingRequest; event: TransitionEvent; other?: PublicProfile; contacts?: Contacts }
  | Refused;

export interface Opened {
  request: MeetingRequest;
  /** Absent when the other side deleted their data. */
  other?: PublicProfile;
  contacts?: Contacts;
}

export interface MeetingsServiceDeps {
  repo: MeetingsRepo;
  participants: ParticipantsRepo;
  notifier: MeetingNotifier;
  /** Agreed meetings into both people's agendas with their reminders; none when absent. */
  calendar?: MeetingCalendar;
  /** The programme's meetings settings (limits, slot length). */
  settings: () => MeetingSettings;
  /** Every meeting slot of the programme; "any time" is always possible besides. */
  slots: () => readonly SlotRange[];
  /** The B2B item with tables a slot lies in (issue 16), with how many it has; none: meetings there get no table. */
  tables?: (slot: SlotRange) => { item: string; count: number } | undefined;
  now: () => number;
  logger: Logger;
  newId?: () => string;
}

/** Unanswered this long, a request goes into its addressee's digest. */
export const DIGEST_AFTER_MS = 12 * 3600_000;
// Optimistic writes retry when another write moved what they checked; each conflict means another write
// succeeded. The guards are narrow (one user's own requests, one pair, one user's meetings), so real
// contention is a few writers at most; a short random pause keeps a burst from retrying in lockstep.
const ATTEMPTS = 40;
const DELIVERY_LOCK_MS = 15_000;
const LEAVING_SECONDS = 60;

/**
 * Meeting requests: asking, answering, cancelling, delivery to people who had not opened the bot yet,
 * the digest of unanswered requests and erasure. The decisions are the domain's; this class reads what
 * they need, commits the result atomically (retrying when another write got there first) and tells the
 * other side.
 */
export class MeetingsService {
  private readonly newId: () => string;

  constructor(private readonly deps: MeetingsServiceDeps) {
    this.newId = deps.newId ?? (() => randomBytes(6).toString("hex"));
  }

  // ---- asking ---------------------------------------------------------------------------------

  /** Whether `fromId` may ask `toId` now, and the slots free for both (before the flow asks anything). */
  async prepare(fromId: number, toId: number): Promise<Prepared> {
    const [from, to] = await Promise.all([this.deps.participants.get(fromId), this.deps.participants.get(toId)]);
    if (!from) return { ok: false, reason: "not-registered" };
    if (!to || (!to.visible && fromId !== toId)) return { ok: false, reason: "unknown" };
    const refusal = await this.limitsRefusal(fromId, toId);
    if (refusal) return refusal;
    return { ok: true, target: publicProfile(to), slots: await this.commonFreeSlots(fromId, toId) };
  }

  /** Slots free for both people, in the future, in time order. */
  async commonFreeSlots(a: number, b: number, except?: SlotRange | null): Promise<SlotRange[]> {
    const now = this.deps.now();
    const upcoming = this.deps.slots().filter((s) => s.start > now && !(except && overlaps(s, except)));
    if (upcoming.length === 0) return [];
    return freeSlots(upcoming, await this.acceptedOf(a, b)).sort((x, y) => x.start - y.start);
  }

  /** Creates the request if every limit allows it at this very moment, then shows it to the addressee. */
  async request(input: { from: number; to: number; slot: SlotRange | null; message: string }): Promise<Requested> {
    const message = validateMeetingMessage(input.message);
    if (!message.ok) return { ok: false, reason: "bad-message" };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await pause();
      const now = this.deps.now();
      // Guards first: whatever the checks below read that changes after this makes the write fail.
      const guards = await this.deps.repo.guards([
        { kind: "outgoing", user: input.from },
        { kind: "pair", a: input.from, b: input.to },
      ]);
      const [from, to] = await Promise.all([this.deps.participants.get(input.from), this.deps.participants.get(input.to)]);
      if (!from) return { ok: false, reason: "not-registered" };
      if (!to || !to.visible) return { ok: false, reason: "unknown" };
      const refusal = await this.limitsRefusal(input.from, input.to);
      if (refusal) return refusal;
      const slotRefusal = input.slot ? await this.slotRefusal(input.slot, input.from, input.to) : undefined;
      if (slotRefusal) return slotRefusal;
      const request = newRequest({
        id: this.newId(),
        from: input.from,
        to: input.to,
        slot: input.slot,
        message: message.value,
        now,
        delivered: false,
        companies: { from: from.company, to: to.company },
      });
      // A slot taken meanwhile is not guarded here: the answer checks it again when it takes the slot.
      const result = await this.deps.repo.create(request, now, { guards, present: [input.from, input.to] });
      if (result === "gone") return { ok: false, reason: "unknown" };
      if (result === "conflict") continue;
      const delivered = await this.deliver(request.id, to);
      return { ok: true, request, target: publicProfile(to), delivered };
    }
    throw new Error("meeting request: too many concurrent changes");
  }

  // ---- answering --------------------------------------------------------------------------------

  /**
   * Whether `actor` may decline, propose or cancel now, without doing it (to show a menu of reasons,
   * times or a confirmation). For a proposal, the slots it could propose.
   */
  async check(actor: number, id: string, kind: "decline" | "propose" | "cancel"): Promise<{ ok: true; request: MeetingRequest; slots: SlotRange[] } | Refused> {
    const stored = await this.deps.repo.get(id);
    if (!stored) return { ok: false, reason: "unknown" };
    const { request } = stored;
    const probe: Action = kind === "propose" ? { type: "propose", slot: { start: 0, end: 0 } } : { type: kind };
    const result = transition(request, actor, probe, this.deps.now());
    if (!result.ok) return { ok: false, reason: result.reason };
    if (kind !== "propose") return { ok: true, request, slots: [] };
    return { ok: true, request, slots: await this.commonFreeSlots(request.from, request.to, request.slot) };
  }

  /** Takes one side's action on a request atomically, then tells the other side. */
  async act(actor: number, id: string, action: Action): Promise<Acted> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await pause();
      const now = this.deps.now();
      const first = await this.deps.repo.get(id);
      if (!first) return { ok: false, reason: "unknown" };
      // Accepting a time takes a slot: checked against both people's agreed meetings, whose guards are
      // read before those meetings and compared when writing. "Any time" takes none, so a host answering
      // a pile of such requests never retries. (A proposal is checked again when accepted.)
      const slot = action.type === "accept" ? first.request.slot : action.type === "accept-proposal" ? first.request.proposal : undefined;
      const takesSlot = slot !== undefined && slot !== null;
      const guards: Guards | undefined = takesSlot
        ? await this.deps.repo.guards([
            { kind: "accepted", user: first.request.from },
            { kind: "accepted", user: first.request.to },
          ])
        : undefined;
      const stored = takesSlot ? await this.deps.repo.get(id) : first;
      if (!stored) return { ok: false, reason: "unknown" };
      const result = transition(stored.request, actor, action, now);
      if (!result.ok) return { ok: false, reason: result.reason };
      // A meeting agreed for a time in a session with tables takes the first free one; the write fails
      // (and this retries) if another meeting claimed it meanwhile.
      const agreed = result.request.state === "accepted" && stored.request.state !== "accepted";
      const next = agreed ? await this.seated(result.request) : result.request;
      const slotRefusal =
        action.type === "propose"
          ? await this.proposalRefusal(action.slot, next)
          : (action.type === "accept" || action.type === "accept-proposal") && next.slot
            ? await this.slotRefusal(next.slot, next.from, next.to, next.id)
            : undefined;
      if (slotRefusal) return slotRefusal;
      const written = await this.deps.repo.update(stored, next, now, guards ? { guards } : {});
      if (written === "conflict") continue;
      if (written === "gone") return { ok: false, reason: "unknown" };
      return this.afterAct(actor, stored.request, next, result.event, result.notify);
    }
    throw new Error("meeting action: too many concurrent changes");
  }

  private async afterAct(actor: number, before: MeetingRequest, request: MeetingRequest, event: TransitionEvent, notifyId: number): Promise<Acted> {
    if (request.state === "accepted" && before.state !== "accepted") await this.deps.calendar?.booked(request);
    if (before.state === "accepted" && request.state !== "accepted") await this.deps.calendar?.released(before);
    const [me, other] = await Promise.all([this.deps.participants.get(actor), this.deps.participants.get(notifyId)]);
    const otherContacts = other ? contactsFor(other, request) : undefined;
    if (event === "withdrawn" && before.delivered && other) await this.deps.notifier.retract(other, request);
    // A request its addressee never saw is withdrawn silently: there is nothing to take back.
    const tell = other && me && (event !== "withdrawn" || before.delivered);
    if (tell) {
      const myContacts = contactsFor(me, request);
      const sent = await this.deps.notifier.send(other, { kind: "answer", event, request, by: publicProfile(me), ...(myContacts ? { contacts: myContacts } : {}) });
      await this.unreachableIf(other, sent);
    }
    return { ok: true, request, event, ...(other ? { other: publicProfile(other) } : {}), ...(otherContacts ? { contacts: otherContacts } : {}) };
  }

  /** The request with the table it is to hold, or "at the desk" when none is free; as it was when its slot has no tables. */
  private async seated(request: MeetingRequest): Promise<MeetingRequest> {
    const session = request.slot ? this.deps.tables?.(request.slot) : undefined;
    if (!request.slot || !session) return request;
    const taken = await this.deps.repo.takenTables(session.item, request.slot.start);
    return { ...request, table: { item: session.item, n: firstFreeTable(session.count, taken) } };
  }

  // ---- reading ----------------------------------------------------------------------------------

  /** One request as one of its two sides sees it. */
  async open(viewer: number, id: string): Promise<{ ok: true; opened: Opened } | Refused> {
    const stored = await this.deps.repo.get(id);
    if (!stored) return { ok: false, reason: "unknown" };
    const { request } = stored;
    if (viewer === ERASED || (request.from !== viewer && request.to !== viewer)) return { ok: false, reason: "not-yours" };
    return { ok: true, opened: await this.view(viewer, request) };
  }

  /** Everything a person sent and received, each with the other side. */
  async list(userId: number): Promise<Opened[]> {
    const stored = await this.deps.repo.involving(userId);
    const others = new Map<number, Participant | undefined>();
    for (const { request } of stored) {
      const other = request.from === userId ? request.to : request.from;
      if (!others.has(other)) others.set(other, other === ERASED ? undefined : await this.deps.participants.get(other));
    }
    return stored.map(({ request }) => {
      const other = others.get(request.from === userId ? request.to : request.from);
      return { request, ...(other ? { other: publicProfile(other) } : {}) };
    });
  }

  /**
   * The request `fromId` has open with `toId` (waiting or agreed), with `toId` as shown: a second tap
   * on the flow's "Send" finds the request the first one sent.
   */
  async openRequestTo(fromId: number, toId: number): Promise<{ request: MeetingRequest; to: PublicProfile } | undefined> {
    if (fromId === ERASED || toId === ERASED) return undefined;
    const open = (await this.deps.repo.betweenPair(fromId, toId))
      .map((s) => s.request)
      .filter((r) => r.from === fromId && r.to === toId && (r.state === "pending" || r.state === "accepted"))
      .at(-1);
    if (!open) return undefined;
    const to = await this.deps.participants.get(toId);
    return to ? { request: open, to: publicProfile(to) } : undefined;
  }

  /** Accepted meetings of a person (for the personal agenda). */
  async accepted(userId: number): Promise<MeetingRequest[]> {
    return (await this.deps.repo.accepted(userId)).map((s) => s.request);
  }

  private async view(viewer: number, request: MeetingRequest): Promise<Opened> {
    const otherId = request.from === viewer ? request.to : request.from;
    const other = otherId === ERASED ? undefined : await this.deps.participants.get(otherId);
    const contacts = other ? contactsFor(other, request) : undefined;
    return { request, ...(other ? { other: publicProfile(other) } : {}), ...(contacts ? { contacts } : {}) };
  }

  // ---- delivery -----------------------------------------------------------------------------------

  /**
   * Shows the addressee the requests Telegram would not let the bot show them before (they had not
   * opened the bot, or had blocked it). Called when they write to the bot again.
   */
  async deliverWaiting(userId: number): Promise<number> {
    const ids = await this.deps.repo.waiting(userId);
    if (ids.length === 0) return 0;
    const addressee = await this.deps.participants.get(userId);
    if (!addressee) return 0;
    const due = (await this.deps.repo.getMany(ids)).filter((s) => s.request.to === userId && s.request.state === "pending" && !s.request.delivered);
    if (due.length === 0) return 0;
    const header = await this.deps.notifier.send(addressee, { kind: "waiting", count: due.length }, { bulk: true });
    if (!header.ok) {
      await this.unreachableIf(addressee, header);
      return 0;
    }
    let delivered = 0;
    for (const { request } of due) if (await this.deliver(request.id, addressee, { bulk: true })) delivered++;
    return delivered;
  }

  /** Shows one request to its addressee unless someone else is showing it right now; true once shown. */
  private async deliver(id: string, to: Participant, options: NoticeOptions = {}): Promise<boolean> {
    if (!(await this.deps.repo.lockDelivery(id, DELIVERY_LOCK_MS))) return false;
    try {
      const stored = await this.deps.repo.get(id);
      if (!stored || stored.request.state !== "pending") return false;
      if (stored.request.delivered) return true;
      const from = await this.deps.participants.get(stored.request.from);
      if (!from) return false;
      const sent = await this.deps.notifier.send(to, { kind: "request", request: stored.request, from: publicProfile(from) }, options);
      if (!sent.ok) {
        await this.unreachableIf(to, sent);
        return false;
      }
      await this.mutate(id, (r) => markDelivered(r, sent.messageId, this.deps.now(), from.company));
      return true;
    } finally {
      await this.deps.repo.unlockDelivery(id);
    }
  }

  // ---- the digest ---------------------------------------------------------------------------------

  /**
   * One message per addressee listing their requests delivered at least 12 hours ago and still
   * unanswered. Each request is claimed (marked digested) atomically before it is listed, so two
   * processes sweeping at once never mention one twice. Returns how many messages went out.
   */
  async sendDigests(): Promise<number> {
    const now = this.deps.now();
    const ids = await this.deps.repo.digestDue(now - DIGEST_AFTER_MS);
    if (ids.length === 0) return 0;
    const byAddressee = new Map<number, MeetingRequest[]>();
    const existing = new Set((await this.deps.repo.getMany(ids)).map((s) => s.request.id));
    const gone = ids.filter((id) => !existing.has(id));
    if (gone.length > 0) await this.deps.repo.forgetDigestDue(gone);
    for (const id of existing) {
      const claimed = await this.mutate(id, (r) => (awaitsAddressee(r) && r.digestedAt === undefined ? { ...r, digestedAt: now } : undefined));
      if (claimed) byAddressee.set(claimed.to, [...(byAddressee.get(claimed.to) ?? []), claimed]);
    }
    let sent = 0;
    for (const [addresseeId, requests] of byAddressee) {
      const addressee = await this.deps.participants.get(addresseeId);
      if (!addressee) continue;
      const items = await Promise.all(
        requests.map(async (request) => {
          const from = await this.deps.participants.get(request.from);
          return { request, from: from ? publicProfile(from) : undefined };
        }),
      );
      const delivery = await this.deps.notifier.send(addressee, { kind: "digest", items }, { bulk: true });
      if (delivery.ok) sent++;
      await this.unreachableIf(addressee, delivery);
    }
    return sent;
  }

  // ---- erasure ------------------------------------------------------------------------------------

  /**
   * For /deletemydata: no new request may name the person from now on; what was open with them
   * closes (the other side is told which meeting it was); the records keep their history without them.
   * Returns the locale items for the "what was deleted" list, and for what the others may still have
   * in their chats of what the bot already sent them.
   */
  async erase(userId: number): Promise<Erased> {
    await this.deps.repo.markLeaving(userId, LEAVING_SECONDS);
    const involved = await this.deps.repo.involving(userId);
    // Old records keep no company: the profile, still there while the erasers run, stands in.
    const profile = involved.length > 0 ? await this.deps.participants.get(userId) : undefined;
    let retracted = false;
    const remnants = new Set<Remnant>();
    for (const { request } of involved) {
      let outcome: { before: MeetingRequest; notify?: number } | undefined;
      const erased = await this.mutate(request.id, (r) => {
        const result = erase(r, userId, this.deps.now());
        outcome = { before: r, ...(result.notify === undefined ? {} : { notify: result.notify }) };
        return result.request;
      });
      if (!erased || !outcome) continue;
      const { before, notify } = outcome;
      if (before.state === "accepted") await this.deps.calendar?.released(before);
      const other = notify === undefined ? undefined : await this.deps.participants.get(notify);
      let takenBack = false;
      if (other && before.from === userId && before.state === "pending" && before.delivered) takenBack = await this.deps.notifier.retract(other, erased);
      retracted ||= takenBack;
      for (const remnant of remnantsWithOther(before, userId, takenBack)) remnants.add(remnant);
      if (!other) continue;
      // An addressee who never saw the request has nothing to be told.
      if (before.state === "accepted" || before.delivered || before.to === userId) {
        const company = (before.from === userId ? before.fromCompany : before.toCompany) ?? profile?.company;
        const notice: Notice = { kind: "left", request: erased, was: before.state === "accepted" ? "meeting" : "request", ...(company ? { company } : {}) };
        await this.unreachableIf(other, await this.deps.notifier.send(other, notice));
      }
    }
    const counterparts = involved.map(({ request }) => (request.from === userId ? request.to : request.from));
    await this.deps.repo.forgetUser(userId, [...new Set(counterparts)]);
    if (involved.length === 0) return { deleted: [], othersKeep: [] };
    const order: Remnant[] = ["names", "requests", "contacts"];
    return {
      deleted: ["meetings", ...(retracted ? ["meetings-retracted"] : [])],
      othersKeep: order.filter((r) => remnants.has(r)).map((r) => `meeting-${r}`),
    };
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** Telegram said the bot cannot write to them: remembered, so that their next message brings them back. */
  private async unreachableIf(to: Participant, delivery: Delivery): Promise<void> {
    if (!delivery.ok && delivery.unreachable) await this.deps.participants.setReachable(to.id, false);
  }

  /** Reads, changes and writes one record until the write lands; `undefined` from `change`: leave it. */
  private async mutate(id: string, change: (r: MeetingRequest) => MeetingRequest | undefined): Promise<MeetingRequest | undefined> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await pause();
      const stored: Stored | undefined = await this.deps.repo.get(id);
      if (!stored) return undefined;
      const next = change(stored.request);
      if (!next) return undefined;
      const written = await this.deps.repo.update(stored, next, this.deps.now());
      if (written === "ok") return next;
    }
    throw new Error(`meeting ${id}: too many concurrent changes`);
  }

  private async limitsRefusal(fromId: number, toId: number): Promise<Refused | undefined> {
    const [outgoing, pair] = await Promise.all([this.deps.repo.outgoing(fromId), this.deps.repo.betweenPair(fromId, toId)]);
    const limits = requestLimits(this.deps.settings());
    const check = canRequest(
      fromId,
      toId,
      outgoing.map((s) => s.request),
      pair.map((s) => s.request),
      limits,
      this.deps.now(),
    );
    if (check.ok) return undefined;
    return {
      ok: false,
      reason: check.reason,
      ...(check.until === undefined ? {} : { until: check.until }),
      ...(check.reason === "too-many-pending" ? { limit: limits.maxPendingRequests } : {}),
    };
  }

  private async acceptedOf(a: number, b: number): Promise<MeetingRequest[]> {
    const [ofA, ofB] = await Promise.all([this.deps.repo.accepted(a), this.deps.repo.accepted(b)]);
    const seen = new Set<string>();
    return [...ofA, ...ofB].map((s) => s.request).filter((r) => r.state === "accepted" && !seen.has(r.id) && (seen.add(r.id), true));
  }

  /** Why a slot cannot be had: not a programme slot still ahead, or taken by a meeting of either person. */
  private async slotRefusal(slot: SlotRange, a: number, b: number, exceptId?: string): Promise<Refused | undefined> {
    const known = this.deps.slots().some((s) => s.start === slot.start && s.end === slot.end);
    if (!known || slot.start <= this.deps.now()) return { ok: false, reason: "slot-past" };
    return slotTaken(slot, await this.acceptedOf(a, b), exceptId) ? { ok: false, reason: "slot-taken" } : undefined;
  }

  private async proposalRefusal(slot: SlotRange, request: MeetingRequest): Promise<Refused | undefined> {
    if (request.slot && overlaps(slot, request.slot)) return { ok: false, reason: "slot-taken" };
    return this.slotRefusal(slot, request.from, request.to, request.id);
  }
}

/** A few milliseconds at random, so writers that just collided do not collide again in lockstep. */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
}
