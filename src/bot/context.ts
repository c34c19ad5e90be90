import type { Context, SessionFlavor } from "grammy";
import type { ConversationFlavor, Conversation } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { SessionData } from "./session.js";

/** The context every handler outside a conversation sees. */
export type BotContext = ConversationFlavor<Context & SessionFlavor<SessionData> & I18nFlavor>;

/** The context inside a conversation: no session (it lives outside), i18n installed as a plugin. */
export type ConversationContext = Context & I18nFlavor;

export type BotConversation = Conversation<BotContext, ConversationContext>;
