/**
 * QR codes of check-in links, as PNG, and a day's codes as one ZIP. The libraries are loaded on the first
 * code, not at start (an organiser prints codes a few times a mission).
 */

/** A code that prints sharp at A5 and scans from a metre: 1024 px, error correction M, the standard quiet zone. */
export async function qrPng(link: string): Promise<Buffer> {
  const { default: QRCode } = await import("qrcode");
  return QRCode.toBuffer(link, { type: "png", errorCorrectionLevel: "M", margin: 4, width: 1024 });
}

/** One ZIP of PNG files (names as given), for printing a day's codes at once. */
export async function zipOf(files: readonly { name: string; content: Buffer }[]): Promise<Buffer> {
  const { default: JSZip } = await import("jszip");
  const zip = new JSZip();
  // A fixed date: the same codes make the same file.
  for (const file of files) zip.file(file.name, file.content, { date: new Date(Date.UTC(2020, 0, 1)) });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
