/** The languages the bot speaks. Russian is the default: the missions are Russian-speaking. */
export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ru";

// Telegram's language_code values whose speakers read Russian more easily than English.
const RUSSIAN_READERS = new Set(["ru", "uk", "be", "kk"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The user's saved choice wins; otherwise Telegram's `language_code` decides (ru/uk/be/kk → ru,
 * anything else → en); Russian when nothing is known.
 */
export function pickLocale(saved: string | undefined, languageCode: string | undefined): Locale {
  if (isLocale(saved)) return saved;
  if (languageCode === undefined || languageCode === "") return DEFAULT_LOCALE;
  const base = languageCode.toLowerCase().split(/[-_]/)[0] ?? "";
  return RUSSIAN_READERS.has(base) ? "ru" : "en";
}

/** A user's language as stored (LanguagesRepo): `chosen` when they picked it with /language. */
export interface StoredLanguage {
  locale: Locale;
  chosen: boolean;
}

/**
 * The language to speak to a user in. A /language choice wins over everything; otherwise Telegram's
 * `language_code` of the update at hand, since it follows the user's current Telegram setting; the stored
 * derived language only when there is no code (messages sent outside the user's own update: reminders,
 * notices, requests from others); Russian when nothing is known.
 */
export function effectiveLocale(stored: StoredLanguage | undefined, telegramLanguageCode: string | undefined): Locale {
  if (stored?.chosen) return stored.locale;
  if (telegramLanguageCode !== undefined && telegramLanguageCode !== "") return pickLocale(undefined, telegramLanguageCode);
  return stored?.locale ?? DEFAULT_LOCALE;
}
