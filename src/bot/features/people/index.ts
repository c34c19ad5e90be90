import { Composer, InlineKeyboard } from "grammy";
import type { DirectoryFilters } from "../../../domain/meetings/directory.js";
import type { DirectoryService } from "../../../services/directory.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { BotContext } from "../../context.js";
import { hears } from "@grammyjs/i18n";
import { requestData } from "../meetings/views.js";
import { registerData } from "../registration/views.js";
import { cardData, directoryData, directoryView, filtersOf, pickerData, pickerView, publicCardText, suggestionsData, suggestionsView, envOf } from "./views.js";

export interface PeopleDeps {
  directory: DirectoryService;
  mission: MissionService;
}

/**
 * `/people` and the 👥 button: the participant directory (filters, pages), cards with "Request a
 * meeting", and "Suggested for you". Registered participants and organisers only; public profiles only.
 */
export function peopleFeature({ directory, mission }: PeopleDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  // Buttons and typed messages in branches of their own: an update of the other kind passes them with one check.
  const buttons = dm.on("callback_query:data");
  const texts = dm.on("message:text");

  /**
   * The directory as of now and who is looking, or undefined after telling a stranger (who sees nobody)
   * how to get in.
   */
  const allowed = async (ctx: BotContext) => {
    const snapshot = await directory.snapshot();
    const viewer = await snapshot.viewer(ctx.from?.id ?? 0);
    if (viewer.kind !== "stranger") return { snapshot, viewer };
    const text = ctx.t("people-register-first");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else await ctx.reply(text, { reply_markup: new InlineKeyboard().text(ctx.t("register-button"), registerData.pack({})) });
    return undefined;
  };

  const list = async (ctx: BotContext, filters: DirectoryFilters, page: number, edit: boolean) => {
    const allowedNow = await allowed(ctx);
    if (!allowedNow) return;
    const { snapshot, viewer } = allowedNow;
    const result = snapshot.page(ctx.from?.id ?? 0, filters, page);
    const view = directoryView(envOf(ctx, mission), filters, result, viewer.kind === "participant");
    if (!edit) {
      await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
      return;
    }
    await ctx.answerCallbackQuery();
    await editInPlace(ctx, view.text, view.keyboard);
  };

  texts.command("people", (ctx) => list(ctx, { role: "all" }, 0, false));
  texts.filter(hears("menu-people"), (ctx) => list(ctx, { role: "all" }, 0, false));

  buttons.callbackQuery(directoryData.filter, async (ctx) => {
    const data = directoryData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await list(ctx, filtersOf(data), data.page, true);
  });

  buttons.callbackQuery(pickerData.filter, async (ctx) => {
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

  buttons.callbackQuery(cardData.filter, async (ctx) => {
    const data = cardData.unpack(ctx.callbackQuery.data);
    if (!data) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const allowedNow = await allowed(ctx);
    if (!allowedNow) return;
    const { snapshot, viewer } = allowedNow;
    const profile = snapshot.card(ctx.from.id, data.id);
    if (!profile) return void (await ctx.answerCallbackQuery({ text: ctx.t("people-card-gone") }));
    await ctx.answerCallbackQuery();
    // Only participants may ask for a meeting, and not with themselves.
    const canRequest = viewer.kind === "participant" && profile.id !== ctx.from.id;
    const text = publicCardText(envOf(ctx, mission), profile);
    const keyboard = canRequest ? new InlineKeyboard().text(ctx.t("people-request-meeting"), requestData.pack({ id: String(profile.id) })) : undefined;
    await ctx.reply(text, { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) });
  });

  buttons.callbackQuery(suggestionsData.filter, async (ctx) => {
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
