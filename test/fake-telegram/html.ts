/**
 * Telegram's HTML parse mode, as strict as the real one: only the documented tags, tags closed in
 * order, and every `<`, `>`, `&` in text escaped. Returns the visible text (tags removed, entities
 * decoded) or the 400 description Telegram would give.
 */
const ALLOWED_TAGS = new Set([
  "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
  "blockquote", "tg-emoji",
]);

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type HtmlResult = { ok: true; text: string } | { ok: false; description: string };

export function parseTelegramHtml(html: string): HtmlResult {
  const fail = (why: string, at: number): HtmlResult => ({
    ok: false,
    description: `Bad Request: can't parse entities: ${why} at byte offset ${Buffer.byteLength(html.slice(0, at))}`,
  });
  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === "<") {
      const match = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*>/.exec(html.slice(i));
      if (!match) return fail("Unexpected start tag or unescaped \"<\"", i);
      const [whole, closing, rawName] = match;
      const name = (rawName ?? "").toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return fail(`Unsupported start tag "${name}"`, i);
      if (closing) {
        if (stack.pop() !== name) return fail(`Unmatched end tag "${name}"`, i);
      } else {
        stack.push(name);
      }
      i += whole.length;
      continue;
    }
    if (ch === ">") return fail('Unescaped ">"', i);
    if (ch === "&") {
      const match = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(html.slice(i));
      if (!match) return fail('Character entity expected after "&"', i);
      const name = match[1] ?? "";
      text += name.startsWith("#x")
        ? String.fromCodePoint(parseInt(name.slice(2), 16))
        : name.startsWith("#")
          ? String.fromCodePoint(parseInt(name.slice(1), 10))
          : (ENTITIES[name] ?? "");
      i += match[0].length;
      continue;
    }
    text += ch;
    i += 1;
  }
  if (stack.length > 0) return fail(`Can't find end tag corresponding to start tag "${stack.at(-1) ?? ""}"`, html.length);
  return { ok: true, text };
}
