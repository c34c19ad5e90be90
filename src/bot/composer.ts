import {
  BotError,
  Composer,
  type CallbackQueryContext,
  type CallbackQueryMiddleware,
  type CommandContext,
  type CommandMiddleware,
  type Context,
  type Middleware,
  type MiddlewareFn,
  type NextFunction,
} from "grammy";

/**
 * grammY's Composer with the same API and the same order of middleware, built for a bot with many
 * handlers. grammY runs every filter through `lazy` (an await, a new Composer and fresh closures per
 * update, for each handler passed by) and nests `concat` once per `use`, so an update walks as many
 * async frames as there are handlers before the one that takes it: with ~16 features this was a fifth
 * of the CPU of an update, plus the garbage it left (see bench/README.md).
 *
 * Here the whole tree of FastComposers is compiled into one flat program: a filter is an instruction
 * "if the predicate fails, jump past my handlers", so a filter that does not match costs one predicate
 * call and no allocation, and a `next` function is made only for middleware that actually runs. A
 * filter's handlers end by calling `next`, which runs the instruction after them: what grammY does.
 */
export class FastComposer<C extends Context> extends Composer<C> {
  private readonly entries: Entry<C>[] = [];
  private program: Program<C> | undefined;
  private readonly run: MiddlewareFn<C> = (ctx, next) => {
    // Handlers added anywhere in the tree after it was compiled still run: it is compiled again.
    if (this.program?.revision !== revision) this.program = FastComposer.compile(this);
    return runFrom(this.program.ops, 0, ctx, next);
  };

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    for (const m of middleware) this.entries.push(entryOf(m));
  }

  override middleware(): MiddlewareFn<C> {
    return this.run;
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FastComposer<C>(...middleware);
    this.add({ composer });
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FastComposer<C>(...middleware);
    this.add({ composer, predicate });
    return composer;
  }

  override branch(
    predicate: (ctx: C) => MaybePromise<boolean>,
    trueMiddleware: Middleware<C> | Array<Middleware<C>>,
    falseMiddleware: Middleware<C> | Array<Middleware<C>>,
  ): Composer<C> {
    return this.use(when(predicate, flattenAll(trueMiddleware), flattenAll(falseMiddleware)));
  }

  /**
   * grammY's `command`, with the message's leading command worked out once per update: grammY's filter
   * builds closures and substrings on every command handler a command message passes by (about half of a
   * mission day's updates are commands, and the bot has ~30 command handlers).
   */
  override command(command: Parameters<Composer<C>["command"]>[0], ...middleware: Array<CommandMiddleware<C>>): Composer<CommandContext<C>> {
    return this.filter(commandPredicate<C>(command), ...middleware);
  }

  /**
   * grammY's `callbackQuery`, tested directly on the data: grammY's predicate goes through its filter-query
   * checker and a closure per trigger, and a button press passes ~20 of these handlers.
   */
  override callbackQuery(
    trigger: Parameters<Composer<C>["callbackQuery"]>[0],
    ...middleware: Array<CallbackQueryMiddleware<C>>
  ): Composer<CallbackQueryContext<C>> {
    const triggers: ReadonlyArray<string | RegExp> = Array.isArray(trigger) ? trigger : [trigger];
    const predicate = (ctx: C): ctx is CallbackQueryContext<C> => {
      const data = ctx.callbackQuery?.data;
      if (data === undefined) return false;
      for (const t of triggers) {
        const found = typeof t === "string" ? (data === t ? t : null) : data.match(t);
        if (found) {
          ctx.match = found;
          return true;
        }
      }
      return false;
    };
    return this.filter(predicate, ...middleware);
  }

  /** grammY's errorBoundary, without wrapping the guarded middleware in one more grammY Composer. */
  override errorBoundary(errorHandler: (error: BotError<C>, next: NextFunction) => MaybePromise<unknown>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FastComposer<C>(...middleware);
    const bound = composer.middleware();
    this.add({ run: (ctx, next) => runGuarded(bound, errorHandler, ctx, next) });
    return composer;
  }

  private add(entry: Entry<C>): void {
    this.entries.push(entry);
    revision += 1;
  }

  /** Appends this composer's instructions to `ops`. */
  private emit(ops: Op<C>[]): void {
    for (const entry of this.entries) {
      if ("run" in entry) {
        ops.push({ run: entry.run });
        continue;
      }
      const { composer, predicate } = entry;
      if (predicate === undefined) {
        composer.emit(ops);
        continue;
      }
      const test: Op<C> = { predicate, skipTo: -1 };
      ops.push(test);
      composer.emit(ops);
      test.skipTo = ops.length;
    }
  }

  static compile<C extends Context>(root: FastComposer<C>): Program<C> {
    const ops: Op<C>[] = [];
    root.emit(ops);
    return { ops, revision };
  }
}

/** Bumped by every handler added to any FastComposer. */
let revision = 0;

type MaybePromise<T> = T | Promise<T>;
type Entry<C extends Context> = { run: MiddlewareFn<C> } | { composer: FastComposer<C>; predicate?: (ctx: C) => MaybePromise<boolean> };
/** Run a middleware, or test a predicate and go on at the next instruction or at `skipTo`. */
type Op<C extends Context> = { run: MiddlewareFn<C> } | { predicate: (ctx: C) => MaybePromise<boolean>; skipTo: number };
interface Program<C extends Context> {
  ops: Op<C>[];
  revision: number;
}

