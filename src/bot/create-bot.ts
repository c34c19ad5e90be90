import type { Bot, BotConfig, Transformer } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "../logger.js";
import type { MissionService } from "../services/mission-service.js";
import type { Access } from "../services/access.js";
import type { DirectoryService } from "../services/directory.js";
import type { AgendaService } from "../services/agenda-service.js";
import type { ProgrammePublisher } from "../services/programme-publisher.js";
import type { InviteService } from "../services/invites.js";
import type { MeetingsService } from "../services/meetings.js";
import type { PersonalDataService } from "../services/personal-data.js";
import type { ParticipantsRepo } from "../storage/participants-repo.js";
import type { BroadcastService } from "../services/broadcasts.js";
import type { ReportsService } from "../services/reports.js";
import type { Keys } from "../storage/keys.js";
import type { Redis } from "../storage/redis.js";
import { redisJsonStore } from "../storage/json-store.js";
import type { BotContext, ConversationContext } from "./context.js";
import { MissionBot } from "./mission-bot.js";
import { FastComposer } from "./composer.js";
import { slimConversationLog } from "./conversation-log.js";
import { lazyConversations } from "./lazy-conversations.js";
import { createErrorHandler } from "./errors.js";
import { i18nMiddleware } from "./i18n.js";
import { cancelFeature } from "./features/cancel/index.js";
import { deleteDataFeature } from "./features/delete-data/index.js";
import { fallbackFeature } from "./features/fallback/index.js";
import { helpFeature } from "./features/help/index.js";
import { invitesFeature } from "./features/invites/index.js";
import { broadcastFeature } from "./features/broadcast/index.js";
import { reportsFeature } from "./features/reports/index.js";
import { languageFeature } from "./features/language/index.js";
import { meetingsFeature, meetingsInbox } from "./features/meetings/index.js";
import { peopleFeature } from "./features/people/index.js";
import { programmeFeature } from "./features/programme/index.js";
import { programmeAdminFeature } from "./features/programme-admin/index.js";
import { rememberLocale } from "./features/programme/remember-locale.js";
import { profileFeature } from "./features/profile/index.js";
import { reachabilityFeature } from "./features/reachability/index.js";
import { registrationFeature } from "./features/registration/index.js";
import { buildLabels } from "./features/registration/questions.js";
import { startFeature } from "./features/start/index.js";
import { initialSession, sessionSchema } from "./session.js";
import { sessionMiddleware } from "./session-middleware.js";
import { sequentialize } from "./sequentialize.js";
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
  broadcasts: BroadcastService;
  reports: ReportsService;
  /** Counts updates in flight, for graceful shutdown. */
  inFlight: InFlight;
  participants: ParticipantsRepo;
  invites: InviteService;
  personalData: PersonalDataService;
  directory: DirectoryService;
  meetings: MeetingsService;
  /** Extra API transformers after auto-retry (benchmarks answer Telegram calls in process with one). */
  apiTransformers?: Transformer[];
  /** Skip `getMe` when known (tests, benchmarks). */
  botInfo?: BotConfig<BotContext>["botInfo"];
  /** Methods grammY may put into the webhook reply (webhook mode only): their result is never read. */
  canUseWebhookReply?: (method: string) => boolean;
}

// Sessions are UI state; a participant who comes back after two months starts afresh.
const SESSION_TTL_SECONDS = 60 * 24 * 3600;

