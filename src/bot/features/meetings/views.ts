import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { paginate } from "../../../domain/meetings/directory.js";
import { zonedTime, zoneLabel } from "../../../domain/programme/time.js";
import type { Contacts, PublicProfile } from "../../../domain/meetings/privacy.js";
import { awaitsAddressee, type MeetingRequest, type SlotRange, type TransitionEvent } from "../../../domain/meetings/request.js";
import { tablePlace, type MeetingTable } from "../../../domain/meetings/tables.js";
import type { Locale } from "../../../domain/locale.js";
import { localize, type Mission } from "../../../domain/mission/schema.js";
import type { Translate } from "../../i18n.js";
import type { Notice, Refused } from "../../../services/meetings.js";
import { callbackData } from "../../callback-data.js";
import { escapeAttribute, escapeHtml } from "../../html.js";
import { clip, compact, publicCardText, userIdField, type View, type ViewEnv } from "../people/views.js";

// ---- callback data (ids only) ----------------------------------------------------------------------

const requestId = z.string().regex(/^[a-z0-9]{6,24}$/);
/** A slot by its start, in whole minutes since the epoch. */
const minute = z.string().regex(/^\d{1,9}$/).transform(Number);

/** "Request a meeting" under a participant's card. */
export const requestData = callbackData("mreq", { id: userIdField });
/** The request flow's own buttons: a slot or "any", then send / edit / time / abort. */
export const slotData = callbackData("mslot", { at: z.union([minute, z.literal("any")]) });
export const flowData = callbackData("mflow", { step: z.enum(["send", "edit", "time", "abort"]) });
/**
 * The confirmation's "Send", naming whom to: a second tap after the request went out (the flow is over
 * by then) finds it and says so. (`mflow:send` is still read by the flow, for a confirmation shown before.)
 */
export const sendData = callbackData("msend", { to: userIdField });
/**
 * An action on a request: accept, decline menu, propose menu, accept / decline a proposal, cancel (ask),
 * withdraw a pending request (yes), cancel an agreed meeting (yes), back.
 */
export const ACTS = ["acc", "dec", "prop", "acp", "dcp", "cnl", "wdy", "cny", "back"] as const;
export const actData = callbackData("ma", { id: requestId, act: z.enum(ACTS) });
export const DECLINE_CHOICES = ["busy", "not-relevant", "no-time", "none"] as const;
export const declineData = callbackData("mdr", { id: requestId, reason: z.enum(DECLINE_CHOICES) });
export const proposeData = callbackData("mps", { id: requestId, at: minute });
export const openData = callbackData("mo", { id: requestId });
export const listData = callbackData("ml", { page: z.string().regex(/^\d{1,3}$/).transform(Number) });

export function slotMinute(slot: SlotRange): number {
  return Math.round(slot.start / 60_000);
}

// ---- time ------------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { timeZone: zone, ...options });
    formatters.set(key, f);
  }
  return f;
}

function zone(env: ViewEnv): string {
  return env.mission.mission.timezone;
}

function clock(env: ViewEnv, at: number): string {
  return zonedTime(at, zone(env));
}

/** "Krasnoyarsk time, UTC+7", as the programme says it: nobody reads a time in their home zone by mistake. */
function zoneText(env: ViewEnv, at: number): string {
  return zoneLabel(env.mission, env.locale, at);
}

/** A slot in full ("Thu 10 December, 14:00–14:20 (Krasnoyarsk time, UTC+7)") or "any time". */
export function slotText(env: ViewEnv, slot: SlotRange | null): string {
  if (!slot) return env.t("meeting-any-time");
  const date = formatter(env.locale, zone(env), { weekday: "short", day: "numeric", month: "long" }).format(slot.start);
  return env.t("meeting-slot", { date, start: clock(env, slot.start), end: clock(env, slot.end), zone: escapeHtml(zoneText(env, slot.start)) });
}

