import { describe, expect, it } from "vitest";
import { entitiesToHtml } from "../../src/bot/entities-html.js";
import { parseTelegramHtml } from "../fake-telegram/html.js";

describe("entitiesToHtml", () => {
  it("escapes plain text and keeps it as it was", () => {
    const html = entitiesToHtml("a < b & c > d");
    expect(html).toBe("a &lt; b &amp; c &gt; d");
    expect(parseTelegramHtml(html)).toEqual({ ok: true, text: "a < b & c > d" });
  });

  it("renders formatting, links and quotes, and nested entities", () => {
    const text = "Bus at 10:00 from the main entrance, map here";
    const html = entitiesToHtml(text, [
      { type: "bold", offset: 0, length: 12 },
      { type: "italic", offset: 7, length: 5 },
      { type: "text_link", offset: 41, length: 4, url: 'https://example.org/map?a=1&b="2"' },
      { type: "underline", offset: 22, length: 4 },
    ]);
    expect(html).toBe('<b>Bus at <i>10:00</i></b> from the <u>main</u> entrance, map <a href="https://example.org/map?a=1&amp;b=&quot;2&quot;">here</a>');
    expect(parseTelegramHtml(html)).toEqual({ ok: true, text });
  });

  it("closes and reopens overlapping entities so tags nest", () => {
    const html = entitiesToHtml("abcdef", [
      { type: "bold", offset: 0, length: 4 },
      { type: "italic", offset: 2, length: 4 },
    ]);
    expect(html).toBe("<b>ab<i>cd</i></b><i>ef</i>");
    expect(parseTelegramHtml(html)).toMatchObject({ ok: true, text: "abcdef" });
  });

  it("counts offsets in UTF-16 units (emoji, Cyrillic) and ignores entities Telegram re-detects", () => {
    const text = "🚌 Автобус @mission #bus";
    const html = entitiesToHtml(text, [
      { type: "bold", offset: 3, length: 7 },
      { type: "mention", offset: 11, length: 8 },
      { type: "hashtag", offset: 20, length: 4 },
      { type: "pre", offset: 0, length: 2, language: "txt" },
    ]);
    expect(html).toBe('<pre><code class="language-txt">🚌</code></pre> <b>Автобус</b> @mission #bus');
    expect(parseTelegramHtml(html)).toMatchObject({ ok: true, text });
  });

  it("renders spoilers, code, quotes, mentions by id and custom emoji", () => {
    const html = entitiesToHtml("x y z w v", [
      { type: "spoiler", offset: 0, length: 1 },
      { type: "code", offset: 2, length: 1 },
      { type: "expandable_blockquote", offset: 4, length: 1 },
      { type: "text_mention", offset: 6, length: 1, user: { id: 77, is_bot: false, first_name: "O" } },
      { type: "custom_emoji", offset: 8, length: 1, custom_emoji_id: "5368324170671202286" },
    ]);
    expect(html).toBe('<tg-spoiler>x</tg-spoiler> <code>y</code> <blockquote expandable>z</blockquote> <a href="tg://user?id=77">w</a> <tg-emoji emoji-id="5368324170671202286">v</tg-emoji>');
    expect(parseTelegramHtml(html)).toMatchObject({ ok: true });
  });
});
