import { access } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { Composer, GrammyError, InputFile, type ChatTypeContext, type Filter } from "grammy";
import { localize } from "../../../domain/mission/schema.js";
import { itemEntry, type AgendaEntry } from "../../../domain/programme/agenda.js";
import { buildCalendar } from "../../../domain/programme/ics.js";
import { todayIndex } from "../../../domain/programme/time.js";
import type { AgendaService } from "../../../services/agenda-service.js";
import type { MissionService } from "../../../services/mission-service.js";
import { REMINDER_LEAD_MINUTES } from "../../../services/reminders.js";
import type { BotContext } from "../../context.js";
import { buttonPrefix } from "../../callback-data.js";
import { typedCommand } from "../../flows.js";
import { hears } from "@grammyjs/i18n";
import { localeOf, viewTranslator } from "../../i18n.js";
import { calendarData, dayData, itemData, itemDayData, itemNewData, mapData, myCalendarData, myPageData, saveData, speakerData, speakersPageData } from "./callbacks.js";
import { dayOfItemView, dayView, itemView, myView, nowView, speakersView, speakerView, type View, type ViewContext } from "./views.js";

export interface ProgrammeFeatureDeps {
  mission: MissionService;
  agenda: AgendaService;
  now: () => number;
  /** Folder the speakers' photo paths are relative to (that of MISSION_FILE). */
  contentDir: string;
}

function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && err.description.includes("message is not modified");
}

type Button = Filter<ChatTypeContext<BotContext, "private">, "callback_query:data">;

/** Shows a view in place of the message whose button was pressed. */
async function showInPlace(ctx: BotContext, view: View): Promise<void> {
  try {
    await ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  } catch (err) {
    // Pressing the button of the page already shown.
    if (!isNotModified(err)) throw err;
  }
}

/**
 * The programme as participants read it: /today (days, pages, items), /now, item cards (save,
 * calendar, map, speakers), /speakers and speaker cards, /my (personal agenda and its .ics).
 */