/** A meeting's table by itself, plain text: "Table 7", a named table's name, or "Table at the desk". */
export function tableText(t: Translate, mission: Mission, locale: Locale, table: MeetingTable): string {
  const { label } = tablePlace(mission, table, locale);
  if (label.kind === "number") return t("meeting-table", { number: String(label.n) });
  return label.kind === "name" ? label.name : t("meeting-table-desk");
}

/** Where an agreed meeting with a table is held, plain text: "Table 7, KRITBI" in the viewer's language. */
export function tablePlaceText(t: Translate, mission: Mission, locale: Locale, table: MeetingTable): string {
  const { venue } = tablePlace(mission, table, locale);
  const label = tableText(t, mission, locale, table);
  return venue ? t("meeting-table-place", { table: label, venue: localize(venue.name, locale) }) : label;
}

/** "📍 Where: Table 7, KRITBI" under an agreed meeting that has a table (or waits for one at the desk). */
function tableLine(env: ViewEnv, request: MeetingRequest): string[] {
  if (request.state !== "accepted" || !request.table) return [];
  return [env.t("meeting-table-line", { place: escapeHtml(tablePlaceText(env.t, env.mission, env.locale, request.table)) })];
}

/** A slot on a button: "Thu 10 Dec 14:00". */
export function slotLabel(env: ViewEnv, slot: SlotRange): string {
  const date = formatter(env.locale, zone(env), { weekday: "short", day: "numeric", month: "short" }).format(slot.start);
  return `${date.replace(/,/g, "")} ${clock(env, slot.start)}`;
}

/** A moment on a button, without the weekday: "10 Dec 13:30". */
function shortMoment(env: ViewEnv, at: number): string {
  const date = formatter(env.locale, zone(env), { day: "numeric", month: "short" }).format(at);
  return `${date} ${clock(env, at)}`;
}

export function momentText(env: ViewEnv, at: number): string {
  const date = formatter(env.locale, zone(env), { day: "numeric", month: "long" }).format(at);
  return env.t("meeting-moment", { date, time: clock(env, at), zone: escapeHtml(zoneText(env, at)) });
}

function slotsKeyboard(env: ViewEnv, slots: readonly SlotRange[], data: (slot: SlotRange) => string, keyboard = new InlineKeyboard()): InlineKeyboard {
  slots.slice(0, 30).forEach((slot, i) => {
    keyboard.text(slotLabel(env, slot), data(slot));
    if (i % 3 === 2) keyboard.row();
  });
  return keyboard.row();
}

// ---- pieces ----------------------------------------------------------------------------------------

function nameOf(env: ViewEnv, other: { fullName: string } | undefined): string {
  return other ? `<b>${escapeHtml(other.fullName)}</b>` : env.t("meeting-someone-left");
}

function quote(message: string): string {
  return `<blockquote>${escapeHtml(message)}</blockquote>`;
}

/**
 * How to reach the other side of an agreed meeting: a Telegram link (the @username when they have one)
 * and the phone and e-mail they chose to give. Only ever built from `Contacts`, which only an accepted
 * request yields.
 */
export function contactsText(env: ViewEnv, c: Contacts): string {
  const { t } = env;
  const link = `<a href="${escapeAttribute(`tg://user?id=${c.id}`)}">${escapeHtml(c.fullName)}</a>`;
  const lines = [
    t("meeting-contacts-title"),
    t("card-work", { position: escapeHtml(c.position), company: escapeHtml(c.company) }),
    t("meeting-contacts-telegram", { link, username: c.username ? ` · @${escapeHtml(c.username)}` : "" }),
  ];
  if (c.phone) lines.push(t("card-phone", { value: escapeHtml(c.phone) }));
  if (c.email) lines.push(t("card-email", { value: escapeHtml(c.email) }));
  if (!c.phone && !c.email) lines.push(t("meeting-contacts-telegram-only"));
  return lines.join("\n");
}

function reasonLine(env: ViewEnv, request: MeetingRequest): string | undefined {
  return request.declineReason && request.declineReason !== "other" ? env.t("meeting-reason", { reason: env.t(`meeting-decline-${request.declineReason}`) }) : undefined;
}

