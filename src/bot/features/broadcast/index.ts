import { Composer } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { conversationPlugins } from "../../i18n.js";
import { DEFAULT_LOCALE, isLocale } from "../../../domain/locale.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { broadcastFlow, type BroadcastFlowDeps } from "./flow.js";
import { ANY_BROADCAST_BUTTON, historyText, stopData } from "./views.js";

export interface BroadcastFeatureDeps extends BroadcastFlowDeps {
  i18n: I18n<ConversationContext>;
}

/**
 * Organisers' announcements: `/broadcast` (a conversation), `/broadcasts` (history) and the Stop
 * button of a running broadcast. Every command and every button checks the organiser role on the
 * server; anyone else is refused and nothing happens.
 */
export function broadcastFeature(deps: BroadcastFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const isOrganiser = (ctx: BotContext) => (ctx.from ? deps.access.isOrganiser(ctx.from.id) : Promise.resolve(false));

  composer.callbackQuery(stopData.filter, async (ctx) => {
    if (!(await isOrganiser(ctx))) {
      await ctx.answerCallbackQuery({ text: ctx.t("broadcast-button-only-organisers") });
      return;
    }
    const data = stopData.unpack(ctx.callbackQuery.data);
    if (!data) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    const result = await deps.broadcasts.stop(data.id);
    const key = result.ok ? "broadcast-stop-done" : result.reason === "already-cancelled" ? "broadcast-stop-already" : result.reason === "finished" ? "broadcast-stop-finished" : "button-expired";
    await ctx.answerCallbackQuery({ text: ctx.t(key) });
  });

  // The flow lets commands through, so /broadcast in the middle of one starts it afresh.
  // The only flow that speaks through ctx.t: the others carry their own translator, and leave out the
  // i18n plugin, which would run again for every update of their log on every replay.
  composer.use(createConversation<BotContext, ConversationContext>(broadcastFlow(deps), { id: "broadcast", plugins: conversationPlugins(deps.i18n) }));
  const dm = composer.chatType("private");
  dm.command("broadcast", async (ctx) => {
    if (!(await isOrganiser(ctx))) {
      await ctx.reply(ctx.t("broadcast-only-organisers"));
      return;
    }
    await ctx.conversation.exit("broadcast");
    await ctx.conversation.enter("broadcast");
  });

  dm.command("broadcasts", async (ctx) => {
    if (!(await isOrganiser(ctx))) {
      await ctx.reply(ctx.t("broadcast-only-organisers"));
      return;
    }
    const locale = await ctx.i18n.getLocale();
    const list = await deps.broadcasts.history(10);
    await ctx.reply(historyText((key, vars) => ctx.t(key, vars), list, deps.mission.current(), isLocale(locale) ? locale : DEFAULT_LOCALE), {
      parse_mode: "HTML",
    });
  });


  // A broadcast button outside its flow: stale for an organiser, refused for anyone else.
  composer.callbackQuery(ANY_BROADCAST_BUTTON, async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t((await isOrganiser(ctx)) ? "button-expired" : "broadcast-button-only-organisers") });
  });
  return composer;
}
