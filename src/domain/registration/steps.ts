import { z } from "zod";
import { LOCALES } from "../locale.js";
import { idSchema } from "../mission/schema.js";
import {
  draftSchema,
  FIELDS,
  fieldsFor,
  normalizePhone,
  ROLES,
  validateTags,
  validateText,
  type Field,
  type FieldValues,
  type Problem,
  type Role,
} from "../participant.js";

/**
 * The registration as a state machine: the stored draft says which question comes next (`nextStep` in
 * participant.ts), and a small marker in the session says what the user was last asked. Each update is
 * judged here against that question; the bot sends, stores and moves the marker on. Pure: nothing here
 * knows Telegram or Redis.
 */

/** The answers a registered participant gives to complete their profile, kept until the last one. */
const answersSchema = draftSchema.omit({ consentAt: true });
export type Answers = z.infer<typeof answersSchema>;

const progressSchema = z.object({ number: z.number().int().positive(), total: z.number().int().positive() });

/**
 * What the user was last asked; absent when they are in no registration. `lang` is the language the
 * question was asked in: a fix and the question again are said in it, as the question itself was.
 */
export const registrationMarkerSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("consent"), lang: z.enum(LOCALES) }),
  z.object({
    step: z.literal("question"),
    lang: z.enum(LOCALES),
    field: z.enum(FIELDS),
    /** "Step n of m": a question of the registration in order. */
    progress: progressSchema.optional(),
    /** Asked from the summary's edit menu: the question shows the value it replaces. */
    editing: z.literal(true).optional(),
    /** A registered participant completing their profile: the answers so far and the fields still to ask. */
    completing: z.object({ answers: answersSchema, rest: z.array(z.enum(FIELDS)) }).optional(),
    /** The tags question: what is ticked so far (kept here, so a restart in the middle loses nothing). */
    tags: z.array(idSchema).optional(),
  }),
  /** `card`: the summary message whose buttons act (older summaries' buttons are out of date). */
  z.object({ step: z.literal("summary"), lang: z.enum(LOCALES), card: z.number().int(), role: z.enum(ROLES) }),
]);
export type RegistrationMarker = z.infer<typeof registrationMarkerSchema>;
export type QuestionMarker = Extract<RegistrationMarker, { step: "question" }>;

/** A button of the registration, as read from its callback data. */
export type Button =
  | { kind: "consent"; agree: boolean }
  | { kind: "tag"; tag: string }
  | { kind: "tags-done" }
  | { kind: "confirm" }
  | { kind: "edit-menu" }
  | { kind: "back" }
  | { kind: "field"; field: Field }
  /** A registration button whose data no longer reads (an old format, a forged press). */
  | { kind: "stale" };

/** One update of the user's, as the registration reads it. */
export type Input =
  /** `skip`: the text is the label of a skip button (in any language). */
  | { kind: "text"; text: string; skip: boolean }
  /** `owner`: whose number the contact card is; `sender`: who sent it. */
  | { kind: "contact"; phone: string; owner: number | undefined; sender: number | undefined }
  | { kind: "button"; button: Button; messageId: number | undefined }
  /** A sticker, a photo, a file… */
  | { kind: "other" };

/** What to tell the user before asking again. */
export type Hint =
  | { code: "need-text" | "phone-use-button" | "phone-not-own" | "consent-use-buttons" | "tags-use-buttons" | "summary-use-buttons" | "button-expired" }
  | { code: "problem"; problem: Problem };

export type Judgement<T> =
  /** A valid answer, to be saved. */
  | { kind: "saved"; value: T }
  /** Not an answer: the hint, then the same question again (a press gets the hint as a notice). */
  | { kind: "invalid"; hint: Hint }
  /** A tag ticked or unticked: the keyboard the press came from is redrawn with `tags`. */
  | { kind: "toggled"; tags: string[] };

const expired: Judgement<never> = { kind: "invalid", hint: { code: "button-expired" } };
const problem = (p: Problem): Judgement<never> => ({ kind: "invalid", hint: { code: "problem", problem: p } });

