import { Bot, Composer, session, type BotConfig, type MiddlewareFn, type Transformer } from "grammy";
import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
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
import type { OutcomeService } from "../services/outcomes.js";
import type { NudgeService } from "../services/nudges.js";
import type { PersonalDataService } from "../services/personal-data.js";
import type { ParticipantsRepo } from "../storage/participants-repo.js";
import type { BroadcastService } from "../services/broadcasts.js";
import type { ReportsService } from "../services/reports.js";
import type { CheckinService } from "../services/checkins.js";
import { redisJsonStore } from "../storage/json-store.js";
import type { Keys } from "../storage/keys.js";
import type { Redis } from "../storage/redis.js";
import type { BotContext, ConversationContext } from "./context.js";
import { createErrorHandler } from "./errors.js";
import { plainStartInFlow } from "./flows.js";
import { cancelFeature } from "./features/cancel/index.js";
import { deleteDataData, deleteDataFeature } from "./features/delete-data/index.js";
import { fallbackFeature } from "./features/fallback/index.js";
import { helpFeature } from "./features/help/index.js";
import { invitesFeature } from "./features/invites/index.js";
import { broadcastFeature } from "./features/broadcast/index.js";
import { reportsFeature } from "./features/reports/index.js";
import { languageData, languageFeature } from "./features/language/index.js";
import { languageMiddleware, type Languages } from "./features/language/middleware.js";
import { meetingsFeature, meetingsInbox } from "./features/meetings/index.js";
import { outcomesFeature } from "./features/outcomes/index.js";
import { nudgesFeature } from "./features/nudges/index.js";
import { nudgeData } from "./features/nudges/views.js";
import { withOutcomeButton } from "./features/outcomes/views.js";
import { actData, declineData, listData, openData, proposeData, requestData } from "./features/meetings/views.js";
import { peopleFeature } from "./features/people/index.js";
import { cardData, directoryData, pickerData, suggestionsData } from "./features/people/views.js";
import { programmeFeature } from "./features/programme/index.js";
import { calendarData, dayData, itemData, itemDayData, itemNewData, mapData, myCalendarData, myPageData, saveData, speakerData, speakersPageData } from "./features/programme/callbacks.js";
import { programmeAdminFeature } from "./features/programme-admin/index.js";
import { profileEditData, profileFeature, profileLanguageData, profileVisibilityData } from "./features/profile/index.js";
import { reachabilityFeature } from "./features/reachability/index.js";
import { registrationFeature } from "./features/registration/index.js";
import { registerData } from "./features/registration/views.js";
import { buildLabels } from "./features/registration/questions.js";
import { startFeature } from "./features/start/index.js";
import { checkinAfterRegistration, checkinAtStart, checkinFeature } from "./features/checkin/index.js";
import { initialSession, sessionSchema } from "./session.js";
import type { InFlight } from "./in-flight.js";
import { exceptPolling } from "./telegram-connection.js";
import { routeOf, FALLBACK, type Triggers } from "./routing.js";
import { chatKey, secondAnswerTaken } from "./chat-lease.js";

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
  /** CONSOLE_URL, when the organisers' console is enabled: its button in /stats and organisers' menu button. */
  consoleUrl?: string;
  /** Counts updates in flight, for graceful shutdown. */
  inFlight: InFlight;
  participants: ParticipantsRepo;
  invites: InviteService;
  personalData: PersonalDataService;
  directory: DirectoryService;
  meetings: MeetingsService;
  /** What came of agreed meetings (services/outcomes.ts). */
  outcomes: OutcomeService;
  /** "Don't remind me" under a B2B nudge (services/nudges.ts). */
  nudges: NudgeService;
  /** The language each user is spoken to in (storage/languages-repo.ts). */
  languages: Languages;
  /** Check-in by QR code (services/checkins.ts). */
  checkins: CheckinService;
  /** Extra API transformers after auto-retry (benchmarks answer Telegram calls in process with one). */
  apiTransformers?: Transformer[];
  /**
   * Webhook mode: the per-chat lease and the record of handled updates across processes (chat-lease.ts),
   * inside the in-process order. Long polling has one process, whose order sequentialize keeps alone.
   */
  chatLease?: MiddlewareFn<BotContext>;
  /** Skip `getMe` when known (tests, benchmarks). */
  botInfo?: BotConfig<BotContext>["botInfo"];
}

