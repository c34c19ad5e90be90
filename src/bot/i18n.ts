import { I18n } from "@grammyjs/i18n";
import type { MiddlewareFn, SessionFlavor } from "grammy";
import { DEFAULT_LOCALE, LOCALES, pickLocale, type Locale } from "../domain/locale.js";
import type { BotConversation, ConversationContext } from "./context.js";
import type { SessionData } from "./session.js";

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

// Inside a conversation there is no session; outside there always is.
function savedLanguage(ctx: ConversationContext): string | undefined {
  return (ctx as Partial<SessionFlavor<SessionData>>).session?.language;
}

/** One I18n for the process, typed for the narrowest context so conversations can install it too. */
export function createI18n(directory: string): I18n<ConversationContext> {
  const i18n = new I18n<ConversationContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory,
    // Unicode isolation marks around placeables would end up in buttons and break `hears` matching.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => pickLocale(savedLanguage(ctx), ctx.from?.language_code),
  });
  memoizeBundleMatching(i18n);
  memoizeStaticTexts(i18n);
  return i18n;
}

/**
 * Most texts have no variables (buttons, menus, hints) and come out the same for a locale every time;
 * formatting them again was a good part of a short reply's CPU. Remembered per locale and key; the set of
 * keys is the locale files', so it is bounded.
 */
function memoizeStaticTexts(i18n: I18n<ConversationContext>): void {
  type Translate = (locales: string | string[], path: string, context?: Record<string, unknown>) => string;
  const fluent = i18n.fluent as unknown as { translate: Translate };
  const original: Translate = fluent.translate.bind(fluent);
  const texts = new Map<string, string>();
  fluent.translate = (locales, path, context) => {
    if (context !== undefined && hasKeys(context)) return original(locales, path, context);
    const key = `${Array.isArray(locales) ? locales.join(",") : locales}\n${path}`;
    let text = texts.get(key);
    if (text === undefined) {
      text = original(locales, path, context);
      texts.set(key, text);
    }
    return text;
  };
}

function hasKeys(object: Record<string, unknown>): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}

/**
 * The plugin negotiates languages (BCP 47 parsing, likely-subtags tables) on every single translation;
 * profiling showed it at ~7% of an update's CPU. The bundles are fixed once the locale files are loaded,
 * so the match for a locale list never changes: remember it.
 */
function memoizeBundleMatching(i18n: I18n<ConversationContext>): void {
  const fluent = i18n.fluent as unknown as { matchBundles?: (locales: string[]) => unknown };
  const original = fluent.matchBundles?.bind(fluent);
  if (!original) return;
  const cache = new Map<string, unknown>();
  fluent.matchBundles = (locales) => {
    const key = locales.join(",");
    let bundles = cache.get(key);
    if (bundles === undefined) {
      bundles = original(locales);
      cache.set(key, bundles);
    }
    return bundles;
  };
}

/**
 * Like `hears` from @grammyjs/i18n (matches a button's label in any language) but computes the labels
 * once instead of translating the key into every language on every message.
 */
export function hears(key: string) {
  let labels: Set<string> | undefined;
  return <C extends ConversationContext>(ctx: C): ctx is C & { message: { text: string } } => {
    const text = ctx.message?.text;
    if (text === undefined) return false;
    labels ??= new Set(LOCALES.map((locale) => ctx.i18n.fluent.translate(locale, key)));
    return labels.has(text);
  };
}

/**
 * The plugins of every conversation: i18n, with the saved language read from the outside session once
 * per replay (through `external`, so replays stay deterministic).
 */
export function conversationPlugins(i18n: I18n<ConversationContext>) {
  return async (conversation: BotConversation): Promise<MiddlewareFn<ConversationContext>[]> => {
    const saved = await conversation.external((ctx) => ctx.session.language);
    return [
      i18n.middleware(),
      (ctx, next) => {
        ctx.i18n.useLocale(pickLocale(saved, ctx.from?.language_code));
        return next();
      },
    ];
  };
}

/** The locale a handler outside a conversation speaks in (what the negotiator above picks). */
export function localeOf(ctx: Partial<SessionFlavor<SessionData>> & { from?: { language_code?: string } | undefined }): Locale {
  return pickLocale(ctx.session?.language, ctx.from?.language_code);
}

/** A translator bound to one locale, for messages sent outside an update (errors, notices to others). */
export function translator(i18n: I18n<ConversationContext>, locale: Locale): Translate {
  return (key, vars) => i18n.t(locale, key, vars);
}
