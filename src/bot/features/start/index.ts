import { Composer } from "grammy";
import { escapeHtml } from "../../html.js";
import type { BotContext } from "../../context.js";
import { mainMenu } from "../../menu.js";

export function startFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("start", async (ctx) => {
    await ctx.reply(ctx.t("start-greeting", { name: escapeHtml(ctx.from.first_name) }), {
      parse_mode: "HTML",
      reply_markup: mainMenu(ctx),
    });
  });
  return composer;
}
