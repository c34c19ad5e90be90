/**
 * Spreadsheet safety: a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which
 * some programs skip before one of those) is a formula to Excel and LibreOffice. Anything a participant
 * typed is prefixed with an apostrophe, which spreadsheets show as text and do not evaluate.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type Cell = string | number;

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; CRLF rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const field = (value: Cell) => {
    const text = typeof value === "number" ? String(value) : neutralise(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  // A byte-order mark, so that Excel opens the UTF-8 (Cyrillic) correctly.
  return `\uFEFF${[header, ...rows].map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}
