import type { I18n } from "@grammyjs/i18n";
import type { InlineKeyboard, Keyboard } from "grammy";
import type { Contact } from "grammy/types";
import { LOCALES, type Locale } from "../../../domain/locale.js";
import type { Mission } from "../../../domain/mission/schema.js";
import type { Field, FieldValues } from "../../../domain/participant.js";
import { judgeAnswer, type Input as StepInput } from "../../../domain/registration/steps.js";
import type { BotConversation, ConversationContext } from "../../context.js";
import { escapeHtml } from "../../html.js";
import { chatSender } from "../../conversation-send.js";
import { commandInFlow, flowHintText, type FlowHint } from "../../flows.js";
import { localeOf, translator, type Translate } from "../../i18n.js";
import { MAIN_MENU_ROWS } from "../../menu.js";
import {
  buttonOf,
  FLOW_CALLBACKS,
  hintText,
  phoneKeyboard,
  questionText,
  skipKeyboard,
  tagNames,
  tagsChosenText,
  tagsKeyboard,
} from "./views.js";

/**
 * Asking one field inside a conversation: the question, the answer checked by the domain's validator,
 * and on a wrong answer what to fix plus the same question again — never a restart. A command of the
 * user's menu or a main-menu button leaves the flow (the command then runs); any other command gets the
 * question again under a hint (flows.ts); buttons of other features pass through.
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
  /** Whether the user's command menu has the organisers' commands (asked only for one of those). */
  isOrganiser: () => Promise<boolean>;
}

/**
 * Reads the user's language afresh. The conversation's own i18n keeps the language it started with, so a
 * switch in the middle of a flow would go unheard; every question calls this, so the next one follows
 * the switch. The text of a reply does not steer the flow, so replays stay consistent.
 */
async function refreshLocale(conversation: BotConversation, env: AskEnv): Promise<void> {
  env.locale = await conversation.external((outer) => localeOf(outer));
  env.t = translator(env.i18n, env.locale);
}

type Input =
  | { kind: "text"; ctx: ConversationContext; text: string }
  | { kind: "contact"; ctx: ConversationContext; contact: Contact }
  | { kind: "callback"; ctx: ConversationContext; data: string; messageId: number | undefined }
  /** A command the flow has no use for: the question again under this hint. */
  | { kind: "again"; ctx: ConversationContext; hint: FlowHint }
  | { kind: "other"; ctx: ConversationContext };

/** The next update this flow reads; leaves or passes on everything that is not its own. */
async function waitInput(conversation: BotConversation, env: AskEnv): Promise<Input> {
  const ctx = await conversation.wait();
  const message = ctx.message;
  if (message) {
    // Skipping here would remove the value, which its own button says: `/skip` is not taken for it.
    const command = await commandInFlow(message, { skippable: false, isOrganiser: env.isOrganiser });
    if (command?.kind === "again") return { kind: "again", ctx, hint: command.hint };
    if (command !== undefined || (message.text !== undefined && env.labels.menu.has(message.text))) {
      await env.onLeave(ctx, command?.kind === "leave" ? command.command : undefined);
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

/**
 * Asks one field until it gets a valid answer, judged as the registration judges it (the domain's
 * `judgeAnswer`); `null` when a skippable field was skipped. A wrong answer gets its fix (a press as a
 * notice, anything typed with the question again) and rewinds the conversation to before the wait: the
 * conversations plugin replays a conversation's whole log on every update, so without the rewind each
 * wrong attempt would make every later update of this person dearer.
 */
export async function askField<F extends Field>(
  conversation: BotConversation,
  ctx: ConversationContext,
  env: AskEnv,
  field: F,
  options: AskOptions = {},
): Promise<FieldValues[F]> {
  await refreshLocale(conversation, env);
  const { t, mission } = env;
  const intro = questionText(t, field, "edit", options.progress) + describeCurrent(t, mission, env.locale, options.current);
  const missionTags = mission.tags.map((tag) => tag.id);
  let selected = Array.isArray(options.current) ? options.current.filter((tag) => missionTags.includes(tag)) : [];
  const tagsMarkup = () => tagsKeyboard(t, mission, env.locale, new Set(selected));
  const markup = (): { reply_markup?: Keyboard | InlineKeyboard } => {
    if (field === "tags") return { reply_markup: tagsMarkup() };
    if (field === "phone") return { reply_markup: phoneKeyboard(t, t("reg-remove")) };
    if (field === "email") return { reply_markup: skipKeyboard(t("reg-remove")) };
    return {};
  };
  const { send, edit, editMarkup } = chatSender(conversation, ctx.chat?.id ?? ctx.from?.id ?? 0);
  await send(intro, { parse_mode: "HTML", ...markup() });
  for (;;) {
    const before = conversation.checkpoint();
    const input = await waitInput(conversation, env);
    if (input.kind === "again") {
      await send(`${flowHintText(t, input.hint)}\n\n${intro}`, { parse_mode: "HTML", ...markup() });
      return conversation.rewind(before);
    }
    const judgement = judgeAnswer(field, domainInput(input, env.labels), { selected, missionTags });
    if (judgement.kind === "toggled") {
      // Any keyboard of this question counts: the press redraws the one it came from.
      selected = judgement.tags;
      await input.ctx.answerCallbackQuery();
      if (input.kind === "callback" && input.messageId !== undefined) await editMarkup(input.messageId, { reply_markup: tagsMarkup() });
      continue;
    }
    if (judgement.kind === "invalid") {
      const hint = hintText(t, judgement.hint);
      if (input.kind === "callback") await input.ctx.answerCallbackQuery({ text: hint });
      else await send(`${hint}\n\n${intro}`, { parse_mode: "HTML", ...markup() });
      return conversation.rewind(before);
    }
    const value = judgement.value;
    if (field === "tags" && Array.isArray(value)) {
      await input.ctx.answerCallbackQuery();
      if (input.kind === "callback" && input.messageId !== undefined) await edit(input.messageId, tagsChosenText(t, mission, env.locale, intro, value), { parse_mode: "HTML" });
    }
    return value as FieldValues[F];
  }
}

/** An update of the conversation's, as the domain's judgement reads it (the registration's `inputOf`). */
function domainInput(input: Input, labels: Labels): StepInput {
  switch (input.kind) {
    case "text":
      return { kind: "text", text: input.text, skip: labels.skip.has(input.text) };
    case "contact":
      return { kind: "contact", phone: input.contact.phone_number, owner: input.contact.user_id, sender: input.ctx.from?.id };
    case "callback":
      return { kind: "button", button: buttonOf(input.data), messageId: input.messageId };
    default:
      return { kind: "other" };
  }
}