// ---- keyboards -------------------------------------------------------------------------------------

/** The buttons a side of a request has, given its state. */
export function viewerKeyboard(env: ViewEnv, viewer: number, request: MeetingRequest): InlineKeyboard | undefined {
  const { t } = env;
  const id = request.id;
  if (request.state === "pending" && request.to === viewer && !request.proposal) {
    return new InlineKeyboard()
      .text(t("meeting-accept"), actData.pack({ id, act: "acc" }))
      .text(t("meeting-decline"), actData.pack({ id, act: "dec" }))
      .row()
      .text(t("meeting-propose"), actData.pack({ id, act: "prop" }));
  }
  if (request.state === "pending" && request.from === viewer && request.proposal) {
    return new InlineKeyboard()
      .text(t("meeting-accept-proposal"), actData.pack({ id, act: "acp" }))
      .text(t("meeting-decline-proposal"), actData.pack({ id, act: "dcp" }));
  }
  if (request.state === "pending" && request.from === viewer) return new InlineKeyboard().text(t("meeting-withdraw"), actData.pack({ id, act: "cnl" }));
  if (request.state === "accepted") return new InlineKeyboard().text(t("meeting-cancel"), actData.pack({ id, act: "cnl" }));
  return undefined;
}

export function declineKeyboard(env: ViewEnv, id: string): InlineKeyboard {
  const { t } = env;
  return new InlineKeyboard()
    .text(t("meeting-decline-busy"), declineData.pack({ id, reason: "busy" }))
    .text(t("meeting-decline-not-relevant"), declineData.pack({ id, reason: "not-relevant" }))
    .row()
    .text(t("meeting-decline-no-time"), declineData.pack({ id, reason: "no-time" }))
    .text(t("meeting-decline-none"), declineData.pack({ id, reason: "none" }))
    .row()
    .text(t("meeting-back"), actData.pack({ id, act: "back" }));
}

export function proposeKeyboard(env: ViewEnv, id: string, slots: readonly SlotRange[]): InlineKeyboard {
  return compact(slotsKeyboard(env, slots, (slot) => proposeData.pack({ id, at: String(slotMinute(slot)) })).text(env.t("meeting-back"), actData.pack({ id, act: "back" })));
}

export function cancelKeyboard(env: ViewEnv, request: MeetingRequest): InlineKeyboard {
  const { t } = env;
  return new InlineKeyboard()
    .text(t(request.state === "accepted" ? "meeting-cancel-yes" : "meeting-withdraw-yes"), actData.pack({ id: request.id, act: request.state === "accepted" ? "cny" : "wdy" }))
    .text(t("meeting-back"), actData.pack({ id: request.id, act: "back" }));
}

// ---- notices (sent to the other side, in their language) ---------------------------------------

/** The request as its addressee first sees it: the requester's public card, the time, the message. */
export function requestNoticeView(env: ViewEnv, request: MeetingRequest, from: PublicProfile): View {
  const { t } = env;
  const text = [t("meeting-new-title"), "", publicCardText(env, from), "", t("meeting-when", { slot: slotText(env, request.slot) }), t("meeting-their-message"), quote(request.message)].join("\n");
  return { text, keyboard: viewerKeyboard(env, request.to, request) ?? new InlineKeyboard() };
}

const ANSWER_KEYS: Record<TransitionEvent, string> = {
  accepted: "meeting-told-accepted",
  declined: "meeting-told-declined",
  proposed: "meeting-told-proposed",
  "proposal-accepted": "meeting-told-proposal-accepted",
  "proposal-declined": "meeting-told-proposal-declined",
  withdrawn: "meeting-told-withdrawn",
  cancelled: "meeting-told-cancelled",
};

export interface NoticeView {
  text: string;
  keyboard?: InlineKeyboard;
}

