/**
 * Splits rendered lines into pages of at most `maxItems` lines and `maxChars` characters (joined with
 * a newline), so that a page plus its header stays under Telegram's 4,096. A single line longer than
 * `maxChars` gets a page of its own (the schema's text caps keep that under the limit).
 */
export function paginate<T>(items: readonly T[], render: (item: T) => string, limits: { maxItems: number; maxChars: number }): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let chars = 0;
  for (const item of items) {
    const length = render(item).length + 1;
    if (page.length > 0 && (page.length >= limits.maxItems || chars + length > limits.maxChars)) {
      pages.push(page);
      page = [];
      chars = 0;
    }
    page.push(item);
    chars += length;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** A page index kept within range (stale buttons may name a page that no longer exists). */
export function clampPage(page: number, count: number): number {
  return Math.min(Math.max(0, page), Math.max(0, count - 1));
}
