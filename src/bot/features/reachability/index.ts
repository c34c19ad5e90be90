import { Composer } from "grammy";
import type { ParticipantsRepo } from "../../../storage/participants-repo.js";
import type { BotContext } from "../../context.js";

export interface ReachabilityHooks {
  /**
   * Called once the update is handled, when it made an unreachable participant reachable again (they
   * unblocked the bot, or wrote after a send had failed): what could not reach them may go now.
   */
  onBackInReach?: (userId: number) => Promise<unknown>;
}

/**
 * Keeps "can the bot write to this participant" true to life: Telegram reports a block (and an unblock)
 * as `my_chat_member` in the private chat; anyone who writes or presses a button is reachable again.
 * Passes every update on: it only observes.
 */
export function reachabilityFeature(participants: ParticipantsRepo, hooks: ReachabilityHooks = {}): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  const afterward = async (userId: number, cameBack: boolean, next: () => Promise<void>) => {
    await next();
    if (cameBack) await hooks.onBackInReach?.(userId);
  };
  dm.on("my_chat_member", async (ctx, next) => {
    const status = ctx.myChatMember.new_chat_member.status;
    let cameBack = false;
    if (status === "kicked") await participants.setReachable(ctx.from.id, false);
    else if (status === "member") cameBack = await participants.setReachable(ctx.from.id, true);
    await afterward(ctx.from.id, cameBack, next);
  });
  dm.on(["message", "callback_query"], async (ctx, next) => {
    await afterward(ctx.from.id, await participants.setReachable(ctx.from.id, true), next);
  });
  return composer;
}
