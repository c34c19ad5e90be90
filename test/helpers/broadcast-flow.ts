import type { FakeUser } from "../fake-telegram/server.js";

/**
 * Drives an English-speaking organiser through /broadcast to the preview (the mission has no group):
 * Everyone, an English text, then the Russian one. Returns the summary message's id; the caller
 * presses Send or Cancel.
 */
export async function previewBroadcast(org: FakeUser, english: string, russian: string): Promise<number> {
  await org.send("/broadcast");
  await org.press("👥 Everyone");
  await org.send(english);
  await org.press("🇬🇧 English");
  await org.send(russian);
  if (!org.lastText().includes("Send it?")) throw new Error(`expected the preview, got: ${org.lastText()}`);
  return org.lastMessage().message_id;
}
