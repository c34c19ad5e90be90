import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { createLogger } from "../../src/logger.js";
import { BroadcastsRepo, type BroadcastSpec } from "../../src/storage/broadcasts-repo.js";
import { createKeys } from "../../src/storage/keys.js";
import { SendSchedule } from "../../src/storage/send-schedule.js";
import { deleteKeysUnder } from "../helpers/prefix.js";

const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
const keys = createKeys(prefix);
let redis: Redis;
let repo: BroadcastsRepo;
let schedule: SendSchedule;

const spec: BroadcastSpec = {
  audience: { kind: "all" },
  versions: { ru: { kind: "text", html: "Автобус" } },
  summary: "Автобус",
  createdBy: 1,
  chatId: 1,
  progressMessageId: 5,
  locale: "ru",
  createdAt: 1_700_000_000_000,
};

beforeAll(() => {
  redis = new Redis(inject("redisUrl"));
  repo = new BroadcastsRepo(redis, keys, createLogger("silent"));
  schedule = new SendSchedule(redis, keys);
});
afterAll(async () => {
  await deleteKeysUnder(redis, prefix);
  redis.disconnect();
});

describe("BroadcastsRepo", () => {
  it("creates a broadcast with every recipient pending, once each, and lists it", async () => {
    const id = await repo.create(spec, [
      { chatId: 10, locale: "ru" },
      { chatId: 11, locale: "en" },
      { chatId: 10, locale: "ru" },
    ]);
    const b = await repo.get(id);
    expect(b).toMatchObject({ id, status: "sending", counts: { total: 2, sent: 0, unreachable: 0, failed: 0, cancelled: 0, blocked: 0, notStarted: 0, deactivated: 0 }, enqueued: false, reported: false });
    expect(b?.spec).toEqual(spec);
    expect(await repo.unsettled(id)).toEqual(expect.arrayContaining([{ chatId: 10, locale: "ru" }, { chatId: 11, locale: "en" }]));
    expect(await repo.openIds()).toContain(id);
    expect((await repo.list(5)).map((x) => x.id)).toContain(id);
  });

  it("settles the recipients known to be unreachable at once, counted by reason, and never hands them out to send", async () => {
    const id = await repo.create(spec, [
      { chatId: 50, locale: "ru" },
      { chatId: 51, locale: "en", unreachable: "blocked" },
      { chatId: 52, locale: "ru", unreachable: "deactivated" },
      { chatId: 53, locale: "ru" },
    ]);
    expect((await repo.get(id))?.counts).toEqual({ total: 4, sent: 0, unreachable: 2, failed: 0, cancelled: 0, blocked: 1, notStarted: 0, deactivated: 1 });
    expect(await repo.deliveryStates(id)).toEqual(new Map([[50, "pending"], [51, "unreachable"], [52, "unreachable"], [53, "pending"]]));
    expect((await repo.unsettled(id)).map((r) => r.chatId).sort()).toEqual([50, 53]);
    expect(await repo.claim(id, 51)).toEqual({ kind: "skip", state: "unreachable" });
    // One found out while sending is counted under its reason too.
    await repo.claim(id, 53);
    expect(await repo.move(id, 53, "unreachable", "notStarted")).toEqual({ applied: true, previous: "sending", left: 1 });
    expect((await repo.get(id))?.counts).toMatchObject({ unreachable: 3, blocked: 1, notStarted: 1, deactivated: 1 });
  });

  it("claims a recipient, settles and counts them exactly once", async () => {
    const id = await repo.create(spec, [{ chatId: 20, locale: "ru" }]);
    expect(await repo.claim(id, 20)).toEqual({ kind: "go", previous: "pending" });
    expect(await repo.move(id, 20, "sent")).toEqual({ applied: true, previous: "sending", left: 0 });
    expect(await repo.move(id, 20, "sent")).toMatchObject({ applied: false, previous: "sent" });
    expect(await repo.claim(id, 20)).toEqual({ kind: "skip", state: "sent" });
    expect((await repo.get(id))?.counts).toMatchObject({ total: 1, sent: 1 });
  });

  it("holds every claim while a retry_after runs, and never shortens the pause", async () => {
    const id = await repo.create(spec, [{ chatId: 30, locale: "ru" }]);
    await schedule.pause(5_000);
    await schedule.pause(1_000);
    const paused = await repo.claim(id, 30);
    expect(paused.kind).toBe("paused");
    expect(paused.kind === "paused" && paused.ms > 4_000).toBe(true);
    await redis.del(keys.sendPause);
    expect(await repo.claim(id, 30)).toEqual({ kind: "go", previous: "pending" });
    // A worker died mid-send: the next claim takes the recipient again.
    expect(await repo.claim(id, 30)).toEqual({ kind: "go", previous: "sending" });
  });

  it("stops a broadcast: pending recipients cancelled and counted, a send in flight finishes", async () => {
    const id = await repo.create(spec, [40, 41, 42, 43].map((chatId) => ({ chatId, locale: "ru" as const })));
    await repo.claim(id, 40);
    await repo.move(id, 40, "sent");
    await repo.claim(id, 41);
    const result = await repo.cancel(id);
    expect(result.ok && result.cancelled.sort()).toEqual([42, 43]);
    expect(await repo.cancel(id)).toEqual({ ok: false, status: "cancelled" });
    expect(await repo.move(id, 41, "sent")).toEqual({ applied: true, previous: "sending", left: 0 });
    expect((await repo.get(id))?.counts).toEqual({ total: 4, sent: 2, unreachable: 0, failed: 0, cancelled: 2, blocked: 0, notStarted: 0, deactivated: 0 });
    expect(await repo.finish(id, "cancelled", 123)).toBe(true);
    expect(await repo.finish(id, "cancelled", 456)).toBe(false);
    expect(await repo.get(id)).toMatchObject({ status: "cancelled", finishedAt: 123 });
    expect(await repo.openIds()).not.toContain(id);
  });

  it("cancels a stale send of a stopped broadcast when it is claimed again", async () => {
    const id = await repo.create(spec, [{ chatId: 50, locale: "ru" }]);
    await repo.claim(id, 50);
    await repo.cancel(id);
    await redis.del(keys.chatSlot(50));
    expect(await repo.claim(id, 50)).toEqual({ kind: "skip", state: "cancelled" });
    expect((await repo.get(id))?.counts.cancelled).toBe(1);
  });

  it("forgets a person everywhere: a settled receipt leaves its count, a pending one counts as not sent", async () => {
    const done = await repo.create(spec, [{ chatId: 60, locale: "ru" }, { chatId: 61, locale: "en" }]);
    await repo.claim(done, 60);
    await repo.move(done, 60, "sent");
    const open = await repo.create(spec, [{ chatId: 60, locale: "ru" }, { chatId: 62, locale: "ru" }]);
    expect(await repo.forget(60)).toBe(true);
    expect(await repo.forget(60)).toBe(false);
    expect(await redis.hkeys(keys.broadcastDeliveries(done))).toEqual(["61"]);
    expect(await redis.hkeys(keys.broadcastLocales(open))).toEqual(["62"]);
    expect((await repo.get(done))?.counts).toMatchObject({ total: 2, sent: 1, cancelled: 0 });
    expect((await repo.get(open))?.counts).toMatchObject({ total: 2, sent: 0, cancelled: 1 });
    expect(await repo.claim(open, 60)).toEqual({ kind: "skip", state: undefined });
  });

  it("ignores a stored broadcast that no longer fits the schema", async () => {
    await redis.hset(keys.broadcast(999), { spec: "{not json", status: "sending", total: "1" });
    expect(await repo.get(999)).toBeUndefined();
  });
});
