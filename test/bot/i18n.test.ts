import { I18n } from "@grammyjs/i18n";
import { describe, expect, it } from "vitest";
import { createI18n, viewTranslator } from "../../src/bot/i18n.js";
import type { ConversationContext } from "../../src/bot/context.js";

const directory = new URL("../../locales", import.meta.url).pathname;

// The remembered translate against the plugin's own, on the real locale files.
describe("createI18n's translate", () => {
  const ours = createI18n(directory);
  const plugin = new I18n<ConversationContext>({ defaultLocale: "ru", directory, fluentBundleOptions: { useIsolating: false } });

  it("gives the plugin's text for texts without variables, every time and in both languages", () => {
    for (const locale of ["ru", "en"]) {
      for (const key of ["cancel-done", "cancel-nothing", "help-intro"]) {
        const expected = plugin.t(locale, key);
        expect(ours.t(locale, key)).toBe(expected);
        expect(ours.t(locale, key)).toBe(expected);
      }
    }
  });

  it("formats variables on each call instead of reusing an earlier call's text", () => {
    expect(ours.t("en", "broadcast-audience-tag", { tag: "IT" })).toBe("🏷 IT");
    expect(ours.t("en", "broadcast-audience-tag", { tag: "Agro" })).toBe("🏷 Agro");
    expect(ours.t("ru", "broadcast-audience-tag", { tag: "<b>" })).toBe(plugin.t("ru", "broadcast-audience-tag", { tag: "<b>" }));
  });

  it("keeps the plugin's fallback for a key no locale has", () => {
    expect(ours.t("en", "no-such-key")).toBe(plugin.t("en", "no-such-key"));
    expect(ours.t("en", "no-such-key")).toBe("{no-such-key}");
  });
});

// Views translate through viewTranslator: texts without variables are kept per language and I18n.
describe("viewTranslator", () => {
  const plugin = new I18n<ConversationContext>({ defaultLocale: "ru", directory, fluentBundleOptions: { useIsolating: false } });
  const contextIn = (i18n: I18n<ConversationContext>, language: { chosen?: "ru" | "en"; phone?: string }) =>
    ({
      i18n: { fluent: i18n.fluent },
      from: { id: 1, is_bot: false, first_name: "U", ...(language.phone ? { language_code: language.phone } : {}) },
      ...(language.chosen ? { storedLanguage: { locale: language.chosen, chosen: true } } : {}),
    }) as unknown as ConversationContext;

  it("speaks the language the negotiator picks, each language its own texts, every time", () => {
    const ours = createI18n(directory);
    const en = viewTranslator(contextIn(ours, { phone: "en" }));
    const ru = viewTranslator(contextIn(ours, { chosen: "ru", phone: "en" }));
    for (let i = 0; i < 2; i++) {
      expect(en("cancel-nothing")).toBe(plugin.t("en", "cancel-nothing"));
      expect(ru("cancel-nothing")).toBe(plugin.t("ru", "cancel-nothing"));
      expect(viewTranslator(contextIn(ours, {}))("help-intro")).toBe(plugin.t("ru", "help-intro"));
    }
    expect(en("cancel-nothing")).not.toBe(ru("cancel-nothing"));
  });

  it("formats variables on each call", () => {
    const t = viewTranslator(contextIn(createI18n(directory), { phone: "en" }));
    expect(t("broadcast-audience-tag", { tag: "IT" })).toBe("🏷 IT");
    expect(t("broadcast-audience-tag", { tag: "Agro" })).toBe("🏷 Agro");
  });

  it("keeps the texts of one I18n to it: another one with other files gives its own", () => {
    const first = createI18n(directory);
    const other = new I18n<ConversationContext>({ defaultLocale: "ru", fluentBundleOptions: { useIsolating: false } });
    other.loadLocaleSync("en", { source: "cancel-nothing = Nothing here." });
    other.loadLocaleSync("ru", { source: "cancel-nothing = Пусто." });
    expect(viewTranslator(contextIn(first, { phone: "en" }))("cancel-nothing")).toBe(plugin.t("en", "cancel-nothing"));
    expect(viewTranslator(contextIn(other, { phone: "en" }))("cancel-nothing")).toBe("Nothing here.");
  });
});