export function programmeFeature(deps: ProgrammeFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  // Buttons and typed messages in branches of their own: an update of the other kind passes them with one check.
  const buttons = dm.on("callback_query:data");
  const texts = dm.on("message:text");
  // A button goes to its handler by its data's prefix, and a command by its name, instead of through a
  // filter per kind: grammY nests each middleware of a composer in the one before, so ten filters are ten
  // async frames for every update that enters, whichever handler it needs.
  // No prototype: forged data such as "constructor" must find no handler.
  const onButton = Object.create(null) as Record<string, (ctx: Button) => Promise<unknown>>;
  const onCommand = Object.create(null) as Record<string, (ctx: BotContext & { from: { id: number } }) => Promise<unknown>>;
  const viewOf = (ctx: BotContext): ViewContext => ({ t: viewTranslator(ctx), locale: localeOf(ctx), programme: deps.mission.programme(), now: deps.now() });
  // The saved items are read for every view that marks them: the set in Redis is the one record.
  const savedOf = async (ctx: BotContext & { from: { id: number } }): Promise<ReadonlySet<string>> => new Set(await deps.agenda.savedItemIds(ctx.from.id));
  const calendarFile = (ctx: BotContext, entries: AgendaEntry[], name: string, filename: string) => {
    const v = viewOf(ctx);
    const mission = v.programme.mission.mission;
    const ics = buildCalendar({
      name,
      zone: mission.timezone,
      uidDomain: `${mission.id}.mission-bot`,
      entries,
      locale: v.locale,
      now: v.now,
      alarmMinutes: REMINDER_LEAD_MINUTES,
    });
    return new InputFile(Buffer.from(ics, "utf8"), filename);
  };

  // ---- /today and days ---------------------------------------------------------------------------
  const today = async (ctx: BotContext & { from: { id: number } }) => {
    const mine = await savedOf(ctx);
    const v = viewOf(ctx);
    const { index, phase } = todayIndex(v.programme.mission, v.now);
    const view = dayView(v, index, 0, mine, phase === "during" ? undefined : phase);
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  };
  onCommand.today = today;

  onButton[dayData.prefix] = async (ctx) => {
    const data = dayData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    const mine = await savedOf(ctx);
    await showInPlace(ctx, dayView(viewOf(ctx), data.day, data.page, mine));
  };

  onButton[itemDayData.prefix] = async (ctx) => {
    const data = itemDayData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    const view = dayOfItemView(viewOf(ctx), data.id, await savedOf(ctx));
    if (!view) return ctx.answerCallbackQuery({ text: ctx.t("item-gone") });
    await ctx.answerCallbackQuery();
    await showInPlace(ctx, view);
  };

  // ---- /now --------------------------------------------------------------------------------------
  const now = async (ctx: BotContext) => {
    const view = nowView(viewOf(ctx));
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  };
  onCommand.now = now;

  // ---- item card ---------------------------------------------------------------------------------
  for (const [data, inPlace] of [[itemData, true], [itemNewData, false]] as const) {
    onButton[data.prefix] = async (ctx) => {
      const unpacked = data.unpack(ctx.callbackQuery.data);
      if (!unpacked) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      const mine = await savedOf(ctx);
      const view = itemView(viewOf(ctx), unpacked.id, mine.has(unpacked.id));
      if (!view) return ctx.answerCallbackQuery({ text: ctx.t("item-gone") });
      await ctx.answerCallbackQuery();
      if (inPlace) await showInPlace(ctx, view);
      else await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
    };
  }

  onButton[saveData.prefix] = async (ctx) => {
    const data = saveData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    const result = await deps.agenda.toggle(ctx.from.id, data.id);
    if (result.kind === "unknown-item") return ctx.answerCallbackQuery({ text: ctx.t("item-gone") });
    const upcoming = result.kind === "saved" && result.entry.startsAt - REMINDER_LEAD_MINUTES * 60_000 > deps.now();
    await ctx.answerCallbackQuery({ text: ctx.t(result.kind === "removed" ? "item-removed-toast" : upcoming ? "item-saved-toast" : "item-saved-past-toast") });
    const view = itemView(viewOf(ctx), data.id, result.kind === "saved");
    if (!view) return;
    try {
      await ctx.editMessageReplyMarkup({ reply_markup: view.keyboard });
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
  };

  onButton[calendarData.prefix] = async (ctx) => {
    const data = calendarData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    const programme = deps.mission.programme();
    const scheduled = programme.item(data.id);
    if (!scheduled) return ctx.answerCallbackQuery({ text: ctx.t("item-gone") });
    await ctx.answerCallbackQuery();
    const entry = itemEntry(scheduled, programme);
    const title = localize(entry.title, localeOf(ctx));
    await ctx.replyWithDocument(calendarFile(ctx, [entry], title, `${data.id}.ics`), { caption: ctx.t("item-calendar-caption", { title }) });
  };

  onButton[mapData.prefix] = async (ctx) => {
    const data = mapData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    const programme = deps.mission.programme();
    const venue = programme.venue(programme.item(data.id)?.item.venue);
    if (!venue) return ctx.answerCallbackQuery({ text: ctx.t("item-gone") });
    await ctx.answerCallbackQuery();
    const locale = localeOf(ctx);
    await ctx.replyWithVenue(venue.latitude, venue.longitude, localize(venue.name, locale), localize(venue.address, locale));
  };

  // ---- speakers ----------------------------------------------------------------------------------
  const speakers = async (ctx: BotContext) => {
    const view = speakersView(viewOf(ctx), 0);
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  };
  onCommand.speakers = speakers;

  onButton[speakersPageData.prefix] = async (ctx) => {
    const data = speakersPageData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    await showInPlace(ctx, speakersView(viewOf(ctx), data.page));
  };

  onButton[speakerData.prefix] = async (ctx) => {
    const data = speakerData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    const v = viewOf(ctx);
    const view = speakerView(v, data.id);
    if (!view) return ctx.answerCallbackQuery({ text: ctx.t("speaker-gone") });
    await ctx.answerCallbackQuery();
    const photo = await photoFile(deps.contentDir, v.programme.speaker(data.id)?.photo);
    if (photo) await ctx.replyWithPhoto(new InputFile(photo), { caption: view.caption, parse_mode: "HTML" });
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  };

  // ---- /my ---------------------------------------------------------------------------------------
  const my = async (ctx: BotContext & { from: { id: number } }) => {
    const view = myView(viewOf(ctx), await deps.agenda.entries(ctx.from.id, await savedOf(ctx)), 0);
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  };
  onCommand.my = my;

  onButton[myPageData.prefix] = async (ctx) => {
    const data = myPageData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    await showInPlace(ctx, myView(viewOf(ctx), await deps.agenda.entries(ctx.from.id, await savedOf(ctx)), data.page));
  };

  onButton[myCalendarData.prefix] = async (ctx) => {
    const entries = await deps.agenda.entries(ctx.from.id, await savedOf(ctx));
    if (entries.length === 0) return ctx.answerCallbackQuery({ text: ctx.t("my-empty") });
    await ctx.answerCallbackQuery();
    const name = ctx.t("my-calendar-name", { mission: localize(deps.mission.current().mission.name, localeOf(ctx)) });
    await ctx.replyWithDocument(calendarFile(ctx, entries, name, "my-agenda.ics"), { caption: ctx.t("my-calendar-caption") });
  };

  buttons.route((ctx) => buttonPrefix(ctx.callbackQuery.data), onButton);
  // grammY matches the command (names, the bot's @username); the name then picks the handler.
  texts.command(Object.keys(onCommand), (ctx) => onCommand[typedCommand(ctx.message)?.name ?? ""]?.(ctx));
  // The menu's buttons after every command: a label is translated to be compared, a command is not.
  texts.filter(hears("menu-today"), today);
  texts.filter(hears("menu-now"), now);
  texts.filter(hears("menu-speakers"), speakers);
  texts.filter(hears("menu-my"), my);
  return composer;
}

/** The photo's absolute path when the file is there; never a path outside the content folder. */
async function photoFile(contentDir: string, photo: string | undefined): Promise<string | undefined> {
  if (!photo) return undefined;
  const root = resolve(contentDir);
  const path = resolve(root, photo);
  if (!path.startsWith(root + sep)) return undefined;
  try {
    await access(path);
    return path;
  } catch {
    return undefined;
  }
}
