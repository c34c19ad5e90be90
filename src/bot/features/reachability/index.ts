import { Composer } from "grammy";
import type { ParticipantsRepo } from "../../../storage/participants-repo.js";
import type { BotContext } from "../../context.js";

const CONFIRM_EVERY_MS = 10 * 60_000;

/**
 * Keeps "can the bot write to this participant" true to life: Telegram reports a block (and an unblock)
 * as `my_chat_member` in the private chat; anyone who writes or presses a button is reachable again.
 * Passes every update on: it only observes.
 */
export function reachabilityFeature(participants: ParticipantsRepo, now: () => number = Date.now): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // Writing "reachable" on every message cost a Redis write per update (a third of the throughput in
  // npm run bench). Someone who wrote a moment ago is still reachable: confirm at most every few minutes.
  const confirmedAt = new Map<number, number>();
  const dm = composer.chatType("private");
  dm.on("my_chat_member", async (ctx, next) => {
    const status = ctx.myChatMember.new_chat_member.status;
    confirmedAt.delete(ctx.from.id);
    if (status === "kicked") await participants.setReachable(ctx.from.id, false);
    else if (status === "member") await participants.setReachable(ctx.from.id, true);
    await next();
  });
  dm.on(["message", "callback_query"], async (ctx, next) => {
    const id = ctx.from.id;
    const last = confirmedAt.get(id);
    if (last === undefined || now() - last > CONFIRM_EVERY_MS) {
      await participants.setReachable(id, true);
      confirmedAt.set(id, now());
    }
    await next();
  });
  return composer;
}
