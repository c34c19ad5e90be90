import { z } from "zod";
import { normalizeMultiline, type Problem, type Validation } from "../participant.js";

/** Most characters of a side's note on what was agreed (as the user counts them). */
export const NOTE_MAX = 500;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The note on what came of a meeting: cleaned like the profile's free texts, then checked. Markup
 * characters are allowed: the note is escaped wherever it is shown.
 */
export const outcomeNoteSchema = z
  .string()
  .transform(normalizeMultiline)
  .superRefine((value, ctx) => {
    const length = [...value].length;
    if (length === 0) ctx.addIssue({ code: "custom", params: { problem: { code: "empty" } } });
    else if (length > NOTE_MAX) ctx.addIssue({ code: "custom", params: { problem: { code: "too-long", max: NOTE_MAX, length } } });
    else if (!LETTER_OR_DIGIT.test(value)) ctx.addIssue({ code: "custom", params: { problem: { code: "no-letters" } } });
  });

const problemSchema = z.object({ problem: z.custom<Problem>((p) => typeof p === "object" && p !== null && "code" in p) });

/** Checks a typed note; on failure says what to fix, in the terms of the profile's checks. */
export function validateOutcomeNote(raw: string): Validation<string> {
  const parsed = outcomeNoteSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const params = issue?.code === "custom" ? problemSchema.safeParse(issue.params) : undefined;
  return { ok: false, problem: params?.success ? params.data.problem : { code: "empty" } };
}
