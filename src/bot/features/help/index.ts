import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { hears } from "@grammyjs/i18n";
import { PUBLIC_COMMANDS } from "../../commands.js";
import { viewTranslator } from "../../i18n.js";

export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const help = async (ctx: BotContext) => {
    const t = viewTranslator(ctx);
    const lines = PUBLIC_COMMANDS.map((c) => `/${c} — ${t(`command-${c}`)}`);
    await ctx.reply([t("help-intro"), "", ...lines].join("\n"), { parse_mode: "HTML" });
  };
  // Typed messages only: any other update passes with one check, before a menu label is translated.
  const texts = composer.on("message:text");
  texts.command("help", help);
  texts.filter(hears("menu-help"), help);
  return composer;
}
