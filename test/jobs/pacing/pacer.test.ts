import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { Pacer } from "../../../src/jobs/pacing/pacer.js";
import { createLogger } from "../../../src/logger.js";
import { createKeys } from "../../../src/storage/keys.js";
import { SendSchedule } from "../../../src/storage/send-schedule.js";

const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
const keys = createKeys(prefix);
let redis: Redis;
let pacer: Pacer;

beforeAll(() => {
  redis = new Redis(inject("redisUrl"));
  // No Telegram call is made here: only the schedule is used.
  pacer = new Pacer({
    token: "1:test",
    apiRoot: "http://127.0.0.1:1",
    schedule: new SendSchedule(redis, keys),
    rates: { perSecond: 25, perChatPerSecond: 1, timeScale: 1, budgetPerSecond: 30 },
    logger: createLogger("silent"),
  });
});
beforeEach(async () => {
  const found = await redis.keys(`${prefix}*`);
  if (found.length > 0) await redis.del(...found);
});
afterAll(async () => {
  const found = await redis.keys(`${prefix}*`);
  if (found.length > 0) await redis.del(...found);
  redis.disconnect();
});

/** Bulk sends counted on the schedule, all seconds together. */
async function counted(): Promise<number> {
  const perSecond = await redis.hgetall(keys.bulkPerSecond);
  return Object.values(perSecond).reduce((sum, n) => sum + Number(n), 0);
}

describe("Pacer.leave", () => {
  it("lets a send leave at its booked time, within the second it was counted in", async () => {
    const booking = await pacer.book();
    if (booking.kind !== "go") throw new Error(`booked ${booking.kind}`);
    // The time to leave by ends a 40th of a second before the end of the booked second, or earlier.
    const offset = Date.now() - performance.now();
    const bookedSecond = Math.floor((offset + booking.at) / 1000);
    expect(booking.leaveBy).toBeGreaterThanOrEqual(booking.at);
    expect(offset + booking.leaveBy).toBeLessThanOrEqual((bookedSecond + 1) * 1000 - 25 + 1);
    expect(await pacer.leave(booking)).toEqual({ kind: "go" });
    expect(await counted()).toBe(1);
  });

  it("moves the count of a send that a late timer kept past its second to the second it leaves in", async () => {
    const booking = await pacer.book();
    if (booking.kind !== "go") throw new Error(`booked ${booking.kind}`);
    const next = await redis.get(keys.sendSchedule);
    // As if the event loop was busy for 2 s after booking: the send would reach Telegram in another second.
    const late = { ...booking, at: performance.now() - 2_000, leaveBy: performance.now() - 1_900 };
    const started = Date.now();
    expect(await pacer.leave(late)).toEqual({ kind: "go" });
    // Counted once, in the second it leaves in (or the next, when it was in the last 40th of one).
    const perSecond = Object.entries(await redis.hgetall(keys.bulkPerSecond)).filter(([, n]) => Number(n) !== 0);
    expect(perSecond.map(([, n]) => Number(n))).toEqual([1]);
    const second = Number(perSecond[0]?.[0]);
    expect(second).toBeGreaterThanOrEqual(Math.floor(started / 1000));
    expect(second).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    // It did not take a second turn on the schedule.
    expect(await redis.get(keys.sendSchedule)).toBe(next);
  });

  it("hands back a 429 pause that began while the send waited", async () => {
    const booking = await pacer.book();
    if (booking.kind !== "go") throw new Error(`booked ${booking.kind}`);
    await pacer.rateLimited(2);
    const left = await pacer.leave(booking);
    expect(left.kind).toBe("paused");
  });
});
