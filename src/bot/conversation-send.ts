import type { Api } from "grammy";
import type { BotConversation } from "./context.js";

type SendOptions = Parameters<Api["sendMessage"]>[2];
type EditOptions = Parameters<Api["editMessageText"]>[3];
type MarkupOptions = Parameters<Api["editMessageReplyMarkup"]>[2];

/**
 * What a conversation says in its own chat goes through the bot's own API, whose auto-retry waits out a
 * 429 there, and as `external` steps, so that a replay neither sends again nor waits again. Through the
 * conversation's ctx.api a 429 would be logged as the call's result and end the flow; auto-retry
 * installed on that API would wait it out again on every later replay.
 */
export function chatSender(conversation: BotConversation, chatId: number) {
  return {
    send: (text: string, other?: SendOptions) => conversation.external((outside) => outside.api.sendMessage(chatId, text, other)),
    edit: (messageId: number, text: string, other?: EditOptions) => conversation.external((outside) => outside.api.editMessageText(chatId, messageId, text, other)),
    editMarkup: (messageId: number, other?: MarkupOptions) => conversation.external((outside) => outside.api.editMessageReplyMarkup(chatId, messageId, other)),
  };
}
