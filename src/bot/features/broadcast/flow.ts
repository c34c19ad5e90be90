import type { CallbackQueryContext, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Audience } from "../../../domain/broadcast/audience.js";
import { firstVersion, guessLocale, otherLocale, secondVersion, summarize, type Content, type Incoming, type VersionResult, type Versions } from "../../../domain/broadcast/content.js";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../../../domain/locale.js";
import { sendContent } from "../../../jobs/broadcast/send.js";
import type { Access } from "../../../services/access.js";
import { versionLocale, type BroadcastService } from "../../../services/broadcasts.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { BotConversation, ConversationContext } from "../../context.js";
import { chatSender } from "../../conversation-send.js";
import { entitiesToHtml } from "../../entities-html.js";
import { commandInFlow, flowHintText, type CommandInFlow, type FlowHint } from "../../flows.js";
import { escapeHtml } from "../../html.js";
import type { Translate } from "../../i18n.js";
import {
  abortData,
  abortKeyboard,
  audienceData,
  audienceKeyboard,
  audienceLabel,
  backData,
  confirmKeyboard,
  groupData,
  groupKeyboard,
  languageData,
  languageKeyboard,
  sendData,
  skipData,
  skipKeyboard,
  summaryText,
  tagData,
  tagKeyboard,
} from "./views.js";

export interface BroadcastFlowDeps {
  access: Access;
  broadcasts: BroadcastService;
  mission: MissionService;
}

type Press = CallbackQueryContext<ConversationContext>;

/** The organiser's message reduced to what a broadcast needs, or undefined for other kinds. */
function readIncoming(message: Message): Incoming | undefined {
  if (message.text !== undefined) return { kind: "text", html: entitiesToHtml(message.text, message.entities), plain: message.text };
  const caption = message.caption ?? "";
  const html = entitiesToHtml(caption, message.caption_entities);
  const photo = message.photo?.at(-1);
  if (photo) return { kind: "photo", fileId: photo.file_id, html, plain: caption };
  if (message.document) return { kind: "document", fileId: message.document.file_id, html, plain: caption };
  return undefined;
}

function problemText(t: Translate, result: Extract<VersionResult, { ok: false }>): string {
  switch (result.problem) {
    case "empty":
      return t("broadcast-message-empty");
    case "text-too-long":
      // As strings: Fluent would group the digits ("4,097"), which reads oddly for a character count.
      return t("broadcast-text-too-long", { length: String(result.length), max: String(result.max) });
    case "caption-too-long":
      return t("broadcast-caption-too-long", { length: String(result.length), max: String(result.max) });
    case "kind-mismatch":
      return t("broadcast-kind-mismatch", { kind: result.expected });
  }
}

/**
 * `/broadcast`: audience → (the mission group?) → the message → its language → optionally the other
 * language's version → a preview exactly as recipients will see it, with the count → Send / Cancel.
 * Send hands the broadcast to the queue; the summary message then becomes the live progress line
 * (edited by the queue's progress job, not here).
 */
