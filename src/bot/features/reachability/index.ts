import { Composer } from "grammy";
import type { ParticipantsRepo } from "../../../storage/participants-repo.js";
import type { BotContext } from "../../context.js";

const CONFIRM_EVERY_MS = 10 * 60_000;

export interface ReachabilityHooks {
  /**
   * Called once the update is handled, when it made an unreachable participant reachable again (they
   * unblocked the bot, or wrote after a send to them had failed): what could not reach them may go now.
   */
  onBackInReach?: (userId: number) => Promise<unknown>;
}

/**
 * Keeps "can the bot write to this participant" true to life: Telegram reports a block (and an unblock)
 * as `my_chat_member` in the private chat; anyone who writes or presses a button is reachable again.
 * Passes every update on: it only observes.
 */
export function reachabilityFeature(participants: ParticipantsRepo, now: () => number = Date.now, hooks: ReachabilityHooks = {}): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // Someone who wrote a moment ago is still reachable: confirmed at most every few minutes, not with a
  // Redis write per message. A block is reported as my_chat_member, which always goes through.
  const confirmedAt = new Map<number, number>();
  const afterward = async (userId: number, cameBack: boolean, next: () => Promise<void>) => {
    await next();
    if (cameBack) await hooks.onBackInReach?.(userId);
  };
  // One middleware rather than a filter per update kind: it sees every update, and grammY nests each
  // filter (an async frame and a composer per update) in front of everything after it.
  composer.use((ctx, next) => {
    const from = ctx.from;
    if (ctx.chat?.type !== "private" || from === undefined) return next();
    const member = ctx.myChatMember;
    if (member !== undefined) {
      return (async () => {
        const status = member.new_chat_member.status;
        confirmedAt.delete(from.id);
        let cameBack = false;
        // "kicked" in one's own chat with the bot is Telegram's word for blocking it.
        if (status === "kicked") await participants.setReachable(from.id, false, "blocked");
        else if (status === "member") cameBack = await participants.setReachable(from.id, true);
        await afterward(from.id, cameBack, next);
      })();
    }
    if (ctx.message === undefined && ctx.callbackQuery === undefined) return next();
    const last = confirmedAt.get(from.id);
    // The usual case, confirmed a moment ago: straight on, without an async frame of its own.
    if (last !== undefined && now() - last <= CONFIRM_EVERY_MS) return next();
    return (async () => {
      const cameBack = await participants.setReachable(from.id, true);
      confirmedAt.set(from.id, now());
      await afterward(from.id, cameBack, next);
    })();
  });
  return composer;
}
