import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { Locale } from "../../../domain/locale.js";
import { ROLE_FILTERS, type DirectoryFilters, type Page, type RegionOption, type RoleFilter } from "../../../domain/meetings/directory.js";
import type { PublicProfile } from "../../../domain/meetings/privacy.js";
import type { Suggestion, Term } from "../../../domain/meetings/suggestions.js";
import { idSchema, type Mission } from "../../../domain/mission/schema.js";
import { callbackData } from "../../callback-data.js";
import { escapeHtml } from "../../html.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { BotContext } from "../../context.js";
import { localeOf, viewTranslator, type Translate } from "../../i18n.js";
import { tagNames } from "../registration/views.js";

// ---- callback data (ids only) ----------------------------------------------------------------------

/** A Telegram user id in callback data. */
export const userIdField = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number);
const none = z.literal("-");
const roleField = z.enum(["a", "h", "d"]);
// "-" first: the usual value (no filter) then matches at once; a union that fails an option first builds
// that option's issue, which cost most of a directory button's parse.
const tagField = z.union([none, idSchema]);
const regionField = z.union([none, z.string().regex(/^[0-9a-f]{8}$/)]);

/**
 * A directory page: role, tag and region filters ("-" for none) and the page. Five digits of page: a
 * forum of 50,000 has 10,000 pages of five, and the longest tag and a region still fit in 64 bytes.
 */
export const directoryData = callbackData("ppl", { role: roleField, tag: tagField, region: regionField, page: z.string().regex(/^\d{1,5}$/).transform(Number) });
/** The industry (t) or region (r) picker, keeping the other filters. */
export const pickerData = callbackData("pplp", { kind: z.enum(["t", "r"]), role: roleField, tag: tagField, region: regionField });
export const cardData = callbackData("pcard", { id: userIdField });
export const suggestionsData = callbackData("psug", {});

const ROLE_CODES: Record<RoleFilter, "a" | "h" | "d"> = { all: "a", host: "h", delegate: "d" };
const ROLE_OF_CODE: Record<"a" | "h" | "d", RoleFilter> = { a: "all", h: "host", d: "delegate" };

export function filtersOf(data: { role: "a" | "h" | "d"; tag: string; region: string }): DirectoryFilters {
  return { role: ROLE_OF_CODE[data.role], ...(data.tag === "-" ? {} : { tag: data.tag }), ...(data.region === "-" ? {} : { region: data.region }) };
}

function pack(filters: DirectoryFilters) {
  return { role: ROLE_CODES[filters.role], tag: filters.tag ?? "-", region: filters.region ?? "-" };
}

export function directoryButton(filters: DirectoryFilters, page: number): string {
  return directoryData.pack({ ...pack(filters), page: String(page) });
}

// ---- texts -----------------------------------------------------------------------------------------

export interface View {
  text: string;
  keyboard: InlineKeyboard;
}

export interface ViewEnv {
  t: Translate;
  locale: Locale;
  mission: Mission;
}

/** The env a view of this update is rendered in: the user's language, the mission in force. */
export function envOf(ctx: BotContext, mission: MissionService): ViewEnv {
  return { t: viewTranslator(ctx), locale: localeOf(ctx), mission: mission.current() };
}

/** The keyboard without empty rows (a `row()` after the last button leaves one). */
export function compact(keyboard: InlineKeyboard): InlineKeyboard {
  return InlineKeyboard.from(keyboard.inline_keyboard.filter((row) => row.length > 0));
}

/** Cuts a person's text to `max` characters (as the user counts them) before it is escaped. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

// Per-field budgets of a directory entry: five entries of the longest answers still fit one message.
const BUDGET = { fullName: 100, company: 80, position: 60, region: 40, tags: 80, offer: 90, lookingFor: 90, button: 28 } as const;

function tagsText(env: ViewEnv, tags: readonly string[]): string {
  return tagNames(env.mission, env.locale, tags).join(", ");
}

/**
 * One person in a list: who they are, where, what they offer and look for. No contacts. One message of
 * the locale files per person: @grammyjs/i18n negotiates the language on every translation, and a page of
 * five people was twenty of them. `host` is empty or a line of its own.
 */
