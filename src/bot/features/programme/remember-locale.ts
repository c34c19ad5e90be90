import type { MiddlewareFn } from "grammy";
import type { AgendaService } from "../../../services/agenda-service.js";
import type { BotContext } from "../../context.js";
import { localeOf } from "./index.js";

// Enough for any mission; past it the memo starts afresh (costing one write per user again).
const MEMO_LIMIT = 10_000;

/**
 * Notes the language each private-chat user is spoken to in, so that messages the bot sends later
 * (reminders, programme notices) use it too: Telegram's language_code only comes with an update. A
 * memo keeps this to one Redis write per user and language per process.
 */
export function rememberLocale(agenda: AgendaService): MiddlewareFn<BotContext> {
  const memo = new Map<number, string>();
  return async (ctx, next) => {
    if (ctx.chat?.type === "private" && ctx.from) {
      const locale = await localeOf(ctx);
      if (memo.get(ctx.from.id) !== locale) {
        if (memo.size >= MEMO_LIMIT) memo.clear();
        await agenda.rememberLocale(ctx.from.id, locale);
        memo.set(ctx.from.id, locale);
      }
    }
    await next();
  };
}