// Sessions are UI state; a participant who comes back after two months starts afresh.
const SESSION_TTL_SECONDS = 60 * 24 * 3600;

/**
 * Builds the bot from its dependencies; does no I/O (no getMe, no Redis) until it is started. The
 * pipeline is grammY's own, the same for long polling and webhook: the error boundary, per-chat order
 * (the runner's sequentialize), the session in Redis, the user's language and i18n, then one Composer per
 * feature, straight to its own for someone outside any dialogue (routing.ts), with conversations where
 * they are used.
 */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const { logger, redis, keys, i18n, participants, mission, access } = deps;
  const bot = new Bot<BotContext>(deps.token, {
    client: { apiRoot: deps.apiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  // Replies to a user's own update: a 429 or 5xx is waited out and retried; a long flood wait fails fast
  // instead of stalling the reply for minutes. Conversations send through the same API (see
  // conversation-api.ts). Messages not answering an update are paced by the bulk schedule instead.
  // getUpdates is retried by the runner, and each failure logged (telegram-connection.ts).
  const transformers = [
    exceptPolling(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 })),
    // Where updates may be handled again (webhook mode), so may a button's answer.
    ...(deps.chatLease ? [secondAnswerTaken] : []),
    ...(deps.apiTransformers ?? []),
  ];
  for (const transformer of transformers) bot.api.config.use(transformer);

  bot.use(deps.inFlight.middleware);
  // One chat's updates in order, different chats in parallel (needed under @grammyjs/runner). A button
  // under an inline-mode message has no chat: it goes with the user's private chat.
  bot.use(sequentialize(chatKey));
  if (deps.chatLease) bot.use(deps.chatLease);
  const guarded = new Composer<BotContext>();
  bot.errorBoundary(createErrorHandler({ logger, redis, i18n }), guarded);
  guarded.use(
    session({
      initial: initialSession,
      prefix: keys.sessionPrefix,
      getSessionKey: chatKey,
      storage: redisJsonStore(redis, sessionSchema, logger, "session", SESSION_TTL_SECONDS),
    }),
  );
  guarded.use(languageMiddleware(deps.languages));
  guarded.use(i18n);
  // Installed only where a conversation may be entered, left or running (the whole way, and the routes
  // below that use ctx.conversation; elsewhere it is absent): its set-up on every update cost ~5% of the
  // mission-day mix's throughput, and most updates are someone reading the programme or the directory.
  const withConversations = conversations<BotContext, ConversationContext>({
    // Kept in the session (see session.ts): one Redis read per update for both. The plugin deletes it
    // once no conversation is active, so the route can tell a dialogue from the session alone (flows.ts).
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
  });
  // Observes every private update (block / unblock / writes again) and passes it on, so it comes first.
  // Requests that could not reach someone go out once they are back (unblocked, or wrote again).
  guarded.use(reachabilityFeature(participants, Date.now, { onBackInReach: (userId) => deps.meetings.deliverWaiting(userId) }));
  const programme = programmeFeature({ mission: deps.mission, agenda: deps.agenda, now: deps.now, contentDir: deps.contentDir });
  const people = peopleFeature({ directory: deps.directory, mission });
  const labels = buildLabels(i18n);
  const checkinDeps = { checkins: deps.checkins, mission, participants, access, now: deps.now };
  const cancel = cancelFeature();
  const start = new Composer<BotContext>(
    // Around /start: requests waiting for someone who had never opened the bot follow its greeting.
    meetingsInbox(deps.meetings),
    startFeature({ participants, invites: deps.invites, access, mission, checkin: checkinAtStart(checkinDeps), ...(deps.consoleUrl === undefined ? {} : { consoleUrl: deps.consoleUrl }) }),
  );
  const help = helpFeature();
  const language = languageFeature({ languages: deps.languages });
  const registration = registrationFeature({ participants, mission, i18n, labels, now: deps.now, access, afterRegistered: checkinAfterRegistration(checkinDeps) });
  const profile = profileFeature({ participants, mission, i18n, labels, access });
  const deleteData = deleteDataFeature({ personalData: deps.personalData });
  const meetings = meetingsFeature({
    meetings: deps.meetings,
    mission,
    i18n,
    labels,
    access,
    cardButtons: (env, request, keyboard) => withOutcomeButton(env, request, deps.now(), keyboard),
  });

  // The whole way, in this order: whoever is in a dialogue, and whatever no route below claims.
  const wholeWay = new Composer<BotContext>(withConversations);
  // The bot has no inline mode: a button press that is not under one of its chat messages is forged.
  wholeWay.on("callback_query", async (ctx, next) => {
    if (ctx.callbackQuery.message) return next();
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
  });
  // Before any conversation, so that /cancel always leaves a flow.
  wholeWay.use(cancel);
  // A plain /start from someone in a flow goes on to the flow, which asks its question again.
  wholeWay.filter((ctx) => !plainStartInFlow(ctx), start);
  wholeWay.use(help, language, registration, profile, programme, deleteData);
  wholeWay.use(invitesFeature({ invites: deps.invites, access, mission }));
  wholeWay.use(
    programmeAdminFeature({ access: deps.access, mission: deps.mission, publisher: deps.publisher, now: deps.now, apiRoot: deps.apiRoot, token: deps.token }),
  );
  wholeWay.use(broadcastFeature({ access, broadcasts: deps.broadcasts, mission, i18n }));
  wholeWay.use(reportsFeature({ access, reports: deps.reports, mission, ...(deps.consoleUrl === undefined ? {} : { consoleUrl: deps.consoleUrl }) }));
  wholeWay.use(checkinFeature(checkinDeps));
  wholeWay.use(people, meetings);
  wholeWay.use(outcomesFeature({ outcomes: deps.outcomes, mission, i18n, labels, access, now: deps.now }));
  const nudges = nudgesFeature({ nudges: deps.nudges });
  wholeWay.use(nudges);
  // A /start that no flow took (one left in a session by code that is gone) still gets its greeting.
  wholeWay.use(start);

  // Someone outside any dialogue goes straight to the feature that answers their command, menu button or
  // button (routing.ts): a trigger is listed here only when no feature before it on the whole way answers
  // it. The organisers' tools and the dialogues' own buttons take the whole way. A feature that enters or
  // leaves a conversation (ctx.conversation) gets the conversations plugin on its route.
  const routes = {
    programme: {
      commands: ["today", "now", "speakers", "my"],
      menu: ["menu-today", "menu-now", "menu-speakers", "menu-my"],
      buttons: [dayData, itemDayData, itemData, itemNewData, saveData, calendarData, mapData, speakerData, speakersPageData, myPageData, myCalendarData],
    },
    people: { commands: ["people"], menu: ["menu-people"], buttons: [directoryData, pickerData, cardData, suggestionsData] },
    start: { commands: ["start"] },
    help: { commands: ["help"], menu: ["menu-help"] },
    language: { commands: ["language"], menu: ["menu-language"], buttons: [languageData] },
    cancel: { commands: ["cancel"] },
    registration: { commands: ["register"], buttons: [registerData] },
    profile: { commands: ["profile"], menu: ["menu-profile"], buttons: [profileEditData, profileVisibilityData, profileLanguageData] },
    deleteData: { commands: ["deletemydata"], buttons: [deleteDataData] },
    meetings: { commands: ["meetings"], menu: ["menu-meetings"], buttons: [requestData, listData, openData, actData, declineData, proposeData] },
    nudges: { buttons: [nudgeData] },
  } satisfies Record<string, Triggers>;
  const conversing = (feature: Composer<BotContext>) => new Composer<BotContext>(withConversations, feature);
  const fallback = fallbackFeature();
  guarded.route(
    routeOf(routes, i18n),
    {
      programme,
      people,
      start: conversing(start),
      help,
      language,
      cancel: conversing(cancel),
      registration: conversing(registration),
      profile: conversing(profile),
      deleteData: conversing(deleteData),
      meetings: conversing(meetings),
      nudges,
      [FALLBACK]: fallback,
    },
    wholeWay,
  );
  // Last: whatever no feature answered, on either way.
  guarded.use(fallback);

  bot.catch((err) => logger.error({ update_id: err.ctx.update.update_id, err: err.error }, "error escaped the boundary"));
  return bot;
}
