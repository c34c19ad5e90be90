import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "./html.js";

describe("the fake's HTML parse mode", () => {
  it("accepts Telegram's tags and entities and returns the visible text", () => {
    expect(parseTelegramHtml('<b>Day 1</b> — <a href="https://t.me/x">KRITBI</a> &lt;3 &amp; &#128075;')).toEqual({ ok: true, text: "Day 1 — KRITBI <3 & 👋" });
  });
  it.each([
    ["<b>unclosed", /Can't find end tag/],
    ["a < b", /Unexpected start tag/],
    ["a > b", /Unescaped ">"/],
    ["Tom & Jerry", /Character entity expected/],
    ["<script>x</script>", /Unsupported start tag "script"/],
    ["<b><i>x</b></i>", /Unmatched end tag/],
  ])("rejects %s like Telegram", (html, why) => {
    const result = parseTelegramHtml(html);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.description).toMatch(/^Bad Request: can't parse entities: /);
      expect(result.description).toMatch(why);
    }
  });
});
