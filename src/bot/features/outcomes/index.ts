import { Composer, type InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "../../context.js";
import { leaveFlows } from "../../flows.js";
import { isNotModified } from "../people/index.js";
import { envOf } from "../people/views.js";
import { OUTCOME_FLOW, outcomeConversation, type OutcomeFlowDeps } from "./flow.js";
import {
  agreementsListView,
  agreementsPageData,
  cardData,
  cardView,
  editData,
  MET_OF_CODE,
  metSaidText,
  PROGRESS_OF_CODE,
  progressData,
  progressSaidText,
  questionData,
  reasonData,
  reasonKeyboard,
  refusalToast,
} from "./views.js";

export type OutcomesDeps = OutcomeFlowDeps;

/** Replaces the buttons of the message pressed; a double tap that finds them replaced already is fine. */
async function setButtons(ctx: BotContext, keyboard: InlineKeyboard | undefined): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup(keyboard ? { reply_markup: keyboard } : {});
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

/**
 * After the meetings: the buttons of "did you meet?" and "was it carried out?" (sent by the bot when due,
 * see delivery.ts), the dialogue on what came of a meeting, each meeting's card, and `/agreements`.
 * Buttons carry ids and the revision of the answers they were made for; the service decides who may
 * answer what, so a third person's, a second or a stale press gets a toast and changes nothing.
 */
export function outcomesFeature(deps: OutcomesDeps): Composer<BotContext> {
  const { outcomes, mission } = deps;
  const composer = new Composer<BotContext>();
  composer.use(createConversation<BotContext, ConversationContext>(outcomeConversation(deps), OUTCOME_FLOW));
  const dm = composer.chatType("private");
  const buttons = dm.on("callback_query:data");
  const texts = dm.on("message:text");

  buttons.callbackQuery(questionData.filter, async (ctx) => {
    const data = questionData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const env = envOf(ctx, mission);
    const met = MET_OF_CODE[data.met];
    const result = await outcomes.answerMet(ctx.from.id, data.id, met, data.rev);
    if (!result.ok) return void (await ctx.answerCallbackQuery({ text: refusalToast(env, result) }));
    if (!result.changed) return void (await ctx.answerCallbackQuery({ text: ctx.t("outcome-toast-same") }));
    await ctx.answerCallbackQuery();
    await setButtons(ctx, undefined);
    if (met === "yes") {
      await leaveFlows(ctx);
      await ctx.conversation.enter(OUTCOME_FLOW, data.id);
      return;
    }
    await ctx.reply(metSaidText(env, met, result.other, result.askAgainAt), { parse_mode: "HTML" });
  });

  buttons.callbackQuery(editData.filter, async (ctx) => {
    const data = editData.unpack(ctx.callbackQuery.data);
    const card = data ? await outcomes.card(ctx.from.id, data.id) : undefined;
    if (!card?.ok) return void (await ctx.answerCallbackQuery({ text: card ? refusalToast(envOf(ctx, mission), card) : ctx.t("button-expired") }));
    if (card.card.mine?.met !== "yes") return void (await ctx.answerCallbackQuery({ text: ctx.t("outcome-toast-not-met") }));
    await ctx.answerCallbackQuery();
    await leaveFlows(ctx);
    await ctx.conversation.enter(OUTCOME_FLOW, card.card.request.id);
  });

  buttons.callbackQuery(progressData.filter, async (ctx) => {
    const data = progressData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const env = envOf(ctx, mission);
    const state = PROGRESS_OF_CODE[data.state];
    const result = await outcomes.recordProgress(ctx.from.id, data.id, state, { rev: data.rev, ...(data.days > 0 ? { days: data.days } : {}) });
    if (!result.ok) return void (await ctx.answerCallbackQuery({ text: refusalToast(env, result) }));
    if (!result.changed) return void (await ctx.answerCallbackQuery({ text: ctx.t("outcome-toast-same") }));
    await ctx.answerCallbackQuery();
    // "Not carried out" asks what got in the way, on the same message; the answer stands without it.
    if (state === "not-done") {
      await setButtons(ctx, reasonKeyboard(env, data.id, data.days, result.outcome.rev));
      await ctx.reply(ctx.t("outcome-reason-question"));
      return;
    }
    await setButtons(ctx, undefined);
    await ctx.reply(progressSaidText(env, state));
  });

  buttons.callbackQuery(reasonData.filter, async (ctx) => {
    const data = reasonData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const env = envOf(ctx, mission);
    const result = await outcomes.recordProgress(ctx.from.id, data.id, "not-done", { rev: data.rev, reason: data.reason, ...(data.days > 0 ? { days: data.days } : {}) });
    if (!result.ok) return void (await ctx.answerCallbackQuery({ text: refusalToast(env, result) }));
    await ctx.answerCallbackQuery();
    await setButtons(ctx, undefined);
    await ctx.reply(progressSaidText(env, "not-done", data.reason));
  });

  // ---- the card and /agreements -------------------------------------------------------------------

  buttons.callbackQuery(cardData.filter, async (ctx) => {
    const data = cardData.unpack(ctx.callbackQuery.data);
    const result = data ? await outcomes.card(ctx.from.id, data.id) : undefined;
    const env = envOf(ctx, mission);
    if (!result?.ok) return void (await ctx.answerCallbackQuery({ text: result ? refusalToast(env, result) : ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    const view = cardView(env, result.card, deps.now());
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  });

  const list = async (ctx: BotContext, page: number, edit: boolean) => {
    const userId = ctx.from?.id ?? 0;
    const view = agreementsListView(envOf(ctx, mission), await outcomes.list(userId), page);
    if (!edit) return void (await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
    try {
      await ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
  };
  texts.command("agreements", (ctx) => list(ctx, 0, false));
  buttons.callbackQuery(agreementsPageData.filter, async (ctx) => {
    const data = agreementsPageData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    await list(ctx, data.page, true);
  });
  return composer;
}
