import { Composer } from "grammy";
import type { BotContext } from "../../context.js";

/**
 * Last in the chain: whatever no feature handled gets a short hint, never silence. Group chats stay
 * quiet: the bot must not answer every message of a mission's group.
 */
export function fallbackFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
  });
  const dm = composer.chatType("private");
  dm.on("message::bot_command", async (ctx) => {
    await ctx.reply(ctx.t("unknown-command"));
  });
  dm.on("message:text", async (ctx) => {
    await ctx.reply(ctx.t("unknown-text"));
  });
  dm.on("message", async (ctx) => {
    await ctx.reply(ctx.t("unsupported-message"));
  });
  return composer;
}
