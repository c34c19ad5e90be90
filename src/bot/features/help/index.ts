import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { hears } from "@grammyjs/i18n";
import { localeOf } from "../../i18n.js";
import { PUBLIC_COMMANDS } from "../../commands.js";

export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // The same text for everyone speaking a language: built once per language.
  const texts = new Map<string, string>();
  const help = async (ctx: BotContext) => {
    const locale = localeOf(ctx);
    let text = texts.get(locale);
    if (text === undefined) {
      const lines = PUBLIC_COMMANDS.map((c) => `/${c} — ${ctx.t(`command-${c}`)}`);
      texts.set(locale, (text = [ctx.t("help-intro"), "", ...lines].join("\n")));
    }
    await ctx.reply(text, { parse_mode: "HTML" });
  };
  composer.command("help", help);
  composer.filter(hears("menu-help"), help);
  return composer;
}
