import { z } from "zod";
import { normalizeMultiline, type Problem, type Validation } from "../participant.js";

/** Most characters of the note sent with a meeting request (as the user counts them). */
export const MESSAGE_MAX = 500;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * A note a participant types to another person or about a meeting (a request's message, what came of a
 * meeting): cleaned like the profile's free texts, then checked. Markup characters are allowed: the text
 * is escaped wherever it is shown.
 */
export function noteSchema(max: number) {
  return z
    .string()
    .transform(normalizeMultiline)
    .superRefine((value, ctx) => {
      const length = [...value].length;
      if (length === 0) ctx.addIssue({ code: "custom", params: { problem: { code: "empty" } } });
      else if (length > max) ctx.addIssue({ code: "custom", params: { problem: { code: "too-long", max, length } } });
      else if (!LETTER_OR_DIGIT.test(value)) ctx.addIssue({ code: "custom", params: { problem: { code: "no-letters" } } });
    });
}

const problemSchema = z.object({ problem: z.custom<Problem>((p) => typeof p === "object" && p !== null && "code" in p) });

/** Checks a typed note against `noteSchema(max)`; on failure says what to fix, in the terms of the profile's checks. */
export function noteValidator(max: number): (raw: string) => Validation<string> {
  const schema = noteSchema(max);
  return (raw) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { ok: true, value: parsed.data };
    const issue = parsed.error.issues[0];
    const params = issue?.code === "custom" ? problemSchema.safeParse(issue.params) : undefined;
    return { ok: false, problem: params?.success ? params.data.problem : { code: "empty" } };
  };
}

/** Checks the message typed with a meeting request. */
export const validateMeetingMessage = noteValidator(MESSAGE_MAX);
