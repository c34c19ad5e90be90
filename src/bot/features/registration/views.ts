import { InlineKeyboard, Keyboard } from "grammy";
import { z } from "zod";
import type { Locale } from "../../../domain/locale.js";
import { idSchema, localize, type Mission } from "../../../domain/mission/schema.js";
import { FIELDS, fieldsFor, SKIPPABLE, type Field, type FieldValues, type Problem, type Role } from "../../../domain/participant.js";
import { callbackData } from "../../callback-data.js";
import { escapeAttribute, escapeHtml } from "../../html.js";
import type { Button, Hint } from "../../../domain/registration/steps.js";
import type { Translate } from "../../i18n.js";

// ---- callback data ---------------------------------------------------------------------------------

/** "Register" / "Continue registration" (from /start, /profile, a paused flow). */
export const registerData = callbackData("reg", {});
export const consentData = callbackData("rconsent", { agree: z.enum(["1", "0"]) });
export const tagToggleData = callbackData("rtag", { tag: idSchema });
export const tagsDoneData = callbackData("rtagsok", {});
export const confirmData = callbackData("rconfirm", {});
export const editMenuData = callbackData("redit", {});
export const editFieldData = callbackData("rfield", { field: z.enum(FIELDS) });
export const backData = callbackData("rback", {});

/** Buttons the question flows read themselves; any other callback belongs to some other feature. */
export const FLOW_CALLBACKS = [consentData, tagToggleData, tagsDoneData, confirmData, editMenuData, editFieldData, backData];

/** A registration button, as the domain reads it, from its callback data. */
export function buttonOf(data: string): Button {
  const consent = consentData.unpack(data);
  if (consent) return { kind: "consent", agree: consent.agree === "1" };
  const toggle = tagToggleData.unpack(data);
  if (toggle) return { kind: "tag", tag: toggle.tag };
  if (tagsDoneData.unpack(data)) return { kind: "tags-done" };
  if (confirmData.unpack(data)) return { kind: "confirm" };
  if (editMenuData.unpack(data)) return { kind: "edit-menu" };
  if (backData.unpack(data)) return { kind: "back" };
  const field = editFieldData.unpack(data)?.field;
  return field ? { kind: "field", field } : { kind: "stale" };
}

// ---- texts -----------------------------------------------------------------------------------------

export function questionText(t: Translate, field: Field, mode: "register" | "edit", progress?: { number: number; total: number }): string {
  // Editing, the optional fields' button removes rather than skips; their question says so.
  const question = t(mode === "edit" && SKIPPABLE.includes(field) ? `reg-q-${field}-edit` : `reg-q-${field}`);
  return progress ? `${t("reg-step", progress)}\n${question}` : question;
}

export function problemText(t: Translate, problem: Problem): string {
  const { code, ...vars } = problem;
  return t(`reg-problem-${code}`, vars);
}

const HINT_KEYS: Record<Exclude<Hint["code"], "problem">, string> = {
  "need-text": "reg-need-text",
  "phone-use-button": "reg-phone-use-button",
  "phone-not-own": "reg-phone-not-own",
  "consent-use-buttons": "reg-consent-use-buttons",
  "tags-use-buttons": "reg-tags-use-buttons",
  "summary-use-buttons": "reg-summary-use-buttons",
  "button-expired": "button-expired",
};

/** What to fix, as the domain's judgement says it. */
export function hintText(t: Translate, hint: Hint): string {
  return hint.code === "problem" ? problemText(t, hint.problem) : t(HINT_KEYS[hint.code]);
}

/** The tags question once answered: the question, then what was chosen (its buttons gone). */
export function tagsChosenText(t: Translate, mission: Mission, locale: Locale, question: string, tags: readonly string[]): string {
  const chosen = escapeHtml(tagNames(mission, locale, tags).join(", "));
  return `${question}\n\n${t("reg-tags-chosen", { value: chosen })}`;
}

export function consentText(t: Translate, mission: Mission, locale: Locale): string {
  return t("reg-consent", {
    text: escapeHtml(localize(mission.privacy.text, locale)),
    url: escapeAttribute(mission.privacy.policy_url),
  });
}

export function consentKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("reg-consent-agree"), consentData.pack({ agree: "1" }))
    .row()
    .text(t("reg-consent-decline"), consentData.pack({ agree: "0" }));
}

export function tagsKeyboard(t: Translate, mission: Mission, locale: Locale, selected: ReadonlySet<string>): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const tag of mission.tags) {
    const name = localize(tag.name, locale);
    keyboard.text(selected.has(tag.id) ? t("reg-tag-on", { name }) : name, tagToggleData.pack({ tag: tag.id })).row();
  }
  return keyboard.text(t("reg-tags-done"), tagsDoneData.pack({}));
}

export function tagNames(mission: Mission, locale: Locale, tags: readonly string[]): string[] {
  return mission.tags.filter((t) => tags.includes(t.id)).map((t) => localize(t.name, locale));
}

/** The share-my-number keyboard; the skip button clears the field when editing a profile. */
export function phoneKeyboard(t: Translate, skipLabel: string): Keyboard {
  return new Keyboard().requestContact(t("reg-phone-share")).row().text(skipLabel).resized();
}

export function skipKeyboard(skipLabel: string): Keyboard {
  return new Keyboard().text(skipLabel).resized();
}

export function summaryKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("reg-confirm"), confirmData.pack({})).row().text(t("reg-edit"), editMenuData.pack({}));
}

export function fieldsKeyboard(t: Translate, role: Role): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  fieldsFor(role).forEach((field, i) => {
    keyboard.text(t(`field-${field}`), editFieldData.pack({ field }));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard.row().text(t("reg-back"), backData.pack({}));
}

// ---- the participant card --------------------------------------------------------------------------

/** What a card shows: a finished profile or a draft's answers so far. */
export type CardData = Partial<{ [F in Field]: FieldValues[F] | undefined }> & { role: Role; visible?: boolean };

/**
 * The card of a participant as they see it themselves (with phone and e-mail). Every value is the
 * person's own text, so all of it is escaped.
 */
export function renderCard(t: Translate, mission: Mission, locale: Locale, card: CardData): string {
  const value = (text: string | null | undefined) => (text ? escapeHtml(text) : t("card-not-given"));
  const lines = [`<b>${value(card.fullName)}</b>`, t("card-work", { position: value(card.position), company: value(card.company) })];
  lines.push(t("card-region", { value: value(card.region) }));
  if (card.role !== "delegate") lines.push(t("card-role", { role: t(`role-${card.role}`) }));
  if (card.role === "host") lines.push(t("card-companyDescription", { value: value(card.companyDescription) }));
  lines.push(t("card-tags", { value: card.tags?.length ? escapeHtml(tagNames(mission, locale, card.tags).join(", ")) : t("card-not-given") }));
  lines.push(t("card-offer", { value: value(card.offer) }));
  lines.push(t("card-lookingFor", { value: value(card.lookingFor) }));
  lines.push(t("card-phone", { value: value(card.phone) }));
  lines.push(t("card-email", { value: value(card.email) }));
  if (card.visible !== undefined) lines.push(t(card.visible ? "card-visible" : "card-hidden"));
  return lines.join("\n");
}
