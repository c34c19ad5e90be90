import { Composer, InputFile } from "grammy";
import type { MissionService } from "../../../services/mission-service.js";
import type { ProgrammePublisher } from "../../../services/programme-publisher.js";
import type { Access } from "../../../services/access.js";
import type { BotContext } from "../../context.js";
import { downloadTelegramFile } from "../../telegram-files.js";
import { localeOf, viewTranslator } from "../../i18n.js";
import type { ViewContext } from "../programme/views.js";
import { cancelData, publishData } from "./callbacks.js";
import { problemsView, summaryView } from "./views.js";

// A three-day programme is about 20 KB; this leaves room for a long one and nothing absurd.
const MAX_FILE_KB = 512;

export interface ProgrammeAdminDeps {
  access: Access;
  mission: MissionService;
  publisher: ProgrammePublisher;
  now: () => number;
  /** For downloading uploaded files from the Bot API. */
  apiRoot: string;
  token: string;
}

/**
 * Organisers change the programme by sending a new YAML file (validated, summarised, then published
 * or cancelled) and download the current one with /programme_file. Everyone else falls through to
 * the fallback, which does not reveal that these exist.
 */
export function programmeAdminFeature(deps: ProgrammeAdminDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  // Buttons and typed messages in branches of their own: an update of the other kind passes them with one check.
  const buttons = dm.on("callback_query:data");
  const texts = dm.on("message:text");
  const viewOf = (ctx: BotContext): ViewContext => ({ t: viewTranslator(ctx), locale: localeOf(ctx), programme: deps.mission.programme(), now: deps.now() });

  dm.on("message:document", async (ctx, next) => {
    const document = ctx.message.document;
    if (!/\.ya?ml$/i.test(document.file_name ?? "") || !(await deps.access.isOrganiser(ctx.from.id))) return next();
    if ((document.file_size ?? 0) > MAX_FILE_KB * 1024) {
      await ctx.reply(ctx.t("admin-upload-too-big", { size: Math.ceil((document.file_size ?? 0) / 1024), max: MAX_FILE_KB }));
      return;
    }
    let bytes: Buffer;
    try {
      const file = await ctx.getFile();
      if (!file.file_path) throw new Error("getFile returned no file_path");
      bytes = await downloadTelegramFile(deps.apiRoot, deps.token, file.file_path, MAX_FILE_KB * 1024);
    } catch {
      await ctx.reply(ctx.t("admin-upload-failed"));
      return;
    }
    let source: string;
    try {
      source = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    } catch {
      await ctx.reply(ctx.t("admin-upload-not-text"));
      return;
    }
    const v = viewOf(ctx);
    const result = await deps.publisher.prepare(ctx.from.id, source);
    if (result.kind === "invalid") {
      await ctx.reply(problemsView(v, result.problems), { parse_mode: "HTML" });
      return;
    }
    const view = summaryView(v, result.programme, result.diff, result.unchanged, result.token);
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  });

  texts.command("programme_file", async (ctx, next) => {
    if (!(await deps.access.isOrganiser(ctx.from.id))) return next();
    const mission = deps.mission.current().mission;
    await ctx.replyWithDocument(new InputFile(Buffer.from(deps.mission.source(), "utf8"), `${mission.id}.yaml`), {
      caption: ctx.t("admin-file-caption", { version: deps.mission.version() }),
    });
  });

  buttons.callbackQuery(publishData.filter, async (ctx) => {
    const data = publishData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    if (!(await deps.access.isOrganiser(ctx.from.id))) return ctx.answerCallbackQuery({ text: ctx.t("admin-only") });
    const result = await deps.publisher.publish(ctx.from.id, data.token, data.all === "1");
    // An upload publishes over whatever is in force ("changed" is the console's), so only its draft can be gone.
    if (result.kind !== "published") return ctx.answerCallbackQuery({ text: ctx.t("admin-draft-gone"), show_alert: true });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("admin-published", { count: result.notified }));
  });

  buttons.callbackQuery(cancelData.filter, async (ctx) => {
    const data = cancelData.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    if (!(await deps.access.isOrganiser(ctx.from.id))) return ctx.answerCallbackQuery({ text: ctx.t("admin-only") });
    if (!(await deps.publisher.cancel(ctx.from.id, data.token))) return ctx.answerCallbackQuery({ text: ctx.t("admin-draft-gone"), show_alert: true });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("admin-cancelled"));
  });

  return composer;
}
