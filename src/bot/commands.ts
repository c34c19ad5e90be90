import type { Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "../logger.js";
import type { ConversationContext } from "./context.js";

/**
 * The public command menu, in the order users see it. Each description is the locale key
 * `command-<name>`. Features add their commands here.
 */
export const PUBLIC_COMMANDS = ["start", "today", "now", "speakers", "my", "register", "profile", "people", "meetings", "agreements", "help", "language", "cancel", "deletemydata"] as const;

/** Shown, after the public ones, only in organisers' own chats (the server checks the role anyway). */
export const ORGANISER_COMMANDS = ["broadcast", "broadcasts", "invite", "invites", "programme_file", "stats", "export", "qr"] as const;

// Telegram language codes served the Russian command list (see domain/locale.ts).
const RUSSIAN_CODES = ["ru", "uk", "be", "kk"] as const;

export function commandList(i18n: I18n<ConversationContext>, locale: string, commands: readonly string[] = PUBLIC_COMMANDS) {
  return commands.map((command) => ({ command, description: i18n.t(locale, `command-${command}`) }));
}

/** English is the default list (anyone whose language we do not speak reads English); ru-family gets Russian. */
export async function registerCommands(api: Api, i18n: I18n<ConversationContext>, organiserIds: readonly number[] = [], logger?: Logger): Promise<void> {
  await api.setMyCommands(commandList(i18n, "en"));
  for (const language_code of RUSSIAN_CODES) {
    await api.setMyCommands(commandList(i18n, "ru"), { language_code });
  }
  const all = [...PUBLIC_COMMANDS, ...ORGANISER_COMMANDS];
  for (const chat_id of organiserIds) {
    const scope = { type: "chat" as const, chat_id };
    try {
      // A chat scope outranks the language-only lists, so each language is set for the chat too.
      await api.setMyCommands(commandList(i18n, "en", all), { scope });
      for (const language_code of RUSSIAN_CODES) await api.setMyCommands(commandList(i18n, "ru", all), { scope, language_code });
    } catch (err) {
      // An organiser who has not opened the bot yet has no chat with it; their menu comes on the next start.
      logger?.warn({ err, organiser: chat_id }, "could not set the organiser command menu");
    }
  }
}
