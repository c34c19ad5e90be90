import type { I18n } from "@grammyjs/i18n";
import type { Keyboard } from "grammy";
import type { Contact } from "grammy/types";
import { LOCALES, type Locale } from "../../../domain/locale.js";
import type { Mission } from "../../../domain/mission/schema.js";
import {
  normalizePhone,
  validateTags,
  validateText,
  type Field,
  type FieldValues,
  type TextField,
} from "../../../domain/participant.js";
import type { BotConversation, ConversationContext } from "../../context.js";
import { escapeHtml } from "../../html.js";
import { localeOf, translator, type Translate } from "../../i18n.js";
import { MAIN_MENU_ROWS } from "../../menu.js";
import {
  FLOW_CALLBACKS,
  phoneKeyboard,
  problemText,
  questionText,
  skipKeyboard,
  tagNames,
  tagsDoneData,
  tagsKeyboard,
  tagToggleData,
} from "./views.js";

/**
 * Asking one field inside a conversation: the question, the answer checked by the domain's validator,
 * and on a wrong answer what to fix plus the same question again — never a restart. A command or a
 * main-menu button leaves the flow (the command then runs); buttons of other features pass through.
 * The profile's edit conversation asks with it; the registration itself is a state machine (flow.ts)
 * that shares the texts and keyboards of views.ts and the labels here.
 */

/** Button labels in every language: a keyboard sent before a language switch still works. */
export interface Labels {
  menu: ReadonlySet<string>;
  skip: ReadonlySet<string>;
}

export function buildLabels(i18n: I18n<ConversationContext>): Labels {
  const all = (keys: readonly string[]) => new Set(LOCALES.flatMap((locale) => keys.map((key) => i18n.t(locale, key))));
  return { menu: all(MAIN_MENU_ROWS.flat()), skip: all(["reg-skip", "reg-remove"]) };
}

/** What asking a question in a conversation needs. Only the profile's edit asks this way (registration is flow.ts), so a skip removes the value. */
export interface AskEnv {
  mission: Mission;
  i18n: I18n<ConversationContext>;
  /** The user's language now, and a translator for it; see `refreshLocale`. */
  locale: Locale;
  t: Translate;
  labels: Labels;
  /** Said just before the flow is left for a command or a menu button. */
  onLeave(ctx: ConversationContext, command: string | undefined): Promise<void>;
}

/**
 * Reads the user's language afresh. The conversation's own i18n keeps the language it started with, so a
 * switch in the middle of a flow would go unheard; every question calls this, so the next one follows
 * the switch. The text of a reply does not steer the flow, so replays stay consistent.
 */
export async function refreshLocale(conversation: BotConversation, env: AskEnv): Promise<void> {
  env.locale = await conversation.external((outer) => localeOf(outer));
  env.t = translator(env.i18n, env.locale);
}

export type Input =
  | { kind: "text"; ctx: ConversationContext; text: string }
  | { kind: "contact"; ctx: ConversationContext; contact: Contact }
  | { kind: "callback"; ctx: ConversationContext; data: string; messageId: number | undefined }
  | { kind: "other"; ctx: ConversationContext };

/** The command a message starts with, lower-cased and without the bot's name. */
export function commandOf(ctx: Pick<ConversationContext, "message">): string | undefined {
  const message = ctx.message;
  const entity = message?.entities?.[0];
  if (!message?.text || entity?.type !== "bot_command" || entity.offset !== 0) return undefined;
  return message.text.slice(1, entity.length).split("@")[0]?.toLowerCase();
}

/** The next update this flow reads; leaves or passes on everything that is not its own. */
export async function waitInput(conversation: BotConversation, env: AskEnv): Promise<Input> {
  const ctx = await conversation.wait();
  const message = ctx.message;
  if (message) {
    const command = commandOf(ctx);
    if (command !== undefined || (message.text !== undefined && env.labels.menu.has(message.text))) {
      await env.onLeave(ctx, command);
      return conversation.halt({ next: true });
    }
    if (message.text !== undefined) return { kind: "text", ctx, text: message.text };
    if (message.contact) return { kind: "contact", ctx, contact: message.contact };
    return { kind: "other", ctx };
  }
  const query = ctx.callbackQuery;
  if (query?.data !== undefined && FLOW_CALLBACKS.some((c) => c.filter.test(query.data ?? ""))) {
    return { kind: "callback", ctx, data: query.data, messageId: query.message?.message_id };
  }
  return conversation.skip({ next: true });
}

export interface AskOptions {
  /** "Step 3 of 10" while registering. */
  progress?: { number: number; total: number };
  /** Shown while editing, so the user sees what they are replacing; `null`: nothing yet. */
  current?: FieldValues[Field] | null | undefined;
}

/** "Now: …" under a question that replaces a value; nothing when `current` is `undefined`. */
export function describeCurrent(t: Translate, mission: Mission, locale: Locale, current: FieldValues[Field] | null | undefined): string {
  if (current === undefined) return "";
  const shown = Array.isArray(current) ? tagNames(mission, locale, current).join(", ") : current;
  return `\n\n${t("reg-current", { value: shown ? escapeHtml(shown) : t("card-not-given") })}`;
}

/** Asks one field until it gets a valid answer; `null` when a skippable field was skipped. */
export async function askField<F extends Field>(
  conversation: BotConversation,
  ctx: ConversationContext,
  env: AskEnv,
  field: F,
  options: AskOptions = {},
): Promise<FieldValues[F]> {
  await refreshLocale(conversation, env);
  const { t } = env;
  const intro = questionText(t, field, "edit", options.progress) + describeCurrent(t, env.mission, env.locale, options.current);
  let answer: FieldValues[Field];
  if (field === "tags") answer = await askTags(conversation, ctx, env, intro, Array.isArray(options.current) ? options.current : []);
  else if (field === "phone") answer = await askPhone(conversation, ctx, env, intro);
  else answer = await askText(conversation, ctx, env, field, intro);
  return answer as FieldValues[F];
}

