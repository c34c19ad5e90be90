import type { MessageEntity } from "grammy/types";
import { escapeHtml } from "./html.js";

function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/"/g, "&quot;");
}

function tags(e: MessageEntity): [open: string, close: string] | undefined {
  switch (e.type) {
    case "bold":
      return ["<b>", "</b>"];
    case "italic":
      return ["<i>", "</i>"];
    case "underline":
      return ["<u>", "</u>"];
    case "strikethrough":
      return ["<s>", "</s>"];
    case "spoiler":
      return ["<tg-spoiler>", "</tg-spoiler>"];
    case "code":
      return ["<code>", "</code>"];
    case "pre":
      return e.language ? [`<pre><code class="language-${escapeAttribute(e.language)}">`, "</code></pre>"] : ["<pre>", "</pre>"];
    case "text_link":
      return [`<a href="${escapeAttribute(e.url)}">`, "</a>"];
    case "text_mention":
      return [`<a href="tg://user?id=${e.user.id}">`, "</a>"];
    case "custom_emoji":
      return [`<tg-emoji emoji-id="${escapeAttribute(e.custom_emoji_id)}">`, "</tg-emoji>"];
    case "blockquote":
      return ["<blockquote>", "</blockquote>"];
    case "expandable_blockquote":
      return ["<blockquote expandable>", "</blockquote>"];
    default:
      // Mentions, hashtags, links, commands… Telegram finds these again in plain text.
      return undefined;
  }
}

/**
 * Turns a message's text and entities (what Telegram hands the bot when someone sends formatted text)
 * into HTML for parse_mode "HTML", so an organiser's bold, links and quotes reach recipients as they
 * typed them. Offsets are UTF-16 code units, as JavaScript indexes strings; overlapping entities are
 * closed and reopened so the tags nest.
 */
export function entitiesToHtml(text: string, entities: readonly MessageEntity[] = []): string {
  const end = (e: MessageEntity) => e.offset + e.length;
  const formatting = entities
    .filter((e) => e.length > 0 && e.offset >= 0 && end(e) <= text.length && tags(e) !== undefined)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const boundaries = [...new Set(formatting.flatMap((e) => [e.offset, end(e)]))].sort((a, b) => a - b);
  const open: MessageEntity[] = [];
  let out = "";
  let pos = 0;
  let next = 0;
  const openTag = (e: MessageEntity) => tags(e)?.[0] ?? "";
  const closeTag = (e: MessageEntity) => tags(e)?.[1] ?? "";
  for (const at of boundaries) {
    out += escapeHtml(text.slice(pos, at));
    pos = at;
    const first = open.findIndex((e) => end(e) <= at);
    if (first >= 0) {
      const reopen: MessageEntity[] = [];
      for (let i = open.length - 1; i >= first; i--) {
        const e = open[i] as MessageEntity;
        out += closeTag(e);
        if (end(e) > at) reopen.unshift(e);
      }
      open.length = first;
      for (const e of reopen) {
        out += openTag(e);
        open.push(e);
      }
    }
    while (next < formatting.length && formatting[next]?.offset === at) {
      const e = formatting[next] as MessageEntity;
      out += openTag(e);
      open.push(e);
      next += 1;
    }
  }
  out += escapeHtml(text.slice(pos));
  for (let i = open.length - 1; i >= 0; i--) out += closeTag(open[i] as MessageEntity);
  return out;
}