/** Builds the bot from its dependencies; does no I/O (no getMe, no Redis) until it is started. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const { logger, redis, keys, i18n, participants, mission, access } = deps;
  const bot = new MissionBot(deps.token, {
    client: { apiRoot: deps.apiRoot, ...(deps.canUseWebhookReply ? { canUseWebhookReply: deps.canUseWebhookReply } : {}) },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  // 429 retry_after and 5xx are retried; a long flood wait fails fast instead of stalling a user's reply.
  const extraTransformers = deps.apiTransformers ?? [];
  for (const transformer of [autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }), ...extraTransformers]) bot.api.config.use(transformer);

  const root = new FastComposer<BotContext>();
  bot.setRoot(root);
  root.use(deps.inFlight.middleware);
  // One chat's updates in order, different chats in parallel (needed under @grammyjs/runner).
  root.use(sequentialize((ctx) => ctx.chatId?.toString() ?? ctx.from?.id.toString()));

  const guarded = new FastComposer<BotContext>();
  root.errorBoundary(createErrorHandler({ logger, redis, i18n }), guarded);
  guarded.use(
    sessionMiddleware({
      initial: initialSession,
      prefix: keys.sessionPrefix,
      // A button under an inline-mode message has no chat: it belongs to the user's private-chat session
      // (a private chat's id is the user's id), instead of having no session at all.
      getSessionKey: (ctx) => (ctx.chatId ?? ctx.from?.id)?.toString(),
      storage: redisJsonStore(redis, sessionSchema, logger, "session", SESSION_TTL_SECONDS, {
        // The conversations plugin changes its state in place; every other part is replaced when it changes.
        shareable: (session) => session.conversations === undefined,
      }),
      // The directory, /start and /profile check that their snapshot of everyone is current against the
      // participants' version: read in the same MGET as the session, not in a round trip of their own
      // (a fifth of a mission day's updates; see bench/README.md).
      readAlong: {
        key: participants.versionKey,
        keep: (ctx, raw) => {
          ctx.participantsVersion = participants.versionHint(raw);
        },
      },
    }),
  );
  guarded.use(i18nMiddleware(i18n));
  guarded.use(rememberLocale(deps.agenda));
  guarded.use(
    lazyConversations({
      // Kept in the session (see session.ts): one Redis read per update for both.
      storage: {
        type: "context",
        adapter: {
          read: (ctx) => ctx.session.conversations,
          write: (ctx, state) => {
            ctx.session.conversations = slimConversationLog(state);
          },
          delete: (ctx) => {
            delete ctx.session.conversations;
          },
        },
      },
      plugins: [
        // A conversation builds its own ctx.api without the bot's transformers. Auto-retry is left out on
        // purpose: it would sit outside the plugin's call log, so a 429 logged once would be waited out
        // again on every replay of the conversation. A 429 there (one user's chat, 1 msg/s) is answered by
        // the error boundary's apology instead.
        (ctx, next) => {
          for (const transformer of extraTransformers) ctx.api.config.use(transformer);
          return next();
        },
      ],
    }),
  );
  // Observes every private update (block / unblock / writes again) and passes it on, so it comes first.
  // Requests that could not reach someone go out once they are back (unblocked, or wrote again).
  guarded.use(reachabilityFeature(participants, Date.now, { onBackInReach: (userId) => deps.meetings.deliverWaiting(userId) }));
  // The bot has no inline mode: a button press that is not under one of its chat messages is forged.
  guarded.on("callback_query", async (ctx, next) => {
    if (ctx.callbackQuery.message) return next();
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
  });
  // Before any conversation, so that /cancel always leaves a flow.
  guarded.use(cancelFeature());
  // Around /start: requests waiting for someone who had never opened the bot follow its greeting.
  guarded.use(meetingsInbox(deps.meetings));
  guarded.use(startFeature({ participants, invites: deps.invites, access, mission }));
  guarded.use(helpFeature());
  guarded.use(
    languageFeature({
      onLanguageChosen: async (userId, locale) => {
        await participants.setLanguage(userId, locale);
      },
    }),
  );
  const labels = buildLabels(i18n);
  guarded.use(registrationFeature({ participants, mission, i18n, labels, now: deps.now }));
  guarded.use(profileFeature({ participants, mission, i18n, labels }));
  guarded.use(deleteDataFeature({ personalData: deps.personalData }));
  guarded.use(invitesFeature({ invites: deps.invites, access, mission }));
  guarded.use(programmeFeature({ mission: deps.mission, agenda: deps.agenda, now: deps.now, contentDir: deps.contentDir }));
  guarded.use(
    programmeAdminFeature({ access: deps.access, mission: deps.mission, publisher: deps.publisher, now: deps.now, apiRoot: deps.apiRoot, token: deps.token }),
  );
  guarded.use(broadcastFeature({ access, broadcasts: deps.broadcasts, mission, i18n }));
  guarded.use(reportsFeature({ access, reports: deps.reports, mission }));
  guarded.use(peopleFeature({ directory: deps.directory, mission }));
  guarded.use(meetingsFeature({ meetings: deps.meetings, mission, i18n, labels }));
  guarded.use(fallbackFeature());

  bot.catch((err) => logger.error({ update_id: err.ctx.update.update_id, err: err.error }, "error escaped the boundary"));
  return bot;
}
