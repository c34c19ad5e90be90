import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { LOCALES } from "../../../domain/locale.js";
import { callbackData } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { hears } from "@grammyjs/i18n";
import { mainMenu } from "../../menu.js";
import type { Languages } from "./middleware.js";

export const languageData = callbackData("lang", { locale: z.enum(LOCALES) });

export interface LanguageFeatureDeps {
  languages: Pick<Languages, "choose">;
}

/** The language choice buttons; other features (the profile) offer them too. */
export function languageKeyboard(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES) keyboard.text(ctx.t(`language-name-${locale}`), languageData.pack({ locale }));
  return keyboard;
}

export function languageFeature(deps: LanguageFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const ask = async (ctx: BotContext) => {
    await ctx.reply(ctx.t("language-choose"), { reply_markup: languageKeyboard(ctx) });
  };
  // Typed messages only: any other update passes with one check, before a menu label is translated.
  const texts = composer.on("message:text");
  texts.command("language", ask);
  texts.filter(hears("menu-language"), ask);

  composer.callbackQuery(languageData.filter, async (ctx) => {
    const data = languageData.unpack(ctx.callbackQuery.data);
    if (!data) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await deps.languages.choose(ctx.from.id, data.locale);
    ctx.storedLanguage = { locale: data.locale, chosen: true };
    await ctx.i18n.renegotiateLocale();
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language-set"));
    // The reply keyboard's labels are per language, so send it again in the new one.
    await ctx.reply(ctx.t("menu-updated"), { reply_markup: mainMenu(ctx) });
  });
  return composer;
}
