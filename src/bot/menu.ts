import { Keyboard } from "grammy";
import type { ConversationContext } from "./context.js";

/**
 * The main menu: a persistent reply keyboard. Each button is a locale key; a feature reacts to its
 * button with `hears(key)` from @grammyjs/i18n, which matches the label in every language.
 */
export const MAIN_MENU_ROWS: readonly (readonly string[])[] = [["menu-profile", "menu-help", "menu-language"]];

/** Works inside conversations too (they have `t` but no session). */
export function mainMenu(ctx: Pick<ConversationContext, "t">): Keyboard {
  return Keyboard.from(MAIN_MENU_ROWS.map((row) => row.map((key) => Keyboard.text(ctx.t(key)))))
    .resized()
    .persistent();
}