/**
 * Judges an answer to the question for `field`. `selected`: the tags ticked so far (the tags question);
 * `missionTags`: the mission's tags, the only ones that may be ticked.
 */
export function judgeAnswer(field: Field, input: Input, tags: { selected: readonly string[]; missionTags: readonly string[] }): Judgement<FieldValues[Field]> {
  if (field === "tags") return judgeTags(input, tags.selected, tags.missionTags);
  if (field === "phone") {
    // Buttons of another step of the flow (an older question's) while this one waits for its keyboard.
    if (input.kind === "button") return expired;
    if (input.kind === "text" && input.skip) return { kind: "saved", value: null };
    if (input.kind !== "contact") return { kind: "invalid", hint: { code: "phone-use-button" } };
    // A contact card can be anybody's; only the user's own number is theirs to give.
    if (input.owner === undefined || input.owner !== input.sender) return { kind: "invalid", hint: { code: "phone-not-own" } };
    const result = normalizePhone(input.phone);
    return result.ok ? { kind: "saved", value: result.value } : problem(result.problem);
  }
  if (input.kind === "button") return expired;
  if (input.kind !== "text") return { kind: "invalid", hint: { code: "need-text" } };
  if (field === "email" && input.skip) return { kind: "saved", value: null };
  const result = validateText(field, input.text);
  return result.ok ? { kind: "saved", value: result.value } : problem(result.problem);
}

function judgeTags(input: Input, selected: readonly string[], missionTags: readonly string[]): Judgement<string[]> {
  // Typed instead of pressed: the buttons again.
  if (input.kind !== "button") return { kind: "invalid", hint: { code: "tags-use-buttons" } };
  const button = input.button;
  // The buttons of any keyboard of this question count (one is sent again when the user types).
  if (button.kind === "tag" && missionTags.includes(button.tag)) {
    const tags = selected.includes(button.tag) ? selected.filter((t) => t !== button.tag) : [...selected, button.tag];
    return { kind: "toggled", tags };
  }
  if (button.kind !== "tags-done") return expired;
  const result = validateTags(selected, missionTags);
  return result.ok ? { kind: "saved", value: result.value } : problem(result.problem);
}

/** The consent question: only its buttons answer it (any consent message's: they all ask the same). */
export function judgeConsent(input: Input): Judgement<boolean> {
  if (input.kind !== "button") return { kind: "invalid", hint: { code: "consent-use-buttons" } };
  return input.button.kind === "consent" ? { kind: "saved", value: input.button.agree } : expired;
}

export type SummaryChoice =
  | { kind: "confirm" }
  /** The field buttons in place of the summary's. */
  | { kind: "edit-menu" }
  /** The summary's buttons back. */
  | { kind: "back" }
  | { kind: "edit"; field: Field }
  /** Typed: the summary again, with its buttons, under the user's message. */
  | { kind: "resend" }
  | { kind: "invalid"; hint: Hint };

/** The summary: only the buttons of the latest summary message act, and only on the role's fields. */
export function judgeSummary(input: Input, card: number, role: Role): SummaryChoice {
  if (input.kind !== "button") return { kind: "resend" };
  const { button } = input;
  if (input.messageId !== card) return { kind: "invalid", hint: { code: "button-expired" } };
  if (button.kind === "confirm" || button.kind === "edit-menu" || button.kind === "back") return { kind: button.kind };
  if (button.kind === "field" && fieldsFor(role).includes(button.field)) return { kind: "edit", field: button.field };
  return { kind: "invalid", hint: { code: "button-expired" } };
}

// Leaving for these needs no "paused" note: /register comes straight back, /deletemydata deletes the answers.
const QUIET_LEAVE: ReadonlySet<string> = new Set(["register", "deletemydata"]);

/**
 * Whether leaving the registration for a command or a menu button says "paused, answers kept": only
 * once there are answers to keep (after consent), and not while completing a profile.
 */
export function pausedOnLeave(marker: RegistrationMarker, command: string | undefined): boolean {
  if (marker.step === "consent") return false;
  if (marker.step === "question" && marker.completing) return false;
  return !(command !== undefined && QUIET_LEAVE.has(command));
}
