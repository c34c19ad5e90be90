import { Context, type SessionFlavor } from "grammy";
import type { Chat, Message, User } from "grammy/types";
import type { ConversationFlavor, Conversation } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { VersionHint } from "../storage/participants-repo.js";
import type { SessionData } from "./session.js";

/** The participants' version, read with the session (see create-bot): for the directory, /start, /profile. */
export interface ParticipantsVersionFlavor {
  participantsVersion?: VersionHint;
}

/** The context every handler outside a conversation sees. */
export type BotContext = ConversationFlavor<Context & SessionFlavor<SessionData> & I18nFlavor & ParticipantsVersionFlavor>;

/** The context inside a conversation: no session (it lives outside), i18n installed as a plugin. */
export type ConversationContext = Context & I18nFlavor;

export type BotConversation = Conversation<BotContext, ConversationContext>;

const UNSET = Symbol("unset");

/**
 * grammY's Context with `msg`, `chat`, `from` and `chatId` worked out once per update: each is a chain
 * of ~10–20 getters over the update's fields, and every `chatType`/`command` filter and handler asked
 * again (a few % of an update's CPU in the benchmarks). An update never changes, so neither do they.
 */
export class MissionContext extends Context {
  #msg: Message | undefined | typeof UNSET = UNSET;
  #chat: Chat | undefined | typeof UNSET = UNSET;
  #from: User | undefined | typeof UNSET = UNSET;
  #chatId: number | undefined | typeof UNSET = UNSET;

  override get msg(): Message | undefined {
    return this.#msg === UNSET ? (this.#msg = super.msg) : this.#msg;
  }

  override get chat(): Chat | undefined {
    return this.#chat === UNSET ? (this.#chat = super.chat) : this.#chat;
  }

  override get from(): User | undefined {
    return this.#from === UNSET ? (this.#from = super.from) : this.#from;
  }

  override get chatId(): number | undefined {
    return this.#chatId === UNSET ? (this.#chatId = super.chatId) : this.#chatId;
  }
}
