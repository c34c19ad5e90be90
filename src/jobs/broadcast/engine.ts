import { setTimeout as sleep } from "node:timers/promises";
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { Api, GrammyError, type Transformer } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { autoRetry } from "@grammyjs/auto-retry";
import type { Redis } from "ioredis";
import { z } from "zod";
import { settle } from "../../domain/broadcast/broadcast.js";
import { versionFor } from "../../domain/broadcast/content.js";
import type { DeliveryMove } from "../../domain/broadcast/delivery.js";
import {
  chatIntervalMs,
  classifySendFailure,
  concurrencyFor,
  progressIntervalMs,
  retryPolicy,
  type RateSettings,
} from "../../domain/broadcast/rate.js";
import { LOCALES } from "../../domain/locale.js";
import type { UnreachableReason } from "../../domain/telegram/reachability.js";
import type { Logger } from "../../logger.js";
import type { BroadcastLauncher } from "../../services/broadcasts.js";
import { BroadcastsRepo, type Broadcast, type BroadcastSpec, type Recipient } from "../../storage/broadcasts-repo.js";
import type { Keys } from "../../storage/keys.js";
import { createQueueConnection } from "../connection.js";
import { toSendFailure } from "../pacing/failures.js";
import type { Pacer } from "../pacing/pacer.js";
import { sendContent } from "./send.js";

export const DELIVERY_QUEUE = "broadcast-delivery";
export const PROGRESS_QUEUE = "broadcast-progress";

const deliveryJob = z.object({ b: z.number().int().positive(), c: z.number().int(), l: z.enum(LOCALES) });
type DeliveryJob = z.infer<typeof deliveryJob>;
const progressJob = z.object({ b: z.number().int().positive() });
type ProgressJob = z.infer<typeof progressJob>;

/** Job ids make enqueueing idempotent: adding a job whose id exists is a no-op in BullMQ. */
export const deliveryJobId = (broadcastId: number, chatId: number) => `${broadcastId}-${chatId}`;
export const progressJobId = (broadcastId: number) => `progress-${broadcastId}`;

/** How the organiser's progress line, its final state and the final report read (bot/features/broadcast). */
export interface BroadcastPresenter {
  progress(b: Broadcast): { text: string; reply_markup?: InlineKeyboardMarkup };
  finished(b: Broadcast): { text: string };
  report(b: Broadcast): string;
}

export interface BroadcastEngineOptions {
  redisUrl: string;
  keys: Keys;
  logger: Logger;
  token: string;
  apiRoot: string;
  rates: RateSettings;
  /** The one schedule of bulk sends (jobs/pacing): deliveries take their turns on it, and go through its Api. */
  pacer: Pacer;
  /** On the Api of progress lines and reports, after auto-retry: they answer the organiser (the reply counter). */
  notifyTransformers?: readonly Transformer[];
  /** BullMQ's job lock: a worker that died mid-send frees its jobs this long after. */
  lockMs: number;
  presenter: BroadcastPresenter;
  /** A 403 from a participant's chat, and what it said (blocked, never started, deactivated). */
  onUnreachable(userId: number, reason: UnreachableReason): Promise<void>;
}

const ADD_CHUNK = 500;

/**
 * The sends are paced by the schedule in Redis (jobs/pacing), not by BullMQ's limiter. A
 * limiter is still set, far above any rate, because BullMQ honours `queue.rateLimit()` (how a 429
 * stops every worker fetching) only on a queue that has one.
 */
const PAUSE_ONLY_LIMITER = { max: 1_000_000, duration: 1_000 };

/** Telegram refused a request in a way that retrying will not change (as opposed to 429, 5xx, network). */
function refusedForGood(err: unknown): boolean {
  return err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403);
}

/**
 * Durable broadcast delivery on BullMQ. One job per recipient on the delivery queue, paced by the
 * one schedule of bulk sends (jobs/pacing: the rate shared by every process and every kind of bulk
 * send, a per-chat slot, what replies leave of Telegram's budget); a 429 pauses every bulk send and
 * the whole queue for its retry_after. One job per broadcast on the progress queue fans the
 * deliveries out, edits the organiser's progress line every few seconds and sends the final report.
 * State that decides who is sent to lives in Redis (BroadcastsRepo), so any process can resume.
 */
export class BroadcastEngine implements BroadcastLauncher {
  private connection: Redis | undefined;
  private repo: BroadcastsRepo | undefined;
  private deliveries: Queue<DeliveryJob> | undefined;
  private progress: Queue<ProgressJob> | undefined;
  private workers: Worker[] = [];
  private readonly notifyApi: Api;
  private readonly specs = new Map<number, BroadcastSpec>();
  /** Jobs being processed in this process, so that stop() can wait for them itself. */
  private running = 0;
  private whenIdle: (() => void)[] = [];

