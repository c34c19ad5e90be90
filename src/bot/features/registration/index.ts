import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { leaveFlows } from "../../flows.js";
import { registrationFlow, type RegistrationDeps } from "./flow.js";
import { registerData } from "./views.js";

export type { RegistrationDeps };

/** `/register` and the "Register" / "Continue registration" buttons, and the registration's steps. */
export function registrationFeature(deps: RegistrationDeps): Composer<BotContext> {
  const flow = registrationFlow(deps);
  /** Leaves whatever flow the user was in and starts (or resumes) the registration. */
  const enterRegistration = async (ctx: BotContext) => {
    await leaveFlows(ctx);
    const stored = await flow.load(ctx);
    if (stored.draft && !stored.participant) await ctx.reply(ctx.t("reg-resume"));
    await flow.start(ctx, stored);
  };
  const composer = new Composer<BotContext>();
  // Before the commands: a user in the middle of registering has their answers read here first.
  composer.use(flow.middleware);
  const dm = composer.chatType("private");
  dm.command("register", enterRegistration);
  dm.callbackQuery(registerData.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await enterRegistration(ctx);
  });
  return composer;
}
