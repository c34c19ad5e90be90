import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import type { BotContext } from "./bot/context.js";
import { registerCommands } from "./bot/commands.js";
import { createBot, type BotDeps } from "./bot/create-bot.js";
import { createI18n } from "./bot/i18n.js";
import { createInFlight } from "./bot/in-flight.js";
import { chatLease } from "./bot/chat-lease.js";
import { UpdateLedger } from "./storage/update-ledger.js";
import { isStorageOutage } from "./storage/redis.js";
import { connectToTelegram, failureReason, pollingMonitor, POLL_RETRY_MS, refusal } from "./bot/telegram-connection.js";
import { createWebhookServer } from "./server/webhook.js";
import { createKeys } from "./storage/keys.js";
import { ChangeFeed } from "./storage/change-feed.js";
import type { Redis } from "./storage/redis.js";
import { dirname } from "node:path";
import type { Mission } from "./domain/mission/schema.js";
import { MissionService } from "./services/mission-service.js";
import { AgendaService } from "./services/agenda-service.js";
import { botAudience } from "./services/audience.js";
import { noticeJobSchema, ProgrammePublisher, type NoticeJob } from "./services/programme-publisher.js";
import { reminderJobSchema, ReminderService, type ReminderJob } from "./services/reminders.js";
import { DurableQueue } from "./jobs/durable-queue.js";
import { AgendaRepository } from "./storage/agenda-repository.js";
import { ProgrammeRepository } from "./storage/programme-repository.js";
import { noticeHandler, reminderHandler } from "./bot/features/programme/delivery.js";
import { renderNotice } from "./bot/features/programme/notices.js";
import { translator } from "./bot/i18n.js";
import { organiserAccess } from "./services/access.js";
import { DirectoryService } from "./services/directory.js";
import { InviteService } from "./services/invites.js";
import { MeetingsService } from "./services/meetings.js";
import { programmeSlots, programmeTables } from "./services/meeting-slots.js";
import { meetingsAgenda } from "./bot/features/meetings/agenda.js";
import { telegramNotifier } from "./bot/features/meetings/notifier.js";
import { startPeriodic, type Periodic } from "./jobs/periodic.js";
import { MeetingsRepo } from "./storage/meetings-repo.js";
import { OutcomesRepo } from "./storage/outcomes-repo.js";
import { outcomeJobSchema, OutcomeService } from "./services/outcomes.js";
import type { Question } from "./domain/outcomes/outcome.js";
import { outcomeQuestionHandler } from "./bot/features/outcomes/delivery.js";
import { PersonalDataService } from "./services/personal-data.js";
import { nudgeJobSchema, NudgeService, type NudgeJob } from "./services/nudges.js";
import { NudgesRepo } from "./storage/nudges-repo.js";
import { nudgeHandler } from "./bot/features/nudges/delivery.js";
import { InvitesRepo } from "./storage/invites-repo.js";
import { LanguagesRepo } from "./storage/languages-repo.js";
import { ParticipantsRepo } from "./storage/participants-repo.js";
import { BroadcastService, participantsAudience } from "./services/broadcasts.js";
import { BroadcastEngine } from "./jobs/broadcast/engine.js";
import { BroadcastsRepo } from "./storage/broadcasts-repo.js";
import { DeliveryMarkers } from "./storage/delivery-markers.js";
import { SendSchedule } from "./storage/send-schedule.js";
import { Pacer, type PacingSettings } from "./jobs/pacing/pacer.js";
import { replyCounter } from "./jobs/pacing/reply-counter.js";
import { concurrencyFor } from "./domain/broadcast/rate.js";
import { ReportsService } from "./services/reports.js";
import { CheckinService } from "./services/checkins.js";
import { CheckinsRepo } from "./storage/checkins-repo.js";
import { broadcastPresenter } from "./bot/features/broadcast/views.js";
import { ConsoleService } from "./services/console.js";
import { consoleHandler } from "./server/console/http.js";
import { consoleAuth } from "./server/console/auth.js";
import { showConsoleButton } from "./bot/console-button.js";

