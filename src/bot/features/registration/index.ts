import { type Composer } from "grammy";
import { FastComposer } from "../../composer.js";
import { lazyConversation } from "../../lazy-conversations.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { REGISTRATION, registrationConversation, type RegistrationDeps } from "./flow.js";
import { registerData } from "./views.js";

export type { RegistrationDeps };

/** `/register` and the "Register" / "Continue registration" buttons. */
export function registrationFeature(deps: RegistrationDeps): Composer<BotContext> {
  const { participants } = deps;
  /** Leaves whatever flow the user was in and starts (or resumes) the registration. */
  const enterRegistration = async (ctx: BotContext) => {
    await ctx.conversation.exitAll();
    const id = ctx.from?.id ?? 0;
    const [draft, participant] = await Promise.all([participants.getDraft(id), participants.get(id)]);
    if (draft && !participant) await ctx.reply(ctx.t("reg-resume"));
    await ctx.conversation.enter(REGISTRATION);
  };
  const composer = new FastComposer<BotContext>();
  composer.use(lazyConversation<BotContext, ConversationContext>(registrationConversation(deps), REGISTRATION));
  const dm = composer.chatType("private");
  dm.command("register", enterRegistration);
  dm.callbackQuery(registerData.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await enterRegistration(ctx);
  });
  return composer;
}
