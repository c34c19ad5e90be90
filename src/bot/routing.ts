import type { I18n } from "@grammyjs/i18n";
import { LOCALES } from "../domain/locale.js";
import { buttonPrefix, isDeclaredPrefix } from "./callback-data.js";
import type { BotContext, ConversationContext } from "./context.js";
import { sessionInFlow, typedCommand } from "./flows.js";

/** The updates one feature answers: its commands, its main-menu buttons (locale keys) and its buttons' data prefixes. */
export interface Triggers {
  commands?: readonly string[];
  menu?: readonly string[];
  buttons?: readonly { prefix: string }[];
  /** Typed texts that are neither a command nor a menu label (none today: the fallback answers them). */
  freeText?: boolean;
}

/**
 * Picks the feature an update goes to straight away, for grammY's `route` (Composer.route): a private
 * update of someone outside any dialogue whose command, main-menu label or button prefix a feature listed
 * as its own. Anything else (someone in the registration or a conversation, whose dialogue must see the
 * update first; group chats; a command or a declared button no feature listed) is `undefined`: it goes the
 * whole way through the features, as every update did before. The route is a short cut only: a feature
 * must list a trigger only when no feature before it in the whole way answers that trigger.
 *
 * Two kinds of update no feature can answer outside a dialogue go to `FALLBACK`, answered without the
 * whole way: a button whose prefix no feature declared (callback-data.ts), and a typed text that is
 * neither a command nor a main-menu label (features answer free text only inside their dialogues). A
 * feature that comes to answer free text outside a dialogue says so in its triggers (`freeText`).
 *
 * Why: grammY nests every `use` of a composer in the one before, so an update entering a composer walks
 * (and keeps alive) one async frame per middleware installed on it, wherever its handler is; with ~20
 * features that was the largest part of an update's cost (bench/README.md, "Issue 13").
 */
export const FALLBACK = "fallback";

export function routeOf<R extends string>(
  routes: Readonly<Record<R, Triggers>>,
  i18n: I18n<ConversationContext>,
): (ctx: BotContext) => R | typeof FALLBACK | undefined {
  const byCommand = new Map<string, R>();
  const byLabel = new Map<string, R>();
  const byPrefix = new Map<string, R>();
  let freeText: R | undefined;
  for (const route of Object.keys(routes) as R[]) {
    const { commands = [], menu = [], buttons = [] } = routes[route];
    for (const command of commands) byCommand.set(command, route);
    // Every language's label leads to the feature; its own `hears` then matches the user's language.
    for (const key of menu) for (const locale of LOCALES) byLabel.set(i18n.t(locale, key), route);
    for (const { prefix } of buttons) byPrefix.set(prefix, route);
    if (routes[route].freeText) freeText = route;
  }
  return (ctx) => {
    if (ctx.chat?.type !== "private" || sessionInFlow(ctx.session)) return undefined;
    const query = ctx.callbackQuery;
    if (query) {
      // A button that is not under one of the bot's messages is forged: the whole way has the check.
      if (query.message === undefined || query.data === undefined) return undefined;
      const prefix = buttonPrefix(query.data);
      return byPrefix.get(prefix) ?? (isDeclaredPrefix(prefix) ? undefined : FALLBACK);
    }
    const text = ctx.message?.text;
    if (text === undefined) return undefined;
    const command = typedCommand(ctx.message)?.name;
    return command === undefined ? (byLabel.get(text) ?? freeText ?? FALLBACK) : byCommand.get(command);
  };
}
