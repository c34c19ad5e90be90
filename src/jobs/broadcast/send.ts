import type { Api } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Content } from "../../domain/broadcast/content.js";

export type SendApi = Pick<Api, "sendMessage" | "sendPhoto" | "sendDocument">;

/**
 * Sends one version of a broadcast. The organiser's preview goes through this same function, so the
 * preview is exactly what recipients get.
 */
export function sendContent(api: SendApi, chatId: number, content: Content, reply_markup?: InlineKeyboardMarkup): Promise<Message> {
  const markup = reply_markup ? { reply_markup } : {};
  switch (content.kind) {
    case "text":
      return api.sendMessage(chatId, content.html, { parse_mode: "HTML", ...markup });
    case "photo":
      return api.sendPhoto(chatId, content.fileId, { ...(content.caption ? { caption: content.caption, parse_mode: "HTML" } : {}), ...markup });
    case "document":
      return api.sendDocument(chatId, content.fileId, { ...(content.caption ? { caption: content.caption, parse_mode: "HTML" } : {}), ...markup });
  }
}
