import { Composer } from "grammy";
import type { NudgeService } from "../../../services/nudges.js";
import type { BotContext } from "../../context.js";
import { isNotModified } from "../people/index.js";
import { nudgeData, toggledKeyboard } from "./views.js";

/**
 * The nudge's own button: "Don't remind me" (remembered for every later B2B day) and its undo. Its
 * "Request a meeting" buttons are the meetings feature's, and "All participants" the directory's.
 */
export function nudgesFeature({ nudges }: { nudges: NudgeService }): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").callbackQuery(nudgeData.filter, async (ctx) => {
    const data = nudgeData.unpack(ctx.callbackQuery.data);
    const off = data?.off === "1";
    if (!data || !(await nudges.setOff(ctx.from.id, off))) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await ctx.answerCallbackQuery({ text: ctx.t(off ? "nudge-off-done" : "nudge-on-done"), show_alert: true });
    const keyboard = toggledKeyboard(ctx.callbackQuery.message?.reply_markup, off, ctx.t(off ? "nudge-on" : "nudge-off"));
    if (!keyboard) return;
    try {
      await ctx.editMessageReplyMarkup({ reply_markup: keyboard });
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
  });
  return composer;
}
