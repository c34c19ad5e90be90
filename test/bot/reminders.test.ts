import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sleep, type FakeUser } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { openQueue, pendingJobIds } from "../helpers/queues.js";

const clock = testClock();
let h: Harness;
let queues: Awaited<ReturnType<typeof openQueue>>;
beforeAll(async () => {
  h = await startHarness({ clock: clock.now });
  queues = await openQueue(h, "reminders", inject("redisUrl"));
});
afterAll(async () => {
  await queues.close();
  await h.stop();
});

const minutes = (iso: string) => Date.parse(iso) / 60_000;

async function save(u: FakeUser, itemId: string): Promise<void> {
  if (u.messages.length === 0) await u.send("/today");
  await u.pressDataAndSee(`psave:${itemId}`, u.lastMessage().message_id);
}

/** Waits until BullMQ has finished a job (a worker ran it to the end). */
async function completed(id: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job = await queues.queue.getJob(id);
    // Read again once completed: the job read before the state check may predate its completion
    // (attemptsMade still 0), which made this test fail now and then.
    if (job && (await job.getState()) === "completed") return (await queues.queue.getJob(id)) ?? job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not complete`);
    await sleep(50);
  }
}

function reminders(u: FakeUser): string[] {
  return u.messages.filter((m) => m.text.startsWith("⏰")).map((m) => m.text);
}

describe("reminders", () => {
  it("fire once, 15 minutes before a saved item, with the venue, after a restart", async () => {
    // The opening starts at 09:30 (02:30 UTC); its reminder is due at 02:15 UTC, three seconds from "now".
    clock.set("2026-12-10T02:14:57Z");
    const u = h.tg.user(501, { language_code: "en" });
    await save(u, "d1-opening");
    const jobId = `reminder-501-item-d1-opening-${minutes("2026-12-10T02:30:00Z")}`;
    expect(await pendingJobIds(queues.queue)).toContain(jobId);
    expect(u.toasts.at(-1)).toBe("Saved to your agenda. I will remind you 15 minutes before it starts.");

    await h.restart();
    // Still waiting when the new process took over: it is the new process that sends it.
    expect(await pendingJobIds(queues.queue)).toContain(jobId);

    const reminder = await u.waitForText(/^⏰/, 10_000);
    expect(reminder.text.split("\n")).toEqual([
      "⏰ Opening of the business mission: in 15 minutes",
      expect.stringMatching(/^🕒 09:30–10:15, Thursday,? 10 December \(Krasnoyarsk time, UTC\+7\)$/),
      "📍 KRITBI business incubator, 2I Akademika Kirenskogo St, Krasnoyarsk",
    ]);
    await sleep(300);
    const pin = u.messages.at(-1);
    expect(pin?.venue).toEqual({ latitude: 55.9947, longitude: 92.7972, title: "KRITBI business incubator", address: "2I Akademika Kirenskogo St, Krasnoyarsk" });
    await u.pressAndSee("Open");
    expect(u.lastText()).toMatch(/^🎤 Opening of the business mission/);
    expect(reminders(u)).toHaveLength(1); // the card came as a new message

    // Even if the job ran again (a stalled job retaken, an id cleaned and added anew), nothing is sent twice.
    const job = await queues.queue.getJob(jobId);
    expect(await job?.getState()).toBe("completed");
    await job?.remove();
    await queues.queue.add("reminders", { userId: 501, key: "item-d1-opening", startsAt: Date.parse("2026-12-10T02:30:00Z") }, { jobId });
    await completed(jobId);
    await sleep(100);
    expect(reminders(u)).toHaveLength(1);
  });

  it("are cancelled when the item is removed from the agenda, and not made for items about to start", async () => {
    clock.set("2026-12-10T01:00:00Z");
    const u = h.tg.user(502, { language_code: "en" });
    await save(u, "d1-pitches");
    const jobId = `reminder-502-item-d1-pitches-${minutes("2026-12-10T03:45:00Z")}`;
    expect(await pendingJobIds(queues.queue)).toContain(jobId);
    await save(u, "d1-pitches");
    expect(await pendingJobIds(queues.queue)).not.toContain(jobId);

    // Ten minutes before the start there is no reminder left to give.
    clock.set("2026-12-10T03:35:00Z");
    await save(u, "d1-pitches");
    expect(u.toasts.at(-1)).toBe("Saved to your agenda.");
    expect((await pendingJobIds(queues.queue)).filter((id) => id.startsWith("reminder-502-"))).toEqual([]);
  });

  it("stay silent when stale (the item moved or left the agenda) and when the user blocked the bot", async () => {
    clock.set("2026-12-10T01:00:00Z");
    const u = h.tg.user(503, { language_code: "en" });
    await save(u, "d1-kritbi");
    const before = u.messages.length;
    // A job made for an older start time of the item, due now.
    await queues.queue.add("reminders", { userId: 503, key: "item-d1-kritbi", startsAt: Date.parse("2026-12-10T02:00:00Z") }, { jobId: "reminder-503-stale" });
    // A job for an item the user never saved.
    await queues.queue.add("reminders", { userId: 503, key: "item-d1-lunch", startsAt: Date.parse("2026-12-10T05:30:00Z") }, { jobId: "reminder-503-unsaved" });
    // A blocked user's due reminder completes without retries.
    const blocked = h.tg.user(504, { language_code: "en" });
    clock.set("2026-12-10T02:59:59Z");
    await save(blocked, "d1-kritbi");
    h.tg.blocked.add(504);
    for (const id of ["reminder-503-stale", "reminder-503-unsaved", `reminder-504-item-d1-kritbi-${minutes("2026-12-10T03:15:00Z")}`]) {
      const job = await completed(id);
      expect({ id, attempts: job.attemptsMade }).toEqual({ id, attempts: 1 });
    }
    await sleep(100);
    expect(u.messages.length).toBe(before);
    expect(h.tg.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === 504 && c.status === 403)).toHaveLength(1);
  });

  it("go with the personal agenda on /deletemydata", async () => {
    clock.set("2026-12-01T00:00:00Z");
    const u = h.tg.user(505, { language_code: "en" });
    await save(u, "d1-opening");
    await save(u, "d2-mining");
    expect((await pendingJobIds(queues.queue)).filter((id) => id.startsWith("reminder-505-"))).toHaveLength(2);
    await u.send("/deletemydata");
    await u.pressAndSee("🗑 Yes, delete everything");
    expect(u.lastText()).toContain("• your personal agenda (the programme items you saved) and its reminders");
    expect((await pendingJobIds(queues.queue)).filter((id) => id.startsWith("reminder-505-"))).toEqual([]);
    expect(await h.redis.exists(`${h.prefix}agenda:saved:505`)).toBe(0);
    expect(await h.redis.sismember(`${h.prefix}agenda:holders:d1-opening`, "505")).toBe(0);
    expect(await h.redis.hexists(`${h.prefix}languages`, "505")).toBe(0);
  });
});
