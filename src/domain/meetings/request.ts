/**
 * A meeting request and its life: pending → accepted / declined / cancelled, with "another time
 * proposed" as a pending sub-state. Pure: every transition returns a tagged result, and the storage layer
 * applies it atomically (so two taps at once, or accept racing cancel, end in exactly one state).
 */

import type { MeetingTable } from "./tables.js";

/** A time slot as instants (ms since epoch); `null` on a request means "any time". */
export interface SlotRange {
  start: number;
  end: number;
}

export const REQUEST_STATES = ["pending", "accepted", "declined", "cancelled"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const DECLINE_REASONS = ["busy", "not-relevant", "no-time", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Stands for a participant who deleted their data: requests keep their history without them. */
export const ERASED = 0;

export const HISTORY_ACTIONS = ["created", "delivered", "erased", "accept", "decline", "propose", "accept-proposal", "decline-proposal", "cancel"] as const;

export interface HistoryEntry {
  at: number;
  /** Telegram user id, or ERASED. */
  by: number;
  action: (typeof HISTORY_ACTIONS)[number];
}

export interface MeetingRequest {
  id: string;
  /** Who asked (usually a delegate). */
  from: number;
  /** Who is asked (usually a host). */
  to: number;
  slot: SlotRange | null;
  message: string;
  state: RequestState;
  /** Set while pending when the addressee proposed another time; the requester answers it. */
  proposal?: SlotRange;
  declineReason?: DeclineReason;
  /** Whether the addressee has been shown the request (a host who never opened the bot has not). */
  delivered: boolean;
  /** The message in the addressee's chat that shows the request, to take the requester's text away on withdrawal. */
  addresseeMessageId?: number;
  /** When the addressee was reminded of it in a digest of unanswered requests (once per request). */
  digestedAt?: number;
  /**
   * Each side's company as the other side was shown it: the requester's on the request card the
   * addressee got, the addressee's on the card the requester chose from. Names the meeting to the one
   * who stays when the other deletes their data (a profile may have been edited since); it goes with
   * its owner's erasure. Absent on records stored before it was kept.
   */
  fromCompany?: string;
  toCompany?: string;
  /**
   * The B2B table the meeting was given when it was agreed (domain/meetings/tables.ts); held while it
   * stays agreed, and kept on the record afterwards as its history.
   */
  table?: MeetingTable;
  createdAt: number;
  updatedAt: number;
  history: HistoryEntry[];
}

export type Action =
  | { type: "accept" }
  | { type: "decline"; reason?: DeclineReason }
  | { type: "propose"; slot: SlotRange }
  | { type: "accept-proposal" }
  | { type: "decline-proposal" }
  /**
   * `expect`: the state the user saw when they chose to cancel. A withdrawal pressed just after the other
   * side accepted must not cancel the meeting they agreed to: it is then "already answered".
   */
  | { type: "cancel"; expect?: "pending" | "accepted" };

export type Refusal = "not-yours" | "already-answered" | "not-allowed-now";

export type Transition =
  | { ok: true; request: MeetingRequest; notify: number; event: TransitionEvent }
  | { ok: false; reason: Refusal };

/** What the other side is told. */
export type TransitionEvent = "accepted" | "declined" | "proposed" | "proposal-accepted" | "proposal-declined" | "withdrawn" | "cancelled";

export function newRequest(input: {
  id: string;
  from: number;
  to: number;
  slot: SlotRange | null;
  message: string;
  now: number;
  delivered: boolean;
  /** The two companies as each side sees the other's now (see MeetingRequest.fromCompany). */
  companies?: { from: string; to: string };
}): MeetingRequest {
  return {
    id: input.id,
    from: input.from,
    to: input.to,
    slot: input.slot,
    message: input.message,
    state: "pending",
    delivered: input.delivered,
    ...(input.companies ? { fromCompany: input.companies.from, toCompany: input.companies.to } : {}),
    createdAt: input.now,
    updatedAt: input.now,
    history: [{ at: input.now, by: input.from, action: "created" }],
  };
}

/**
 * Applies one user's action to a request. `actor` is the Telegram user who pressed the button: only the
 * side the action belongs to may take it, and only from the state it belongs to.
 */
export function transition(request: MeetingRequest, actor: number, action: Action, now: number): Transition {
  const isAddressee = actor === request.to;
  const isRequester = actor === request.from;
  if (!isAddressee && !isRequester) return { ok: false, reason: "not-yours" };

  const done = (changes: Partial<MeetingRequest>, notify: number, event: TransitionEvent): Transition => {
    const next: MeetingRequest = { ...request, ...changes, updatedAt: now, history: [...request.history, { at: now, by: actor, action: action.type }] };
    return { ok: true, request: next, notify, event };
  };
  const answered: Transition = { ok: false, reason: "already-answered" };

  switch (action.type) {
    case "accept":
      if (!isAddressee) return { ok: false, reason: "not-yours" };
      if (request.state !== "pending") return answered;
      if (request.proposal) return { ok: false, reason: "not-allowed-now" };
      return done({ state: "accepted" }, request.from, "accepted");
    case "decline":
      if (!isAddressee) return { ok: false, reason: "not-yours" };
      if (request.state !== "pending") return answered;
      return done({ state: "declined", ...(action.reason ? { declineReason: action.reason } : {}), proposal: undefined }, request.from, "declined");
    case "propose":
      if (!isAddressee) return { ok: false, reason: "not-yours" };
      if (request.state !== "pending") return answered;
      if (request.proposal) return { ok: false, reason: "not-allowed-now" };
      return done({ proposal: action.slot }, request.from, "proposed");
    case "accept-proposal":
      if (!isRequester) return { ok: false, reason: "not-yours" };
      if (request.state !== "pending" || !request.proposal) return answered;
      return done({ state: "accepted", slot: request.proposal, proposal: undefined }, request.to, "proposal-accepted");
    case "decline-proposal":
      if (!isRequester) return { ok: false, reason: "not-yours" };
      if (request.state !== "pending" || !request.proposal) return answered;
      return done({ state: "cancelled", proposal: undefined }, request.to, "proposal-declined");
    case "cancel":
      if (action.expect && request.state !== action.expect) return answered;
      // The requester may withdraw a pending request; either side may cancel an accepted meeting.
      if (request.state === "pending" && isRequester) return done({ state: "cancelled", proposal: undefined }, request.to, "withdrawn");
      if (request.state === "accepted") return done({ state: "cancelled" }, isRequester ? request.to : request.from, "cancelled");
      return answered;
  }
}

/** Both sides' contacts may be shown to each other only once both agreed. */
export function contactsVisible(request: MeetingRequest): boolean {
  return request.state === "accepted";
}

export interface RequestLimits {
  maxPendingRequests: number;
  declineCooldownMs: number;
}

export type RequestCheck =
  | { ok: true }
  | { ok: false; reason: "self" | "too-many-pending" | "pair-open" | "declined-recently"; until?: number };

/**
 * Whether `from` may ask `to` for a meeting now, given `from`'s outgoing requests and the requests
 * between the two: at most N pending, one open request per pair, and no new request for a while to
 * someone who declined.
 */
export function canRequest(
  from: number,
  to: number,
  outgoing: readonly MeetingRequest[],
  betweenPair: readonly MeetingRequest[],
  limits: RequestLimits,
  now: number,
): RequestCheck {
  if (from === to) return { ok: false, reason: "self" };
  const open = (r: MeetingRequest) => r.state === "pending" || r.state === "accepted";
  if (betweenPair.some(open)) return { ok: false, reason: "pair-open" };
  const lastDecline = betweenPair
    .filter((r) => r.state === "declined" && r.from === from && r.to === to)
    .reduce((latest, r) => Math.max(latest, r.updatedAt), 0);
  if (lastDecline > 0 && now - lastDecline < limits.declineCooldownMs) {
    return { ok: false, reason: "declined-recently", until: lastDecline + limits.declineCooldownMs };
  }
  if (outgoing.filter((r) => r.state === "pending").length >= limits.maxPendingRequests) return { ok: false, reason: "too-many-pending" };
  return { ok: true };
}

/**
 * The request once shown to its addressee; `undefined` when there is nothing to mark (answered, or shown
 * already). `shownCompany`: the requester's company on the card shown, which may be newer than the one
 * at the time of asking when the addressee opened the bot only later.
 */
export function markDelivered(request: MeetingRequest, messageId: number, now: number, shownCompany?: string): MeetingRequest | undefined {
  if (request.state !== "pending" || request.delivered) return undefined;
  return {
    ...request,
    delivered: true,
    addresseeMessageId: messageId,
    ...(shownCompany === undefined ? {} : { fromCompany: shownCompany }),
    history: [...request.history, { at: now, by: request.to, action: "delivered" }],
  };
}

/** Pending requests the addressee has not answered: what a digest reminds them of. */
export function awaitsAddressee(request: MeetingRequest): boolean {
  return request.state === "pending" && request.delivered && !request.proposal;
}

export interface Erasure {
  request: MeetingRequest;
  /** The other side, to be told that an open request or meeting is closed; absent when nothing was open. */
  notify?: number;
}

/**
 * A participant deleted their data: what was open with them closes, and the record keeps its history
 * for organisers without them — their id becomes ERASED and the message they wrote goes.
 */
export function erase(request: MeetingRequest, userId: number, now: number): Erasure {
  const isFrom = request.from === userId;
  const isTo = request.to === userId;
  if (userId === ERASED || (!isFrom && !isTo)) return { request };
  const open = request.state === "pending" || request.state === "accepted";
  const other = isFrom ? request.to : request.from;
  const next: MeetingRequest = {
    ...request,
    from: isFrom ? ERASED : request.from,
    to: isTo ? ERASED : request.to,
    message: isFrom ? "" : request.message,
    state: open ? "cancelled" : request.state,
    updatedAt: now,
    history: [...request.history.map((h) => (h.by === userId ? { ...h, by: ERASED } : h)), { at: now, by: ERASED, action: "erased" }],
  };
  delete next.proposal;
  if (isFrom) delete next.fromCompany;
  if (isTo) delete next.toCompany;
  // The addressee's own chat is theirs to keep; the id only serves to edit the requester's text away.
  if (isTo) delete next.addresseeMessageId;
  return open && other !== ERASED ? { request: next, notify: other } : { request: next };
}

/**
 * What someone who deleted their data may have left in the other side's Telegram chat: `names`,
 * messages that name them (notices, the request card); `requests`, the card and message of a request
 * of theirs that the addressee saw; `contacts`, theirs, given when a meeting was agreed.
 */
export type Remnant = "names" | "requests" | "contacts";

/**
 * What the other side of one request may still have of `userId`: the bot does not take back what it
 * delivered, except the card of a request withdrawn before an answer. `request` is the record as it was
 * before the erasure; `cardTakenBack`: its card was taken out of the addressee's chat just now.
 */
export function remnantsWithOther(request: MeetingRequest, userId: number, cardTakenBack: boolean): Remnant[] {
  const isFrom = request.from === userId;
  if (userId === ERASED || (!isFrom && request.to !== userId)) return [];
  // A request its addressee never saw left nothing of the requester in their chat.
  if (isFrom && !request.delivered) return [];
  const agreed = request.history.some((h) => h.action === "accept" || h.action === "accept-proposal");
  const withdrawn = request.state === "cancelled" && !agreed && request.history.some((h) => h.action === "cancel" && h.by === request.from);
  const found: Remnant[] = ["names"];
  if (isFrom && !cardTakenBack && !withdrawn) found.push("requests");
  if (agreed) found.push("contacts");
  return found;
}

/** Whether a slot is taken by an accepted meeting of either person (other than the request itself). */
export function slotTaken(slot: SlotRange, acceptedOfEither: readonly MeetingRequest[], exceptId?: string): boolean {
  return acceptedOfEither.some((r) => r.id !== exceptId && r.state === "accepted" && r.slot !== null && overlaps(slot, r.slot));
}

/** Whether two slots overlap (touching ends do not). */
export function overlaps(a: SlotRange, b: SlotRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Slots still free for both people: not overlapping any accepted meeting of either. */
export function freeSlots(slots: readonly SlotRange[], acceptedOfEither: readonly MeetingRequest[]): SlotRange[] {
  const taken = acceptedOfEither.filter((r) => r.state === "accepted" && r.slot).map((r) => r.slot as SlotRange);
  return slots.filter((slot) => !taken.some((t) => overlaps(slot, t)));
}
