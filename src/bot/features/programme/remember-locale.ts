import type { MiddlewareFn } from "grammy";
import type { AgendaService } from "../../../services/agenda-service.js";
import type { BotContext } from "../../context.js";
import { localeOf } from "../../i18n.js";

/**
 * Notes the language each private-chat user is spoken to in, so that messages the bot sends later
 * (reminders, programme notices) use it too: Telegram's language_code only comes with an update.
 * Transitional: reaches LanguagesRepo.noteSpoken through the agenda until the pipeline calls it itself.
 * One round trip per private update, written only on a change (and never over a /language choice).
 */
export function rememberLocale(agenda: AgendaService): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const userId = ctx.chat?.type === "private" ? ctx.from?.id : undefined;
    if (userId !== undefined) await agenda.rememberLocale(userId, localeOf(ctx));
    return next();
  };
}
