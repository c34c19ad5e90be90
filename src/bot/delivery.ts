import { GrammyError } from "grammy";

/**
 * Sends a message the bot starts (reminder, notice): "unreachable" when Telegram refuses for good
 * (blocked, deactivated, never started the bot, chat gone), so a job does not retry it; anything else
 * (network, 5xx, flood wait beyond auto-retry) is thrown and retried.
 */
export async function sendToUser(send: () => Promise<unknown>): Promise<"sent" | "unreachable"> {
  try {
    await send();
    return "sent";
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 403 || (err.error_code === 400 && /chat not found|user not found/i.test(err.description)))) {
      return "unreachable";
    }
    throw err;
  }
}
