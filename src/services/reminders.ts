import { z } from "zod";
import type { AgendaEntry } from "../domain/programme/agenda.js";
import type { DurableQueue } from "../jobs/durable-queue.js";

export const REMINDER_LEAD_MINUTES = 15;

export const reminderJobSchema = z.object({
  userId: z.number().int().positive(),
  key: z.string().regex(/^[a-z0-9-]{1,80}$/),
  startsAt: z.number(),
});
export type ReminderJob = z.infer<typeof reminderJobSchema>;

/**
 * The job id names the user, the entry and its start: the same reminder is one job however often it
 * is scheduled, and a moved entry gets a new one.
 */
export function reminderJobId(userId: number, entry: Pick<AgendaEntry, "key" | "startsAt">): string {
  return `reminder-${userId}-${entry.key}-${Math.round(entry.startsAt / 60_000)}`;
}

/**
 * Reminders 15 minutes before the entries of a personal agenda (saved items now, accepted meetings
 * later), as durable delayed jobs.
 */
export class ReminderService {
  constructor(
    private readonly queue: DurableQueue<ReminderJob>,
    private readonly now: () => number,
  ) {}

  /** Schedules the reminder unless its time has passed; scheduling twice is harmless. */
  async schedule(userId: number, entry: AgendaEntry): Promise<void> {
    const runAt = entry.startsAt - REMINDER_LEAD_MINUTES * 60_000;
    const delay = runAt - this.now();
    if (delay <= 0) return;
    await this.queue.add({ id: reminderJobId(userId, entry), data: { userId, key: entry.key, startsAt: entry.startsAt }, delay });
  }

  async cancel(userId: number, entry: Pick<AgendaEntry, "key" | "startsAt">): Promise<void> {
    await this.queue.cancel(reminderJobId(userId, entry));
  }

  /** After a programme change: the old reminder goes, the new one (if any) comes. */
  async move(userId: number, before: Pick<AgendaEntry, "key" | "startsAt">, after: AgendaEntry | undefined): Promise<void> {
    // Same start, same job: the reminder reads the venue when it fires.
    if (after && after.startsAt === before.startsAt) return;
    await this.cancel(userId, before);
    if (after) await this.schedule(userId, after);
  }
}
