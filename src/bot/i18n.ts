import { I18n, type Fluent } from "@grammyjs/i18n";
import { DEFAULT_LOCALE, effectiveLocale, type Locale } from "../domain/locale.js";
import type { BotConversation, ConversationContext, LanguageFlavor } from "./context.js";

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * One I18n for the process, typed for the narrowest context so conversations can install it too. The
 * negotiator needs no I/O: the language middleware (features/language/middleware.ts) has read the
 * user's record by then, outside and (through `conversationPlugins`) inside conversations.
 */
export function createI18n(directory: string): I18n<ConversationContext> {
  return new I18n<ConversationContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory,
    // Unicode isolation marks around placeables would end up in buttons and break `hears` matching.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => localeOf(ctx),
  });
}

/**
 * The plugins of every conversation that speaks through ctx.t: the user's language record, read from
 * the outside context once per replay (through `external`, so replays stay deterministic), then i18n.
 */
export function conversationPlugins(i18n: I18n<ConversationContext>) {
  return async (conversation: BotConversation) => {
    const stored = await conversation.external((outside) => outside.storedLanguage);
    return [
      (ctx: ConversationContext, next: () => Promise<void>) => {
        if (stored) ctx.storedLanguage = stored;
        return next();
      },
      i18n,
    ];
  };
}

/** The locale a handler speaks in (what the negotiator above picks). */
export function localeOf(ctx: LanguageFlavor & { from?: { language_code?: string } | undefined }): Locale {
  return effectiveLocale(ctx.storedLanguage, ctx.from?.language_code);
}

/** A translator bound to one locale, for messages sent outside an update (errors, notices to others). */
export function translator(i18n: I18n<ConversationContext>, locale: Locale): Translate {
  return (key, vars) => i18n.t(locale, key, vars);
}

/**
 * `t` for the views of one update, in the language `localeOf(ctx)` picks (the negotiator's own choice).
 * @grammyjs/i18n negotiates the language on every call, and a view asks for many texts: a kind's emoji on
 * every line, a label on every button (bench/README.md, "Issue 13: margin on the floor"). A text without
 * variables is the same for every update in a language — the locale files are read once, when the plugin
 * is made, and nothing changes them after — so each is translated once per language and kept with the
 * plugin's Fluent instance (the one owner: a new I18n starts afresh); texts with variables are translated
 * on every call.
 */
export function viewTranslator(ctx: ConversationContext): Translate {
  const locale = localeOf(ctx);
  const fluent = ctx.i18n.fluent;
  let texts = fixedTexts.get(fluent)?.get(locale);
  if (texts === undefined) {
    const byLocale = fixedTexts.get(fluent) ?? new Map<Locale, Map<string, string>>();
    fixedTexts.set(fluent, byLocale);
    byLocale.set(locale, (texts = new Map<string, string>()));
  }
  const known = texts;
  return (key, vars) => {
    if (vars !== undefined) return fluent.translate(locale, key, vars);
    let text = known.get(key);
    if (text === undefined) {
      text = fluent.translate(locale, key);
      // Keys come from the code (a few hundred); the bound only guards against a key made from input.
      if (known.size >= MAX_FIXED_TEXTS) known.clear();
      known.set(key, text);
    }
    return text;
  };
}

const MAX_FIXED_TEXTS = 2_000;
const fixedTexts = new WeakMap<Fluent, Map<Locale, Map<string, string>>>();
