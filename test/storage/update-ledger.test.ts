import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpdateLedger } from "../../src/storage/update-ledger.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

let t: TestRedis;
let ledger: UpdateLedger;
beforeAll(async () => {
  t = await startTestRedis();
  ledger = new UpdateLedger(t.redis, t.keys);
});
afterAll(async () => {
  await t.stop();
});

describe("UpdateLedger", () => {
  it("gives a chat's lease to one token at a time, and only its owner renews or frees it", async () => {
    expect(await ledger.claim("501", 1, "a", 10_000)).toBe("taken");
    expect(await ledger.claim("501", 2, "b", 10_000)).toBe("busy");
    // Another chat is not held up.
    expect(await ledger.claim("502", 3, "b", 10_000)).toBe("taken");
    expect(await ledger.renew("501", "b", 10_000)).toBe(false);
    expect(await ledger.renew("501", "a", 20_000)).toBe(true);
    expect(await t.redis.pttl(t.keys.chatLease("501"))).toBeGreaterThan(10_000);
    await ledger.release("501", "b");
    expect(await t.redis.get(t.keys.chatLease("501"))).toBe("a");
    await ledger.release("501", "a");
    expect(await ledger.claim("501", 2, "b", 10_000)).toBe("taken");
    await ledger.release("501", "b");
    await ledger.release("502", "b");
  });

  it("records an update as handled (for a day) as it frees the lease; a claim of it then says so", async () => {
    expect(await ledger.claim("503", 10, "a", 10_000)).toBe("taken");
    await ledger.release("503", "a", 10);
    expect(await t.redis.exists(t.keys.chatLease("503"))).toBe(0);
    expect(await t.redis.ttl(t.keys.updateHandled(10))).toBeGreaterThan(86_000);
    expect(await ledger.claim("503", 10, "b", 10_000)).toBe("handled");
    // Nothing was taken by that claim.
    expect(await t.redis.exists(t.keys.chatLease("503"))).toBe(0);
    // Freed without `handled` (the handling failed): a redelivery may try again.
    expect(await ledger.claim("503", 11, "c", 10_000)).toBe("taken");
    await ledger.release("503", "c");
    expect(await ledger.claim("503", 11, "d", 10_000)).toBe("taken");
    await ledger.release("503", "d", 11);
  });

  it("lets a lease whose owner died run out", async () => {
    expect(await ledger.claim("504", 20, "dead", 200)).toBe("taken");
    expect(await ledger.claim("504", 20, "alive", 10_000)).toBe("busy");
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await ledger.claim("504", 20, "alive", 10_000)).toBe("taken");
    // The dead owner's late release leaves the new owner's lease alone.
    await ledger.release("504", "dead", 20);
    expect(await t.redis.get(t.keys.chatLease("504"))).toBe("alive");
  });
});
