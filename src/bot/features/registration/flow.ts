import type { I18n } from "@grammyjs/i18n";
import type { InlineKeyboard, Keyboard } from "grammy";
import type { Locale } from "../../../domain/locale.js";
import type { Mission } from "../../../domain/mission/schema.js";
import {
  completeDraft,
  missingFields,
  nextStep,
  SKIPPABLE,
  withAnswer,
  withField,
  type Draft,
  type Field,
  type FieldValues,
  type Participant,
  type Role,
} from "../../../domain/participant.js";
import {
  judgeAnswer,
  judgeConsent,
  judgeSummary,
  pausedOnLeave,
  type Answers,
  type Input,
  type QuestionMarker,
  type RegistrationMarker,
} from "../../../domain/registration/steps.js";
import type { Access } from "../../../services/access.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { ParticipantsRepo } from "../../../storage/participants-repo.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { commandInFlow, flowHintText } from "../../flows.js";
import { localeOf, translator, type Translate } from "../../i18n.js";
import { mainMenu } from "../../menu.js";
import { describeCurrent, type Labels } from "./questions.js";
import {
  buttonOf,
  consentKeyboard,
  consentText,
  fieldsKeyboard,
  FLOW_CALLBACKS,
  hintText,
  phoneKeyboard,
  questionText,
  renderCard,
  skipKeyboard,
  summaryKeyboard,
  tagsChosenText,
  tagsKeyboard,
} from "./views.js";

export interface RegistrationDeps {
  participants: ParticipantsRepo;
  mission: MissionService;
  i18n: I18n<ConversationContext>;
  labels: Labels;
  /** The clock (ms since epoch): when consent was given and the registration saved. */
  now: () => number;
  /** Whose command menu has the organisers' commands (a command from it leaves the registration). */
  access: Access;
  /** Said after "registered" (a check-in scanned before registering is done then). */
  afterRegistered?: (ctx: BotContext) => Promise<void>;
}

/**
 * The registration: consent, then one question a message, each answer checked and kept in the draft at
 * once (so /cancel, a command or a menu button lose nothing and /register resumes), then a summary to
 * confirm or edit. For someone registered already it asks only what their role now lacks.
 *
 * A state machine rather than a conversation: the question asked is a function of the stored draft, and
 * `ctx.session.registration` says what was asked last (with the little a question needs between updates:
 * the tags ticked, the summary message). An update costs the session read it costs anyway, plus the draft
 * when an answer is saved; the conversations plugin replayed its log on every one (~10× any other update).
 */
