import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { createKeys } from "../../src/storage/keys.js";
import { SendSchedule, type Booking } from "../../src/storage/send-schedule.js";
import { deleteKeysUnder } from "../helpers/prefix.js";

const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
const keys = createKeys(prefix);
let redis: Redis;
let schedule: SendSchedule;

beforeAll(() => {
  redis = new Redis(inject("redisUrl"));
  schedule = new SendSchedule(redis, keys);
});
beforeEach(async () => {
  await deleteKeysUnder(redis, prefix);
});
afterAll(async () => {
  await deleteKeysUnder(redis, prefix);
  redis.disconnect();
});

const waitOf = (b: Booking) => (b.kind === "go" ? b.waitMs : Number.NaN);

describe("SendSchedule", () => {
  it("books sends one spacing apart on one schedule, and none while a retry_after runs", async () => {
    const shape = { spacingMicros: 200_000, secondMicros: 1_000_000, budgetPerSecond: 30 };
    // Booked at once (as several workers, or processes, would): each waits one spacing more.
    const waits = (await Promise.all(Array.from({ length: 5 }, () => schedule.book(shape)))).map(waitOf);
    const sorted = [...waits].sort((a, b) => a - b);
    expect(sorted[0]).toBeLessThan(50);
    for (let i = 1; i < sorted.length; i++) {
      const gap = (sorted[i] ?? 0) - (sorted[i - 1] ?? 0);
      expect(gap).toBeGreaterThan(150);
      // One spacing, or a 40th of a second more when a booking would have fallen in a second's last 40th.
      expect(gap).toBeLessThanOrEqual(225.001);
    }
    // A retry_after: nothing is booked while it runs, so the schedule is not pushed on by it; a shorter
    // pause never cuts a longer one.
    const before = await redis.get(keys.sendSchedule);
    await schedule.pause(5_000);
    await schedule.pause(1_000);
    const paused = await schedule.book(shape);
    expect(paused.kind === "paused" && paused.ms > 4_000).toBe(true);
    expect(await redis.get(keys.sendSchedule)).toBe(before);
    await redis.del(keys.sendPause, keys.sendSchedule, keys.bulkPerSecond);
    // Once the schedule's booked times are past, the next send goes at once.
    expect(waitOf(await schedule.book(shape))).toBeLessThan(50);
  });

  it("takes a chat's slot with its booking, and a chat busy books nothing", async () => {
    const shape = { spacingMicros: 1_000, secondMicros: 1_000_000, budgetPerSecond: 30 };
    expect((await schedule.book(shape, { id: 20, intervalMs: 10_000 })).kind).toBe("go");
    const before = await redis.get(keys.sendSchedule);
    const busy = await schedule.book(shape, { id: 20, intervalMs: 10_000 });
    // The slot runs from the booked time (a few ms ahead at most) for the interval.
    expect(busy.kind === "busy" && busy.ms > 9_000 && busy.ms <= 10_050).toBe(true);
    expect(await redis.get(keys.sendSchedule)).toBe(before);
    // Another chat, or a send that does not ask for the chat's interval, goes on.
    expect((await schedule.book(shape, { id: 21, intervalMs: 10_000 })).kind).toBe("go");
    expect((await schedule.book(shape)).kind).toBe("go");
    await schedule.holdChat(21, 50);
    expect(Number(await redis.pttl(keys.chatSlot(21)))).toBeLessThanOrEqual(50);
  });

  it("leaves to bulk sends only what the last second's replies left of the budget", async () => {
    // A long second (10 s) so that the test cannot straddle one; spacing small, so only the budget binds.
    const shape = { spacingMicros: 1, secondMicros: 10_000_000, budgetPerSecond: 20 };
    // Begins early in one of those seconds (Redis's clock is this machine's): a busy machine running other
    // test files must not carry the replies counted below into the next second before the bookings.
    const intoSecond = Date.now() % 10_000;
    if (intoSecond > 5_000) await new Promise((resolve) => setTimeout(resolve, 10_000 - intoSecond + 10));
    for (let i = 0; i < 7; i++) await schedule.countReplies(shape.secondMicros);
    const bookings = [];
    for (let i = 0; i < 13; i++) bookings.push(await schedule.book(shape));
    // Seven replies are taken as nine (they may grow): eleven fit in this second, the next ones go in the next.
    const waits = bookings.map(waitOf);
    expect(waits.slice(0, 11).every((w) => w < 50)).toBe(true);
    const nextSecond = Math.ceil(((Math.floor((Date.now() * 1000) / shape.secondMicros) + 1) * shape.secondMicros) / 1000) - Date.now();
    for (const w of waits.slice(11)) expect(Math.abs(w - nextSecond)).toBeLessThan(200);
    // Nothing is booked beyond the next second: bulk sends wait, and book on the replies of then.
    for (let i = 0; i < 9; i++) expect((await schedule.book(shape)).kind).toBe("go");
    expect((await schedule.book(shape)).kind).toBe("full");
    // Replies that take the whole budget leave nothing: bulk sends wait for the next second.
    await redis.del(keys.bulkPerSecond, keys.sendSchedule);
    for (let i = 0; i < 10; i++) await schedule.countReplies(shape.secondMicros);
    const full = await schedule.book(shape);
    expect(full.kind).toBe("full");
  });
});