export function noticeView(env: ViewEnv, recipient: number, notice: Notice): NoticeView {
  const { t } = env;
  switch (notice.kind) {
    case "request":
      return requestNoticeView(env, notice.request, notice.from);
    case "waiting":
      return { text: t("meeting-waiting", { count: notice.count }) };
    case "answer": {
      const { request, event } = notice;
      const lines = [t(ANSWER_KEYS[event], { name: nameOf(env, notice.by), slot: slotText(env, event === "proposed" ? (request.proposal ?? null) : request.slot) }), ...tableLine(env, request)];
      if (event === "declined") {
        const reason = reasonLine(env, request);
        if (reason) lines.push(reason);
        lines.push(t("meeting-told-declined-next"));
      }
      if (notice.contacts) lines.push("", contactsText(env, notice.contacts));
      const keyboard = event === "proposed" ? viewerKeyboard(env, recipient, request) : undefined;
      return { text: lines.join("\n"), ...(keyboard ? { keyboard } : {}) };
    }
    case "left": {
      // The company as the recipient knew it: the person is gone, their name is not repeated.
      const who = notice.company ? t("meeting-left-who", { company: escapeHtml(notice.company) }) : t("meeting-left-who-unknown");
      return { text: t(notice.was === "meeting" ? "meeting-told-left-meeting" : "meeting-told-left-request", { who, slot: slotText(env, notice.request.slot) }) };
    }
    case "digest":
      return digestView(env, notice.items);
  }
}

const DIGEST_SHOWN = 15;

/** One message for every request left unanswered: who, when, and a button to open each. */
export function digestView(env: ViewEnv, items: readonly { request: MeetingRequest; from: PublicProfile | undefined }[]): View {
  const { t } = env;
  const shown = items.slice(0, DIGEST_SHOWN);
  const lines = shown.map(({ request, from }, i) =>
    t("meeting-digest-line", { number: i + 1, name: nameOf(env, from), company: from ? `, ${escapeHtml(clip(from.company, 60))}` : "", slot: slotText(env, request.slot) }),
  );
  if (items.length > shown.length) lines.push(t("meeting-digest-more", { count: items.length - shown.length }));
  const keyboard = new InlineKeyboard();
  shown.forEach(({ request, from }, i) => {
    keyboard.text(t("people-open", { number: i + 1, name: clip(from?.fullName ?? "…", 28) }), openData.pack({ id: request.id }));
    if (i % 2 === 1) keyboard.row();
  });
  return { text: [t("meeting-digest-title", { count: items.length }), "", ...lines].join("\n"), keyboard: compact(keyboard) };
}

// ---- one request as a side sees it -----------------------------------------------------------------

function stateLabel(env: ViewEnv, viewer: number, r: MeetingRequest): string {
  if (r.state !== "pending") return env.t(`meeting-state-${r.state}`);
  const myMove = (r.to === viewer && awaitsAddressee(r)) || (r.from === viewer && r.proposal !== undefined);
  return env.t(myMove ? "meeting-state-your-move" : "meeting-state-their-move");
}

export function requestCardView(env: ViewEnv, viewer: number, opened: { request: MeetingRequest; other?: PublicProfile; contacts?: Contacts }): NoticeView {
  const { t } = env;
  const { request, other } = opened;
  const lines = [t("meeting-card-title", { state: stateLabel(env, viewer, request) })];
  lines.push(t(request.from === viewer ? "meeting-card-to" : "meeting-card-from", { name: nameOf(env, other) }));
  if (other) lines.push("", publicCardText(env, other));
  lines.push("", t("meeting-when", { slot: slotText(env, request.slot) }), ...tableLine(env, request));
  if (request.proposal) lines.push(t("meeting-proposed-time", { slot: slotText(env, request.proposal) }));
  if (request.message) lines.push(t(request.from === viewer ? "meeting-your-message" : "meeting-their-message"), quote(request.message));
  if (request.state === "declined") {
    const reason = reasonLine(env, request);
    if (reason) lines.push(reason);
  }
  if (opened.contacts) lines.push("", contactsText(env, opened.contacts));
  const keyboard = viewerKeyboard(env, viewer, request);
  return { text: lines.join("\n"), ...(keyboard ? { keyboard } : {}) };
}

