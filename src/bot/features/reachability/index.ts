import { Composer } from "grammy";
import type { ParticipantsRepo } from "../../../storage/participants-repo.js";
import type { BotContext } from "../../context.js";

/**
 * Keeps "can the bot write to this participant" true to life: Telegram reports a block (and an unblock)
 * as `my_chat_member` in the private chat; anyone who writes or presses a button is reachable again.
 * Passes every update on: it only observes.
 */
export function reachabilityFeature(participants: ParticipantsRepo): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  dm.on("my_chat_member", async (ctx, next) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "kicked") await participants.setReachable(ctx.from.id, false);
    else if (status === "member") await participants.setReachable(ctx.from.id, true);
    await next();
  });
  dm.on(["message", "callback_query"], async (ctx, next) => {
    await participants.setReachable(ctx.from.id, true);
    await next();
  });
  return composer;
}
