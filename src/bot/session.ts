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
 * The session holds UI state only (language choice, where a user is in a flow) and a copy of what the
 * hot paths would otherwise read on every update; participants and everything else live in repositories. Conversation state lives here too, so an update costs one
 * Redis read instead of two.
 */
// A session without conversation state is handed to each update as a shallow copy of a frozen value
// (see redisJsonStore's `shareable`): assign its fields anew (ctx.session.saved = {...}), never change
// what is inside one in place — that throws.
export const sessionSchema = z.object({
  language: z.enum(LOCALES).optional(),
  conversations: conversationState.optional(),
  /** Where the user is in the registration (see domain/registration/steps.ts); absent outside it. */
  registration: registrationMarkerSchema.optional(),
  /**
   * A copy of the user's saved programme items (the set in Redis stays the record), so that a day page
   * or an item card needs no Redis read of its own: see features/programme/saved-items.ts for when it is
   * trusted. `of` is the programme revision it was taken under.
   */
  saved: z.object({ of: z.string(), ids: z.array(z.string().max(32)) }).optional(),
});

export type SessionData = z.infer<typeof sessionSchema>;

export function initialSession(): SessionData {
  return {};
}
