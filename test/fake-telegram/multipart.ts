export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Splits a multipart/form-data body (what grammY sends when it uploads a file) into its parts. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  if (boundary === "") throw new Error("multipart body without boundary");
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF, then the next delimiter.
    const chunk = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = chunk.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString("utf8");
      const name = /name="([^"]*)"/.exec(headers)?.[1];
      // grammY writes `filename=a.ics` without quotes; browsers quote it. Telegram takes both.
      const filenameMatch = /filename=(?:"([^"]*)"|([^;\r\n]+))/.exec(headers);
      const filename = filenameMatch ? (filenameMatch[1] ?? filenameMatch[2]) : undefined;
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
      if (name !== undefined) {
        parts.push({ name, data: chunk.subarray(headerEnd + 4), ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}) });
      }
    }
    start = next;
  }
  return parts;
}
