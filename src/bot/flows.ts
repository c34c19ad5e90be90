import type { BotContext } from "./context.js";
import type { SessionData } from "./session.js";

/**
 * Leaves whatever flow the user is in: the conversations (profile edit, meeting request, broadcast) and
 * the registration, which is no conversation but a marker in the session (features/registration).
 */
export async function leaveFlows(ctx: BotContext): Promise<void> {
  await ctx.conversation.exitAll();
  delete ctx.session.registration;
}

/** Whether the user is in any flow. */
export function inAnyFlow(ctx: BotContext): boolean {
  return ctx.session.registration !== undefined || Object.keys(ctx.conversation.active()).length > 0;
}

/**
 * Whether the session holds a flow, read before the conversations plugin is installed (routing.ts): the
 * registration's marker, or conversation state, which the plugin deletes from the session once no
 * conversation is active (its storage adapter in create-bot.ts). State the plugin no longer reads (an
 * old version) also counts: such a user takes the whole way, where the plugin is.
 */
export function sessionInFlow(session: SessionData): boolean {
  return session.registration !== undefined || session.conversations !== undefined;
}
