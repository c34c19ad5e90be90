import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckinsRepo } from "../../src/storage/checkins-repo.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

let t: TestRedis;
let repo: CheckinsRepo;
beforeAll(async () => {
  t = await startTestRedis();
  repo = new CheckinsRepo(t.redis, t.keys);
});
afterAll(async () => {
  await t.stop();
});

describe("CheckinsRepo", () => {
  it("counts a person once per place, however many scans arrive at once, keeping the first's time", async () => {
    const results = await Promise.all([1000, 2000, 3000, 4000].map((at) => repo.checkIn("s:zh-admin", 21, at)));
    expect(results.filter((r) => r.first)).toHaveLength(1);
    const firstAt = results.find((r) => r.first)?.at;
    expect(new Set(results.map((r) => r.at))).toEqual(new Set([firstAt]));
    expect(await repo.checkIn("s:zh-admin", 21, 9000)).toEqual({ first: false, at: firstAt });
    // Another place, another person: counted on their own.
    expect(await repo.checkIn("i:d2-visit", 21, 5000)).toEqual({ first: true, at: 5000 });
    expect(await repo.checkIn("s:zh-admin", 22, 6000)).toEqual({ first: true, at: 6000 });
  });

  it("reads attendance per place, leaving out what does not parse", async () => {
    await t.redis.hset(t.keys.checkins("d:2026-12-11"), "23", "7000", "not-a-user", "1", "24", "yesterday");
    const found = await repo.attendance(["s:zh-admin", "d:2026-12-11", "s:nobody-here"]);
    expect([...(found.get("s:zh-admin")?.keys() ?? [])].sort()).toEqual([21, 22]);
    expect(found.get("d:2026-12-11")).toEqual(new Map([[23, 7000]]));
    expect(found.get("s:nobody-here")).toEqual(new Map());
  });

  it("gives a pending check-in once, and refuses a target that is not one", async () => {
    await repo.setPending(31, { target: "s:zh-admin", at: 1234 });
    const [a, b] = await Promise.all([repo.takePending(31), repo.takePending(31)]);
    expect([a, b].filter((p) => p !== undefined)).toEqual([{ target: "s:zh-admin", at: 1234 }]);
    await expect(repo.setPending(31, { target: "x:whatever", at: 1 })).rejects.toThrow();
    await t.redis.set(t.keys.checkinPending(32), "{broken");
    expect(await repo.takePending(32)).toBeUndefined();
  });

  it("deletes a person's check-ins everywhere and their pending one, and no one else's", async () => {
    await repo.setPending(21, { target: "i:d2-visit", at: 1 });
    expect(await repo.deleteUser(21)).toBe(2);
    const found = await repo.attendance(["s:zh-admin", "i:d2-visit"]);
    expect([...(found.get("s:zh-admin")?.keys() ?? [])]).toEqual([22]);
    expect(found.get("i:d2-visit")).toEqual(new Map());
    expect(await repo.takePending(21)).toBeUndefined();
    expect(await t.redis.exists(t.keys.checkinsOf(21))).toBe(0);
  });
});