  constructor(private readonly options: BroadcastEngineOptions) {
    // Progress edits and reports are single messages to one organiser: ordinary auto-retry is right.
    this.notifyApi = new Api(options.token, { apiRoot: options.apiRoot });
    this.notifyApi.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }), ...(options.notifyTransformers ?? []));
  }

  async start(): Promise<void> {
    const { keys, rates, lockMs, logger } = this.options;
    const connection = createQueueConnection(this.options.redisUrl);
    connection.on("error", (err: Error) => logger.debug({ err: err.message }, "queue connection error"));
    this.connection = connection;
    this.repo = new BroadcastsRepo(connection, keys, logger);
    const base = { connection, prefix: keys.queuePrefix };
    this.deliveries = new Queue<DeliveryJob>(DELIVERY_QUEUE, base);
    this.progress = new Queue<ProgressJob>(PROGRESS_QUEUE, base);
    const lock = {
      lockDuration: lockMs,
      stalledInterval: Math.max(100, Math.floor(lockMs / 2)),
      maxStalledCount: 10,
      // After a Redis error a worker waits this long before fetching again (BullMQ's default, 15 s,
      // would hold an announcement that long after Redis is back).
      runRetryDelay: 1_000,
    };
    const deliveryWorker = new Worker<DeliveryJob, string>(DELIVERY_QUEUE, (job, token) => this.track(() => this.deliver(job, token)), {
      ...base,
      ...lock,
      concurrency: concurrencyFor(rates),
      limiter: PAUSE_ONLY_LIMITER,
    });
    const progressWorker = new Worker<ProgressJob, string>(PROGRESS_QUEUE, (job, token) => this.track(() => this.report(job, token)), {
      ...base,
      ...lock,
      concurrency: 4,
    });
    // Queues re-emit their connection's errors (logged above); unheard, BullMQ prints them to stderr.
    for (const queue of [this.deliveries, this.progress]) queue.on("error", () => undefined);
    deliveryWorker.on("failed", (job, err) => void this.onDeliveryFailed(job, err));
    for (const worker of [deliveryWorker, progressWorker]) {
      worker.on("error", (err) => logger.warn({ err, queue: worker.name }, "broadcast worker error"));
    }
    this.workers = [deliveryWorker, progressWorker];
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    await this.recover();
  }

  /** Stops taking jobs and waits for the sends in flight; what is left stays queued for the next start. */
  async stop(): Promise<void> {
    // Not a plain close(): BullMQ's graceful close waits for its blocking connection to end, which
    // never happens if that connection is between reconnect attempts (after a Redis blip). So: stop
    // fetching, wait for our own jobs in flight, then close without waiting. A job whose completion
    // is cut off is picked up again after its lock expires, and finds its recipient already settled.
    await Promise.all(this.workers.map((w) => w.pause(true)));
    await this.idle();
    await Promise.all(this.workers.map((w) => w.close(true)));
    this.workers = [];
    await Promise.all([this.deliveries?.close(), this.progress?.close()]);
    await this.connection?.quit().catch(() => undefined);
    this.connection = undefined;
  }

  async launch(id: number): Promise<void> {
    const { rates } = this.options;
    await this.queues().progress.add(
      "progress",
      { b: id },
      { jobId: progressJobId(id), attempts: 20, backoff: { type: "exponential", delay: retryPolicy(rates).backoffMs }, removeOnComplete: true, removeOnFail: { count: 100 } },
    );
  }

  async withdraw(id: number, chatIds: readonly number[]): Promise<void> {
    const { deliveries } = this.queues();
    // A job being processed is locked and stays; its claim then finds the recipient cancelled.
    for (let i = 0; i < chatIds.length; i += 50) {
      await Promise.all(chatIds.slice(i, i + 50).map((chat) => deliveries.remove(deliveryJobId(id, chat)).catch(() => 0)));
    }
    await this.nudgeProgress(id);
  }

  // ---- recovery -----------------------------------------------------------------------------------

  /**
   * On start, every broadcast not finished gets its progress job back (if a crash lost it) and its
   * unsettled recipients their delivery jobs (ids make this a no-op for jobs that still exist).
   */
  private async recover(): Promise<void> {
    const repo = this.store();
    const { progress } = this.queues();
    for (const id of await repo.openIds()) {
      const existing = await progress.getJob(progressJobId(id));
      if (existing && (await existing.isFailed())) await existing.remove();
      await this.launch(id);
      const b = await repo.get(id);
      if (b?.enqueued) await this.enqueue(id, await repo.unsettled(id));
      this.options.logger.info({ broadcast: id }, "broadcast resumed");
    }
  }

  private async enqueue(id: number, recipients: readonly Recipient[]): Promise<void> {
    const { attempts, backoffMs } = retryPolicy(this.options.rates);
    for (let i = 0; i < recipients.length; i += ADD_CHUNK) {
      await this.queues().deliveries.addBulk(
        recipients.slice(i, i + ADD_CHUNK).map((r) => ({
          name: "deliver",
          data: { b: id, c: r.chatId, l: r.locale },
          opts: {
            jobId: deliveryJobId(id, r.chatId),
            attempts,
            backoff: { type: "exponential", delay: backoffMs },
            removeOnComplete: true,
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        })),
      );
    }
  }

  // ---- delivery -----------------------------------------------------------------------------------

  private async deliver(job: Job<DeliveryJob>, token: string | undefined): Promise<string> {
    const parsed = deliveryJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError("malformed delivery job");
    const { b: id, c: chatId, l: locale } = parsed.data;
    const { logger, rates } = this.options;
    const spec = await this.spec(id);
    if (!spec) {
      logger.warn({ broadcast: id, chat: chatId }, "delivery for a broadcast that does not exist; dropped");
      return "gone";
    }
    const repo = this.store();
    const { pacer } = this.options;
    // A time on the shared schedule (and the chat's slot). A pause holds the whole queue; a chat that
    // just had a bulk message (a notice, a reminder) puts this one job off.
    const booking = await pacer.book({ id: chatId, intervalMs: chatIntervalMs(chatId, rates) });
    const booked = performance.now();
    if (booking.kind === "paused") {
      await this.queues().deliveries.rateLimit(booking.ms);
      throw Worker.RateLimitError();
    }
    if (booking.kind !== "go") {
      await job.moveToDelayed(Date.now() + booking.ms, token);
      throw new DelayedError();
    }
    // Claimed while the time comes, so that the send leaves at its time, not a round trip after it.
    const claim = await repo.claim(id, chatId);
    if (claim.kind === "skip") return claim.state ?? "gone";
    if (claim.kind === "paused") {
      await this.queues().deliveries.rateLimit(claim.ms);
      throw Worker.RateLimitError();
    }
    // The job is held while it waits, so that the next booked sends are already waiting when their time comes.
    const wait = booking.waitMs - (performance.now() - booked);
    if (wait >= 1) await sleep(wait);
    if (claim.previous === "sending") logger.warn({ broadcast: id, chat: chatId }, "resending a message whose send was interrupted");
    // Another send of this process got a 429 while this one waited; its pause may not be in Redis yet.
    const paused = pacer.pausedFor();
    if (paused > 0) {
      await repo.move(id, chatId, "release");
      await this.queues().deliveries.rateLimit(paused);
      throw Worker.RateLimitError();
    }
    try {
      await sendContent(pacer.api, chatId, versionFor(spec.versions, locale));
    } catch (err) {
      // Both started before either is awaited: a 429 stops this process's other sends at once (the
      // first, synchronous step of handleSendError), not after a round trip to Redis.
      const [, outcome] = await Promise.all([pacer.holdChat(chatId), this.handleSendError(job, id, chatId, err)]);
      return outcome;
    }
    // The chat's interval counts from when Telegram took the message, not from the booking: a later
    // send that travels faster must not arrive inside it.
    await Promise.all([pacer.holdChat(chatId), this.settleDelivery(id, chatId, "sent")]);
    return "sent";
  }

  private async handleSendError(job: Job<DeliveryJob>, id: number, chatId: number, err: unknown): Promise<string> {
    const { logger, pacer } = this.options;
    const failure = toSendFailure(err);
    const verdict = classifySendFailure(failure);
    const repo = this.store();
    switch (verdict.kind) {
      case "rate-limited": {
        logger.warn({ broadcast: id, chat: chatId }, "429 from Telegram on a broadcast message");
        const ms = await pacer.rateLimited(verdict.retryAfterSeconds);
        await this.queues().deliveries.rateLimit(ms);
        await repo.move(id, chatId, "release");
        throw Worker.RateLimitError();
      }
      case "unreachable":
        await this.settleDelivery(id, chatId, "unreachable", verdict.reason);
        if (chatId > 0) {
          await this.options.onUnreachable(chatId, verdict.reason).catch((e: unknown) => logger.warn({ err: e, chat: chatId }, "could not mark a participant unreachable"));
        } else {
          logger.warn({ broadcast: id, chat: chatId, failure }, "the mission group refused the broadcast");
        }
        return "unreachable";
      case "rejected":
        logger.warn({ broadcast: id, chat: chatId, failure }, "Telegram rejected a broadcast message");
        await this.settleDelivery(id, chatId, "failed");
        return "failed";
      case "transient": {
        const attempts = job.opts.attempts ?? 1;
        if (job.attemptsMade + 1 < attempts) {
          await repo.move(id, chatId, "release");
          throw err instanceof Error ? err : new Error(failure.description);
        }
        logger.warn({ broadcast: id, chat: chatId, failure, attempts }, "broadcast message failed after every retry");
        await this.settleDelivery(id, chatId, "failed");
        return "failed";
      }
    }
  }

  private async settleDelivery(id: number, chatId: number, move: DeliveryMove, reason?: UnreachableReason): Promise<void> {
    const result = await this.store().move(id, chatId, move, reason);
    if (result.applied && result.left === 0) await this.nudgeProgress(id);
  }

  /** A job the queue gave up on (not one of ours that settles itself): count the recipient failed. */
  private async onDeliveryFailed(job: Job<DeliveryJob> | undefined, err: Error): Promise<void> {
    if (!job) return;
    try {
      if ((await job.getState()) !== "failed") return;
      const parsed = deliveryJob.safeParse(job.data);
      if (!parsed.success) return;
      this.options.logger.error({ err, broadcast: parsed.data.b, chat: parsed.data.c }, "broadcast delivery job failed");
      await this.settleDelivery(parsed.data.b, parsed.data.c, "giveUp");
    } catch (e) {
      this.options.logger.warn({ err: e }, "could not record a failed delivery job");
    }
  }

  private async spec(id: number): Promise<BroadcastSpec | undefined> {
    const cached = this.specs.get(id);
    if (cached) return cached;
    const b = await this.store().get(id);
    if (b) this.specs.set(id, b.spec);
    return b?.spec;
  }

  // ---- progress -----------------------------------------------------------------------------------

  private async report(job: Job<ProgressJob>, token: string | undefined): Promise<string> {
    const parsed = progressJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError("malformed progress job");
    const id = parsed.data.b;
    const repo = this.store();
    let b = await repo.get(id);
    if (!b) return "gone";
    if (!b.enqueued) {
      await this.enqueue(id, await repo.unsettled(id));
      await repo.markEnqueued(id);
    }
    const outcome = settle(b.status, b.counts);
    if (!outcome.finished) {
      await this.show(b, this.options.presenter.progress(b), false);
      await job.moveToDelayed(Date.now() + progressIntervalMs(this.options.rates), token);
      throw new DelayedError();
    }
    if (b.finishedAt === undefined) {
      await repo.finish(id, outcome.status, Date.now());
      b = (await repo.get(id)) ?? b;
    }
    await this.show(b, this.options.presenter.finished(b), true);
    if (!b.reported) {
      // Marked after sending: a crash in between repeats the report rather than losing it.
      try {
        await this.notifyApi.sendMessage(b.spec.chatId, this.options.presenter.report(b), { parse_mode: "HTML" });
      } catch (err) {
        if (!refusedForGood(err)) throw err;
        this.options.logger.warn({ broadcast: id, err }, "the organiser could not be sent the final report");
      }
      await repo.markReported(id);
    }
    this.specs.delete(id);
    this.options.logger.info({ broadcast: id, status: b.status, counts: b.counts }, "broadcast finished");
    return b.status;
  }

  /**
   * Edits the progress line only when it changes, so Telegram never answers "message is not modified".
   * While sending, a failed edit is only logged (the next tick tries again); the final edit is retried
   * with the job unless Telegram refused it for good (the organiser deleted the line, blocked the bot).
   */
  private async show(b: Broadcast, view: { text: string; reply_markup?: InlineKeyboardMarkup }, final: boolean): Promise<void> {
    const fingerprint = `${view.text}\u0000${JSON.stringify(view.reply_markup ?? null)}`;
    if (fingerprint === b.progressText) return;
    try {
      await this.notifyApi.editMessageText(b.spec.chatId, b.spec.progressMessageId, view.text, {
        parse_mode: "HTML",
        ...(view.reply_markup ? { reply_markup: view.reply_markup } : {}),
      });
    } catch (err) {
      if (final && !refusedForGood(err)) throw err;
      this.options.logger.info({ broadcast: b.id, err }, "progress line not edited");
      if (!refusedForGood(err)) return;
    }
    await this.store().setProgressText(b.id, fingerprint);
  }

  /** Runs a broadcast's delayed progress job now (its last recipient just settled, or it was stopped). */
  private async nudgeProgress(id: number): Promise<void> {
    const job = await this.queues().progress.getJob(progressJobId(id));
    if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
  }

  // ---- plumbing -----------------------------------------------------------------------------------

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const wake of this.whenIdle.splice(0)) wake();
    }
  }

  private idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.whenIdle.push(resolve));
  }

  private queues(): { deliveries: Queue<DeliveryJob>; progress: Queue<ProgressJob> } {
    if (!this.deliveries || !this.progress) throw new Error("broadcast engine is not started");
    return { deliveries: this.deliveries, progress: this.progress };
  }

  private store(): BroadcastsRepo {
    if (!this.repo) throw new Error("broadcast engine is not started");
    return this.repo;
  }
}