type Verdict<T> = { ok: true; value: T } | { ok: false; fix: string };

/**
 * Waits for an input that `judge` accepts. A wrong one gets its fix (a typed one through `retry`, a
 * button press as a notice) and then rewinds the conversation to before the wait: the conversations
 * plugin replays a conversation's whole log on every update, so without the rewind each wrong attempt
 * would make every later update of this person dearer.
 */
export async function answerOf<T>(
  conversation: BotConversation,
  env: AskEnv,
  judge: (input: Input) => Verdict<T>,
  retry: (ctx: ConversationContext, fix: string) => Promise<unknown>,
): Promise<T> {
  const before = conversation.checkpoint();
  const input = await waitInput(conversation, env);
  const verdict = judge(input);
  if (verdict.ok) return verdict.value;
  if (input.kind === "callback") await input.ctx.answerCallbackQuery({ text: verdict.fix });
  else await retry(input.ctx, verdict.fix);
  return conversation.rewind(before);
}

/** Buttons of another step of the flow (an older question's) while this one waits for typing. */
const expired = (env: AskEnv): Verdict<never> => ({ ok: false, fix: env.t("button-expired") });

/** Asks in one message (`intro`, with its keyboard) and again, after what to fix, until `judge` accepts. */
async function ask<T>(
  conversation: BotConversation,
  ctx: ConversationContext,
  env: AskEnv,
  intro: string,
  markup: { reply_markup?: Keyboard },
  judge: (input: Input) => Verdict<T>,
): Promise<T> {
  await ctx.reply(intro, { parse_mode: "HTML", ...markup });
  return answerOf(conversation, env, judge, (c, fix) => c.reply(`${fix}\n\n${intro}`, { parse_mode: "HTML", ...markup }));
}

function askText(conversation: BotConversation, ctx: ConversationContext, env: AskEnv, field: TextField, intro: string): Promise<string | null> {
  const { t } = env;
  const skippable = field === "email";
  const markup = skippable ? { reply_markup: skipKeyboard(t("reg-remove")) } : {};
  return ask<string | null>(conversation, ctx, env, intro, markup, (input) => {
    if (input.kind === "callback") return expired(env);
    if (input.kind !== "text") return { ok: false, fix: t("reg-need-text") };
    if (skippable && env.labels.skip.has(input.text)) return { ok: true, value: null };
    const result = validateText(field, input.text);
    return result.ok ? result : { ok: false, fix: problemText(t, result.problem) };
  });
}

function askPhone(conversation: BotConversation, ctx: ConversationContext, env: AskEnv, intro: string): Promise<string | null> {
  const { t } = env;
  return ask<string | null>(conversation, ctx, env, intro, { reply_markup: phoneKeyboard(t, t("reg-remove")) }, (input) => {
    if (input.kind === "callback") return expired(env);
    if (input.kind === "text" && env.labels.skip.has(input.text)) return { ok: true, value: null };
    if (input.kind !== "contact") return { ok: false, fix: t("reg-phone-use-button") };
    // A contact card can be anybody's; only the user's own number is theirs to give.
    if (input.contact.user_id === undefined || input.contact.user_id !== input.ctx.from?.id) return { ok: false, fix: t("reg-phone-not-own") };
    const result = normalizePhone(input.contact.phone_number);
    return result.ok ? result : { ok: false, fix: problemText(t, result.problem) };
  });
}

async function askTags(conversation: BotConversation, ctx: ConversationContext, env: AskEnv, intro: string, initial: readonly string[]): Promise<string[]> {
  const { t } = env;
  const missionTags = env.mission.tags.map((tag) => tag.id);
  const selected = new Set(initial.filter((tag) => missionTags.includes(tag)));
  const keyboard = () => tagsKeyboard(t, env.mission, env.locale, selected);
  await ctx.reply(intro, { parse_mode: "HTML", reply_markup: keyboard() });
  // The buttons of any keyboard of this question count (one is sent again when the user types): each
  // press is answered by redrawing the keyboard it came from with the current choice.
  for (;;) {
    const before = conversation.checkpoint();
    const input = await waitInput(conversation, env);
    if (input.kind !== "callback") {
      // Typed instead of pressed: the buttons again, under the user's message where they look.
      await input.ctx.reply(`${t("reg-tags-use-buttons")}\n\n${intro}`, { parse_mode: "HTML", reply_markup: keyboard() });
      return conversation.rewind(before);
    }
    const toggle = tagToggleData.unpack(input.data);
    const done = tagsDoneData.unpack(input.data);
    if ((!toggle && !done) || (toggle && !missionTags.includes(toggle.tag))) {
      await input.ctx.answerCallbackQuery({ text: t("button-expired") });
      return conversation.rewind(before);
    }
    if (toggle) {
      if (selected.has(toggle.tag)) selected.delete(toggle.tag);
      else selected.add(toggle.tag);
      await input.ctx.answerCallbackQuery();
      await input.ctx.editMessageReplyMarkup({ reply_markup: keyboard() });
      continue;
    }
    const result = validateTags(selected, missionTags);
    if (!result.ok) {
      await input.ctx.answerCallbackQuery({ text: problemText(t, result.problem) });
      return conversation.rewind(before);
    }
    await input.ctx.answerCallbackQuery();
    const chosen = escapeHtml(tagNames(env.mission, env.locale, result.value).join(", "));
    await input.ctx.editMessageText(`${intro}\n\n${t("reg-tags-chosen", { value: chosen })}`, { parse_mode: "HTML" });
    return result.value;
  }
}
