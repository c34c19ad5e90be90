import { BotError, Composer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { MissionBot } from "../../src/bot/mission-bot.js";

const me = { id: 1, is_bot: true, first_name: "Mission Bot", username: "mission_test_bot" } as UserFromGetMe;
const update = (text: string): Update => ({
  update_id: 1,
  message: { message_id: 1, date: 0, chat: { id: 5, type: "private", first_name: "A" }, from: { id: 5, is_bot: false, first_name: "A" }, text },
});

// The webhook path (a button's answer in the webhook reply) is tested through the real webhook server
// and the fake Telegram in test/server/webhook.test.ts.
function botWith(handler: (ctx: BotContext) => Promise<unknown>) {
  const bot = new MissionBot("1:test", { botInfo: me });
  const calls: { method: string; payload: unknown }[] = [];
  bot.api.config.use((_prev, method, payload) => {
    calls.push({ method, payload });
    // Answered here, without HTTP.
    return Promise.resolve({ ok: true, result: true } as never);
  });
  const root = new Composer<BotContext>();
  root.on("message", (ctx) => handler(ctx));
  bot.setRoot(root);
  return { bot, calls };
}

describe("MissionBot", () => {
  it("handles a polled update with the bot's own api, its transformers included", async () => {
    let api: unknown;
    const { bot, calls } = botWith(async (ctx) => {
      api = ctx.api;
      await ctx.reply(`got ${ctx.message?.text}`);
    });
    await bot.handleUpdate(update("hi"));
    expect(api).toBe(bot.api);
    expect(calls).toEqual([{ method: "sendMessage", payload: { chat_id: 5, text: "got hi" } }]);
  });

  it("wraps what the middleware throws in a BotError with the update's context, as grammY does", async () => {
    const { bot } = botWith(() => Promise.reject(new Error("boom")));
    const failure = await bot.handleUpdate(update("hi")).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(BotError);
    expect((failure as BotError<BotContext>).error).toEqual(new Error("boom"));
    expect((failure as BotError<BotContext>).ctx.update.update_id).toBe(1);
  });

  it("refuses middleware beside the root, and updates before the bot knows itself", async () => {
    const { bot } = botWith(() => Promise.resolve());
    expect(() => bot.use(() => undefined)).toThrow(/root composer/);
    const unknown = new MissionBot("1:test");
    unknown.setRoot(new Composer<BotContext>());
    await expect(unknown.handleUpdate(update("hi"))).rejects.toThrow(/init/);
  });
});
