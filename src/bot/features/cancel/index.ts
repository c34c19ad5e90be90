import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { inAnyFlow, leaveFlows } from "../../flows.js";
import { mainMenu } from "../../menu.js";

/** `/cancel` leaves any flow; it is installed before the conversations so it always wins. */
export function cancelFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("cancel", async (ctx) => {
    const active = inAnyFlow(ctx);
    await leaveFlows(ctx);
    await ctx.reply(ctx.t(active ? "cancel-done" : "cancel-nothing"), { reply_markup: mainMenu(ctx) });
  });
  return composer;
}
