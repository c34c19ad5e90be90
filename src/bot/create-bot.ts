import { Bot, session, type BotConfig, type Composer } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "../logger.js";
import type { MissionService } from "../services/mission-service.js";
import type { Access } from "../services/access.js";
import type { AgendaService } from "../services/agenda-service.js";
import type { ProgrammePublisher } from "../services/programme-publisher.js";
import type { Keys } from "../storage/keys.js";
import type { Redis } from "../storage/redis.js";
import { redisJsonStore } from "../storage/json-store.js";
import type { BotContext, ConversationContext } from "./context.js";
import { createErrorHandler } from "./errors.js";
import { cancelFeature } from "./features/cancel/index.js";
import { fallbackFeature } from "./features/fallback/index.js";
import { helpFeature } from "./features/help/index.js";
import { languageFeature } from "./features/language/index.js";
import { programmeFeature } from "./features/programme/index.js";
import { programmeAdminFeature } from "./features/programme-admin/index.js";
import { rememberLocale } from "./features/programme/remember-locale.js";
import { startFeature } from "./features/start/index.js";
import { conversationPlugins } from "./i18n.js";
import { initialSession, sessionSchema } from "./session.js";
import type { InFlight } from "./in-flight.js";

export interface BotDeps {
  token: string;
  apiRoot: string;
  logger: Logger;
  redis: Redis;
  keys: Keys;
  i18n: I18n<ConversationContext>;
  mission: MissionService;
  access: Access;
  /** The clock (ms since epoch): every "today", "now" and reminder reads it, so tests can set it. */
  now: () => number;
  agenda: AgendaService;
  publisher: ProgrammePublisher;
  /** Folder of MISSION_FILE: speakers' photo paths are relative to it. */
  contentDir: string;
  /** Counts updates in flight, for graceful shutdown. */
  inFlight: InFlight;
  /** Skip `getMe` when known (tests, benchmarks). */
  botInfo?: BotConfig<BotContext>["botInfo"];
}

// Sessions are UI state; a participant who comes back after two months starts afresh.
const SESSION_TTL_SECONDS = 60 * 24 * 3600;

/** Builds the bot from its dependencies; does no I/O (no getMe, no Redis) until it is started. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const { logger, redis, keys, i18n } = deps;
  const bot = new Bot<BotContext>(deps.token, {
    client: { apiRoot: deps.apiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  // 429 retry_after and 5xx are retried; a long flood wait fails fast instead of stalling a user's reply.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  bot.use(deps.inFlight.middleware);
  // One chat's updates in order, different chats in parallel (needed under @grammyjs/runner).
  bot.use(sequentialize((ctx) => ctx.chatId?.toString() ?? ctx.from?.id.toString()));

  const guarded: Composer<BotContext> = bot.errorBoundary(createErrorHandler({ logger, redis, i18n }));
  guarded.use(
    session({
      initial: initialSession,
      prefix: keys.sessionPrefix,
      storage: redisJsonStore(redis, sessionSchema, logger, "session", SESSION_TTL_SECONDS),
    }),
  );
  guarded.use(i18n);
  guarded.use(rememberLocale(deps.agenda));
  guarded.use(
    conversations<BotContext, ConversationContext>({
      // Kept in the session (see session.ts): one Redis read per update for both.
      storage: {
        type: "context",
        adapter: {
          read: (ctx) => ctx.session.conversations,
          write: (ctx, state) => {
            ctx.session.conversations = state;
          },
          delete: (ctx) => {
            delete ctx.session.conversations;
          },
        },
      },
      plugins: conversationPlugins(i18n),
    }),
  );
  // Before any conversation, so that /cancel always leaves a flow.
  guarded.use(cancelFeature());
  guarded.use(startFeature());
  guarded.use(helpFeature());
  guarded.use(languageFeature());
  guarded.use(programmeFeature({ mission: deps.mission, agenda: deps.agenda, now: deps.now, contentDir: deps.contentDir }));
  guarded.use(
    programmeAdminFeature({ access: deps.access, mission: deps.mission, publisher: deps.publisher, now: deps.now, apiRoot: deps.apiRoot, token: deps.token }),
  );
  guarded.use(fallbackFeature());

  bot.catch((err) => logger.error({ update_id: err.ctx.update.update_id, err: err.error }, "error escaped the boundary"));
  return bot;
}
