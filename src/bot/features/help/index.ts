import { type Composer } from "grammy";
import { FastComposer } from "../../composer.js";
import type { BotContext } from "../../context.js";
import { hears } from "../../i18n.js";
import { PUBLIC_COMMANDS } from "../../commands.js";

export function helpFeature(): Composer<BotContext> {
  const composer = new FastComposer<BotContext>();
  const help = async (ctx: BotContext) => {
    const lines = PUBLIC_COMMANDS.map((c) => `/${c} — ${ctx.t(`command-${c}`)}`);
    await ctx.reply([ctx.t("help-intro"), "", ...lines].join("\n"), { parse_mode: "HTML" });
  };
  composer.command("help", help);
  composer.filter(hears("menu-help"), help);
  return composer;
}
