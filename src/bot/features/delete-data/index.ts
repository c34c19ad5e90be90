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
    const deleted = await personalData.deleteAll(ctx.from.id);
    ctx.session = {};
    const text =
      deleted.length === 0
        ? ctx.t("deldata-nothing")
        : [ctx.t("deldata-done"), ...deleted.map((item) => `• ${ctx.t(`deleted-${item}`)}`), "", ctx.t("deldata-kept-counts")].join("\n");
    await ctx.editMessageText(text);
  });
  return composer;
}
