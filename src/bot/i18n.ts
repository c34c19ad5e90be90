import { I18n } from "@grammyjs/i18n";
import type { MiddlewareFn, SessionFlavor } from "grammy";
import { DEFAULT_LOCALE, pickLocale, type Locale } from "../domain/locale.js";
import type { BotConversation, ConversationContext } from "./context.js";
import type { SessionData } from "./session.js";

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

// Inside a conversation there is no session; outside there always is.
function savedLanguage(ctx: ConversationContext): string | undefined {
  return (ctx as Partial<SessionFlavor<SessionData>>).session?.language;
}

/** One I18n for the process, typed for the narrowest context so conversations can install it too. */
export function createI18n(directory: string): I18n<ConversationContext> {
  return new I18n<ConversationContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory,
    // Unicode isolation marks around placeables would end up in buttons and break `hears` matching.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => pickLocale(savedLanguage(ctx), ctx.from?.language_code),
  });
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
