import { type Composer } from "grammy";
import { FastComposer } from "../../composer.js";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "../../context.js";
import { REGISTRATION, registrationConversation, type RegistrationDeps } from "./flow.js";
import { registerData } from "./views.js";

export type { RegistrationDeps };

/** Leaves whatever flow the user was in and starts (or resumes) the registration. */
async function enterRegistration(ctx: BotContext): Promise<void> {
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(REGISTRATION);
}

/** `/register` and the "Register" / "Continue registration" buttons. */
export function registrationFeature(deps: RegistrationDeps): Composer<BotContext> {
  const composer = new FastComposer<BotContext>();
  composer.use(createConversation<BotContext, ConversationContext>(registrationConversation(deps), REGISTRATION));
  const dm = composer.chatType("private");
  dm.command("register", enterRegistration);
  dm.callbackQuery(registerData.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await enterRegistration(ctx);
  });
  return composer;
}
