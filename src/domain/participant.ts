import { z } from "zod";
import { idSchema } from "./mission/schema.js";
import { UNREACHABLE_REASONS } from "./telegram/reachability.js";

/**
 * Participants: who they are, how their answers are checked, and which registration question comes
 * next. Pure: the bot asks and stores, this module decides.
 */

export const ROLES = ["delegate", "host", "speaker", "organiser"] as const;
export type Role = (typeof ROLES)[number];

/** Most characters a field may have (counted as the user sees them, not in UTF-16 units). */
export const LIMITS = {
  fullName: 100,
  company: 150,
  position: 100,
  region: 100,
  companyDescription: 300,
  offer: 300,
  lookingFor: 300,
  email: 254,
} as const;

/** Fewest characters that still make sense; shorter is a slip of the finger. */
const MINIMUMS: Record<TextField, number> = {
  fullName: 2,
  company: 1,
  position: 2,
  region: 2,
  companyDescription: 3,
  offer: 3,
  lookingFor: 3,
  email: 3,
};

// E.164: a plus and up to 15 digits; 7 is the shortest national plan in use.
const PHONE = /^\+\d{7,15}$/;

export const participantSchema = z.object({
  /** The Telegram user id. */
  id: z.number().int().positive(),
  role: z.enum(ROLES),
  /** For speakers: their entry in the programme. */
  speakerId: idSchema.optional(),
  fullName: z.string().min(1).max(LIMITS.fullName),
  company: z.string().min(1).max(LIMITS.company),
  position: z.string().min(1).max(LIMITS.position),
  region: z.string().min(1).max(LIMITS.region),
  tags: z.array(idSchema),
  offer: z.string().min(1).max(LIMITS.offer),
  lookingFor: z.string().min(1).max(LIMITS.lookingFor),
  phone: z.string().regex(PHONE).optional(),
  email: z.string().min(3).max(LIMITS.email).optional(),
  /** Hosts: shown in the directory. */
  companyDescription: z.string().min(1).max(LIMITS.companyDescription).optional(),
  // No language here: LanguagesRepo is the one record of it, for participants and everyone else alike.
  // Records stored with a `language` field still parse: an object schema drops keys it does not know.
  /** False once Telegram said the bot cannot write to them (blocked, deactivated). */
  reachable: z.boolean(),
  /** Why not, when the refusal said so: a broadcast counts them by it without writing to them again. */
  unreachableReason: z.enum(UNREACHABLE_REASONS).optional(),
  /** Listed in the participant directory. */
  visible: z.boolean(),
  username: z.string().min(1).max(64).optional(),
  registeredAt: z.iso.datetime(),
  consentAt: z.iso.datetime(),
});
export type Participant = z.infer<typeof participantSchema>;

// ---- fields and their answers ------------------------------------------------------------------

/** Every question of the registration, in the order asked. */
export const FIELDS = [
  "fullName",
  "company",
  "position",
  "region",
  "companyDescription",
  "tags",
  "offer",
  "lookingFor",
  "phone",
  "email",
] as const;
export type Field = (typeof FIELDS)[number];

export type TextField = "fullName" | "company" | "position" | "region" | "companyDescription" | "offer" | "lookingFor" | "email";
export const TEXT_FIELDS: readonly TextField[] = ["fullName", "company", "position", "region", "companyDescription", "offer", "lookingFor", "email"];

/** Fields one may skip (answered with `null`). */
export const SKIPPABLE: readonly Field[] = ["phone", "email"];

export interface FieldValues {
  fullName: string;
  company: string;
  position: string;
  region: string;
  companyDescription: string;
  tags: string[];
  offer: string;
  lookingFor: string;
  /** `null`: skipped. */
  phone: string | null;
  email: string | null;
}

export function isField(value: unknown): value is Field {
  return typeof value === "string" && (FIELDS as readonly string[]).includes(value);
}

/** The questions a role answers; only hosts describe their company (it is shown in the directory). */
export function fieldsFor(role: Role): Field[] {
  return FIELDS.filter((f) => f !== "companyDescription" || role === "host");
}

// ---- validation --------------------------------------------------------------------------------

export type Problem =
  | { code: "empty" }
  | { code: "too-short"; min: number }
  | { code: "too-long"; max: number; length: number }
  | { code: "no-letters" }
  | { code: "emoji" }
  | { code: "email" }
  | { code: "phone" }
  | { code: "no-tags" };

export type Validation<T> = { ok: true; value: T } | { ok: false; problem: Problem };

// Emoji as pictures (😀, ❤️); ™ and © and digits are "emoji" in Unicode too, but they are text.
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/u;
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Zero-width and control characters except the newline: invisible, and they break matching and search.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0009\u000B-\u001F\u007F\u200B-\u200F\u2060\uFEFF]/g;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

const ONE_LINE: ReadonlySet<TextField> = new Set(["fullName", "company", "position", "region", "email"]);

function length(text: string): number {
  return [...text].length;
}

