import type { Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { MenuButton } from "grammy/types";
import { DEFAULT_LOCALE, type StoredLanguage } from "../domain/locale.js";
import type { Logger } from "../logger.js";
import type { ConversationContext } from "./context.js";
import type { Translate } from "./i18n.js";

/** The chat's menu button opening the organisers' console (a Mini App at CONSOLE_URL). */
export function consoleMenuButton(t: Translate, url: string): MenuButton {
  return { type: "web_app", text: t("console-button"), web_app: { url } };
}

/**
 * At start: the console as the menu button of every configured organiser's chat with the bot, in the
 * language the bot speaks to them in. Organisers by invite get it on their next /start (features/start).
 */
export async function showConsoleButton(
  api: Api,
  i18n: I18n<ConversationContext>,
  organiserIds: readonly number[],
  url: string,
  languages: { get(userId: number): Promise<StoredLanguage | undefined> },
  logger: Logger,
): Promise<void> {
  for (const chat_id of organiserIds) {
    const locale = (await languages.get(chat_id))?.locale ?? DEFAULT_LOCALE;
    try {
      await api.setChatMenuButton({ chat_id, menu_button: consoleMenuButton((key, vars) => i18n.t(locale, key, vars), url) });
    } catch (err) {
      // An organiser who has not opened the bot yet has no chat with it; their button comes with /start.
      logger.warn({ err, organiser: chat_id }, "could not set the console menu button");
    }
  }
}
