import { Keyboard } from "grammy";

/**
 * The main menu: a persistent reply keyboard. Each button is a locale key; a feature reacts to its
 * button with `hears(key)` from @grammyjs/i18n, which matches the label in every language.
 */
export const MAIN_MENU_ROWS: readonly (readonly string[])[] = [
  ["menu-today", "menu-now"],
  ["menu-speakers", "menu-my"],
  ["menu-people", "menu-meetings"],
  ["menu-profile", "menu-help", "menu-language"],
];

// One keyboard per language (known by its first label), shared by every reply that shows the menu.
const menus = new Map<string, Keyboard>();

/**
 * Takes a context or just a translator (conversations translate with the locale of the moment). The
 * keyboard is shared: send it, do not change it.
 */
export function mainMenu(ctx: { t: (key: string) => string }): Keyboard {
  const first = ctx.t("menu-today");
  let menu = menus.get(first);
  if (!menu) {
    menu = Keyboard.from(MAIN_MENU_ROWS.map((row) => row.map((key) => Keyboard.text(ctx.t(key)))))
      .resized()
      .persistent();
    if (menus.size < 16) menus.set(first, menu);
  }
  return menu;
}
