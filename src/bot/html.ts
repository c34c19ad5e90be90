/** Escapes user-provided text for Telegram's HTML parse mode (only <, > and & are special there). */
const SPECIAL = /[&<>]/;

export function escapeHtml(text: string): string {
  // Most texts have nothing to escape: one scan instead of three replacements that copy nothing.
  if (!SPECIAL.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes a value for a double-quoted HTML attribute (a link's href). */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}
