import { sleep, type FakeUser } from "../fake-telegram/server.js";

/** Waits until one of the user's messages from index `from` on shows (or was edited to) `pattern`. */
async function shows(user: FakeUser, from: number, pattern: RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!user.messages.slice(from).some((m) => pattern.test(m.text))) {
    if (Date.now() > deadline) throw new Error(`user ${user.id}: nothing showed ${pattern}; last: ${user.messages.at(-1)?.text ?? "none"}`);
    await sleep(10);
  }
}

/**
 * Drives an English-speaking organiser through /broadcast to the preview (the mission has no group):
 * Everyone, an English text, then the Russian one. Returns the summary message's id; the caller
 * presses Send or Cancel. Each step waits for the bot's answer by its text, so it also works against
 * a bot in another process (where "the bot went quiet" is all a fake user can observe).
 */
export async function previewBroadcast(org: FakeUser, english: string, russian: string, timeoutMs = 10_000): Promise<number> {
  const from = org.messages.length;
  await org.send("/broadcast");
  await shows(org, from, /Who should receive it\?/, timeoutMs);
  await org.press("👥 Everyone");
  await shows(org, from, /Now send the message/, timeoutMs);
  await org.send(english);
  await shows(org, from, /^Which language is this version in\?$/, timeoutMs);
  await org.press("🇬🇧 English");
  await shows(org, from, /Send the Russian version now/, timeoutMs);
  await org.send(russian);
  await shows(org, from, /Send it\?$/, timeoutMs);
  const summary = org.messages.slice(from).find((m) => m.text.endsWith("Send it?"));
  if (!summary) throw new Error("no preview summary");
  return summary.message_id;
}
