import { I18n } from "@grammyjs/i18n";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
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
