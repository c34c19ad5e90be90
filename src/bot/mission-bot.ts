import { Bot, BotError, type BotConfig, type Composer, type Middleware, type MiddlewareFn, type WebhookReplyEnvelope } from "grammy";
import type { Update } from "grammy/types";
import { MissionContext, type BotContext } from "./context.js";

const pass = () => Promise.resolve();

/**
 * grammY's Bot, except that an update handled without a webhook reply (long polling through the runner)
 * uses the bot's own `api` and goes straight into the root composer. grammY builds an Api for every
 * update (its client, the raw proxy, the transformers installed again) so that one webhook reply can be
 * sent, then enters the middleware through two async frames per `bot.use`: ~1 KB of garbage and a few %
 * of the CPU of an update in npm run bench. Webhook updates go grammY's way. All middleware is in the root.
 */
export class MissionBot extends Bot<BotContext> {
  private root: MiddlewareFn<BotContext> | undefined;

  constructor(token: string, config: Omit<BotConfig<BotContext>, "ContextConstructor"> = {}) {
    // The flavours (session, i18n, conversations) are added by middleware, as grammY's docs do it.
    super(token, { ...config, ContextConstructor: MissionContext as unknown as new (...args: ConstructorParameters<typeof MissionContext>) => BotContext });
  }

  /** The bot's one middleware; nothing can be added beside it afterwards (the fast path would skip it). */
  setRoot(root: Composer<BotContext>): void {
    super.use(root);
    this.root = root.middleware();
  }

  override use(...middleware: Array<Middleware<BotContext>>): Composer<BotContext> {
    if (this.root) throw new Error("add middleware to the root composer, not to the bot");
    return super.use(...middleware);
  }

  override async handleUpdate(update: Update, webhookReplyEnvelope?: WebhookReplyEnvelope): Promise<void> {
    if (webhookReplyEnvelope !== undefined || this.root === undefined) return super.handleUpdate(update, webhookReplyEnvelope);
    // botInfo throws, as grammY does, before init() or a known botInfo.
    const ctx = new MissionContext(update, this.api, this.botInfo) as unknown as BotContext;
    try {
      await this.root(ctx, pass);
    } catch (err) {
      throw new BotError(err, ctx);
    }
  }
}
