import type { Context, SessionFlavor } from "grammy";
import type { ConversationFlavor, Conversation } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { StoredLanguage } from "../domain/locale.js";
import type { SessionData } from "./session.js";

/**
 * The user's language record (storage/languages-repo.ts), read once per update by the language
 * middleware before i18n negotiates: what the user chose with /language wins over Telegram's language_code.
 */
export interface LanguageFlavor {
  storedLanguage?: StoredLanguage;
}

/** The context every handler outside a conversation sees. */
export type BotContext = ConversationFlavor<Context & SessionFlavor<SessionData> & I18nFlavor & LanguageFlavor>;

/** The context inside a conversation: no session (it lives outside), i18n installed as a plugin. */
export type ConversationContext = Context & I18nFlavor & LanguageFlavor;

export type BotConversation = Conversation<BotContext, ConversationContext>;
