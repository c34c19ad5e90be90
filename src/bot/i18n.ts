import { I18n, type TranslateFunction } from "@grammyjs/i18n";
import type { MiddlewareFn, SessionFlavor } from "grammy";
import { DEFAULT_LOCALE, LOCALES, pickLocale, type Locale } from "../domain/locale.js";
import type { BotContext, BotConversation, ConversationContext } from "./context.js";
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
 * The plugin's `translate` splits the key, matches bundles and builds a warning object on every call, and
 * most texts have no variables (buttons, menus, hints), so come out the same for a locale every time.
 * Where a message is found is remembered per locale list and key, and a text without variables is
 * formatted once; a missing message still goes through the plugin (its warning and "{key}" fallback).
 * Bounded: the keys are the locale files'.
 */
function memoizeStaticTexts(i18n: I18n<ConversationContext>): void {
  type Translate = (locales: string | string[], path: string, context?: Variables) => string;
  const fluent = i18n.fluent as unknown as { translate: Translate; matchBundles(locales: string[]): Iterable<Bundle> };
  const original: Translate = fluent.translate.bind(fluent);
  const found = new Map<string, Map<string, Found | null>>();
  const locate = (locales: string | string[], path: string): Found | null => {
    const list = Array.isArray(locales) ? locales : [locales];
    const [id = "", attribute] = path.split(".", 2);
    for (const bundle of fluent.matchBundles(list)) {
      const message = bundle.getMessage(id);
      if (message === undefined) continue;
      const pattern = attribute === undefined ? (message.value ?? "") : message.attributes[attribute];
      if (pattern === undefined) continue;
      return { bundle, pattern };
    }
    return null;
  };
  fluent.translate = (locales, path, context) => {
    const localesKey = Array.isArray(locales) ? locales.join(",") : locales;
    let byPath = found.get(localesKey);
    if (byPath === undefined) found.set(localesKey, (byPath = new Map<string, Found | null>()));
    let entry = byPath.get(path);
    if (entry === undefined) byPath.set(path, (entry = locate(locales, path)));
    if (entry === null) return original(locales, path, context);
    if (context !== undefined && hasKeys(context)) return entry.bundle.formatPattern(entry.pattern, context);
    return (entry.text ??= entry.bundle.formatPattern(entry.pattern));
  };
}

// The parts of @fluent/bundle (the plugin's dependency) used here.
type Variables = Record<string, unknown>;
type Pattern = NonNullable<unknown>;
interface Bundle {
  getMessage(id: string): { value: Pattern | null; attributes: Record<string, Pattern> } | undefined;
  formatPattern(pattern: Pattern, args?: Variables): string;
}

interface Found {
  bundle: Bundle;
  pattern: Pattern;
  /** The text without variables, once formatted. */
  text?: string;
}

function hasKeys(object: Record<string, unknown>): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}

/**
 * In place of the plugin's middleware outside conversations. The plugin builds five closures, a spread
 * of the variables on every `t` and two awaits per update, a good part of a short reply's CPU; here the
 * locale is picked synchronously (the session is already read), `t` is one function per locale, and
 * `ctx.i18n` is one small object with the plugin's methods.
 */
export function i18nMiddleware(i18n: I18n<ConversationContext>): MiddlewareFn<BotContext> {
  const translators = new Map<string, TranslateFunction>();
  const translatorFor = (locale: string): TranslateFunction => {
    let t = translators.get(locale);
    if (t === undefined) translators.set(locale, (t = (key, vars) => i18n.fluent.translate(locale, key, vars)));
    return t;
  };
  class ContextI18n {
    locale: string;
    readonly fluent = i18n.fluent;
    constructor(private readonly ctx: BotContext) {
      this.locale = localeOf(ctx);
      ctx.t = ctx.translate = translatorFor(this.locale);
    }
    useLocale(locale: string): void {
      this.locale = locale;
      this.ctx.t = this.ctx.translate = translatorFor(locale);
    }
    getLocale(): Promise<string> {
      return Promise.resolve(localeOf(this.ctx));
    }
    setLocale(): Promise<void> {
      return Promise.reject(new Error("The language is saved in the session by the language feature, not through ctx.i18n"));
    }
    renegotiateLocale(): Promise<void> {
      this.useLocale(localeOf(this.ctx));
      return Promise.resolve();
    }
  }
  return (ctx, next) => {
    ctx.i18n = new ContextI18n(ctx);
    return next();
  };
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
