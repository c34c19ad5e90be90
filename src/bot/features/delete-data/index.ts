import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { PersonalDataService } from "../../../services/personal-data.js";
import { callbackData } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { leaveFlows } from "../../flows.js";

export const deleteDataData = callbackData("deldata", { step: z.enum(["ask", "yes", "no"]) });

export interface DeleteDataDeps {
  personalData: PersonalDataService;
}

/** `/deletemydata`: asks once, then deletes the profile and every personal record and says what went. */
export function deleteDataFeature({ personalData }: DeleteDataDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  const ask = async (ctx: BotContext) => {
    const keyboard = new InlineKeyboard()
      .text(ctx.t("deldata-yes"), deleteDataData.pack({ step: "yes" }))
      .row()
      .text(ctx.t("deldata-no"), deleteDataData.pack({ step: "no" }));
    await ctx.reply(ctx.t("deldata-confirm"), { reply_markup: keyboard });
  };
  dm.command("deletemydata", ask);
  dm.callbackQuery(deleteDataData.filter, async (ctx) => {
    const step = deleteDataData.unpack(ctx.callbackQuery.data)?.step;
    if (!step) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await ctx.answerCallbackQuery();
    if (step === "ask") {
      await ask(ctx);
      return;
    }
    if (step === "no") {
      await ctx.editMessageText(ctx.t("deldata-kept"));
      return;
    }
    // A flow in progress holds typed answers in its own state; it goes first.
    await leaveFlows(ctx);
    const { deleted, othersKeep } = await personalData.deleteAll(ctx.from.id);
    ctx.session = {};
    await ctx.editMessageText(deleted.length === 0 ? ctx.t("deldata-nothing") : summary(ctx, deleted, othersKeep));
  });
  return composer;
}

/** What went, then what others may still have of what the bot had sent them (so nothing is overpromised). */
function summary(ctx: BotContext, deleted: readonly string[], othersKeep: readonly string[]): string {
  const lines = [ctx.t("deldata-done"), ...deleted.map((item) => `• ${ctx.t(`deleted-${item}`)}`)];
  if (othersKeep.length > 0) lines.push("", ctx.t("deldata-others-keep"), ...othersKeep.map((item) => `• ${ctx.t(`others-keep-${item}`)}`));
  lines.push("", ctx.t("deldata-kept-counts"));
  return lines.join("\n");
}