/** Cleans what was typed: invisible characters out; one-line fields joined into one line. */
export function normalizeText(field: TextField, raw: string): string {
  if (ONE_LINE.has(field)) return raw.normalize("NFC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  return normalizeMultiline(raw);
}

/** A free text of several lines, cleaned: invisible characters out, spaces squeezed, at most one empty line in a row. */
export function normalizeMultiline(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Checks one typed answer. Markup characters (`<b>`, `&`) are allowed: they are a person's text and are
 * escaped wherever shown. Names must have letters and no emoji; free texts may have emoji.
 */
export function validateText(field: TextField, raw: string): Validation<string> {
  const value = normalizeText(field, raw);
  if (value === "") return { ok: false, problem: { code: "empty" } };
  const max = LIMITS[field];
  const len = length(value);
  if (len > max) return { ok: false, problem: { code: "too-long", max, length: len } };
  if (field === "email") {
    return EMAIL.test(value) ? { ok: true, value } : { ok: false, problem: { code: "email" } };
  }
  const needs = field === "fullName" || field === "position" || field === "region" ? LETTER : LETTER_OR_DIGIT;
  if (!needs.test(value)) return { ok: false, problem: { code: "no-letters" } };
  if (ONE_LINE.has(field) && EMOJI.test(value)) return { ok: false, problem: { code: "emoji" } };
  const min = MINIMUMS[field];
  if (len < min) return { ok: false, problem: { code: "too-short", min } };
  return { ok: true, value };
}

/** A phone number as Telegram shares it ("79991234567", "+7 999 123-45-67") in E.164 form. */
export function normalizePhone(raw: string): Validation<string> {
  if (/[^\d\s()+-]/.test(raw)) return { ok: false, problem: { code: "phone" } };
  const digits = raw.replace(/\D/g, "");
  const value = `+${digits}`;
  return PHONE.test(value) ? { ok: true, value } : { ok: false, problem: { code: "phone" } };
}

/** The chosen tags, kept only if they are the mission's, in the mission's order; at least one. */
export function validateTags(selected: Iterable<string>, missionTags: readonly string[]): Validation<string[]> {
  const chosen = new Set(selected);
  const value = missionTags.filter((t) => chosen.has(t));
  return value.length > 0 ? { ok: true, value } : { ok: false, problem: { code: "no-tags" } };
}

// ---- the registration draft and its steps ------------------------------------------------------

/** Answers given so far. Exists only after consent, so it always carries when consent was given. */
export const draftSchema = z.object({
  consentAt: z.iso.datetime(),
  fullName: z.string().optional(),
  company: z.string().optional(),
  position: z.string().optional(),
  region: z.string().optional(),
  companyDescription: z.string().optional(),
  tags: z.array(idSchema).optional(),
  offer: z.string().optional(),
  lookingFor: z.string().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});
export type Draft = z.infer<typeof draftSchema>;

export type RegistrationStep =
  | { kind: "consent" }
  | { kind: "ask"; field: Field; number: number; total: number }
  | { kind: "summary" };

/** The next question: consent first, then the first unanswered field of the role, then the summary. */
export function nextStep(draft: Draft | undefined, role: Role): RegistrationStep {
  if (!draft) return { kind: "consent" };
  const fields = fieldsFor(role);
  const index = fields.findIndex((f) => draft[f] === undefined);
  const field = fields[index];
  if (field === undefined) return { kind: "summary" };
  return { kind: "ask", field, number: index + 1, total: fields.length };
}

export function withAnswer<F extends Field>(draft: Draft, field: F, value: FieldValues[F]): Draft {
  return { ...draft, [field]: value };
}

export interface RegistrationMeta {
  id: number;
  role: Role;
  speakerId?: string | undefined;
  username?: string | undefined;
  now: Date;
}

export type Completion =
  | { ok: true; participant: Participant }
  | { ok: false; reason: "incomplete"; step: RegistrationStep }
  /** Answers that no longer fit (an old format, a hand edit): the draft cannot be used. */
  | { ok: false; reason: "invalid" };

/** Turns a finished draft into a participant; an unfinished one names the step still to take. */
export function completeDraft(draft: Draft, meta: RegistrationMeta): Completion {
  const step = nextStep(draft, meta.role);
  if (step.kind !== "summary") return { ok: false, reason: "incomplete", step };
  const parsed = participantSchema.safeParse({
    id: meta.id,
    role: meta.role,
    ...(meta.role === "speaker" && meta.speakerId ? { speakerId: meta.speakerId } : {}),
    fullName: draft.fullName,
    company: draft.company,
    position: draft.position,
    region: draft.region,
    tags: draft.tags,
    offer: draft.offer,
    lookingFor: draft.lookingFor,
    ...(draft.phone ? { phone: draft.phone } : {}),
    ...(draft.email ? { email: draft.email } : {}),
    ...(meta.role === "host" && draft.companyDescription ? { companyDescription: draft.companyDescription } : {}),
    reachable: true,
    visible: true,
    ...(meta.username ? { username: meta.username } : {}),
    registeredAt: meta.now.toISOString(),
    consentAt: draft.consentAt,
  });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  return { ok: true, participant: parsed.data };
}

/** Fields a registered participant must still answer, e.g. a delegate who became a host. */
export function missingFields(participant: Participant): Field[] {
  return fieldsFor(participant.role).filter((f) => {
    if (SKIPPABLE.includes(f)) return false;
    const value = participant[f];
    return value === undefined || (Array.isArray(value) && value.length === 0);
  });
}

/** A participant with one field changed; `null` removes an optional one. */
export function withField<F extends Field>(participant: Participant, field: F, value: FieldValues[F]): Participant {
  const next: Participant = { ...participant };
  if (value === null) delete next[field as "phone" | "email"];
  else Object.assign(next, { [field]: value });
  return next;
}

/** A participant after a role change: speakerId only for speakers. */
export function withRole(participant: Participant, role: Role, speakerId?: string): Participant {
  const next: Participant = { ...participant, role };
  if (role === "speaker" && speakerId) next.speakerId = speakerId;
  else delete next.speakerId;
  return next;
}
