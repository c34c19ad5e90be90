import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invite } from "../../src/domain/invite.js";
import { createLogger } from "../../src/logger.js";
import { InvitesRepo } from "../../src/storage/invites-repo.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

let t: TestRedis;
let repo: InvitesRepo;
beforeAll(async () => {
  t = await startTestRedis();
  repo = new InvitesRepo(t.redis, t.keys, createLogger("silent"));
});
afterAll(async () => {
  await t.stop();
});

const NOW = Date.now();
let n = 0;
function invite(overrides: Partial<Invite> = {}): Invite {
  n += 1;
  return {
    token: `token${String(n).padStart(17, "0")}`,
    role: "host",
    maxUses: 1,
    uses: 0,
    expiresAt: NOW + 3_600_000,
    createdBy: 1,
    createdAt: NOW + n,
    revoked: false,
    ...overrides,
  };
}

describe("InvitesRepo", () => {
  it("stores and reads an invite", async () => {
    const i = invite({ role: "speaker", speakerId: "pashchenko" });
    await repo.create(i);
    expect(await repo.get(i.token)).toEqual(i);
    expect(await repo.get("nosuchtoken0000000000x")).toBeUndefined();
  });

  it("lets a user redeem once, again without using up, and refuses the next user when used up", async () => {
    const i = invite();
    await repo.create(i);
    expect(await repo.redeem(i.token, 10, NOW)).toBe("ok");
    expect(await repo.redeem(i.token, 10, NOW)).toBe("again");
    expect(await repo.redeem(i.token, 11, NOW)).toBe("used-up");
    expect((await repo.get(i.token))?.uses).toBe(1);
  });

  it("refuses expired, revoked and unknown links", async () => {
    const old = invite({ expiresAt: NOW - 1 });
    await repo.create(old);
    expect(await repo.redeem(old.token, 10, NOW)).toBe("expired");
    const revoked = invite();
    await repo.create(revoked);
    expect(await repo.revoke(revoked.token)).toBe(true);
    expect(await repo.redeem(revoked.token, 10, NOW)).toBe("revoked");
    expect(await repo.redeem("nosuchtoken0000000000x", 10, NOW)).toBe("missing");
    expect(await repo.revoke("nosuchtoken0000000000x")).toBe(false);
  });

  it("never gives more uses than the limit, however many redeem at once", async () => {
    const i = invite({ maxUses: 3 });
    await repo.create(i);
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, k) => repo.redeem(i.token, 100 + k, NOW)));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "used-up")).toHaveLength(37);
    expect((await repo.get(i.token))?.uses).toBe(3);
  });

  it("forgets a redeemer everywhere and keeps the counts", async () => {
    const i = invite({ maxUses: 2 });
    await repo.create(i);
    await repo.redeem(i.token, 55, NOW);
    await repo.forgetRedeemer(55);
    expect(await t.redis.sismember(t.keys.inviteRedeemers(i.token), "55")).toBe(0);
    expect((await repo.get(i.token))?.uses).toBe(1);
  });

  it("lists invites newest first and lets stored records expire after the keeping time", async () => {
    const list = await repo.list();
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(list.map((i) => i.createdAt)).toEqual([...list.map((i) => i.createdAt)].sort((a, b) => b - a));
    const i = invite();
    await repo.create(i);
    const ttl = await t.redis.pttl(t.keys.invite(i.token));
    expect(ttl).toBeGreaterThan(3_600_000);
  });
});
