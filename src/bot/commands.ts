import type { Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { ConversationContext } from "./context.js";

/**
 * The public command menu, in the order users see it. Each description is the locale key
 * `command-<name>`. Features add their commands here.
 */
export const PUBLIC_COMMANDS = ["start", "today", "now", "speakers", "my", "register", "profile", "help", "language", "cancel", "deletemydata"] as const;

// Telegram language codes served the Russian command list (see domain/locale.ts).
const RUSSIAN_CODES = ["ru", "uk", "be", "kk"] as const;

export function commandList(i18n: I18n<ConversationContext>, locale: string) {
  return PUBLIC_COMMANDS.map((command) => ({ command, description: i18n.t(locale, `command-${command}`) }));
}

/** English is the default list (anyone whose language we do not speak reads English); ru-family gets Russian. */
export async function registerCommands(api: Api, i18n: I18n<ConversationContext>): Promise<void> {
  await api.setMyCommands(commandList(i18n, "en"));
  for (const language_code of RUSSIAN_CODES) {
    await api.setMyCommands(commandList(i18n, "ru"), { language_code });
  }
}
