import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { InlineKeyboardMarkup } from "grammy/types";
import { localize } from "../../../domain/mission/schema.js";
import { formatDate, zonedTime, zoneLabel } from "../../../domain/programme/time.js";
import type { PreparedNudge } from "../../../services/nudges.js";
import { callbackData } from "../../callback-data.js";
import { escapeHtml } from "../../html.js";
import { requestData } from "../meetings/views.js";
import { clip, directoryButton, reasonText, type View, type ViewEnv } from "../people/views.js";

/** "Don't remind me" (off: 1) and "Remind me again" (off: 0). */
export const nudgeData = callbackData("nudge", { off: z.enum(["0", "1"]) });

/** The nudge: when tomorrow's session starts, and the top suggestions, each with "Request a meeting". */
export function nudgeView(env: ViewEnv, { session, suggestions }: PreparedNudge): View {
  const { t, locale, mission } = env;
  const head = t("nudge-text", {
    date: formatDate(session.date, locale),
    start: zonedTime(session.startsAt, mission.mission.timezone),
    zone: escapeHtml(zoneLabel(mission, locale, session.startsAt)),
    title: escapeHtml(localize(session.first.title, locale)),
  });
  const keyboard = new InlineKeyboard();
  const entries = suggestions.map(({ profile, suggestion }, i) => {
    keyboard.text(t("nudge-request", { number: i + 1, name: clip(profile.fullName, 28) }), requestData.pack({ id: String(profile.id) })).row();
    return [
      t("people-entry-head", { number: i + 1, name: escapeHtml(clip(profile.fullName, 100)), position: escapeHtml(clip(profile.position, 60)), company: escapeHtml(clip(profile.company, 80)) }),
      reasonText(env, suggestion),
    ].join("\n");
  });
  keyboard.text(t("people-all-button"), directoryButton({ role: "all" }, 0)).row();
  keyboard.text(t("nudge-off"), nudgeData.pack({ off: "1" }));
  const body = entries.length > 0 ? [t("nudge-suggested"), "", entries.join("\n\n")] : [t("nudge-no-suggestions")];
  return { text: [head, "", ...body].join("\n"), keyboard };
}

/** The nudge's keyboard with its last button turned into the other one ("Don't remind me" ⇄ "Remind me again"). */
export function toggledKeyboard(markup: InlineKeyboardMarkup | undefined, off: boolean, label: string): InlineKeyboard | undefined {
  const rows = markup?.inline_keyboard.filter((row) => !row.some((b) => "callback_data" in b && nudgeData.filter.test(b.callback_data ?? "")));
  if (!rows) return undefined;
  return InlineKeyboard.from([...rows, [InlineKeyboard.text(label, nudgeData.pack({ off: off ? "0" : "1" }))]]);
}
