import { Composer, type InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import type { Action, MeetingRequest } from "../../../domain/meetings/request.js";
import type { MeetingsService, Refused } from "../../../services/meetings.js";
import type { Access } from "../../../services/access.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { leaveFlows } from "../../flows.js";
import { hears } from "@grammyjs/i18n";
import type { Labels } from "../registration/questions.js";
import { isNotModified } from "../people/index.js";
import { envOf, type ViewEnv } from "../people/views.js";
import { REQUEST_FLOW, requestConversation } from "./flow.js";
import {
  actData,
  cancelKeyboard,
  declineData,
  declineKeyboard,
  listData,
  meetingsListView,
  openData,
  outcomeText,
  proposeData,
  proposeKeyboard,
  refusalToast,
  requestCardView,
  requestData,
  sendData,
  sentToast,
  viewerKeyboard,
} from "./views.js";

export interface MeetingsDeps {
  meetings: MeetingsService;
  mission: MissionService;
  i18n: I18n<ConversationContext>;
  labels: Labels;
  /** Whose command menu has the organisers' commands (one of them leaves the request flow). */
  access: Access;
  /** Buttons another feature adds under an opened meeting (what came of it: features/outcomes); none when absent. */
  cardButtons?: (env: ViewEnv, request: MeetingRequest, keyboard: InlineKeyboard | undefined) => InlineKeyboard | undefined;
}

/** Replaces the buttons of the message pressed; a double tap that finds them replaced already is fine. */
async function setButtons(ctx: BotContext, keyboard: InlineKeyboard | undefined): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup(keyboard ? { reply_markup: keyboard } : {});
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

/**
 * Meeting requests in the chat: "Request a meeting" (the flow), the buttons of a request (accept,
 * decline with a reason, propose another time, answer a proposal, withdraw, cancel), and `/meetings`.
 * Every button carries ids only; the service decides who may do what, so a stale, second or forged press
 * gets a toast and changes nothing.
 */
export function meetingsFeature(deps: MeetingsDeps): Composer<BotContext> {
  const { meetings, mission } = deps;
  const composer = new Composer<BotContext>();
  composer.use(createConversation<BotContext, ConversationContext>(requestConversation(deps), REQUEST_FLOW));
  const dm = composer.chatType("private");
  // Buttons and typed messages in branches of their own: an update of the other kind passes them with one check.
  const buttons = dm.on("callback_query:data");
  const texts = dm.on("message:text");

  buttons.callbackQuery(requestData.filter, async (ctx) => {
    const data = requestData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    await leaveFlows(ctx);
    await ctx.conversation.enter(REQUEST_FLOW, data.id);
  });

  // The flow is over when a second tap on its "Send" arrives (one chat's updates come in order): the
  // request the first tap sent is there, so that is what the user is told, as for a second Accept.
  buttons.callbackQuery(sendData.filter, async (ctx) => {
    const data = sendData.unpack(ctx.callbackQuery.data);
    const sent = data ? await meetings.openRequestTo(ctx.from.id, data.to) : undefined;
    await ctx.answerCallbackQuery({ text: sent ? sentToast(envOf(ctx, mission), sent.to) : ctx.t("button-expired") });
  });

  // ---- /meetings ----------------------------------------------------------------------------------

  const list = async (ctx: BotContext, page: number, edit: boolean) => {
    const view = meetingsListView(envOf(ctx, mission), ctx.from?.id ?? 0, await meetings.list(ctx.from?.id ?? 0), page);
    if (!edit) return void (await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
    try {
      await ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
  };
  texts.command("meetings", (ctx) => list(ctx, 0, false));
  texts.filter(hears("menu-meetings"), (ctx) => list(ctx, 0, false));
  buttons.callbackQuery(listData.filter, async (ctx) => {
    const data = listData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    await list(ctx, data.page, true);
  });

  buttons.callbackQuery(openData.filter, async (ctx) => {
    const data = openData.unpack(ctx.callbackQuery.data);
    const result = data ? await meetings.open(ctx.from.id, data.id) : undefined;
    const env = envOf(ctx, mission);
    if (!result?.ok) return void (await ctx.answerCallbackQuery({ text: result ? refusalToast(env, result) : ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    const view = requestCardView(env, ctx.from.id, result.opened);
    const keyboard = deps.cardButtons ? deps.cardButtons(env, result.opened.request, view.keyboard) : view.keyboard;
    await ctx.reply(view.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) });
  });

  // ---- buttons on a request -------------------------------------------------------------------

  /** Takes the action; on success the buttons go and the actor is told the outcome. */
  const act = async (ctx: BotContext & { from: { id: number } }, id: string, action: Action) => {
    const env = envOf(ctx, mission);
    const result = await meetings.act(ctx.from.id, id, action);
    if (!result.ok) return void (await ctx.answerCallbackQuery({ text: refusalToast(env, result), show_alert: isAlert(result) }));
    await ctx.answerCallbackQuery();
    await setButtons(ctx, undefined);
    await ctx.reply(outcomeText(env, result), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  };

  buttons.callbackQuery(actData.filter, async (ctx) => {
    const data = actData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const env = envOf(ctx, mission);
    const { id } = data;
    switch (data.act) {
      case "acc":
        return act(ctx, id, { type: "accept" });
      case "acp":
        return act(ctx, id, { type: "accept-proposal" });
      case "dcp":
        return act(ctx, id, { type: "decline-proposal" });
      case "wdy":
        return act(ctx, id, { type: "cancel", expect: "pending" });
      case "cny":
        return act(ctx, id, { type: "cancel", expect: "accepted" });
      case "dec":
      case "prop":
      case "cnl": {
        const kind = data.act === "dec" ? "decline" : data.act === "prop" ? "propose" : "cancel";
        const checked = await meetings.check(ctx.from.id, id, kind);
        if (!checked.ok) return void (await ctx.answerCallbackQuery({ text: refusalToast(env, checked) }));
        if (kind === "propose" && checked.slots.length === 0) return void (await ctx.answerCallbackQuery({ text: ctx.t("meeting-toast-no-slots"), show_alert: true }));
        await ctx.answerCallbackQuery();
        const keyboard = kind === "decline" ? declineKeyboard(env, id) : kind === "propose" ? proposeKeyboard(env, id, checked.slots) : cancelKeyboard(env, checked.request);
        return setButtons(ctx, keyboard);
      }
      case "back": {
        const opened = await meetings.open(ctx.from.id, id);
        if (!opened.ok) return void (await ctx.answerCallbackQuery({ text: refusalToast(env, opened) }));
        await ctx.answerCallbackQuery();
        return setButtons(ctx, viewerKeyboard(env, ctx.from.id, opened.opened.request));
      }
    }
  });

  buttons.callbackQuery(declineData.filter, async (ctx) => {
    const data = declineData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await act(ctx, data.id, data.reason === "none" ? { type: "decline" } : { type: "decline", reason: data.reason });
  });

  buttons.callbackQuery(proposeData.filter, async (ctx) => {
    const data = proposeData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const checked = await meetings.check(ctx.from.id, data.id, "propose");
    const slot = checked.ok ? checked.slots.find((s) => Math.round(s.start / 60_000) === data.at) : undefined;
    if (checked.ok && !slot) return void (await ctx.answerCallbackQuery({ text: ctx.t("meeting-toast-slot-taken"), show_alert: true }));
    if (!slot) return void (await ctx.answerCallbackQuery({ text: checked.ok ? ctx.t("button-expired") : refusalToast(envOf(ctx, mission), checked) }));
    await act(ctx, data.id, { type: "propose", slot });
  });
  return composer;
}

function isAlert(refused: Refused): boolean {
  return refused.reason === "slot-taken" || refused.reason === "slot-past";
}

/**
 * Shows someone the requests that waited for them (they had not opened the bot, or had blocked it)
 * right after their `/start` has been answered.
 */
export function meetingsInbox(meetings: MeetingsService): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("start", async (ctx, next) => {
    await next();
    await meetings.deliverWaiting(ctx.from.id);
  });
  return composer;
}