// Updates the bot acts on; Telegram sends nothing else (edited messages are deliberately not handled).
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export interface App {
  bot: Bot<BotContext>;
  /** Starts taking updates; resolves once the bot is running (the first getUpdates is under way). */
  start(): Promise<void>;
  /** Stops taking updates and waits for the ones in flight. Does not close Redis (the caller owns it). */
  stop(): Promise<void>;
  /** Updates being handled right now (tests wait for zero). */
  updatesInFlight(): number;
  /** The webhook server's port once started (webhook mode only). */
  port(): number | undefined;
  /** Where the organisers' console listens once started: the webhook server's port, or CONSOLE_PORT under polling. */
  consolePort(): number | undefined;
}

/** The Fluent files the bot speaks from (`main` words a bad programme file with them too). */
export const LOCALES_DIR = new URL("../locales", import.meta.url).pathname;

/** The console's built front end (`npm run build`), from src/ and dist/ alike. */
export const CONSOLE_ASSETS_DIR = new URL("../dist/console", import.meta.url).pathname;

export interface AppOptions {
  localesDir?: string;
  botInfo?: BotDeps["botInfo"];
  /** The clock (ms since epoch); tests set it to a moment of the mission. */
  now?: () => number;
  apiTransformers?: BotDeps["apiTransformers"];
  /** How often to look for requests left unanswered (default 10 minutes). */
  digestEveryMs?: number;
  /**
   * Long polling ended by itself: Telegram refused the token (401) or another process polls it (409).
   * `message` says so in one line. Default: logged as a fatal error (src/main.ts stops the process).
   */
  onFatal?: (message: string, err: unknown) => void;
  /** How often to look for questions about meetings' outcomes that are due (default 1 minute). */
  outcomesEveryMs?: number;
  /** How often to look for B2B nudges due (default 1 minute). */
  nudgesEveryMs?: number;
}

const DIGEST_EVERY_MS = 10 * 60_000;
const OUTCOMES_EVERY_MS = 60_000;
const NUDGES_EVERY_MS = 60_000;

export interface AppInfra {
  logger: Logger;
  redis: Redis;
  /** The programme as read from MISSION_FILE. */
  mission: Mission;
  /** MISSION_FILE's text, kept so organisers download the file as written; derived from `mission` when absent. */
  missionSource?: string;
}

