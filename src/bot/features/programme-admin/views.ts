import { InlineKeyboard } from "grammy";
import type { ProgrammeDiff } from "../../../domain/programme/diff.js";
import { isEmptyDiff } from "../../../domain/programme/diff.js";
import { paginate } from "../../../domain/programme/paging.js";
import type { Programme } from "../../../domain/programme/programme.js";
import type { MissionProblem } from "../../../domain/mission/problems.js";
import { missionProblemLine } from "../../mission-problems.js";
import { capped, changeLines } from "../programme/notices.js";
import { text, zoneLine, type View, type ViewContext } from "../programme/views.js";
import { cancelData, publishData } from "./callbacks.js";

/** The problems of a rejected file, in the organiser's language, as many as fit in one message. */
export function problemsView(v: ViewContext, problems: readonly MissionProblem[]): string {
  const render = (p: MissionProblem) => `• ${missionProblemLine(v.t, p)}`;
  const shown = paginate(problems, render, { maxItems: 30, maxChars: 3_300 })[0] ?? [];
  const lines = [v.t("admin-invalid", { count: problems.length }), "", ...shown.map(render)];
  if (shown.length < problems.length) lines.push(v.t("admin-invalid-more", { count: problems.length - shown.length }));
  return lines.join("\n");
}

/** What publishing the uploaded file would change, with Publish / Publish and notify everyone / Cancel. */
export function summaryView(v: ViewContext, next: Programme, diff: ProgrammeDiff, identical: boolean, token: string): View {
  const keyboard = new InlineKeyboard()
    .text(v.t("admin-publish"), publishData.pack({ token, all: "0" }))
    .row()
    .text(v.t("admin-publish-all"), publishData.pack({ token, all: "1" }))
    .row()
    .text(v.t("admin-cancel"), cancelData.pack({ token }));
  return { text: summaryText(v, next, diff, identical), keyboard };
}

/** The summary's text (HTML); the organisers' console shows the same one under its own buttons. */
export function summaryText(v: ViewContext, next: Programme, diff: ProgrammeDiff, identical: boolean): string {
  const m = next.mission;
  const lines = [
    v.t("admin-summary", {
      name: text(v, m.mission.name),
      days: m.days.length,
      items: next.schedule.length,
      speakers: m.speakers.length,
      venues: m.venues.length,
    }),
    "",
  ];
  if (identical) lines.push(v.t("admin-summary-identical"));
  else if (isEmptyDiff(diff)) lines.push(v.t("admin-summary-none"));
  else {
    lines.push(v.t("admin-summary-changes"));
    if (diff.added.length > 0) lines.push(v.t("admin-summary-added", { count: diff.added.length }));
    if (diff.removed.length > 0) lines.push(v.t("admin-summary-removed", { count: diff.removed.length }));
    if (diff.moved.length > 0) lines.push(v.t("admin-summary-moved", { count: diff.moved.length }));
    lines.push("", ...capped(v, changeLines({ ...v, programme: next }, diff, () => true, true), 20));
    if (diff.removed.length > 0 || diff.moved.length > 0) lines.push("", v.t("admin-summary-holders"));
  }
  lines.push("", zoneLine({ ...v, programme: next }));
  return lines.join("\n");
}
