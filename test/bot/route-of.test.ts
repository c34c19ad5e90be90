import { describe, expect, it } from "vitest";
import { callbackData } from "../../src/bot/callback-data.js";
import type { BotContext } from "../../src/bot/context.js";
import { createI18n } from "../../src/bot/i18n.js";
import { FALLBACK, routeOf } from "../../src/bot/routing.js";

const i18n = createI18n(new URL("../../locales", import.meta.url).pathname);
const listed = callbackData("rtlisted", {});
callbackData("rtother", {});

const chat = { id: 5, type: "private" as const, first_name: "U" };
const text = (value: string, session = {}) =>
  ({ chat, session, message: { text: value, ...(value.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: value.split(" ")[0]?.length }] } : {}) } }) as unknown as BotContext;
const button = (data: string) => ({ chat, session: {}, callbackQuery: { data, message: { message_id: 1 } } }) as unknown as BotContext;

describe("routeOf", () => {
  it("sends a text that is neither a command nor a menu label, and an undeclared button, to the fallback", () => {
    const route = routeOf({ feature: { commands: ["cmd"], menu: ["menu-help"], buttons: [listed] } }, i18n);
    expect(route(text("/cmd"))).toBe("feature");
    expect(route(text("❓ Help"))).toBe("feature");
    expect(route(text("where is the bus?"))).toBe(FALLBACK);
    expect(route(button("rtlisted"))).toBe("feature");
    expect(route(button("nobody:1"))).toBe(FALLBACK);
    // Declared by some feature but not listed, and commands not listed: the whole way.
    expect(route(button("rtother"))).toBeUndefined();
    expect(route(text("/unlisted"))).toBeUndefined();
    // Inside a dialogue everything goes the whole way.
    expect(route(text("where is the bus?", { registration: { step: "consent", lang: "en" } }))).toBeUndefined();
  });

  it("sends free text to the feature that lists it", () => {
    const route = routeOf({ feature: { commands: ["cmd"] }, typing: { freeText: true } }, i18n);
    expect(route(text("where is the bus?"))).toBe("typing");
    expect(route(text("/cmd"))).toBe("feature");
  });
});
