import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import { z } from "zod";
import { LOCALES } from "../domain/locale.js";
import { registrationMarkerSchema } from "../domain/registration/steps.js";

// The conversations plugin's own versioned state; only its outer shape is ours to check.
const conversationShape = z.object({
  version: z.tuple([z.number(), z.union([z.string(), z.number()])]),
  state: z.record(z.string(), z.array(z.unknown())),
});
const conversationState = z.custom<VersionedState<ConversationData>>((value) => conversationShape.safeParse(value).success);

/**
 * The session holds UI state only: where a user is in a flow. Participants, languages and everything
 * else live in repositories. The conversations plugin keeps its state here too, so that one Redis read
 * per update serves both.
 */
export const sessionSchema = z.object({
  conversations: conversationState.optional(),
  /** Where the user is in the registration (see domain/registration/steps.ts); absent outside it. */
  registration: registrationMarkerSchema.optional(),
  /**
   * The language chosen with /language, from before languages had a repository of their own: moved
   * there on the user's next update (features/language/middleware.ts), then dropped.
   */
  language: z.enum(LOCALES).optional(),
});

export type SessionData = z.infer<typeof sessionSchema>;

export function initialSession(): SessionData {
  return {};
}
