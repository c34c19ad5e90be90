import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { paginate } from "../../../domain/meetings/directory.js";
import type { PublicProfile } from "../../../domain/meetings/privacy.js";
import type { MeetingRequest } from "../../../domain/meetings/request.js";
import {
  NOT_DONE_REASONS,
  progressOf,
  type MetAnswer,
  type NotDoneReason,
  type ProgressState,
  type ProgressUpdate,
  type Result,
  type SideOutcome,
} from "../../../domain/outcomes/outcome.js";
import { agreedAtOf, answerableFrom, meetingAgreed } from "../../../domain/outcomes/timing.js";
import { zonedDate } from "../../../domain/programme/time.js";
import type { OutcomeCard, OutcomeRefused, Prepared } from "../../../services/outcomes.js";
import { callbackData } from "../../callback-data.js";
import { escapeHtml } from "../../html.js";
import { momentText, slotText } from "../meetings/views.js";
import { clip, compact, type View, type ViewEnv } from "../people/views.js";

// ---- callback data (ids only) ----------------------------------------------------------------------

const requestId = z.string().regex(/^[a-z0-9]{6,24}$/);
/** The side's answers' revision the buttons were made for (SideOutcome.rev). */
const rev = z.string().regex(/^\d{1,6}$/).transform(Number);
/** A follow-up by days after the agreement; 0 for an answer given unprompted. */
const days = z.string().regex(/^\d{1,3}$/).transform(Number);

/** "Did you meet?": yes, no, later; on the question and on the card. */
export const questionData = callbackData("oq", { id: requestId, met: z.enum(["y", "n", "l"]), rev });
/** Opens a meeting's outcome card (from /agreements and /meetings). */
export const cardData = callbackData("oc", { id: requestId });
/** "What came of it": the dialogue again, for a meeting that took place. */
export const editData = callbackData("oe", { id: requestId });
/** "Was it carried out?": done, in progress, not done. */
export const progressData = callbackData("op", { id: requestId, days, state: z.enum(["d", "p", "n"]), rev });
export const reasonData = callbackData("or", { id: requestId, days, reason: z.enum(NOT_DONE_REASONS), rev });
export const agreementsPageData = callbackData("oal", { page: z.string().regex(/^\d{1,3}$/).transform(Number) });
/** The dialogue's own buttons: what came of it, skip the note, the month. */
export const RESULT_CODES = ["sup", "jp", "inv", "par", "oth", "fu", "none"] as const;
export const resultData = callbackData("ores", { r: z.enum(RESULT_CODES) });
export const noteSkipData = callbackData("onote", {});
export const monthData = callbackData("omon", { m: z.union([z.string().regex(/^\d{4}(0[1-9]|1[0-2])$/), z.literal("none")]) });

export const MET_OF_CODE = { y: "yes", n: "no", l: "later" } as const satisfies Record<string, MetAnswer>;
const CODE_OF_MET: Record<MetAnswer, "y" | "n" | "l"> = { yes: "y", no: "n", later: "l" };
export const PROGRESS_OF_CODE = { d: "done", p: "in-progress", n: "not-done" } as const satisfies Record<string, ProgressState>;
const CODE_OF_PROGRESS: Record<ProgressState, "d" | "p" | "n"> = { done: "d", "in-progress": "p", "not-done": "n" };

const RESULT_OF_CODE: Record<(typeof RESULT_CODES)[number], Result> = {
  sup: { kind: "agreement", type: "supply" },
  jp: { kind: "agreement", type: "joint-project" },
  inv: { kind: "agreement", type: "investment" },
  par: { kind: "agreement", type: "partnership" },
  oth: { kind: "agreement", type: "other" },
  fu: { kind: "follow-up" },
  none: { kind: "none" },
};

export function resultOfCode(code: (typeof RESULT_CODES)[number]): Result {
  return RESULT_OF_CODE[code];
}

