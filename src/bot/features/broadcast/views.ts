import { InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import { z } from "zod";
import { ROLES, type Audience, type Role } from "../../../domain/broadcast/audience.js";
import { deliveryRate, leftOf, unexplained, type Counts } from "../../../domain/broadcast/broadcast.js";
import { versionFor } from "../../../domain/broadcast/content.js";
import { LOCALES, type Locale } from "../../../domain/locale.js";
import { localize, type Mission } from "../../../domain/mission/schema.js";
import { UNREACHABLE_REASONS } from "../../../domain/telegram/reachability.js";
import type { BroadcastPresenter } from "../../../jobs/broadcast/engine.js";
import type { Reach } from "../../../services/broadcasts.js";
import type { Broadcast } from "../../../storage/broadcasts-repo.js";
import { buttonFamily, callbackData } from "../../callback-data.js";
import type { ConversationContext } from "../../context.js";
import { escapeHtml } from "../../html.js";
import { translator, type Translate } from "../../i18n.js";

const tagId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);

// Buttons of the /broadcast flow ("bc…"); every one is checked against the organiser list.
export const audienceData = callbackData("bca", { pick: z.enum(["all", ...ROLES, "tags"]) });
export const tagData = callbackData("bct", { tag: tagId });
export const backData = callbackData("bcb", {});
export const groupData = callbackData("bcg", { on: z.enum(["yes", "no"]) });
export const languageData = callbackData("bcl", { locale: z.enum(LOCALES) });
export const skipData = callbackData("bck", {});
export const sendData = callbackData("bcs", {});
export const abortData = callbackData("bcx", {});
/** On the live progress line, after the flow has ended. */
export const stopData = callbackData("bcstop", { id: z.coerce.number().int().positive() });
/** Any button of this feature, for the refusal of forged or stale presses. */
export const ANY_BROADCAST_BUTTON = buttonFamily("bc[a-z]*");

type Tags = Mission["tags"];

export function audienceLabel(t: Translate, audience: Audience, tags: Tags, locale: Locale): string {
  switch (audience.kind) {
    case "all":
      return t("broadcast-audience-all");
    case "role":
      return t(`broadcast-audience-${audience.role}`);
    case "tag": {
      const tag = tags.find((x) => x.id === audience.tag);
      return t("broadcast-audience-tag", { tag: tag ? localize(tag.name, locale) : audience.tag });
    }
  }
}

export function audienceKeyboard(t: Translate): InlineKeyboard {
  const button = (pick: "all" | Role | "tags") => InlineKeyboard.text(t(`broadcast-audience-${pick}`), audienceData.pack({ pick }));
  return InlineKeyboard.from([
    [button("all")],
    [button("delegate"), button("host")],
    [button("speaker"), button("organiser")],
    [button("tags")],
    [InlineKeyboard.text(t("broadcast-abort"), abortData.pack({}))],
  ]);
}

export function tagKeyboard(t: Translate, tags: Tags, locale: Locale): InlineKeyboard {
  const rows = tags.map((tag) => [InlineKeyboard.text(localize(tag.name, locale), tagData.pack({ tag: tag.id }))]);
  return InlineKeyboard.from([...rows, [InlineKeyboard.text(t("broadcast-back"), backData.pack({})), InlineKeyboard.text(t("broadcast-abort"), abortData.pack({}))]]);
}

export function groupKeyboard(t: Translate): InlineKeyboard {
  return InlineKeyboard.from([
    [InlineKeyboard.text(t("broadcast-group-yes"), groupData.pack({ on: "yes" }))],
    [InlineKeyboard.text(t("broadcast-group-no"), groupData.pack({ on: "no" }))],
    [InlineKeyboard.text(t("broadcast-abort"), abortData.pack({}))],
  ]);
}

export function abortKeyboard(t: Translate): InlineKeyboard {
  return InlineKeyboard.from([[InlineKeyboard.text(t("broadcast-abort"), abortData.pack({}))]]);
}

export function languageKeyboard(t: Translate, first: Locale): InlineKeyboard {
  const order = [first, ...LOCALES.filter((l) => l !== first)];
  return InlineKeyboard.from([
    order.map((locale) => InlineKeyboard.text(t(`language-name-${locale}`), languageData.pack({ locale }))),
    [InlineKeyboard.text(t("broadcast-abort"), abortData.pack({}))],
  ]);
}

export function skipKeyboard(t: Translate): InlineKeyboard {
  return InlineKeyboard.from([[InlineKeyboard.text(t("broadcast-skip"), skipData.pack({})), InlineKeyboard.text(t("broadcast-abort"), abortData.pack({}))]]);
}

export function confirmKeyboard(t: Translate): InlineKeyboard {
  return InlineKeyboard.from([[InlineKeyboard.text(t("broadcast-send"), sendData.pack({})), InlineKeyboard.text(t("broadcast-abort"), abortData.pack({}))]]);
}

/**
 * The message under the preview: everyone the audience names, who gets which version, who the bot
 * already knows it cannot write to (and why), and Send / Cancel.
 */