// ---- /meetings -------------------------------------------------------------------------------------

const LIST_PAGE = 8;

/** Agreed meetings in time order ("any time" ones last), then pending (my move first), declined, cancelled. */
export function orderForList(viewer: number, items: readonly { request: MeetingRequest; other?: PublicProfile }[]) {
  const myMove = (r: MeetingRequest) => (r.to === viewer && awaitsAddressee(r)) || (r.from === viewer && r.proposal !== undefined);
  const byGroup = (g: MeetingRequest["state"]) => items.filter((i) => i.request.state === g);
  const accepted = byGroup("accepted").sort(
    (a, b) => (a.request.slot?.start ?? Infinity) - (b.request.slot?.start ?? Infinity) || a.request.updatedAt - b.request.updatedAt,
  );
  const pending = byGroup("pending").sort((a, b) => Number(myMove(b.request)) - Number(myMove(a.request)) || a.request.createdAt - b.request.createdAt);
  const newestFirst = (list: typeof items) => [...list].sort((a, b) => b.request.updatedAt - a.request.updatedAt);
  return [...accepted, ...pending, ...newestFirst(byGroup("declined")), ...newestFirst(byGroup("cancelled"))];
}

/** "1. Ivanov · 10 Dec 13:30": whom and when, at the time the line shows (a proposed one while it is pending). */
function listButton(env: ViewEnv, number: number, request: MeetingRequest, other: PublicProfile | undefined): string {
  const slot = request.state === "pending" && request.proposal ? request.proposal : request.slot;
  const name = other ? clip(other.fullName, 28) : env.t("meetings-button-someone-left");
  const when = slot ? shortMoment(env, slot.start) : env.t("meetings-button-any-time");
  return env.t("people-open", { number, name: `${name} · ${when}` });
}

export function meetingsListView(env: ViewEnv, viewer: number, items: readonly { request: MeetingRequest; other?: PublicProfile }[], requestedPage: number): View {
  const { t } = env;
  const keyboard = new InlineKeyboard();
  if (items.length === 0) return { text: [t("meetings-title"), "", t("meetings-empty")].join("\n"), keyboard };
  const ordered = orderForList(viewer, items);
  const page = paginate(ordered, requestedPage, LIST_PAGE);
  const count = (state: string) => items.filter((i) => i.request.state === state).length;
  const lines = [t("meetings-title"), t("meetings-summary", { accepted: count("accepted"), pending: count("pending") })];
  let group: string | undefined;
  page.items.forEach(({ request, other }, i) => {
    if (request.state !== group) {
      group = request.state;
      lines.push("", t(`meetings-group-${request.state}`));
    }
    const number = page.page * page.size + i + 1;
    const direction = request.from === viewer ? "↗️" : "↙️";
    const note = request.state === "pending" ? ` · ${stateLabel(env, viewer, request)}` : "";
    lines.push(
      t("meetings-line", {
        number,
        direction,
        name: nameOf(env, other),
        company: other ? `, ${escapeHtml(clip(other.company, 60))}` : "",
        slot: slotText(env, request.state === "pending" && request.proposal ? request.proposal : request.slot),
        note,
      }),
      ...tableLine(env, request).map((l) => `    ${l}`),
    );
    keyboard.text(listButton(env, number, request, other), openData.pack({ id: request.id })).row();
  });
  keyboard.row();
  if (page.page > 0) keyboard.text(t("people-prev"), listData.pack({ page: String(page.page - 1) }));
  if (page.page < page.pages - 1) keyboard.text(t("people-next"), listData.pack({ page: String(page.page + 1) }));
  if (page.pages > 1) lines.push("", t("meetings-page", { page: page.page + 1, pages: page.pages }));
  return { text: lines.join("\n"), keyboard: compact(keyboard) };
}

// ---- the request flow ------------------------------------------------------------------------------

