import type { MiddlewareFn } from "grammy";
import type { AgendaService } from "../../../services/agenda-service.js";
import type { BotContext } from "../../context.js";
import { localeOf } from "../../i18n.js";

/**
 * Notes the language each private-chat user is spoken to in, so that messages the bot sends later
 * (reminders, programme notices) use it too: Telegram's language_code only comes with an update.
 */
export function rememberLocale(agenda: AgendaService): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const userId = ctx.chat?.type === "private" ? ctx.from?.id : undefined;
    if (userId === undefined) return next();
    const locale = localeOf(ctx);
    // Known (almost every update): straight on, no promise to wait for.
    return agenda.knowsLocale(userId, locale) ? next() : agenda.rememberLocale(userId, locale).then(next);
  };
}