export function entryText(env: ViewEnv, p: PublicProfile, number: number): string {
  const { t } = env;
  return t("people-entry", {
    number,
    name: escapeHtml(clip(p.fullName, BUDGET.fullName)),
    position: escapeHtml(clip(p.position, BUDGET.position)),
    company: escapeHtml(clip(p.company, BUDGET.company)),
    host: p.role === "host" ? `\n${t("people-entry-host")}` : "",
    region: escapeHtml(clip(p.region, BUDGET.region)),
    tags: escapeHtml(clip(tagsText(env, p.tags), BUDGET.tags)) || t("card-not-given"),
    offer: escapeHtml(clip(p.offer, BUDGET.offer)),
    lookingFor: escapeHtml(clip(p.lookingFor, BUDGET.lookingFor)),
  });
}

function filterSummary(env: ViewEnv, filters: DirectoryFilters, regionName: string | undefined): string {
  const { t } = env;
  const parts = [t(`people-role-${filters.role}`)];
  if (filters.tag) parts.push(escapeHtml(tagsText(env, [filters.tag]) || filters.tag));
  if (filters.region) parts.push(escapeHtml(clip(regionName ?? t("people-region-other"), BUDGET.region)));
  return parts.join(" · ");
}

/** A directory page with its filters, the people as numbered buttons, and paging. */
export function directoryView(
  env: ViewEnv,
  filters: DirectoryFilters,
  result: { page: Page<PublicProfile>; regions: RegionOption[]; regionName?: string },
  canSuggest: boolean,
): View {
  const { t } = env;
  const { page } = result;
  const first = page.page * page.size + 1;
  const head = [t("people-title", { filters: filterSummary(env, filters, result.regionName) }), t("people-found", { total: page.total, page: page.page + 1, pages: page.pages })];
  const body = page.items.length > 0 ? page.items.map((p, i) => entryText(env, p, first + i)) : [t("people-empty")];
  const keyboard = new InlineKeyboard();
  if (canSuggest) keyboard.text(t("people-suggested-button"), suggestionsData.pack({})).row();
  for (const role of ROLE_FILTERS) {
    const label = t(`people-role-${role}`);
    keyboard.text(filters.role === role ? t("people-chosen", { label }) : label, directoryButton({ ...filters, role }, 0));
  }
  keyboard.row();
  const tagLabel = filters.tag ? tagsText(env, [filters.tag]) || filters.tag : t("people-any-tag-short");
  const regionLabel = filters.region ? (result.regionName ?? t("people-region-other")) : t("people-any-region-short");
  keyboard
    .text(t("people-filter-tag", { value: clip(tagLabel, 24) }), pickerData.pack({ kind: "t", ...pack(filters) }))
    .text(t("people-filter-region", { value: clip(regionLabel, 24) }), pickerData.pack({ kind: "r", ...pack(filters) }))
    .row();
  page.items.forEach((p, i) => keyboard.text(t("people-open", { number: first + i, name: clip(p.fullName, BUDGET.button) }), cardData.pack({ id: String(p.id) })).row());
  if (page.page > 0) keyboard.text(t("people-prev"), directoryButton(filters, page.page - 1));
  if (page.page < page.pages - 1) keyboard.text(t("people-next"), directoryButton(filters, page.page + 1));
  if (filters.tag || filters.region || filters.role !== "all") keyboard.row().text(t("people-reset"), directoryButton({ role: "all" }, 0));
  return { text: [...head, "", body.join("\n\n")].join("\n"), keyboard: compact(keyboard) };
}

