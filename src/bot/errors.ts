import { GrammyError, HttpError, type BotError } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import { pickLocale } from "../domain/locale.js";
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

    // Telegram refusing to deliver our reply (blocked user, network) leaves nothing to tell the user.
    if (error instanceof GrammyError || error instanceof HttpError) return;
    if (ctx.chat?.type !== "private") return;

    const locale = pickLocale(savedLanguageIfLoaded(ctx), ctx.from?.language_code);
    const text = i18n.t(locale, outage ? "error-unavailable" : "error-generic");
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: false });
      else await ctx.reply(text);
    } catch (replyError) {
      logger.warn({ update_id: ctx.update.update_id, err: replyError }, "could not tell the user about an error");
    }
  };
}

// The session may be what failed to load; its getter then throws or is missing.
function savedLanguageIfLoaded(ctx: BotContext): string | undefined {
  try {
    return (ctx as Partial<BotContext>).session?.language;
  } catch {
    return undefined;
  }
}
