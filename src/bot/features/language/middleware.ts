import type { MiddlewareFn } from "grammy";
import { effectiveLocale, type Locale, type StoredLanguage } from "../../../domain/locale.js";
import type { BotContext } from "../../context.js";

/** The part of LanguagesRepo (storage/languages-repo.ts) that updates use. */
export interface Languages {
  get(userId: number): Promise<StoredLanguage | undefined>;
  choose(userId: number, locale: Locale): Promise<void>;
  noteSpoken(userId: number, locale: Locale): Promise<void>;
}

/**
 * Reads the user's language record for i18n's negotiator (context.ts, LanguageFlavor), and notes the
 * language a private-chat user is spoken to in when it changed, so that what the bot sends them later
 * (reminders, notices, meeting requests) uses it too: Telegram's language_code only comes with an update.
 */
export function languageMiddleware(languages: Languages): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const user = ctx.from;
    if (user === undefined) return next();
    let stored = await languages.get(user.id);
    const isPrivate = ctx.chat?.type === "private";
    const legacy = isPrivate ? ctx.session.language : undefined;
    if (legacy !== undefined) {
      if (!stored?.chosen) await languages.choose(user.id, legacy);
      stored = stored?.chosen ? stored : { locale: legacy, chosen: true };
      delete ctx.session.language;
    }
    ctx.storedLanguage = stored;
    if (isPrivate && !stored?.chosen && user.language_code) {
      const spoken = effectiveLocale(undefined, user.language_code);
      if (stored?.locale !== spoken) await languages.noteSpoken(user.id, spoken);
    }
    return next();
  };
}
