import { Queue } from "bullmq";
import { createQueueConnection } from "../../src/jobs/connection.js";
import type { Harness } from "./harness.js";

/** A BullMQ handle on one of the bot's queues, to look at (or tamper with) its jobs from a test or a bench. */
export async function openQueue(h: Pick<Harness, "prefix">, name: string, redisUrl: string): Promise<{ queue: Queue; close(): Promise<void> }> {
  const connection = createQueueConnection(redisUrl);
  const queue = new Queue(name, { connection, prefix: `${h.prefix}q` });
  await queue.waitUntilReady();
  return {
    queue,
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

export async function pendingJobIds(queue: Queue): Promise<string[]> {
  return (await queue.getJobs(["delayed", "waiting"])).flatMap((j) => (j.id ? [j.id] : [])).sort();
}