export function slotPromptView(env: ViewEnv, name: string, slots: readonly SlotRange[]): View {
  const { t } = env;
  const keyboard = slotsKeyboard(env, slots, (slot) => slotData.pack({ at: String(slotMinute(slot)) }))
    .text(t("meeting-any-time-button"), slotData.pack({ at: "any" }))
    .row()
    .text(t("meeting-flow-abort"), flowData.pack({ step: "abort" }));
  const first = slots[0];
  return { text: t("meeting-flow-slot", { name: `<b>${escapeHtml(name)}</b>`, zone: first ? escapeHtml(zoneText(env, first.start)) : "" }), keyboard: compact(keyboard) };
}

export function messagePromptText(env: ViewEnv, name: string): string {
  return env.t("meeting-flow-message", { name: `<b>${escapeHtml(name)}</b>` });
}

export function confirmView(env: ViewEnv, draft: { to: number; name: string; slot: SlotRange | null; message: string; canChangeTime: boolean }): View {
  const { t } = env;
  const text = [
    t("meeting-flow-confirm-title"),
    t("meeting-card-to", { name: `<b>${escapeHtml(draft.name)}</b>` }),
    t("meeting-when", { slot: slotText(env, draft.slot) }),
    t("meeting-your-message"),
    quote(draft.message),
    "",
    t("meeting-flow-confirm-question"),
  ].join("\n");
  const keyboard = new InlineKeyboard().text(t("meeting-flow-send"), sendData.pack({ to: String(draft.to) })).row().text(t("meeting-flow-edit"), flowData.pack({ step: "edit" }));
  if (draft.canChangeTime) keyboard.text(t("meeting-flow-time"), flowData.pack({ step: "time" }));
  keyboard.row().text(t("meeting-flow-abort"), flowData.pack({ step: "abort" }));
  return { text, keyboard: compact(keyboard) };
}

// ---- refusals and outcomes -------------------------------------------------------------------------

/** Why a request cannot be made or an action taken, in words (the limits say which and until when). */
export function refusalText(env: ViewEnv, refused: Refused): string {
  const { t } = env;
  switch (refused.reason) {
    case "too-many-pending":
      return t("meeting-refused-too-many-pending", { limit: refused.limit ?? 0 });
    case "declined-recently":
      return t("meeting-refused-declined-recently", { until: refused.until === undefined ? "" : momentText(env, refused.until) });
    default:
      return t(`meeting-refused-${refused.reason}`);
  }
}

/** The short toast for a button that cannot do its thing. */
export function refusalToast(env: ViewEnv, refused: Refused): string {
  switch (refused.reason) {
    case "not-yours":
    case "already-answered":
    case "not-allowed-now":
    case "slot-taken":
    case "slot-past":
      return env.t(`meeting-toast-${refused.reason}`);
    default:
      return env.t("button-expired");
  }
}

/** A second tap on "Send": the request is there already (a toast: plain text, no HTML). */
export function sentToast(env: ViewEnv, to: PublicProfile): string {
  return env.t("meeting-toast-sent", { name: clip(to.fullName, 60) });
}

const OUTCOME_KEYS: Record<TransitionEvent, string> = {
  accepted: "meeting-done-accepted",
  declined: "meeting-done-declined",
  proposed: "meeting-done-proposed",
  "proposal-accepted": "meeting-done-accepted",
  "proposal-declined": "meeting-done-proposal-declined",
  withdrawn: "meeting-done-withdrawn",
  cancelled: "meeting-done-cancelled",
};

/** What the side who acted is told; the contacts of the other side once the meeting is agreed. */
export function outcomeText(env: ViewEnv, acted: { request: MeetingRequest; event: TransitionEvent; other?: PublicProfile; contacts?: Contacts }): string {
  const { t } = env;
  const { request, event } = acted;
  const lines = [t(OUTCOME_KEYS[event], { name: nameOf(env, acted.other), slot: slotText(env, event === "proposed" ? (request.proposal ?? null) : request.slot) }), ...tableLine(env, request)];
  if (acted.contacts) lines.push("", contactsText(env, acted.contacts));
  return lines.join("\n");
}
