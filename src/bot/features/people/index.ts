import { type Composer, InlineKeyboard } from "grammy";
import { FastComposer } from "../../composer.js";
import type { DirectoryFilters } from "../../../domain/meetings/directory.js";
import type { DirectoryService } from "../../../services/directory.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { BotContext } from "../../context.js";
import { hears, localeOf } from "../../i18n.js";
import { requestData } from "../meetings/views.js";
import { registerData } from "../registration/views.js";
import { cardData, directoryData, directoryView, filtersOf, pickerData, pickerView, publicCardText, suggestionsData, suggestionsView, type View, type ViewEnv } from "./views.js";

export interface PeopleDeps {
  directory: DirectoryService;
  mission: MissionService;
}

function envOf(ctx: BotContext, mission: MissionService): ViewEnv {
  return { t: (key, vars) => ctx.t(key, vars), locale: localeOf(ctx), mission: mission.current() };
}

/**
 * `/people` and the 👥 button: the participant directory (filters, pages), cards with "Request a
 * meeting", and "Suggested for you". Registered participants and organisers only; public profiles only.
 */
export function peopleFeature({ directory, mission }: PeopleDeps): Composer<BotContext> {
  const composer = new FastComposer<BotContext>();
  const dm = composer.chatType("private");

  /**
   * The directory as of now and who is looking, or undefined after telling a stranger (who sees nobody)
   * how to get in. One read of the participants' version answers both and the page or card after.
   */
  const allowed = async (ctx: BotContext) => {
    const snapshot = await directory.snapshot(ctx.participantsVersion);
    const viewer = await snapshot.viewer(ctx.from?.id ?? 0);
    if (viewer.kind !== "stranger") return { snapshot, viewer };
    const text = ctx.t("people-register-first");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else await ctx.reply(text, { reply_markup: new InlineKeyboard().text(ctx.t("register-button"), registerData.pack({})) });
    return undefined;
  };

  // Rendered pages, per snapshot of the participants (they go with it): with 900 participants most people
  // see the same first pages, and rendering one was most of a page's CPU.
  const pages = new WeakMap<object, Map<string, View>>();
  const list = async (ctx: BotContext, filters: DirectoryFilters, page: number, edit: boolean) => {
    const allowedNow = await allowed(ctx);
    if (!allowedNow) return;
    const { snapshot, viewer } = allowedNow;
    const result = snapshot.page(ctx.from?.id ?? 0, filters, page);
    const canSuggest = viewer.kind === "participant";
    const key = [localeOf(ctx), mission.version(), canSuggest, filters.role, filters.tag, filters.region, result.page.page, result.sameFor, result.regionName].join("|");
    let rendered = pages.get(result.snapshot);
    if (!rendered) pages.set(result.snapshot, (rendered = new Map<string, View>()));
    let view = rendered.get(key);
    if (!view) {
      view = directoryView(envOf(ctx, mission), filters, result, canSuggest);
      if (rendered.size < 1_000) rendered.set(key, view);
    }
    if (!edit) {
      await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
      return;
    }
    await ctx.answerCallbackQuery();
    await editInPlace(ctx, view.text, view.keyboard);
  };

  dm.command("people", (ctx) => list(ctx, { role: "all" }, 0, false));
  dm.filter(hears("menu-people"), (ctx) => list(ctx, { role: "all" }, 0, false));

  dm.callbackQuery(directoryData.filter, async (ctx) => {
    const data = directoryData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await list(ctx, filtersOf(data), data.page, true);
  });

  dm.callbackQuery(pickerData.filter, async (ctx) => {
    const data = pickerData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const allowedNow = await allowed(ctx);
    if (!allowedNow) return;
    const filters = filtersOf(data);
    const { regions } = allowedNow.snapshot.page(ctx.from.id, filters, 0);
    const view = pickerView(envOf(ctx, mission), data.kind, filters, regions);
    await ctx.answerCallbackQuery();
    await editInPlace(ctx, view.text, view.keyboard);
  });

  // Cards, per snapshot like the pages: a card is the same for everyone who opens it (in a language),
  // but for the button, which only participants get, and not under their own card.
  type Card = { text: string; keyboard?: InlineKeyboard };
  const cards = new WeakMap<object, Map<string, Card>>();
  dm.callbackQuery(cardData.filter, async (ctx) => {
    const data = cardData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const allowedNow = await allowed(ctx);
    if (!allowedNow) return;
    const { snapshot, viewer } = allowedNow;
    const profile = snapshot.card(ctx.from.id, data.id);
    if (!profile) return void (await ctx.answerCallbackQuery({ text: ctx.t("people-card-gone") }));
    await ctx.answerCallbackQuery();
    const canRequest = viewer.kind === "participant" && profile.id !== ctx.from.id;
    let rendered = cards.get(snapshot.index);
    if (!rendered) cards.set(snapshot.index, (rendered = new Map<string, Card>()));
    const key = `${localeOf(ctx)}|${mission.version()}|${profile.id}|${canRequest}`;
    let card = rendered.get(key);
    if (!card) {
      const text = publicCardText(envOf(ctx, mission), profile);
      card = canRequest ? { text, keyboard: new InlineKeyboard().text(ctx.t("people-request-meeting"), requestData.pack({ id: String(profile.id) })) } : { text };
      if (rendered.size < 5_000) rendered.set(key, card);
    }
    await ctx.reply(card.text, { parse_mode: "HTML", ...(card.keyboard ? { reply_markup: card.keyboard } : {}) });
  });

  dm.callbackQuery(suggestionsData.filter, async (ctx) => {
    const allowedNow = await allowed(ctx);
    if (!allowedNow) return;
    const { snapshot, viewer } = allowedNow;
    if (viewer.kind !== "participant") return void (await ctx.answerCallbackQuery({ text: ctx.t("people-suggested-need-profile") }));
    await ctx.answerCallbackQuery();
    const view = suggestionsView(envOf(ctx, mission), snapshot.suggestions(viewer.me));
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  });
  return composer;
}

/** Edits the message the button is under; an identical edit (a double tap) is not an error. */
export async function editInPlace(ctx: BotContext, text: string, keyboard: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
  } catch (err) {
    if (isNotModified(err)) return;
    throw err;
  }
}

export function isNotModified(err: unknown): boolean {
  return err instanceof Error && /message is not modified/.test(err.message);
}
