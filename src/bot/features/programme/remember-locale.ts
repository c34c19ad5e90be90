import type { MiddlewareFn } from "grammy";
import type { AgendaService } from "../../../services/agenda-service.js";
import type { BotContext } from "../../context.js";
import { localeOf } from "../../i18n.js";

/**
 * Notes the language each private-chat user is spoken to in, so that messages the bot sends later
 * (reminders, programme notices) use it too: Telegram's language_code only comes with an update.
 */
export function rememberLocale(agenda: AgendaService): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.chat?.type === "private" && ctx.from) await agenda.rememberLocale(ctx.from.id, localeOf(ctx));
    await next();
  };
}