// ---- pieces ----------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(env: ViewEnv, options: Intl.DateTimeFormatOptions, zone = env.mission.mission.timezone): Intl.DateTimeFormat {
  const key = `${env.locale}|${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(env.locale === "ru" ? "ru-RU" : "en-GB", { timeZone: zone, ...options });
    formatters.set(key, f);
  }
  return f;
}

function nameOf(env: ViewEnv, other: PublicProfile | undefined): string {
  return other ? `<b>${escapeHtml(other.fullName)}</b>` : env.t("meeting-someone-left");
}

function companyOf(other: PublicProfile | undefined): string {
  return other ? `, ${escapeHtml(clip(other.company, 60))}` : "";
}

/** The day a meeting took place, in the mission's zone ("10 December"): its slot, else when it was said to have happened. */
export function meetingDay(env: ViewEnv, request: MeetingRequest, outcome?: SideOutcome): string {
  const at = request.slot?.start ?? outcome?.metAt ?? agreedAtOf(request) ?? request.createdAt;
  return formatter(env, { day: "numeric", month: "long" }).format(at);
}

/** "March 2027" for 2027-03. */
export function monthLabel(env: ViewEnv, month: string, style: "long" | "short" = "long"): string {
  const [year, m] = month.split("-").map(Number);
  return formatter(env, { month: style, year: "numeric" }, "UTC").format(Date.UTC(year ?? 2000, (m ?? 1) - 1, 15));
}

export function agreementType(env: ViewEnv, result: Extract<Result, { kind: "agreement" }>): string {
  return env.t(`outcome-type-${result.type}`);
}

function resultLabel(env: ViewEnv, result: Result): string {
  if (result.kind === "agreement") return env.t("outcome-state-agreement", { type: agreementType(env, result) });
  return env.t(result.kind === "follow-up" ? "outcome-state-follow-up" : "outcome-state-none");
}

export function progressLabel(env: ViewEnv, state: ProgressState, reason?: NotDoneReason): string {
  const label = env.t(`outcome-progress-state-${state}`);
  return reason ? env.t("outcome-progress-with-reason", { state: label, reason: env.t(`outcome-reason-${reason}`) }) : label;
}

/** One side's answers in a line: "✅ met · 🤝 agreement: supply · by March 2027". */
export function answerText(env: ViewEnv, o: SideOutcome | undefined): string {
  if (!o?.met) return env.t("outcome-state-unanswered");
  const parts = [env.t(`outcome-state-met-${o.met}`)];
  if (o.result) parts.push(resultLabel(env, o.result));
  if (o.byWhen) parts.push(env.t("outcome-state-by-when", { month: monthLabel(env, o.byWhen) }));
  return parts.join(" · ");
}

/** The short state of a side's meeting for a list line: what came of it, and the agreement's state. */
function stateLine(env: ViewEnv, o: SideOutcome | undefined): string {
  if (!o?.met) return env.t("outcome-state-unanswered");
  if (o.met !== "yes" || !o.result) return env.t(`outcome-state-met-${o.met}`);
  const progress = progressOf(o);
  return progress ? `${resultLabel(env, o.result)} · ${progressLabel(env, progress.state)}` : resultLabel(env, o.result);
}

// ---- keyboards -------------------------------------------------------------------------------------

function metButtons(env: ViewEnv, id: string, revision: number, keyboard = new InlineKeyboard()): InlineKeyboard {
  const { t } = env;
  const button = (met: MetAnswer, key: string) => keyboard.text(t(key), questionData.pack({ id, met: CODE_OF_MET[met], rev: String(revision) })).row();
  button("yes", "outcome-met-yes");
  button("no", "outcome-met-no");
  button("later", "outcome-met-later");
  return keyboard;
}

function progressButtons(env: ViewEnv, id: string, followUp: number, revision: number, keyboard = new InlineKeyboard()): InlineKeyboard {
  const pack = (state: ProgressState) => progressData.pack({ id, days: String(followUp), state: CODE_OF_PROGRESS[state], rev: String(revision) });
  return keyboard
    .text(env.t("outcome-progress-done"), pack("done"))
    .text(env.t("outcome-progress-in-progress"), pack("in-progress"))
    .row()
    .text(env.t("outcome-progress-not-done"), pack("not-done"))
    .row();
}

export function reasonKeyboard(env: ViewEnv, id: string, followUp: number, revision: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  NOT_DONE_REASONS.forEach((reason, i) => {
    keyboard.text(env.t(`outcome-reason-${reason}`), reasonData.pack({ id, days: String(followUp), reason, rev: String(revision) }));
    if (i % 2 === 1) keyboard.row();
  });
  return compact(keyboard);
}

// ---- the questions (sent by the bot, in the recipient's language) ----------------------------------

/** What a due question says: "Did you meet <name>, <company>?" or "The agreement with <name> (…): how is it going?". */
export function questionView(env: ViewEnv, prepared: Prepared): View {
  const { request, other } = prepared;
  if (prepared.kind === "ask") {
    const text = env.t("outcome-ask", { name: nameOf(env, other), company: companyOf(other), slot: slotText(env, request.slot) });
    return { text, keyboard: compact(metButtons(env, request.id, prepared.rev)) };
  }
  const { outcome } = prepared;
  const type = outcome.result?.kind === "agreement" ? agreementType(env, outcome.result) : "";
  const text = env.t("outcome-follow-up", { name: nameOf(env, other), type, date: meetingDay(env, request, outcome) });
  return { text, keyboard: compact(progressButtons(env, request.id, prepared.days, outcome.rev)) };
}

// ---- answers ---------------------------------------------------------------------------------------

/** What a side is told after "no" or "later". */
export function metSaidText(env: ViewEnv, met: Exclude<MetAnswer, "yes">, other: PublicProfile | undefined, askAgainAt: number | undefined): string {
  const name = nameOf(env, other);
  if (met === "no") return env.t("outcome-said-no", { name });
  return askAgainAt === undefined ? env.t("outcome-said-later-last", { name }) : env.t("outcome-said-later", { name, when: momentText(env, askAgainAt) });
}

export function progressSaidText(env: ViewEnv, state: ProgressState, reason?: NotDoneReason): string {
  return env.t("outcome-said-progress", { state: progressLabel(env, state, reason) });
}

export function refusalToast(env: ViewEnv, refused: OutcomeRefused): string {
  return refused.reason === "unknown" ? env.t("button-expired") : env.t(`outcome-toast-${refused.reason}`);
}

/** The end of the dialogue: what was saved, when the follow-ups come, where to change it. */
export function savedText(env: ViewEnv, outcome: SideOutcome, followUpDays: readonly number[]): string {
  const { t } = env;
  const lines = [t("outcome-flow-saved", { answer: answerText(env, outcome) })];
  if (outcome.note) lines.push(t("outcome-card-note", { note: escapeHtml(outcome.note) }));
  const last = followUpDays.at(-1);
  if (outcome.result?.kind === "agreement" && last !== undefined) {
    const list = new Intl.ListFormat(env.locale === "ru" ? "ru-RU" : "en-GB", { type: "conjunction" }).format(followUpDays.map(String));
    lines.push("", t("outcome-flow-follow-ups", { days: list, last }));
  }
  lines.push(t("outcome-flow-change"));
  return lines.join("\n");
}

// ---- the dialogue's prompts ------------------------------------------------------------------------

export function resultPromptView(env: ViewEnv, name: string): View {
  const { t } = env;
  const keyboard = new InlineKeyboard();
  const keys: Record<(typeof RESULT_CODES)[number], string> = {
    sup: "outcome-result-supply",
    jp: "outcome-result-joint-project",
    inv: "outcome-result-investment",
    par: "outcome-result-partnership",
    oth: "outcome-result-other",
    fu: "outcome-result-follow-up",
    none: "outcome-result-none",
  };
  for (const code of RESULT_CODES) keyboard.text(t(keys[code]), resultData.pack({ r: code })).row();
  return { text: t("outcome-flow-result", { name: `<b>${escapeHtml(name)}</b>` }), keyboard: compact(keyboard) };
}

export function notePromptView(env: ViewEnv, name: string): View {
  return { text: env.t("outcome-flow-note", { name: `<b>${escapeHtml(name)}</b>` }), keyboard: new InlineKeyboard().text(env.t("outcome-flow-skip"), noteSkipData.pack({})) };
}

const MONTHS_OFFERED = 12;

/** The month picker: this month (in the mission's zone) and the next eleven, then "no date". */
export function byWhenView(env: ViewEnv, now: number): View {
  const [year = 2000, month = 1] = zonedDate(now, env.mission.mission.timezone).split("-").map(Number);
  const keyboard = new InlineKeyboard();
  for (let i = 0; i < MONTHS_OFFERED; i++) {
    const index = year * 12 + (month - 1) + i;
    const value = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
    keyboard.text(monthLabel(env, value, "short"), monthData.pack({ m: value.replace("-", "") }));
    if (i % 3 === 2) keyboard.row();
  }
  keyboard.row().text(env.t("outcome-flow-no-date"), monthData.pack({ m: "none" }));
  return { text: env.t("outcome-flow-by-when"), keyboard: compact(keyboard) };
}

// ---- the card and /agreements ----------------------------------------------------------------------

/** Whether a meeting can be told about now: the /meetings card then offers its outcome. */
export function outcomeOpen(request: MeetingRequest, now: number): boolean {
  return meetingAgreed(request) && answerableFrom(request) <= now;
}

/** The button under a meeting in /meetings that opens what came of it, once its time has come. */
export function outcomeEntryButton(env: ViewEnv, request: MeetingRequest, now: number): { text: string; data: string } | undefined {
  return outcomeOpen(request, now) ? { text: env.t("outcome-open-button"), data: cardData.pack({ id: request.id }) } : undefined;
}

function sideLines(env: ViewEnv, heading: string, o: SideOutcome | undefined): string[] {
  const lines = [heading];
  if (o?.note) lines.push(env.t("outcome-card-note", { note: `<i>${escapeHtml(o.note)}</i>` }));
  const progress: ProgressUpdate | undefined = progressOf(o);
  if (progress) lines.push(env.t("outcome-card-progress", { state: progressLabel(env, progress.state, progress.reason), date: momentText(env, progress.at) }));
  return lines;
}

/** One meeting with both sides' answers as each gave them; buttons to change one's own. */
export function cardView(env: ViewEnv, card: OutcomeCard, now: number): View {
  const { t } = env;
  const { request, other, mine, theirs } = card;
  const lines = [t("outcome-card-title", { name: other ? escapeHtml(other.fullName) : t("meeting-someone-left"), company: companyOf(other) }), t("outcome-card-when", { slot: slotText(env, request.slot) }), ""];
  lines.push(...sideLines(env, t("outcome-card-mine", { answer: answerText(env, mine) }), mine));
  if (other) lines.push("", ...sideLines(env, t("outcome-card-theirs", { name: escapeHtml(other.fullName), answer: answerText(env, theirs) }), theirs));
  if (mine?.note || theirs?.note) lines.push("", t("outcome-card-private"));
  const keyboard = new InlineKeyboard();
  if (outcomeOpen(request, now)) {
    const revision = mine?.rev ?? 0;
    metButtons(env, request.id, revision, keyboard);
    if (mine?.met === "yes") keyboard.text(t("outcome-card-edit"), editData.pack({ id: request.id })).row();
    if (mine?.result?.kind === "agreement") progressButtons(env, request.id, 0, revision, keyboard);
  }
  return { text: lines.join("\n"), keyboard: compact(keyboard) };
}

const LIST_PAGE = 8;

export function agreementsListView(env: ViewEnv, cards: readonly OutcomeCard[], requestedPage: number): View {
  const { t } = env;
  const keyboard = new InlineKeyboard();
  if (cards.length === 0) return { text: [t("agreements-title"), "", t("agreements-empty")].join("\n"), keyboard };
  const held = cards.filter((c) => c.mine?.met === "yes" || c.theirs?.met === "yes").length;
  const agreements = cards.filter((c) => c.mine?.result?.kind === "agreement" || c.theirs?.result?.kind === "agreement").length;
  const waiting = cards.filter((c) => c.mine?.met === undefined || c.mine.met === "later").length;
  const page = paginate(cards, requestedPage, LIST_PAGE);
  const lines = [t("agreements-title"), t("agreements-summary", { held, agreements, waiting }), ""];
  page.items.forEach((card, i) => {
    const number = page.page * page.size + i + 1;
    lines.push(t("agreements-line", { number, name: nameOf(env, card.other), company: companyOf(card.other), date: meetingDay(env, card.request, card.mine), state: stateLine(env, card.mine) }));
    // Each button names whom it opens, as /meetings' buttons do.
    const name = card.other ? clip(card.other.fullName, 28) : t("meetings-button-someone-left");
    keyboard.text(t("people-open", { number, name }), cardData.pack({ id: card.request.id })).row();
  });
  keyboard.row();
  if (page.page > 0) keyboard.text(t("people-prev"), agreementsPageData.pack({ page: String(page.page - 1) }));
  if (page.page < page.pages - 1) keyboard.text(t("people-next"), agreementsPageData.pack({ page: String(page.page + 1) }));
  if (page.pages > 1) lines.push("", t("agreements-page", { page: page.page + 1, pages: page.pages }));
  return { text: lines.join("\n"), keyboard: compact(keyboard) };
}

/** The card of a meeting in /meetings with the button to what came of it added, once its time has come. */
export function withOutcomeButton(env: ViewEnv, request: MeetingRequest, now: number, keyboard: InlineKeyboard | undefined): InlineKeyboard | undefined {
  const button = outcomeEntryButton(env, request, now);
  if (!button) return keyboard;
  return compact((keyboard ?? new InlineKeyboard()).row().text(button.text, button.data));
}