export function broadcastFlow(deps: BroadcastFlowDeps) {
  return async function broadcast(conversation: BotConversation, ctx: ConversationContext): Promise<void> {
    const chatId = ctx.chat?.id;
    const userId = ctx.from?.id;
    if (chatId === undefined || userId === undefined) return;
    const t: Translate = (key, vars) => ctx.t(key, vars);
    const negotiated = await ctx.i18n.getLocale();
    const locale: Locale = isLocale(negotiated) ? negotiated : DEFAULT_LOCALE;
    const { send, edit, editMarkup } = chatSender(conversation, chatId);
    const { tags, groupChat } = await conversation.external(() => ({
      tags: deps.mission.current().tags,
      groupChat: deps.broadcasts.groupChatId() ?? null,
    }));

    // One "panel" message carries the choices and is edited from step to step.
    let panel = "";
    const panelId = (await send(t("broadcast-audience-ask"), { parse_mode: "HTML", reply_markup: audienceKeyboard(t) })).message_id;
    const showPanel = async (text: string, keyboard?: InlineKeyboard) => {
      const next = `${text}\u0000${JSON.stringify(keyboard ?? null)}`;
      if (next === panel) return; // an identical edit is a 400 from Telegram
      panel = next;
      await edit(panelId, text, { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) });
    };
    // The commands of the organiser's menu are not part of the flow: they go on to their own handlers
    // (/broadcast starts afresh, /broadcasts lists the history) and the flow keeps waiting. Any other
    // command is the flow's (flows.ts): `/skip` where the step has a Skip button, else a hint, and the
    // step waits on. Whoever is in this flow has the organisers' menu: the role is checked just below.
    // Every update of the flow re-checks the role: one taken away mid-flow ends the flow.
    const next = async (skippable = false): Promise<{ c: ConversationContext; command: CommandInFlow | undefined }> => {
      const c = await conversation.wait();
      const command = c.message ? await commandInFlow(c.message, { skippable, isOrganiser: () => Promise.resolve(true) }) : undefined;
      if (command?.kind === "leave") return conversation.skip({ next: true });
      if (!(await conversation.external(() => deps.access.isOrganiser(userId)))) {
        if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("broadcast-button-only-organisers") });
        else await send(c.t("broadcast-only-organisers"));
        return conversation.halt();
      }
      return { c, command };
    };
    // The step's question is the panel (or the message) above, still waiting: the hint points back at it.
    const hint = (c: ConversationContext, why: FlowHint) => send(flowHintText((key, vars) => c.t(key, vars), why), { parse_mode: "HTML" });
    const press = async (accept: readonly RegExp[]): Promise<Press> => {
      for (;;) {
        const { c, command } = await next();
        const data = c.callbackQuery?.data;
        if (data !== undefined && accept.some((r) => r.test(data))) return c as Press;
        if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-expired") });
        else if (command?.kind === "again") await hint(c, command.hint);
        else if (c.message) await send(c.t("broadcast-use-buttons"));
      }
    };
    const abort = async (c: Press) => {
      await c.answerCallbackQuery();
      if (c.callbackQuery.message) await edit(c.callbackQuery.message.message_id, c.t("broadcast-aborted"));
    };

    // ---- who ------------------------------------------------------------------------------------
    let audience: Audience | undefined;
    let includeGroup = false;
    let label = "";
    while (audience === undefined) {
      const c = await press([audienceData.filter, tagData.filter, backData.filter, abortData.filter]);
      const data = c.callbackQuery.data;
      if (abortData.unpack(data)) return abort(c);
      const picked = audienceData.unpack(data)?.pick;
      const tag = tagData.unpack(data)?.tag;
      if (picked === "tags") {
        await c.answerCallbackQuery();
        await showPanel(t("broadcast-tag-ask"), tagKeyboard(t, tags, locale));
        continue;
      }
      if (backData.unpack(data)) {
        await c.answerCallbackQuery();
        await showPanel(t("broadcast-audience-ask"), audienceKeyboard(t));
        continue;
      }
      const candidate: Audience | undefined =
        picked === "all" ? { kind: "all" } : picked !== undefined ? { kind: "role", role: picked } : tag !== undefined && tags.some((x) => x.id === tag) ? { kind: "tag", tag } : undefined;
      if (!candidate) {
        await c.answerCallbackQuery({ text: t("button-expired") });
        continue;
      }
      await c.answerCallbackQuery();
      label = escapeHtml(audienceLabel(t, candidate, tags, locale));
      // Whom it can go to: an audience of people who all blocked the bot has nobody to send to.
      const people = (await conversation.external(() => deps.broadcasts.reach(candidate, false))).sendable;
      let group = false;
      if (groupChat !== null) {
        await showPanel(t("broadcast-group-ask", { audience: label }), groupKeyboard(t));
        const g = await press([groupData.filter, abortData.filter]);
        if (abortData.unpack(g.callbackQuery.data)) return abort(g);
        await g.answerCallbackQuery();
        group = groupData.unpack(g.callbackQuery.data)?.on === "yes";
      }
      if (people === 0 && !group) {
        await showPanel(t("broadcast-audience-empty", { audience: label }), audienceKeyboard(t));
        continue;
      }
      audience = candidate;
      includeGroup = group;
    }

    // ---- what -----------------------------------------------------------------------------------
    await showPanel(t("broadcast-message-ask", { audience: label, group: includeGroup ? "yes" : "no" }), abortKeyboard(t));
    const readVersion = async (accept: (incoming: Incoming) => VersionResult, skippable: boolean): Promise<{ content: Content; incoming: Incoming } | "skip" | "abort"> => {
      for (;;) {
        const { c, command } = await next(skippable);
        if (command?.kind === "skip") return "skip";
        if (command?.kind === "again") {
          await hint(c, command.hint);
          continue;
        }
        if (c.callbackQuery) {
          const data = c.callbackQuery.data;
          if (abortData.unpack(data)) {
            await abort(c as Press);
            return "abort";
          }
          if (skippable && skipData.unpack(data)) {
            await c.answerCallbackQuery();
            return "skip";
          }
          await c.answerCallbackQuery({ text: c.t("button-expired") });
          continue;
        }
        if (!c.message) continue;
        const incoming = readIncoming(c.message);
        if (!incoming) {
          await send(c.t("broadcast-message-unsupported"));
          continue;
        }
        const result = accept(incoming);
        if (!result.ok) {
          await send(problemText((key, vars) => c.t(key, vars), result));
          continue;
        }
        return { content: result.content, incoming };
      }
    };
    const first = await readVersion(firstVersion, false);
    if (first === "abort" || first === "skip") return;
    await showPanel(t("broadcast-message-ask", { audience: label, group: includeGroup ? "yes" : "no" }));

    // ---- in which language, and the other one ---------------------------------------------------
    const guess = guessLocale(first.incoming.plain);
    const question = await send(t("broadcast-language-ask"), { reply_markup: languageKeyboard(t, guess) });
    let firstLocale: Locale | undefined;
    while (firstLocale === undefined) {
      const c = await press([languageData.filter, abortData.filter]);
      if (abortData.unpack(c.callbackQuery.data)) return abort(c);
      firstLocale = languageData.unpack(c.callbackQuery.data)?.locale;
      await c.answerCallbackQuery(firstLocale ? {} : { text: t("button-expired") });
    }
    await edit(question.message_id, `${t("broadcast-language-ask")} ${t(`language-name-${firstLocale}`)}`);
    const other = otherLocale(firstLocale);
    const ask = await send(t("broadcast-second-ask", { language: other, first: firstLocale, media: first.content.kind === "text" ? "no" : "yes" }), {
      reply_markup: skipKeyboard(t),
    });
    const second = await readVersion((incoming) => secondVersion(first.content, incoming), true);
    if (second === "abort") return;
    await editMarkup(ask.message_id);
    const versions: Versions = { [firstLocale]: first.content, ...(second !== "skip" ? { [other]: second.content } : {}) };

    // ---- preview and confirmation ---------------------------------------------------------------
    const present = LOCALES.filter((l) => versions[l] !== undefined);
    const chosen = audience;
    const reach = await conversation.external(() => deps.broadcasts.reach(chosen, includeGroup, versions));
    const summaryHtml = summaryText(t, reach, present, versionLocale(versions, DEFAULT_LOCALE));
    const keyboard = confirmKeyboard(t);
    // The previews and the summary are up to three messages at once to one chat: one external step.
    const summaryId = await conversation.external(async (outside) => {
      for (const l of present) {
        const content = versions[l];
        if (content) await sendContent(outside.api, chatId, content);
      }
      return (await outside.api.sendMessage(chatId, summaryHtml, { parse_mode: "HTML", reply_markup: keyboard })).message_id;
    });
    const confirm = await press([sendData.filter, abortData.filter]);
    if (abortData.unpack(confirm.callbackQuery.data)) return abort(confirm);

    const started = await conversation.external(async () => {
      // Checked again at the moment of sending: the role may have been taken away meanwhile.
      if (!(await deps.access.isOrganiser(userId))) return null;
      const created = await deps.broadcasts.start(
        { audience: chosen, includeGroup, versions, summary: summarize(first.incoming.plain) },
        { userId, chatId, locale, progressMessageId: summaryId },
      );
      return created.id;
    });
    await confirm.answerCallbackQuery({ text: t(started === null ? "broadcast-button-only-organisers" : "broadcast-started") });
  };
}
