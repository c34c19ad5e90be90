import { z } from "zod";
import { LOCALES } from "../domain/locale.js";

/**
 * The session holds UI state only (language choice, where a user is in a screen); participants and
 * everything else live in repositories.
 */
export const sessionSchema = z.object({
  language: z.enum(LOCALES).optional(),
});

export type SessionData = z.infer<typeof sessionSchema>;

export function initialSession(): SessionData {
  return {};
}
