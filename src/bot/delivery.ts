import { cannotReach } from "../jobs/pacing/failures.js";

/**
 * Sends a message the bot starts (reminder, notice): "unreachable" when Telegram refuses for good
 * (domain/telegram/reachability.ts), so a job does not retry it; anything else (network, 5xx, a flood
 * wait) is thrown and retried.
 */
export async function sendToUser(send: () => Promise<unknown>): Promise<"sent" | "unreachable"> {
  try {
    await send();
    return "sent";
  } catch (err) {
    if (cannotReach(err)) return "unreachable";
    throw err;
  }
}
