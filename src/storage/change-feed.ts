import { z } from "zod";
import type { Logger } from "../logger.js";
import type { Keys } from "./keys.js";
import type { Redis } from "./redis.js";

/**
 * What a process may hold in memory and another process may change: the name of a copy's owner, sent on
 * the change channel (keys.changes) right after the write, in the same transaction.
 */
export const CHANGE_TOPICS = ["programme"] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];
const topicSchema = z.enum(CHANGE_TOPICS);
const RETRY_MS = 1_000;

/** Queues the notice of a change on a transaction that makes it: no notice without the write, nor the write without it. */
export function notifyChange(multi: ReturnType<Redis["multi"]>, keys: Keys, topic: ChangeTopic): void {
  multi.publish(keys.changes, topic);
}

/**
 * Tells the owners of in-memory copies (the programme, MissionService) that another process changed what
 * they copied, so that every process serves the change within a second of it, not at its next restart.
 *
 * Redis pub/sub, not a version key read on every update: the copies are read by nearly every update
 * (the programme views) and change a few times a day, so a read per update would cost more than the
 * copy saves. Pub/sub delivers at most once and only while connected, so each owner re-reads its
 * record (which carries its own version: the programme's revision) every time the subscription is
 * made, the first time and after every reconnect: a notice missed while disconnected is made good then.
 *
 * It has its own connection, a copy of the app's (same URL, TLS, Sentinel): a subscribed connection
 * can run no other command.
 */
export class ChangeFeed {
  private readonly owners = new Map<ChangeTopic, (() => Promise<unknown>)[]>();
  private subscriber: Redis | undefined;
  private readonly retries = new Set<NodeJS.Timeout>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {}

  /** `reread` runs on every notice of `topic` and on every (re)subscription; it must be idempotent. */
  on(topic: ChangeTopic, reread: () => Promise<unknown>): void {
    this.owners.set(topic, [...(this.owners.get(topic) ?? []), reread]);
  }

  async start(): Promise<void> {
    // Named after the channel (CLIENT LIST shows whose it is). Resubscribed by hand on every `ready`, so that the re-read follows the subscription it covers.
    const subscriber = this.redis.duplicate({ lazyConnect: true, autoResubscribe: false, connectionName: this.keys.changes });
    this.subscriber = subscriber;
    let lastErrorLog = 0;
    subscriber.on("error", (err: Error) => {
      const now = Date.now();
      if (now - lastErrorLog > 10_000) {
        lastErrorLog = now;
        this.logger.warn({ err: err.message }, "change feed: redis connection error");
      }
    });
    subscriber.on("message", (channel: string, message: string) => {
      if (channel !== this.keys.changes) return;
      const topic = topicSchema.safeParse(message);
      if (!topic.success) {
        this.logger.warn({ message: message.slice(0, 40) }, "change feed: unknown notice ignored");
        return;
      }
      void this.reread([topic.data]);
    });
    let connectedBefore = false;
    subscriber.on("ready", () => {
      if (!connectedBefore) {
        connectedBefore = true;
        return;
      }
      // After a reconnect: whatever changed while the connection was down was announced to nobody here.
      void subscriber.subscribe(this.keys.changes).then(
        () => this.reread(CHANGE_TOPICS),
        (err: unknown) => this.logger.warn({ err }, "change feed: resubscribe failed"),
      );
    });
    await subscriber.connect();
    await subscriber.subscribe(this.keys.changes);
    await this.reread(CHANGE_TOPICS);
  }

  async stop(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    for (const retry of this.retries) clearTimeout(retry);
    this.retries.clear();
    if (!subscriber) return;
    try {
      await subscriber.quit();
    } catch {
      subscriber.disconnect();
    }
  }

  private async reread(topics: readonly ChangeTopic[]): Promise<void> {
    for (const topic of topics) {
      for (const reread of this.owners.get(topic) ?? []) {
        try {
          await reread();
        } catch (err) {
          // The app's connection may come back a moment after this one: try again until it does.
          this.logger.warn({ err, topic }, "change feed: could not re-read a changed record; trying again in a second");
          const retry = setTimeout(() => {
            this.retries.delete(retry);
            if (this.subscriber) void this.reread([topic]);
          }, RETRY_MS);
          this.retries.add(retry);
          break;
        }
      }
    }
  }
}
