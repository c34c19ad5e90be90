import { Composer, InlineKeyboard, InputFile } from "grammy";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../../../domain/locale.js";
import { toCsv } from "../../../domain/reports/table.js";
import type { Access } from "../../../services/access.js";
import type { MissionService } from "../../../services/mission-service.js";
import { toXlsx, type ReportsService, type Sheet } from "../../../services/reports.js";
import type { BotContext } from "../../context.js";
import type { Translate } from "../../i18n.js";
import { attendanceChartInput, attendanceLines, attendanceSheet } from "./attendance.js";
import { meetingsSheet, outcomeChartInput, outcomesSheet, participantsSheet, statsText, tablesSheet } from "./views.js";

export interface ReportsFeatureDeps {
  access: Access;
  reports: ReportsService;
  mission: MissionService;
  /** CONSOLE_URL: /stats ends with a button opening the console. */
  consoleUrl?: string;
}

/** `/stats` and `/export`, for organisers only (checked here, on the server). */
export function reportsFeature(deps: ReportsFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  const organiser = async (ctx: BotContext): Promise<Locale | undefined> => {
    if (!ctx.from || !(await deps.access.isOrganiser(ctx.from.id))) {
      await ctx.reply(ctx.t("broadcast-only-organisers"));
      return undefined;
    }
    const locale = await ctx.i18n.getLocale();
    return isLocale(locale) ? locale : DEFAULT_LOCALE;
  };

  dm.command("stats", async (ctx) => {
    const locale = await organiser(ctx);
    if (!locale) return;
    const stats = await deps.reports.stats();
    const t: Translate = (key, vars) => ctx.t(key, vars);
    const consoleButton = deps.consoleUrl === undefined ? {} : { reply_markup: new InlineKeyboard().webApp(ctx.t("console-button"), deps.consoleUrl) };
    const attendance = attendanceLines(t, stats.attendance, locale);
    await ctx.reply([statsText(t, stats, deps.mission.current(), locale), ...(attendance.length > 0 ? ["", ...attendance] : [])].join("\n"), { parse_mode: "HTML", ...consoleButton });
    // The funnel and the meetings held per day as one picture, once there is a request to draw.
    if (stats.outcomes.funnel.requests > 0) {
      await ctx.replyWithChatAction("upload_photo");
      // Loaded on the first chart, not at start: ECharts and resvg are ~0.66 s of a restart's CPU.
      const { renderOutcomeChart } = await import("../../../services/outcome-chart.js");
      const chart = await renderOutcomeChart(outcomeChartInput(t, stats, locale));
      await ctx.replyWithPhoto(new InputFile(chart, "outcomes.png"), { caption: ctx.t("stats-chart-caption") });
    }
    // Check-ins per place, once someone checked in.
    const attendanceChart = attendanceChartInput(t, stats.attendance, locale);
    if (attendanceChart) {
      await ctx.replyWithChatAction("upload_photo");
      const { renderAttendanceChart } = await import("../../../services/attendance-chart.js");
      await ctx.replyWithPhoto(new InputFile(await renderAttendanceChart(attendanceChart), "attendance.png"), { caption: ctx.t("stats-attendance-chart-caption") });
    }
  });

  dm.command("export", async (ctx) => {
    const locale = await organiser(ctx);
    if (!locale) return;
    const { participants, requests, outcomes, attendance } = await deps.reports.export();
    if (participants.length === 0 && requests.length === 0) {
      await ctx.reply(ctx.t("export-empty"));
      return;
    }
    const mission = deps.mission.current();
    const t: Translate = (key, vars) => ctx.t(key, vars);
    const people = participantsSheet(t, participants, mission, locale);
    const byId = new Map(participants.map((p) => [p.id, p]));
    const meetings = meetingsSheet(t, requests, byId, mission, locale);
    const results = outcomesSheet(t, outcomes, byId, mission, locale);
    const schedule = tablesSheet(t, requests, byId, mission, locale);
    const checkins = attendanceSheet(t, attendance, byId, mission, locale);
    const id = mission.mission.id;
    await ctx.replyWithChatAction("upload_document");
    const xlsx = await toXlsx([people, meetings, results, schedule, checkins]);
    await ctx.replyWithDocument(new InputFile(xlsx, `mission-${id}.xlsx`), { caption: ctx.t("export-caption-xlsx", { participants: people.rows.length, requests: meetings.rows.length }) });
    const csv = (sheet: Sheet, file: string, caption: string) => ctx.replyWithDocument(new InputFile(Buffer.from(toCsv(sheet.header, sheet.rows), "utf8"), file), { caption });
    await csv(people, `participants-${id}.csv`, ctx.t("export-caption-csv"));
    await csv(meetings, `meetings-${id}.csv`, ctx.t("export-caption-csv-meetings"));
    await csv(results, `outcomes-${id}.csv`, ctx.t("export-caption-csv-outcomes"));
    await csv(schedule, `b2b-${id}.csv`, ctx.t("export-caption-csv-tables"));
  });
  return composer;
}
