import type { Context, MiddlewareFn } from "grammy";
import {
  conversations,
  createConversation,
  type ConversationBuilder,
  type ConversationConfig,
  type ConversationControls,
  type ConversationFlavor,
  type ConversationOptions,
} from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "./context.js";

/**
 * The conversations plugin sets itself up on every update (its controls, and every conversation
 * registering itself), ~7 µs of CPU per update in the benchmarks, although most updates come from users
 * who are in no flow. When the session says no conversation is active, this stands in for the plugin:
 * `active()` is empty, `exit*` have nothing to leave, and `enter` runs the real plugin and the entered
 * conversation's middleware right there. When one is active, the real plugin runs as before.
 */
export function lazyConversations(options: ConversationOptions<BotContext, ConversationContext>): MiddlewareFn<BotContext> {
  const plugin = conversations<BotContext, ConversationContext>(options);
  return (ctx, next) => {
    dropRetired(ctx);
    if (anyActive(ctx)) return plugin(ctx, next);
    ctx.conversation = new IdleControls(ctx, plugin);
    return next();
  };
}

/** `createConversation` for a bot that installs `lazyConversations`. */
export function lazyConversation<OC extends Context, C extends Context>(
  builder: ConversationBuilder<OC, C>,
  options: string | ConversationConfig<OC, C>,
): MiddlewareFn<ConversationFlavor<OC>> {
  const id = typeof options === "string" ? options : (options.id ?? builder.name);
  installedIds.add(id);
  const middleware = createConversation(builder, options);
  return (ctx, next) => {
    const controls: ConversationControls = ctx.conversation;
    if (!(controls instanceof IdleControls)) return middleware(ctx, next);
    // Nothing to resume: only remember how to enter it, in case a handler further on does.
    controls.known.set(id, middleware as MiddlewareFn<Context>);
    return next();
  };
}

/** Every conversation id installed in this process (ids are constants of the code, whichever bot). */
const installedIds = new Set<string>();

/**
 * A conversation the code no longer has (registration became a state machine) may still be in the
 * sessions of people who were in it when the new version started: nothing would ever resume or end it,
 * and every update of theirs would run the plugin. It is dropped; /register goes on from the kept draft.
 */
function dropRetired(ctx: BotContext): void {
  const stored = ctx.session.conversations;
  if (stored === undefined) return;
  for (const name of Object.keys(stored.state)) if (!installedIds.has(name)) delete stored.state[name];
  if (Object.keys(stored.state).length === 0) delete ctx.session.conversations;
}

function anyActive(ctx: BotContext): boolean {
  const stored = ctx.session.conversations;
  if (stored === undefined) return false;
  for (const name in stored.state) if (Object.hasOwn(stored.state, name)) return true;
  return false;
}

class IdleControls implements ConversationControls {
  /** The conversations this update has passed, by id: only those may be entered (as with the plugin). */
  readonly known = new Map<string, MiddlewareFn<Context>>();

  constructor(
    private readonly ctx: BotContext,
    private readonly plugin: MiddlewareFn<BotContext>,
  ) {}

  async enter(name: string, ...args: unknown[]): Promise<void> {
    const conversation = this.known.get(name);
    if (conversation === undefined) throw new Error(`The conversation '${name}' is not installed before the handler entering it`);
    const ctx = this.ctx;
    // The plugin replaces ctx.conversation with its own controls, whose `enter` then does the work and
    // whose write-back stores the new conversation in the session.
    await this.plugin(ctx, async () => {
      await conversation(ctx, () => ctx.conversation.enter(name, ...args));
    });
  }

  exit(): Promise<void> {
    return Promise.resolve();
  }

  exitAll(): Promise<void> {
    return Promise.resolve();
  }

  exitOne(): Promise<void> {
    return Promise.resolve();
  }

  active(): Record<string, number>;
  active(name: string): number;
  active(name?: string): Record<string, number> | number {
    return name === undefined ? {} : 0;
  }
}
