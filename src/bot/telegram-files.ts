/**
 * Downloads a file a user sent, from the Bot API's file endpoint (`<apiRoot>/file/bot<token>/<path>`,
 * after `getFile`), refusing anything over `maxBytes`.
 */
export async function downloadTelegramFile(apiRoot: string, token: string, filePath: string, maxBytes: number): Promise<Buffer> {
  const response = await fetch(`${apiRoot}/file/bot${token}/${filePath}`, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`file download failed with HTTP ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new Error(`file is ${declared} bytes, over ${maxBytes}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > maxBytes) throw new Error(`file is ${body.length} bytes, over ${maxBytes}`);
  return body;
}
