import { Api, Composer, Context, type MiddlewareFn } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { FastComposer } from "../../src/bot/composer.js";

const me: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "Bot",
  username: "bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
};
const api = new Api("1:test");

function context(update: Partial<Update>): Context {
  return new Context({ update_id: 1, ...update }, api, me);
}
const text = (t: string) =>
  context({ message: { message_id: 1, date: 0, chat: { id: 5, type: "private", first_name: "U" }, from: { id: 5, is_bot: false, first_name: "U" }, text: t, ...(t.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: t.split(" ")[0]?.length ?? t.length }] } : {}) } });
// A command that is not at the start of the text.
const later = () => context({ message: { message_id: 1, date: 0, chat: { id: 5, type: "private", first_name: "U" }, from: { id: 5, is_bot: false, first_name: "U" }, text: "see /start", entities: [{ type: "bot_command", offset: 4, length: 6 }] } });
const press = (data: string) => context({ callback_query: { id: "q", chat_instance: "c", from: { id: 5, is_bot: false, first_name: "U" }, data } });

/** Runs a composer on an update; resolves with what ran, in order, and whether the end was reached. */
async function run(composer: Composer<Context>, ctx: Context, log: string[]): Promise<string[]> {
  await composer.middleware()(ctx, () => {
    log.push("end");
    return Promise.resolve();
  });
  return log;
}

// The same handlers on grammY's Composer and on ours must run the same way (FastComposer only changes cost).
function build(composer: Composer<Context>, log: string[]): Composer<Context> {
  composer.use(async (_ctx, next) => {
    log.push("a");
    await next();
    log.push("a-after");
  });
  const dm = composer.chatType("private");
  dm.command("start", (ctx) => void log.push(`start [${String(ctx.match)}]`));
  composer.command(["help", "about@bot"], (ctx) => void log.push(`help [${String(ctx.match)}]`));
  composer.callbackQuery(/^x:(\d+)/, (ctx, next) => {
    log.push(`press ${ctx.callbackQuery.data} [${String(ctx.match?.[1])}]`);
    return next();
  });
  composer.callbackQuery(["plain", /^z(\w)/], (ctx) => void log.push(`press ${ctx.callbackQuery.data} [${typeof ctx.match === "string" ? ctx.match : String(ctx.match?.[1])}]`));
  composer.on("message:text", async (ctx, next) => {
    log.push(`text ${ctx.message.text}`);
    await next();
  });
  composer.filter(async (ctx) => Promise.resolve(ctx.message?.text === "async"), () => void log.push("async filter"));
  composer.branch((ctx) => ctx.callbackQuery !== undefined, () => void log.push("branch: press"), (_ctx, next) => next());
  // A filter inside a filter: its handlers pass on to what follows the outer one.
  const inner = dm.filter((ctx) => ctx.message?.text?.startsWith("n") ?? false);
  inner.use((_ctx, next) => {
    log.push("inner");
    return next();
  });
  inner.hears("nested", () => void log.push("nested"));
  // Handlers added to a child after it went into the chain still run.
  dm.hears("late", () => void log.push("late"));
  return composer;
}

describe("FastComposer", () => {
  it("runs the same handlers in the same order as grammY's Composer", async () => {
    for (const make of ["/start", "/start  a b", "/start@bot x", "/START", "/start@other", "/startx", "/help", "/help@BOT", "/about@bot", "/about", "hello", "async", "late", "nested", "nope"].map((t) => () => text(t)).concat([() => later(), () => press("x:1"), () => press("x:"), () => press("y"), () => press("plain"), () => press("plainer"), () => press("zq"), () => text("x:1")])) {
      const theirs: string[] = [];
      const ours: string[] = [];
      await run(build(new Composer<Context>(), theirs), make(), theirs);
      await run(build(new FastComposer<Context>(), ours), make(), ours);
      expect(ours).toEqual(theirs);
    }
    // And what that is, in a few cases.
    const ranByOurs = (ctx: Context) => {
      const log: string[] = [];
      return run(build(new FastComposer<Context>(), log), ctx, log);
    };
    expect(await ranByOurs(text("/start@bot go"))).toEqual(["a", "start [go]", "a-after"]);
    expect(await ranByOurs(press("x:1"))).toEqual(["a", "press x:1 [1]", "branch: press", "a-after"]);
    expect(await ranByOurs(press("plain"))).toEqual(["a", "press plain [plain]", "a-after"]);
    expect(await ranByOurs(text("hello"))).toEqual(["a", "text hello", "end", "a-after"]);
  });

  it("turns a handler's synchronous throw into a rejection that the error boundary around it catches", async () => {
    const composer = new FastComposer<Context>();
    const boom: MiddlewareFn<Context> = () => {
      throw new Error("boom");
    };
    composer.on("message", boom);
    await expect(composer.middleware()(text("hi"), () => Promise.resolve())).rejects.toThrow("boom");
    const caught: string[] = [];
    const outer = new Composer<Context>();
    outer.errorBoundary((err) => void caught.push(err.error instanceof Error ? err.error.message : "?"), composer);
    await outer.middleware()(text("hi"), () => Promise.resolve());
    expect(caught).toEqual(["boom"]);
  });
});
