import { I18n } from "@grammyjs/i18n";
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
 * `t` for one view: a view asks for the same label many times (a kind's emoji on every line, the same
 * button on every item), and the plugin negotiates the language on every call. Each text without
 * variables is translated once per view; made afresh for every view, so it never outlives the update.
 */
export function onceEach(t: Translate): Translate {
  const plain = new Map<string, string>();
  return (key, vars) => {
    if (vars !== undefined) return t(key, vars);
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = t(key)));
    return text;
  };
}
