import { Composer, InputFile } from "grammy";
import { placeOf, targetsOfDay, type CheckinPlace } from "../../../domain/checkin/payload.js";
import { todayIndex } from "../../../domain/programme/time.js";
import type { Access } from "../../../services/access.js";
import type { CheckinService } from "../../../services/checkins.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { ParticipantsRepo } from "../../../storage/participants-repo.js";
import type { BotContext } from "../../context.js";
import { escapeHtml } from "../../html.js";
import { localeOf, viewTranslator } from "../../i18n.js";
import { checkinCardView, placeTitle, qrCaption, qrDayData, qrData, qrFileName, qrListView, qrZipData, targetOfData, type Env } from "./views.js";

export interface CheckinDeps {
  checkins: CheckinService;
  mission: MissionService;
  participants: ParticipantsRepo;
  access: Access;
  now: () => number;
}

function envOf(ctx: BotContext, mission: MissionService): Env {
  return { t: viewTranslator(ctx), locale: localeOf(ctx), mission: mission.current() };
}

/** Checks in and answers with the place's card (the scan, or the registration that followed one). */
async function answerCheckin(ctx: BotContext, deps: CheckinDeps, place: CheckinPlace, result: { first: boolean; at: number }): Promise<void> {
  const residents = place.kind === "stop" ? place.stop.residents : [];
  const hosts = await deps.checkins.hostsOf(residents);
  const view = checkinCardView(envOf(ctx, deps.mission), place, result, hosts, ctx.from?.id ?? 0);
  await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard, link_preview_options: { is_disabled: true } });
}

/**
 * `/start <payload>` when the payload is a check-in code. "none": it is not one (the start goes on as
 * before); "answered": the person was checked in and shown the card; "continue": the code was forged or
 * stale, or the person is not registered yet (the check-in waits for the registration): said so, and the
 * start goes on with its greeting and the offer to register.
 */
export function checkinAtStart(deps: CheckinDeps) {
  return async (ctx: BotContext, payload: string): Promise<"none" | "answered" | "continue"> => {
    const userId = ctx.from?.id;
    const scan = deps.checkins.scan(payload);
    if (scan.kind === "none" || userId === undefined) return "none";
    if (scan.kind === "forged" || scan.kind === "stale") {
      await ctx.reply(ctx.t(`checkin-${scan.kind}`));
      return "continue";
    }
    if (!(await deps.participants.get(userId))) {
      await deps.checkins.holdUntilRegistered(userId, scan.target);
      await ctx.reply(ctx.t("checkin-register-first", { place: escapeHtml(placeTitle(envOf(ctx, deps.mission), scan.place)) }), { parse_mode: "HTML" });
      return "continue";
    }
    await answerCheckin(ctx, deps, scan.place, await deps.checkins.checkIn(userId, scan.target));
    return "answered";
  };
}

/** After a registration: the check-in scanned before it is done now, and its card shown. */
export function checkinAfterRegistration(deps: CheckinDeps) {
  return async (ctx: BotContext): Promise<void> => {
    const userId = ctx.from?.id;
    if (userId === undefined) return;
    const done = await deps.checkins.completePending(userId);
    if (done) await answerCheckin(ctx, deps, done.place, done);
  };
}

/**
 * `/qr` for organisers (checked here and on every button: anyone can type a command or forge a button):
 * today's codes (the day, each item, each stop), one PNG per press, or the whole day as a ZIP.
 */
export function checkinFeature(deps: CheckinDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  const organiser = async (ctx: BotContext): Promise<boolean> => {
    if (ctx.from && (await deps.access.isOrganiser(ctx.from.id))) return true;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("broadcast-button-only-organisers") });
    else await ctx.reply(ctx.t("broadcast-only-organisers"));
    return false;
  };
  const send = async (ctx: BotContext, place: CheckinPlace) => {
    const link = deps.checkins.link(ctx.me.username, place);
    await ctx.replyWithChatAction("upload_document");
    const { qrPng } = await import("../../../services/qr-codes.js");
    await ctx.replyWithDocument(new InputFile(await qrPng(link), qrFileName(place, 1).slice(3)), { caption: qrCaption(envOf(ctx, deps.mission), place, link), parse_mode: "HTML" });
  };

  dm.command("qr", async (ctx) => {
    if (!(await organiser(ctx))) return;
    const mission = deps.mission.current();
    const day = mission.days[todayIndex(mission, deps.now()).index];
    if (!day) return;
    const view = qrListView(envOf(ctx, deps.mission), day);
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  });

  dm.callbackQuery(qrDayData.filter, async (ctx) => {
    if (!(await organiser(ctx))) return;
    const data = qrDayData.unpack(ctx.callbackQuery.data);
    const day = data && deps.mission.current().days.find((d) => d.date === data.date);
    if (!day) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    const view = qrListView(envOf(ctx, deps.mission), day);
    await ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  });

  dm.callbackQuery(qrData.filter, async (ctx) => {
    if (!(await organiser(ctx))) return;
    const data = qrData.unpack(ctx.callbackQuery.data);
    const place = data && placeOf(deps.mission.current(), targetOfData(data));
    // Gone from the programme since the list was shown (or forged): no code for it.
    if (!place) return void (await ctx.answerCallbackQuery({ text: ctx.t("checkin-qr-gone") }));
    await ctx.answerCallbackQuery();
    await send(ctx, place);
  });

  dm.callbackQuery(qrZipData.filter, async (ctx) => {
    if (!(await organiser(ctx))) return;
    const data = qrZipData.unpack(ctx.callbackQuery.data);
    const day = data && deps.mission.current().days.find((d) => d.date === data.date);
    if (!day) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    await ctx.replyWithChatAction("upload_document");
    const { qrPng, zipOf } = await import("../../../services/qr-codes.js");
    const env = envOf(ctx, deps.mission);
    const places = targetsOfDay(day);
    const files = await Promise.all(places.map(async (place, n) => ({ name: qrFileName(place, n + 1), content: await qrPng(deps.checkins.link(ctx.me.username, place)) })));
    // The names in the ZIP are ids; the caption says what each is, in order.
    const list = places.map((place, n) => `${qrFileName(place, n + 1)} — ${escapeHtml(placeTitle(env, place))}`).join("\n");
    const caption = ctx.t("checkin-qr-zip-caption", { count: files.length, list });
    await ctx.replyWithDocument(new InputFile(await zipOf(files), `qr-${deps.mission.current().mission.id}-${day.date}.zip`), {
      caption: caption.length <= 1024 ? caption : ctx.t("checkin-qr-zip-caption", { count: files.length, list: "" }),
      parse_mode: "HTML",
    });
  });
  return composer;
}