function entryOf<C extends Context>(m: Middleware<C>): Entry<C> {
  return m instanceof FastComposer ? { composer: m as FastComposer<C> } : { run: flatten(m) };
}

/** Another kind of composer is called through its current middleware, so handlers added to it later still run. */
function flatten<C extends Context>(m: Middleware<C>): MiddlewareFn<C> {
  return typeof m === "function" ? m : (ctx, next) => m.middleware()(ctx, next);
}

function flattenAll<C extends Context>(m: Middleware<C> | Array<Middleware<C>>): MiddlewareFn<C> {
  return Array.isArray(m) ? new FastComposer(...m).middleware() : flatten(m);
}

// A plain function, not a closure per call: tsx (esbuild's keepNames) wraps every named closure it creates.
function runFrom<C extends Context>(ops: readonly Op<C>[], from: number, ctx: C, next: NextFunction): Promise<void> {
  let i = from;
  try {
    while (i < ops.length) {
      const op = ops[i] as Op<C>;
      if ("run" in op) {
        const after = i + 1;
        // Promise.resolve returns a native promise as it is: no extra tick for async middleware.
        return Promise.resolve(op.run(ctx, () => runFrom(ops, after, ctx, next))) as Promise<void>;
      }
      const verdict = op.predicate(ctx);
      if (verdict instanceof Promise) {
        const { skipTo } = op;
        const at = i + 1;
        return verdict.then((ok) => runFrom(ops, ok ? at : skipTo, ctx, next));
      }
      i = verdict ? i + 1 : op.skipTo;
    }
  } catch (err) {
    // A synchronous throw becomes a rejection, as in grammY's async chain; the reason is passed on as is.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    return Promise.reject(err);
  }
  return next();
}

// The `next` given to the guarded middleware is an anonymous arrow on purpose: a named closure made per
// update costs a call to esbuild's __name under tsx (keepNames), ~1.5% of an update's CPU here.
async function runGuarded<C extends Context>(
  bound: MiddlewareFn<C>,
  errorHandler: (error: BotError<C>, next: NextFunction) => MaybePromise<unknown>,
  ctx: C,
  next: NextFunction,
): Promise<void> {
  let nextCalled = false;
  try {
    await bound(ctx, () => ((nextCalled = true), Promise.resolve()));
  } catch (err) {
    nextCalled = false;
    await errorHandler(new BotError(err, ctx), () => ((nextCalled = true), Promise.resolve()));
  }
  if (nextCalled) await next();
}

function when<C extends Context>(predicate: (ctx: C) => MaybePromise<boolean>, yes: MiddlewareFn<C>, no: MiddlewareFn<C>): MiddlewareFn<C> {
  return (ctx, next) => {
    const verdict = predicate(ctx);
    if (verdict instanceof Promise) return verdict.then((ok) => (ok ? yes : no)(ctx, next));
    return verdict ? yes(ctx, next) : no(ctx, next);
  };
}

const LEADING = Symbol("leading command");

/** The leading bot_command of a message or channel post, without its slash (null: none), once per update. */
function leadingCommand(ctx: Context): string | null {
  const holder = ctx as unknown as { [LEADING]?: string | null };
  let command = holder[LEADING];
  if (command === undefined) {
    command = null;
    const msg = ctx.message ?? ctx.channelPost;
    const text = msg?.text ?? msg?.caption;
    // Only an entity at offset 0 can be the command grammY matches; there is at most one.
    for (const entity of msg?.entities ?? []) {
      if (entity.type === "bot_command" && entity.offset === 0 && text !== undefined) {
        command = text.substring(1, entity.length);
        break;
      }
    }
    holder[LEADING] = command;
  }
  return command;
}

/** What grammY's `Context.has.command` matches, and the `match` it sets (the text after the command). */
function commandPredicate<C extends Context>(command: string | readonly string[]): (ctx: C) => ctx is CommandContext<C> {
  const atCommands = new Set<string>();
  const noAtCommands = new Set<string>();
  for (const cmd of typeof command === "string" ? [command] : command) {
    if (cmd.startsWith("/")) throw new Error(`Do not include '/' when registering command handlers (use '${cmd.substring(1)}' not '${cmd}')`);
    (cmd.includes("@") ? atCommands : noAtCommands).add(cmd);
  }
  const matched = (ctx: Context, cmd: string): true => {
    const msg = ctx.message ?? ctx.channelPost;
    ctx.match = (msg?.text ?? msg?.caption ?? "").substring(cmd.length + 1).trimStart();
    return true;
  };
  return (ctx: C): ctx is CommandContext<C> => {
    const cmd = leadingCommand(ctx);
    if (cmd === null) return false;
    if (noAtCommands.has(cmd) || atCommands.has(cmd)) return matched(ctx, cmd);
    const index = cmd.indexOf("@");
    if (index === -1) return false;
    if (cmd.substring(index + 1).toLowerCase() !== ctx.me.username.toLowerCase()) return false;
    return noAtCommands.has(cmd.substring(0, index)) ? matched(ctx, cmd) : false;
  };
}