/** The industry or region picker in place of the list; "back" returns to the list as it was. */
export function pickerView(env: ViewEnv, kind: "t" | "r", filters: DirectoryFilters, regions: readonly RegionOption[]): View {
  const { t } = env;
  const keyboard = new InlineKeyboard();
  if (kind === "t") {
    keyboard.text(t("people-any-tag"), directoryButton({ ...filters, tag: undefined }, 0)).row();
    env.mission.tags.forEach((tag, i) => {
      const name = tagsText(env, [tag.id]);
      keyboard.text(filters.tag === tag.id ? t("people-chosen", { label: name }) : name, directoryButton({ ...filters, tag: tag.id }, 0));
      if (i % 2 === 1) keyboard.row();
    });
  } else {
    keyboard.text(t("people-any-region"), directoryButton({ ...filters, region: undefined }, 0)).row();
    regions.slice(0, 20).forEach((region, i) => {
      const name = clip(region.name, 30);
      keyboard.text(filters.region === region.id ? t("people-chosen", { label: name }) : name, directoryButton({ ...filters, region: region.id }, 0));
      if (i % 2 === 1) keyboard.row();
    });
  }
  keyboard.row().text(t("people-back"), directoryButton(filters, 0));
  return { text: t(kind === "t" ? "people-pick-tag" : "people-pick-region"), keyboard: compact(keyboard) };
}

/** A participant's public card: everything but contacts, which only an agreed meeting gives. */
export function publicCardText(env: ViewEnv, p: PublicProfile): string {
  const { t } = env;
  const lines = [`<b>${escapeHtml(p.fullName)}</b>`, t("card-work", { position: escapeHtml(p.position), company: escapeHtml(p.company) }), t("card-region", { value: escapeHtml(p.region) })];
  if (p.role !== "delegate") lines.push(t("card-role", { role: t(`role-${p.role}`) }));
  if (p.companyDescription) lines.push(t("card-companyDescription", { value: escapeHtml(p.companyDescription) }));
  lines.push(t("card-tags", { value: p.tags.length > 0 ? escapeHtml(tagsText(env, p.tags)) : t("card-not-given") }));
  lines.push(t("people-offer", { value: escapeHtml(p.offer) }));
  lines.push(t("people-lookingFor", { value: escapeHtml(p.lookingFor) }));
  return lines.join("\n");
}

/**
 * Why someone is suggested: shared industries, and what one looks for that the other offers, named in
 * the viewer's language (a match across languages by the vocabulary's name for it).
 */
export function reasonText(env: ViewEnv, s: Suggestion): string {
  const { t } = env;
  const words = (terms: readonly Term[]) => escapeHtml(clip(terms.map((term) => term[env.locale]).join(", "), 80));
  const parts: string[] = [];
  if (s.sharedTags.length > 0) parts.push(t("people-reason-tags", { tags: escapeHtml(tagsText(env, s.sharedTags)) }));
  if (s.theyOffer.length > 0) parts.push(t("people-reason-they-offer", { words: words(s.theyOffer) }));
  if (s.youOffer.length > 0) parts.push(t("people-reason-you-offer", { words: words(s.youOffer) }));
  return t("people-reason", { reason: parts.join("; ") });
}

export function suggestionsView(env: ViewEnv, items: readonly { profile: PublicProfile; suggestion: Suggestion }[]): View {
  const { t } = env;
  const keyboard = new InlineKeyboard();
  if (items.length === 0) {
    keyboard.text(t("people-all-button"), directoryButton({ role: "all" }, 0));
    return { text: [t("people-suggested-title"), "", t("people-suggested-empty")].join("\n"), keyboard };
  }
  const entries = items.map(({ profile, suggestion }, i) =>
    [
      t("people-entry-head", {
        number: i + 1,
        name: escapeHtml(clip(profile.fullName, BUDGET.fullName)),
        position: escapeHtml(clip(profile.position, BUDGET.position)),
        company: escapeHtml(clip(profile.company, BUDGET.company)),
      }),
      reasonText(env, suggestion),
    ].join("\n"),
  );
  items.forEach(({ profile }, i) => keyboard.text(t("people-open", { number: i + 1, name: clip(profile.fullName, BUDGET.button) }), cardData.pack({ id: String(profile.id) })).row());
  keyboard.text(t("people-all-button"), directoryButton({ role: "all" }, 0));
  return { text: [t("people-suggested-title"), t("people-suggested-intro"), "", entries.join("\n\n")].join("\n"), keyboard: compact(keyboard) };
}
