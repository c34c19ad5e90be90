import type { BotContext } from "./context.js";

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