export function registrationFlow(deps: RegistrationDeps) {
  const { participants, labels } = deps;
  const translators = new Map<Locale, Translate>();
  const tFor = (locale: Locale): Translate => {
    let t = translators.get(locale);
    if (t === undefined) translators.set(locale, (t = translator(deps.i18n, locale)));
    return t;
  };
  const menu = (t: Translate) => ({ reply_markup: mainMenu({ t }) });

  /** What the next step depends on. */
  async function load(ctx: BotContext): Promise<Stored> {
    const userId = ctx.from?.id ?? 0;
    const [participant, draft, grant] = await Promise.all([participants.get(userId), participants.getDraft(userId), participants.getGrant(userId)]);
    // The role matters only to someone not registered yet, whose role is their invite's grant (what
    // roleOf would read after finding no record, one round trip later).
    return { participant, draft, role: grant?.role };
  }

  /** Asks what the stored answers make next; the start, and the step after every saved answer. */
  async function proceed(ctx: BotContext, stored?: Stored): Promise<void> {
    const { participant, draft, role } = stored ?? (await load(ctx));
    const lang = localeOf(ctx);
    const t = tFor(lang);
    if (participant) {
      await startCompleting(ctx, participant);
      return;
    }
    // ("Continuing where you stopped" is said on entering, see index.ts: here it would come after each answer.)
    if (!draft) {
      await sendConsent(ctx, t, lang);
      ctx.session.registration = { step: "consent", lang };
      return;
    }
    const step = nextStep(draft, role ?? "delegate");
    if (step.kind === "ask") {
      await ask(ctx, step.field, { progress: { number: step.number, total: step.total } });
    } else if (step.kind === "summary") {
      await showSummary(ctx, draft, role ?? "delegate");
    } else {
      delete ctx.session.registration; // "consent": never once a draft exists
    }
  }

  /** The consent question; `hint`: said above it in the same message (asked again after a command). */
  function sendConsent(ctx: BotContext, t: Translate, lang: Locale, hint?: string) {
    const text = consentText(t, deps.mission.current(), lang);
    return ctx.reply(hint === undefined ? text : `${hint}\n\n${text}`, {
      parse_mode: "HTML",
      reply_markup: consentKeyboard(t),
      link_preview_options: { is_disabled: true },
    });
  }

  /** A registered participant whose role now needs more (a delegate who became a host). */
  async function startCompleting(ctx: BotContext, participant: Participant): Promise<void> {
    const t = tFor(localeOf(ctx));
    const [first, ...rest] = missingFields(participant);
    if (first === undefined) {
      delete ctx.session.registration;
      await ctx.reply(t("reg-already"), menu(t));
      return;
    }
    await ctx.reply(t("reg-complete-intro"));
    await ask(ctx, first, { completing: { answers: {}, rest } });
  }

  interface Asking {
    progress?: { number: number; total: number };
    /** Editing from the summary: the value being replaced (`null`: skipped). */
    current?: FieldValues[Field] | null | undefined;
    editing?: boolean;
    completing?: { answers: Answers; rest: Field[] };
  }

  /** Asks one field in the user's language now (a switch in the middle is heard from the next question on). */
  async function ask(ctx: BotContext, field: Field, asking: Asking): Promise<void> {
    const lang = localeOf(ctx);
    const t = tFor(lang);
    const mission = deps.mission.current();
    const marker: QuestionMarker = {
      step: "question",
      lang,
      field,
      ...(asking.progress ? { progress: asking.progress } : {}),
      ...(asking.editing ? { editing: true as const } : {}),
      ...(asking.completing ? { completing: asking.completing } : {}),
    };
    const text = intro(t, mission, marker, asking.current);
    if (field === "tags") {
      const missionTags = mission.tags.map((tag) => tag.id);
      const selected = Array.isArray(asking.current) ? asking.current.filter((tag) => missionTags.includes(tag)) : [];
      marker.tags = selected;
      await ctx.reply(text, { parse_mode: "HTML", reply_markup: tagsKeyboard(t, mission, lang, new Set(selected)) });
    } else {
      await ctx.reply(text, { parse_mode: "HTML", ...markupOf(t, field) });
    }
    ctx.session.registration = marker;
  }

  function intro(t: Translate, mission: Mission, marker: QuestionMarker, current: FieldValues[Field] | null | undefined): string {
    return questionText(t, marker.field, "register", marker.progress) + describeCurrent(t, mission, marker.lang, marker.editing ? current : undefined);
  }

  function markupOf(t: Translate, field: Field): { reply_markup?: Keyboard } {
    if (field === "phone") return { reply_markup: phoneKeyboard(t, t("reg-skip")) };
    if (field === "email") return { reply_markup: skipKeyboard(t("reg-skip")) };
    return {};
  }

  /** A wrong answer: a press gets the hint as a notice, anything typed the hint and the question again. */
  async function refuse(ctx: BotContext, input: Input, hint: string, again: () => Promise<unknown>): Promise<void> {
    if (input.kind === "button") await ctx.answerCallbackQuery({ text: hint });
    else await again();
  }

  /**
   * The question again, under what to fix (a wrong answer) or a command's hint, with its keyboard: typed
   * at the tags question, the buttons come again under the user's message, where they look.
   */
  async function askAgain(ctx: BotContext, marker: QuestionMarker, hint: string): Promise<void> {
    const t = tFor(marker.lang);
    const mission = deps.mission.current();
    // The question needs the value being replaced when editing: only then is the draft read for it.
    const current = marker.editing ? (await participants.getDraft(ctx.from?.id ?? 0))?.[marker.field] : undefined;
    const text = `${hint}\n\n${intro(t, mission, marker, current)}`;
    if (marker.field === "tags") await ctx.reply(text, { parse_mode: "HTML", reply_markup: tagsKeyboard(t, mission, marker.lang, new Set(marker.tags ?? [])) });
    else await ctx.reply(text, { parse_mode: "HTML", ...markupOf(t, marker.field) });
  }

  async function onQuestion(ctx: BotContext, marker: QuestionMarker, input: Input): Promise<void> {
    const t = tFor(marker.lang);
    const mission = deps.mission.current();
    const userId = ctx.from?.id ?? 0;
    // The value being replaced, shown under the question when editing: only then is the draft read for it.
    const current = async () => (marker.editing ? (await participants.getDraft(userId))?.[marker.field] : undefined);
    const missionTags = mission.tags.map((tag) => tag.id);
    const selected = marker.tags ?? [];
    const tagsMarkup = (tags: readonly string[]) => tagsKeyboard(t, mission, marker.lang, new Set(tags));
    const judgement = judgeAnswer(marker.field, input, { selected, missionTags });
    if (judgement.kind === "toggled") {
      ctx.session.registration = { ...marker, tags: judgement.tags };
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup({ reply_markup: tagsMarkup(judgement.tags) });
      return;
    }
    if (judgement.kind === "invalid") {
      const hint = hintText(t, judgement.hint);
      await refuse(ctx, input, hint, () => askAgain(ctx, marker, hint));
      return;
    }
    const value = judgement.value;
    if (marker.field === "tags" && Array.isArray(value)) {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(tagsChosenText(t, mission, marker.lang, intro(t, mission, marker, await current()), value), { parse_mode: "HTML" });
    }
    if (marker.completing) {
      await completeWith(ctx, marker, { ...marker.completing.answers, [marker.field]: value });
      return;
    }
    const draft = await participants.getDraft(userId);
    // Gone meanwhile (expired): start again from what is stored.
    if (draft) await participants.saveDraft(userId, withAnswer(draft, marker.field, value));
    await proceed(ctx);
  }

  async function completeWith(ctx: BotContext, marker: QuestionMarker, answers: Answers): Promise<void> {
    const [next, ...rest] = marker.completing?.rest ?? [];
    if (next !== undefined) {
      await ask(ctx, next, { completing: { answers, rest } });
      return;
    }
    delete ctx.session.registration;
    const id = ctx.from?.id ?? 0;
    const fresh = await participants.get(id);
    if (fresh) {
      const entries = Object.entries(answers) as [Field, FieldValues[Field]][];
      await participants.save(entries.reduce<Participant>((p, [field, value]) => withField(p, field, value), fresh));
    }
    const t = tFor(marker.lang);
    await ctx.reply(t(fresh ? "reg-complete-done" : "profile-missing"), menu(t));
  }

  async function onConsent(ctx: BotContext, lang: Locale, input: Input): Promise<void> {
    const t = tFor(lang);
    const judgement = judgeConsent(input);
    if (judgement.kind === "invalid") {
      const hint = hintText(t, judgement.hint);
      await refuse(ctx, input, hint, async () => {
        await ctx.reply(hint);
        await sendConsent(ctx, t, lang);
      });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    if (judgement.kind === "saved" && judgement.value) {
      await participants.saveDraft(ctx.from?.id ?? 0, { consentAt: new Date(deps.now()).toISOString() });
      await proceed(ctx);
      return;
    }
    delete ctx.session.registration;
    await ctx.reply(t("reg-declined"), menu(t));
  }

  async function showSummary(ctx: BotContext, draft: Draft, role: Role): Promise<void> {
    const lang = localeOf(ctx);
    const t = tFor(lang);
    // The reply keyboard may still be the phone or skip one; the main menu comes back before the card.
    await ctx.reply(t("reg-check"), menu(t));
    const message = await ctx.reply(summaryCard(t, lang, draft, role), { parse_mode: "HTML", reply_markup: summaryKeyboard(t) });
    ctx.session.registration = { step: "summary", lang, card: message.message_id, role };
  }

  function summaryCard(t: Translate, lang: Locale, draft: Draft, role: Role): string {
    return `${renderCard(t, deps.mission.current(), lang, { ...draft, role })}\n\n${t("reg-summary-question")}`;
  }

  /** The summary again, with its buttons, under the user's message; only this card's buttons act from now on. */
  async function summaryAgain(ctx: BotContext, marker: Extract<RegistrationMarker, { step: "summary" }>, hint: string): Promise<void> {
    const draft = await participants.getDraft(ctx.from?.id ?? 0);
    if (!draft) {
      // Gone meanwhile (expired): start again from what is stored.
      await proceed(ctx);
      return;
    }
    const t = tFor(marker.lang);
    const card = summaryCard(t, marker.lang, draft, marker.role);
    const message = await ctx.reply(`${hint}\n\n${card}`, { parse_mode: "HTML", reply_markup: summaryKeyboard(t) });
    ctx.session.registration = { ...marker, card: message.message_id };
  }

  async function onSummary(ctx: BotContext, marker: Extract<RegistrationMarker, { step: "summary" }>, input: Input): Promise<void> {
    const { lang, role } = marker;
    const t = tFor(lang);
    const userId = ctx.from?.id ?? 0;
    const choice = judgeSummary(input, marker.card, role);
    const edit = async (reply_markup?: InlineKeyboard) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup(reply_markup ? { reply_markup } : undefined);
    };
    switch (choice.kind) {
      case "invalid":
        await ctx.answerCallbackQuery({ text: hintText(t, choice.hint) });
        return;
      case "edit-menu":
        await edit(fieldsKeyboard(t, role));
        return;
      case "back":
        await edit(summaryKeyboard(t));
        return;
      case "resend":
        await summaryAgain(ctx, marker, t("reg-summary-use-buttons"));
        return;
      default:
    }
    await edit();
    const draft = await participants.getDraft(userId);
    if (!draft) {
      // Gone meanwhile (expired): start again from what is stored.
      await proceed(ctx);
      return;
    }
    if (choice.kind === "edit") {
      await ask(ctx, choice.field, { editing: true, current: draft[choice.field] });
      return;
    }
    // Saved with the role the person has now (an invite may have come meanwhile).
    const now = (await participants.roleOf(userId)) ?? { role: "delegate" as const };
    const completion = completeDraft(draft, {
      id: userId,
      role: now.role,
      speakerId: now.speakerId,
      username: ctx.from?.username,
      now: new Date(deps.now()),
    });
    if (completion.ok) {
      await participants.save(completion.participant);
      await participants.deleteDraft(userId);
      await participants.deleteGrant(userId);
      delete ctx.session.registration;
      await ctx.reply(t("reg-done"), menu(t));
      await deps.afterRegistered?.(ctx);
    } else if (completion.reason === "invalid") {
      // Answers that no longer fit (an old format, a hand edit): the draft cannot be used.
      await participants.deleteDraft(userId);
      delete ctx.session.registration;
      await ctx.reply(t("reg-broken"), menu(t));
    } else {
      // The role changed under us (an invite): ask what the new role needs, then summarise again.
      await proceed(ctx);
    }
  }

  /** Reads an update as the registration sees it; `undefined`: not the registration's (passed on). */
  function inputOf(ctx: BotContext): Input | undefined {
    const message = ctx.message;
    if (message) {
      if (message.text !== undefined) return { kind: "text", text: message.text, skip: labels.skip.has(message.text) };
      if (message.contact) return { kind: "contact", phone: message.contact.phone_number, owner: message.contact.user_id, sender: ctx.from?.id };
      return { kind: "other" };
    }
    const query = ctx.callbackQuery;
    const data = query?.data;
    if (data === undefined || !FLOW_CALLBACKS.some((c) => c.filter.test(data))) return undefined;
    return { kind: "button", button: buttonOf(data), messageId: query?.message?.message_id };
  }

  /**
   * The registration's middleware: judges the update when the user is registering, else passes it on.
   * Every update passes here; only those of someone registering pay for an async step.
   */
  const middleware = (ctx: BotContext, next: () => Promise<void>): Promise<void> => {
    const marker = ctx.session.registration;
    return marker === undefined ? next() : onUpdate(ctx, marker, next);
  };

  const onUpdate = async (ctx: BotContext, marker: RegistrationMarker, next: () => Promise<void>): Promise<void> => {
    const message = ctx.message;
    let input = inputOf(ctx);
    if (message) {
      const skippable = marker.step === "question" && SKIPPABLE.includes(marker.field);
      const command = await commandInFlow(message, { skippable, isOrganiser: () => deps.access.isOrganiser(ctx.from?.id ?? 0) });
      // A command of the user's menu or a main-menu button leaves the flow (the command then runs).
      if (command?.kind === "leave" || (command === undefined && message.text !== undefined && labels.menu.has(message.text))) {
        delete ctx.session.registration;
        if (pausedOnLeave(marker, command?.command)) {
          const t = tFor(marker.lang);
          await ctx.reply(t("reg-paused"), menu(t));
        }
        return next();
      }
      // Any other command: the step again under its hint, and the registration goes on.
      if (command?.kind === "again") return stepAgain(ctx, marker, flowHintText(tFor(marker.lang), command.hint));
      // `/skip` is the Skip button typed.
      if (command?.kind === "skip") input = { kind: "text", text: message.text ?? "", skip: true };
    }
    if (input === undefined) return next(); // buttons of other features and other updates pass through
    if (marker.step === "consent") await onConsent(ctx, marker.lang, input);
    else if (marker.step === "summary") await onSummary(ctx, marker, input);
    else await onQuestion(ctx, marker, input);
  };

  /** Whatever step the user is at, asked again under `hint` (in one message, with its keyboard). */
  async function stepAgain(ctx: BotContext, marker: RegistrationMarker, hint: string): Promise<void> {
    if (marker.step === "consent") await sendConsent(ctx, tFor(marker.lang), marker.lang, hint);
    else if (marker.step === "summary") await summaryAgain(ctx, marker, hint);
    else await askAgain(ctx, marker, hint);
  }

  return {
    middleware,
    load,
    /** Starts or resumes the registration from what `load` read. */
    start: (ctx: BotContext, stored: Stored) => proceed(ctx, stored),
  };
}

interface Stored {
  participant: Participant | undefined;
  draft: Draft | undefined;
  role: Role | undefined;
}
