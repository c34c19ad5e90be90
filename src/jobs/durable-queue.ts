import { Queue, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { z } from "zod";
import type { Logger } from "../logger.js";
import { createQueueConnection } from "./connection.js";

export interface DurableQueueOptions<T> {
  /** Queue name: letters, digits, `-` (BullMQ forbids `:`). */
  name: string;
  redisUrl: string;
  /** keys.queuePrefix. */
  prefix: string;
  /** Every job's data is parsed with it before `handle` sees it; a bad one is logged and dropped. */
  schema: z.ZodType<T>;
  /** Does the job. Throwing retries it (with backoff) up to `attempts` times. */
  handle: (data: T, jobId: string) => Promise<void>;
  logger: Logger;
  /** Jobs run at once in one process (a job waiting for its turn to send counts; see jobs/pacing). */
  concurrency?: number;
  attempts?: number;
}

export interface JobSpec<T> {
  /**
   * Deterministic id: adding a job whose id exists (waiting, delayed, or done and still kept) is a
   * no-op, which is what makes scheduling idempotent.
   */
  id: string;
  data: T;
  /** Milliseconds from now; 0 or less runs it at once. */
  delay?: number;
}

// A job in progress gets this long to finish when the app stops (a reminder send takes well under it).
const STOP_TIMEOUT_MS = 5_000;

// Done jobs are kept this long so that their ids keep blocking duplicates.
const KEEP_DONE_SECONDS = 45 * 24 * 3600;

/**
 * A BullMQ queue and its worker, with their own Redis connections (BullMQ needs
 * `maxRetriesPerRequest: null`), opened in `start()` and closed in `stop()`. Jobs live in Redis: they
 * survive restarts, and any process running the same queue may take them.
 */
export class DurableQueue<T> {
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private connection: Redis | undefined;

  constructor(private readonly options: DurableQueueOptions<T>) {}

  private get open(): Queue {
    if (!this.queue) throw new Error(`queue ${this.options.name} is not started`);
    return this.queue;
  }

  async start(): Promise<void> {
    const { name, prefix, logger } = this.options;
    const connection = createQueueConnection(this.options.redisUrl);
    connection.on("error", (err: Error) => logger.debug({ err: err.message, queue: name }, "queue connection error"));
    this.connection = connection;
    this.queue = new Queue(name, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: this.options.attempts ?? 5,
        backoff: { type: "exponential", delay: 2_000 },
        removeOnComplete: { age: KEEP_DONE_SECONDS },
        removeOnFail: { age: KEEP_DONE_SECONDS },
      },
    });
    this.worker = new Worker(name, (job: Job) => this.process(job), {
      connection,
      prefix,
      concurrency: this.options.concurrency ?? 4,
    });
    // A Queue re-emits its connection's errors, and BullMQ prints to stderr an `error` nobody listens
    // for: once per reconnect attempt while Redis is away. The connection's listener has logged it.
    this.queue.on("error", () => undefined);
    this.worker.on("failed", (job, err) => logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, "job failed"));
    this.worker.on("error", (err) => logger.warn({ queue: name, err: err.message }, "queue worker error"));
    await this.worker.waitUntilReady();
    await this.queue.waitUntilReady();
  }

  private async process(job: Job): Promise<void> {
    const parsed = this.options.schema.safeParse(job.data);
    if (!parsed.success) {
      this.options.logger.warn({ queue: this.options.name, jobId: job.id, issues: parsed.error.issues.slice(0, 3) }, "job data failed validation; dropped");
      return;
    }
    await this.options.handle(parsed.data, job.id ?? "");
  }

  /** Closes the worker (waiting for jobs in progress) and the queue; bounded, so a shutdown never hangs on Redis. */
  async stop(): Promise<void> {
    const { worker, queue, connection } = this;
    this.worker = undefined;
    this.queue = undefined;
    this.connection = undefined;
    // With Redis away, close() would wait for the reconnection; dropping the connection fails its commands at once.
    if (connection && connection.status !== "ready") connection.disconnect();
    const closed = (async () => {
      await worker?.close();
      await queue?.close();
      return true;
    })().catch((err: unknown) => {
      this.options.logger.warn({ queue: this.options.name, err }, "queue did not close cleanly");
      return true;
    });
    const timeout = new Promise<false>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS, false).unref());
    if (!(await Promise.race([closed, timeout]))) {
      this.options.logger.warn({ queue: this.options.name }, "queue close timed out; forcing it");
      void worker?.close(true).catch(() => undefined);
    }
    connection?.disconnect();
  }

  async add(spec: JobSpec<T>): Promise<void> {
    await this.addMany([spec]);
  }

  async addMany(specs: readonly JobSpec<T>[]): Promise<void> {
    if (specs.length === 0) return;
    await this.open.addBulk(
      specs.map((s) => ({ name: this.options.name, data: s.data, opts: { jobId: s.id, delay: Math.max(0, Math.round(s.delay ?? 0)) } })),
    );
  }

  /**
   * Cancels a job that has not run yet. A job that ran is left alone: its id must keep blocking a
   * second run.
   */
  async cancel(id: string): Promise<void> {
    const job = await this.open.getJob(id);
    if (!job) return;
    const state = await job.getState();
    if (state === "delayed" || state === "waiting" || state === "prioritized") await job.remove();
  }
}
