import { GrammyError, HttpError, type BotError } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import { effectiveLocale } from "../domain/locale.js";
import type { Logger } from "../logger.js";
import { isStorageOutage, type Redis } from "../storage/redis.js";
import type { BotContext, ConversationContext } from "./context.js";

interface Deps {
  logger: Logger;
  redis: Redis;
  i18n: I18n<ConversationContext>;
}

/**
 * The error boundary around every handler: log with the update id, then tell the user calmly — "try
 * again in a minute" when storage is down, a generic apology otherwise. It must not depend on the
 * session or i18n middleware, which may be exactly what failed.
 */
export function createErrorHandler({ logger, redis, i18n }: Deps) {
  return async (err: BotError<BotContext>): Promise<void> => {
    const { ctx, error } = err;
    const outage = isStorageOutage(error, redis);
    const log = { update_id: ctx.update.update_id, chat_id: ctx.chatId, err: error };
    if (outage) logger.warn(log, "storage unavailable while handling update");
    else logger.error(log, "error while handling update");

    if (ctx.chat?.type !== "private") return;
    // The language record may be what failed to load; then Telegram's language_code decides.
    const locale = effectiveLocale(ctx.storedLanguage, ctx.from?.language_code);
    const tell = async (asMessage = false) => {
      const text = i18n.t(locale, outage ? "error-unavailable" : "error-generic");
      try {
        if (ctx.callbackQuery && !asMessage) await ctx.answerCallbackQuery({ text, show_alert: false });
        else await ctx.reply(text);
      } catch (replyError) {
        logger.warn({ update_id: ctx.update.update_id, err: replyError }, "could not tell the user about an error");
      }
    };

    // Telegram asking to slow down in this chat for longer than auto-retry waits (see create-bot.ts): say
    // so once the chat may be written to again, without holding up the chat's next updates meanwhile.
    if (error instanceof GrammyError && error.error_code === 429) {
      const seconds = Math.min(Math.max(error.parameters.retry_after ?? 1, 1), MAX_APOLOGY_DELAY_SECONDS);
      // A message, not a button's notice: a pressed button's query is too old to answer by then.
      setTimeout(() => void tell(true), seconds * 1000).unref();
      return;
    }
    // Telegram refusing to deliver our reply otherwise (blocked user, network) leaves nothing to tell the user.
    if (error instanceof GrammyError || error instanceof HttpError) return;
    await tell();
  };
}

// A longer flood wait means the chat is flooded anyway; the apology would only add to it.
const MAX_APOLOGY_DELAY_SECONDS = 60;