export function summaryText(t: Translate, reach: Reach, versions: readonly Locale[], groupLocale: Locale): string {
  const lines = [t("broadcast-summary-intro"), "", t("broadcast-summary-people", { people: reach.people })];
  for (const language of versions) {
    if (reach.byVersion[language] > 0 || versions.length > 1) lines.push(t("broadcast-summary-version", { language, count: reach.byVersion[language] }));
  }
  const unreachable = reach.people - reach.sendable;
  if (unreachable > 0) lines.push(t("broadcast-summary-unreachable", { count: unreachable, ...reach.unreachable }));
  if (reach.group) lines.push(t("broadcast-summary-group", { language: groupLocale }));
  lines.push("", t("broadcast-summary-ask"));
  return lines.join("\n");
}

// The count keys of each reason (broadcast-count-blocked, broadcast-report-not-started, …).
const REASON_KEY = { blocked: "blocked", notStarted: "not-started", deactivated: "deactivated" } as const;

/** Who did not get it because Telegram would not deliver, by reason: one piece each for a line. */
function unreachablePieces(t: Translate, c: Counts, prefix: "broadcast-count" | "broadcast-report"): string[] {
  const pieces = UNREACHABLE_REASONS.map((reason) => t(`${prefix}-${REASON_KEY[reason]}`, { count: c[reason] }));
  const other = unexplained(c);
  if (other > 0) pieces.push(t(`${prefix}-unexplained`, { count: other }));
  return pieces;
}

/**
 * Everyone a broadcast was for, each counted once: sent, each reason Telegram would not deliver,
 * failed, then (when stopped) not sent and (while sending) left.
 */
function countsLine(t: Translate, b: Broadcast, ending: { cancelled: boolean; left: boolean }): string {
  const c = b.counts;
  const pieces = [t("broadcast-count-sent", { count: c.sent }), ...unreachablePieces(t, c, "broadcast-count"), t("broadcast-count-failed", { count: c.failed })];
  if (ending.cancelled) pieces.push(t("broadcast-count-cancelled", { count: c.cancelled }));
  if (ending.left) pieces.push(t("broadcast-count-left", { count: leftOf(c) }));
  return pieces.join(" · ");
}

/** The progress line, its final state and the final report, in the organiser's language. */
export function broadcastPresenter(i18n: I18n<ConversationContext>): BroadcastPresenter {
  return {
    progress(b) {
      const t = translator(i18n, b.spec.locale);
      if (b.status === "cancelled") return { text: t("broadcast-progress-stopping", { id: b.id, counts: countsLine(t, b, { cancelled: true, left: true }) }) };
      return {
        text: t("broadcast-progress", { id: b.id, counts: countsLine(t, b, { cancelled: false, left: true }) }),
        reply_markup: InlineKeyboard.from([[InlineKeyboard.text(t("broadcast-stop"), stopData.pack({ id: b.id }))]]),
      };
    },
    finished(b) {
      const t = translator(i18n, b.spec.locale);
      const cancelled = b.status === "cancelled";
      return { text: t(cancelled ? "broadcast-final-cancelled" : "broadcast-final-done", { id: b.id, counts: countsLine(t, b, { cancelled, left: false }) }) };
    },
    report(b) {
      const t = translator(i18n, b.spec.locale);
      const c = b.counts;
      const head = t(b.status === "cancelled" ? "broadcast-report-cancelled" : "broadcast-report-done", { id: b.id, sent: c.sent, total: c.total, rate: deliveryRate(c), cancelled: c.cancelled });
      return [head, ...unreachablePieces(t, c, "broadcast-report"), t("broadcast-report-failed", { count: c.failed })].join("\n");
    },
  };
}

function formatDate(ms: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(ms);
}

/** `/broadcasts`: the newest broadcasts with their counts, times in the mission's zone. */
export function historyText(t: Translate, list: readonly Broadcast[], mission: Mission, locale: Locale): string {
  if (list.length === 0) return t("broadcast-history-empty");
  const items = list.map((b) => {
    const content = versionFor(b.spec.versions, locale);
    const summary = b.spec.summary !== "" ? b.spec.summary : content.kind === "text" ? "" : t("broadcast-summary-media", { kind: content.kind });
    const audience = audienceLabel(t, b.spec.audience, mission.tags, locale) + (b.spec.groupChatId !== undefined ? ` + ${t("broadcast-history-group")}` : "");
    const counts = [
      t("broadcast-count-received", { sent: b.counts.sent, total: b.counts.total, rate: deliveryRate(b.counts) }),
      ...unreachablePieces(t, b.counts, "broadcast-count"),
      t("broadcast-count-failed", { count: b.counts.failed }),
      t("broadcast-count-cancelled", { count: b.counts.cancelled }),
    ];
    return t("broadcast-history-item", {
      id: b.id,
      date: formatDate(b.spec.createdAt, locale, mission.mission.timezone),
      audience: escapeHtml(audience),
      status: b.status,
      summary: escapeHtml(summary),
      counts: counts.join(" · "),
    });
  });
  return [t("broadcast-history-title"), "", items.join("\n\n")].join("\n");
}