/** Wires repositories, services and the bot from config and the already-built infrastructure. */
export function buildApp(config: Config, { logger, redis, mission, missionSource }: AppInfra, options: AppOptions = {}): App {
  const keys = createKeys(config.redisKeyPrefix);
  const now = options.now ?? Date.now;
  const programmes = new ProgrammeRepository(redis, keys, logger);
  const missionService = new MissionService(mission, { ...(missionSource === undefined ? {} : { source: missionSource }), store: programmes, logger });
  const i18n = createI18n(options.localesDir ?? LOCALES_DIR);
  // What this process keeps in memory and another may change: re-read on that process's notice.
  // Everything else another process changes (invites, organisers' roles, participants) is read from
  // Redis where it is used (ParticipantsRepo.snapshot checks its version key on each read).
  const changes = new ChangeFeed(redis, keys, logger);
  changes.on("programme", () => missionService.refresh());
  const agendaRepository = new AgendaRepository(redis, keys, logger);

  // Every message that does not answer the user's own update takes its turn on one schedule in Redis,
  // shared by every process (jobs/pacing); replies go straight out and are counted, so that bulk sends
  // take only what replies leave of Telegram's budget.
  const rates: PacingSettings = { ...config.broadcast, budgetPerSecond: config.telegram.budgetPerSecond };
  const schedule = new SendSchedule(redis, keys);
  const pacer = new Pacer({ token: config.botToken, apiRoot: config.apiRoot, schedule, rates, logger });
  const replies = replyCounter({ schedule, rates, logger });
  const markers = new DeliveryMarkers(redis, keys);
  // Enough jobs at once to keep the rate up while each waits for its booked time.
  const bulkConcurrency = concurrencyFor(rates);

  // The job handlers render through `i18n` and read services built below: they run only after start().
  const participants = new ParticipantsRepo(redis, keys, logger);
  const languages = new LanguagesRepo(redis, keys, logger);
  const audience = botAudience(languages, participants);
  const reminderQueue: DurableQueue<ReminderJob> = new DurableQueue({
    name: "reminders",
    redisUrl: config.redisUrl,
    prefix: keys.queuePrefix,
    schema: reminderJobSchema,
    logger,
    concurrency: bulkConcurrency,
    handle: (job, id) => reminderHandler({ pacer, i18n, markers, agenda, audience, mission: missionService, now, logger })(job, id),
  });
  const reminders = new ReminderService(reminderQueue, now);
  const agenda = new AgendaService(agendaRepository, missionService, reminders);
  const noticeQueue: DurableQueue<NoticeJob> = new DurableQueue({
    name: "notices",
    redisUrl: config.redisUrl,
    prefix: keys.queuePrefix,
    schema: noticeJobSchema,
    logger,
    concurrency: bulkConcurrency,
    handle: noticeHandler({ pacer, markers, logger }),
  });
  const publisher = new ProgrammePublisher({
    mission: missionService,
    programmes,
    agenda: agendaRepository,
    reminders,
    audience,
    notices: noticeQueue,
    now,
    renderNotice: ({ locale, programme, ...request }) => renderNotice({ t: translator(i18n, locale), locale, programme, now: now() }, request),
  });
  const inFlight = createInFlight();
  const invites = new InviteService({ invites: new InvitesRepo(redis, keys, logger), participants });
  const personalData = new PersonalDataService(participants);
  personalData.addEraser(async (userId) => {
    await invites.forget(userId);
    return [];
  });
  personalData.addEraser((userId) => agenda.forget(userId));
  // Not in what the user is told was deleted: everyone who writes to the bot has one (this very
  // /deletemydata noted it), so it would turn "nothing was kept about you" into a list of one.
  personalData.addEraser(async (userId) => {
    await languages.forget(userId);
    return [];
  });
  const access = organiserAccess(config.organiserIds, participants);
  const recipients = participantsAudience(participants, languages);
  const engine = new BroadcastEngine({
    redisUrl: config.redisUrl,
    keys,
    logger,
    token: config.botToken,
    apiRoot: config.apiRoot,
    rates: config.broadcast,
    pacer,
    notifyTransformers: [replies],
    lockMs: config.broadcast.lockMs,
    presenter: broadcastPresenter(i18n),
    onUnreachable: (userId, reason) => recipients.markUnreachable(userId, reason),
  });
  const broadcastsRepo = new BroadcastsRepo(redis, keys, logger);
  const broadcasts = new BroadcastService({ repo: broadcastsRepo, launcher: engine, audience: recipients, mission: missionService });
  personalData.addEraser(async (userId) => ((await broadcastsRepo.forget(userId)) ? ["broadcast-receipts"] : []));
  const meetingsAgendaParts = meetingsAgenda({ participants, mission: missionService, i18n, reminders });
  const meetingsRepo = new MeetingsRepo(redis, keys, logger);
  // After the meetings: "did you meet?" once a meeting's slot is over, "was it carried out?" after an
  // agreement; due questions go from a schedule in Redis to this queue, and out through the pacing.
  const outcomeQueue: DurableQueue<Question> = new DurableQueue({
    name: "outcomes",
    redisUrl: config.redisUrl,
    prefix: keys.queuePrefix,
    schema: outcomeJobSchema,
    logger,
    concurrency: bulkConcurrency,
    handle: (job, id) => outcomeQuestionHandler({ outcomes, pacer, markers, i18n, audience, mission: missionService, logger })(job, id),
  });
  const outcomes = new OutcomeService({ repo: new OutcomesRepo(redis, keys, logger), meetings: meetingsRepo, participants, mission: missionService, queue: outcomeQueue, now, logger });
  personalData.addEraser((userId) => outcomes.erase(userId));
  // An agreed meeting goes into both agendas (with reminders) and onto the outcome questions' schedule.
  const calendars = [meetingsAgendaParts.calendar, outcomes.calendar];
  const meetings = new MeetingsService({
    repo: meetingsRepo,
    participants,
    calendar: {
      booked: async (request) => {
        for (const calendar of calendars) await calendar.booked(request);
      },
      released: async (request) => {
        for (const calendar of calendars) await calendar.released(request);
      },
    },
    // The notifier sends through `bot`, built below; it is only called once updates or the digest run.
    notifier: telegramNotifier({ api: () => bot.api, pacer, i18n, mission: missionService, languageOf: (userId) => audience.localeOf(userId), logger }),
    settings: () => missionService.current().meetings,
    slots: () => programmeSlots(missionService),
    tables: programmeTables(missionService),
    now,
    logger,
  });
  personalData.addEraser((userId) => meetings.erase(userId));
  // Accepted meetings appear in /my (and its .ics) next to the saved programme items.
  agenda.addSource(meetingsAgendaParts.source(meetings));
  const checkins = new CheckinService({ repo: new CheckinsRepo(redis, keys), mission: missionService, participants, secret: config.checkinSecret, now });
  const reports = new ReportsService({ participants, languages, broadcasts: broadcastsRepo, meetings: meetingsRepo, outcomes, checkins, mission: missionService, now });
  // The organisers' console (a Mini App): served under CONSOLE_URL's path by the webhook server, or by a
  // server of its own on CONSOLE_PORT under long polling.
  const consoleHttp = config.console
    ? consoleHandler({
        path: config.console.path,
        assetsDir: CONSOLE_ASSETS_DIR,
        localesDir: options.localesDir ?? LOCALES_DIR,
        authenticate: consoleAuth({ token: config.botToken, access, languages }),
        service: new ConsoleService({
          reports,
          outcomes,
          participants,
          broadcasts: broadcastsRepo,
          mission: missionService,
          programmes,
          publisher,
          languages,
        }),
        mission: missionService,
        i18n,
        now,
        logger,
      })
    : undefined;
  const directory = new DirectoryService({ participants, access, vocabulary: () => missionService.current().vocabulary });
  // The evening before a B2B day: those with no meeting in it are nudged, through the bulk pacing.
  const nudgeQueue: DurableQueue<NudgeJob> = new DurableQueue({
    name: "nudges",
    redisUrl: config.redisUrl,
    prefix: keys.queuePrefix,
    schema: nudgeJobSchema,
    logger,
    concurrency: bulkConcurrency,
    handle: (job, id) => nudgeHandler({ nudges, pacer, markers, i18n, audience, mission: missionService, logger })(job, id),
  });
  const nudges = new NudgeService({ repo: new NudgesRepo(redis, keys), participants, meetings: meetingsRepo, directory, mission: missionService, queue: nudgeQueue, now });
  personalData.addEraser(async (userId) => {
    // A preference, not something told back: once the profile is gone there is nobody to nudge anyway.
    await nudges.erase(userId);
    return [];
  });
  personalData.addEraser(async (userId) => ((await checkins.deleteUser(userId)) > 0 ? ["checkins"] : []));
  const bot = createBot({
    token: config.botToken,
    apiRoot: config.apiRoot,
    logger,
    redis,
    keys,
    i18n,
    mission: missionService,
    access,
    broadcasts,
    reports,
    checkins,
    ...(config.console ? { consoleUrl: config.console.url } : {}),
    participants,
    invites,
    personalData,
    now,
    agenda,
    publisher,
    contentDir: dirname(config.missionFile),
    directory,
    meetings,
    outcomes,
    nudges,
    languages,
    inFlight,
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    // Webhook mode is the scale-out mode: several processes behind one URL, each chat's updates one at a
    // time across them, and an update delivered again after it was handled not handled twice.
    ...(config.mode.kind === "webhook"
      ? {
          chatLease: chatLease({
            ledger: new UpdateLedger(redis, keys),
            logger,
            leaseMs: config.mode.chatLeaseMs,
            // Long enough for the lease of a process that died to run out.
            waitMs: config.mode.chatLeaseMs,
            isOutage: (err) => isStorageOutage(err, redis),
          }),
        }
      : {}),
    // Outermost, after auto-retry (create-bot.ts); conversations send through the same API: each reply counted once.
    apiTransformers: [...(options.apiTransformers ?? []), replies, pollingMonitor({ apiRoot: config.apiRoot, token: config.botToken, logger })],
  });
  const queues = [reminderQueue, noticeQueue, outcomeQueue, nudgeQueue];

  let runner: RunnerHandle | undefined;
  let server: Server | undefined;
  let consoleServer: Server | undefined;
  // The digest of unanswered requests: a sweep on start and every few minutes, not a queue. Its whole
  // state is in Redis (which requests are due, which were put in a digest), so a restart loses nothing,
  // and every request is claimed atomically before it is listed, so two processes never send it twice.
  let digest: Periodic | undefined;
  // Likewise the outcome questions: their schedule is in Redis, and a job id per question makes a second
  // sweep (another process, a restart mid-sweep) add nothing.
  let questions: Periodic | undefined;
  // And the nudges: which evening it is comes from the programme, who was queued from Redis, and a job
  // id per person and day makes a second sweep add nothing.
  let nudging: Periodic | undefined;

  return {
    bot,
    updatesInFlight: () => inFlight.count(),
    port: () => (server?.address() as AddressInfo | null)?.port,
    consolePort: () => ((consoleServer ?? (consoleHttp ? server : undefined))?.address() as AddressInfo | null)?.port,
    async start() {
      const from = await missionService.load(now());
      logger.info({ from, version: missionService.version() }, "programme loaded");
      // Before the queues: their jobs send to Telegram, and a refused token should stop us before any does.
      await connectToTelegram(bot, { apiRoot: config.apiRoot, logger });
      // Subscribed before updates come in; its first re-read catches a publish made since load().
      await changes.start();
      for (const queue of queues) await queue.start();
      await registerCommands(bot.api, i18n, config.organiserIds, logger);
      // Deliveries left by a previous run (a restart, a crash) resume here, before updates come in.
      await engine.start();
      digest = startPeriodic("meeting digest", options.digestEveryMs ?? DIGEST_EVERY_MS, () => meetings.sendDigests(), logger);
      questions = startPeriodic("outcome questions", options.outcomesEveryMs ?? OUTCOMES_EVERY_MS, () => outcomes.sweep(), logger);
      nudging = startPeriodic("b2b nudges", options.nudgesEveryMs ?? NUDGES_EVERY_MS, () => nudges.sweep(), logger);
      if (config.mode.kind === "webhook") {
        const { url, secret, port } = config.mode;
        server = createWebhookServer({
          bot,
          path: new URL(url).pathname,
          secret,
          isHealthy: () => redis.status === "ready",
          onError: (err) => logger.error({ err }, "error escaped the boundary"),
          ...(consoleHttp ? { console: consoleHttp } : {}),
        });
        server.listen(port);
        await once(server, "listening");
        // No drop_pending_updates: what users sent while we were down must still be answered.
        await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES });
        logger.info({ port, bot: bot.botInfo.username }, "webhook server listening");
      } else {
        // A webhook left from an earlier deployment would make getUpdates fail with 409.
        await bot.api.deleteWebhook();
        // Silent: pollingMonitor logs each failed getUpdates (the runner's own message has the token in it).
        // A constant wait and no limit: after a long outage the bot is back within seconds, not hours.
        runner = run(bot, {
          runner: { fetch: { allowed_updates: ALLOWED_UPDATES }, silent: true, retryInterval: POLL_RETRY_MS, maxRetryTime: Infinity },
        });
        // The runner ends by itself only on 401 and 409, which no retry mends.
        runner.task()?.catch((err: unknown) => {
          const message = refusal(err) ?? `long polling stopped: ${failureReason(err, config.botToken)}`;
          if (options.onFatal) options.onFatal(message, err);
          else logger.fatal({ err }, message);
        });
        logger.info({ bot: bot.botInfo.username }, "long polling started");
        if (consoleHttp && config.console) {
          const handle = consoleHttp;
          consoleServer = createServer((req, res) => {
            if (!handle(req, res)) res.writeHead(404).end();
          });
          consoleServer.listen(config.console.port);
          await once(consoleServer, "listening");
          logger.info({ port: config.console.port, url: config.console.url }, "console listening");
        }
      }
      if (config.console) await showConsoleButton(bot.api, i18n, config.organiserIds, config.console.url, languages, logger);
    },
    async stop() {
      await digest?.stop();
      await questions?.stop();
      await nudging?.stop();
      if (runner?.isRunning()) await runner.stop();
      for (const open of [server, consoleServer]) {
        if (!open) continue;
        const closed = once(open, "close");
        open.close();
        // The console's page polls over keep-alive connections; they would hold the close up.
        open.closeIdleConnections();
        await closed;
      }
      await inFlight.drained();
      // Last: updates in flight may still schedule reminders or notices.
      for (const queue of queues) await queue.stop();
      // Sends in flight finish; what is left stays queued in Redis for the next start.
      await engine.stop();
      await changes.stop();
    },
  };
}
