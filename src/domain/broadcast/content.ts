import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../locale.js";

/** Telegram's limits, in visible characters (after entities). */
export const TEXT_MAX = 4096;
export const CAPTION_MAX = 1024;

/**
 * One language's version of a broadcast, as Telegram will be asked to send it: HTML text, or a photo
 * or document (re-sent by file_id, so nothing is uploaded again) with an optional HTML caption.
 */
export const contentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), html: z.string().min(1) }).strict(),
  z.object({ kind: z.literal("photo"), fileId: z.string().min(1), caption: z.string().optional() }).strict(),
  z.object({ kind: z.literal("document"), fileId: z.string().min(1), caption: z.string().optional() }).strict(),
]);
export type Content = z.infer<typeof contentSchema>;

export const versionsSchema = z
  .object({ ru: contentSchema.optional(), en: contentSchema.optional() })
  .strict()
  .refine((v) => v.ru !== undefined || v.en !== undefined, { message: "needs a ru or an en version" });
export type Versions = z.infer<typeof versionsSchema>;

/** The version a reader of `locale` gets: their own, else the other one. */
export function versionFor(versions: Versions, locale: Locale): Content {
  const own = versions[locale];
  if (own) return own;
  const other = LOCALES.find((l) => l !== locale) ?? DEFAULT_LOCALE;
  const fallback = versions[other];
  if (!fallback) throw new Error("a broadcast without any version");
  return fallback;
}

export function otherLocale(locale: Locale): Locale {
  return locale === "ru" ? "en" : "ru";
}

/**
 * A message the organiser sent, reduced to what a broadcast needs: `html` is the text or caption as
 * HTML, `plain` the same as Telegram shows it (its length is what Telegram's limits count).
 */
export type Incoming =
  | { kind: "text"; html: string; plain: string }
  | { kind: "photo" | "document"; fileId: string; html: string; plain: string };

export type VersionResult =
  | { ok: true; content: Content }
  | { ok: false; problem: "kind-mismatch"; expected: Content["kind"] }
  | { ok: false; problem: "caption-too-long"; length: number; max: number }
  | { ok: false; problem: "text-too-long"; length: number; max: number }
  | { ok: false; problem: "empty" };

export function firstVersion(incoming: Incoming): VersionResult {
  const length = incoming.plain.length;
  if (incoming.kind === "text") {
    if (incoming.plain.trim() === "") return { ok: false, problem: "empty" };
    if (length > TEXT_MAX) return { ok: false, problem: "text-too-long", length, max: TEXT_MAX };
    return { ok: true, content: { kind: "text", html: incoming.html } };
  }
  if (length > CAPTION_MAX) return { ok: false, problem: "caption-too-long", length, max: CAPTION_MAX };
  return { ok: true, content: { kind: incoming.kind, fileId: incoming.fileId, ...(incoming.plain.trim() !== "" ? { caption: incoming.html } : {}) } };
}

/**
 * The other language's version, given the first. A text answers a text. For a photo or document, a
 * text becomes the caption of the same file (the usual case: one poster, two captions), and a file of
 * the same kind replaces it (a programme PDF in each language).
 */
export function secondVersion(first: Content, incoming: Incoming): VersionResult {
  if (first.kind === "text") {
    if (incoming.kind !== "text") return { ok: false, problem: "kind-mismatch", expected: "text" };
    return firstVersion(incoming);
  }
  if (incoming.kind === "text") {
    const length = incoming.plain.length;
    if (length > CAPTION_MAX) return { ok: false, problem: "caption-too-long", length, max: CAPTION_MAX };
    return { ok: true, content: { kind: first.kind, fileId: first.fileId, caption: incoming.html } };
  }
  if (incoming.kind !== first.kind) return { ok: false, problem: "kind-mismatch", expected: first.kind };
  return firstVersion(incoming);
}

/** A letter-count guess of a text's language, to offer the likelier answer first. */
export function guessLocale(text: string): Locale {
  const cyrillic = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  return latin > cyrillic ? "en" : "ru";
}

/** The start of a message as plain text, one line, for lists. */
export function summarize(plain: string, max = 60): string {
  const chars = [...plain.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}
