import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { erase, markDelivered, newRequest, transition, type MeetingRequest } from "../../src/domain/meetings/request.js";
import type { Participant } from "../../src/domain/participant.js";
import { createLogger } from "../../src/logger.js";
import { MeetingsRepo } from "../../src/storage/meetings-repo.js";
import { ParticipantsRepo } from "../../src/storage/participants-repo.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

let t: TestRedis;
let repo: MeetingsRepo;
let participants: ParticipantsRepo;
beforeAll(async () => {
  t = await startTestRedis();
  repo = new MeetingsRepo(t.redis, t.keys, createLogger("silent"));
  participants = new ParticipantsRepo(t.redis, t.keys, createLogger("silent"));
});
afterAll(async () => {
  await t.stop();
});

const T0 = Date.UTC(2026, 11, 10, 3, 0);
let nextId = 0;
function request(from: number, to: number, overrides: Partial<MeetingRequest> = {}): MeetingRequest {
  return { ...newRequest({ id: `req${String(++nextId).padStart(4, "0")}`, from, to, slot: null, message: "Hello", now: T0, delivered: false }), ...overrides };
}

async function seed(id: number): Promise<void> {
  const p: Participant = {
    id, role: "delegate", fullName: `P${id}`, company: "C", position: "Director", region: "Kaluga", tags: ["it"], offer: "x", lookingFor: "y",
    reachable: true, visible: true, registeredAt: "2026-12-01T08:00:00.000Z", consentAt: "2026-12-01T08:00:00.000Z",
  };
  await participants.save(p);
}

const members = (key: string) => t.redis.zrange(key, 0, -1);

describe("MeetingsRepo", () => {
  it("stores a request with its indexes and reads it back exactly", async () => {
    const r = request(11, 12);
    expect(await repo.create(r, T0)).toBe("ok");
    expect((await repo.get(r.id))?.request).toEqual(r);
    expect(await members(t.keys.meetingsOut(11))).toEqual([r.id]);
    expect(await members(t.keys.meetingsIn(12))).toEqual([r.id]);
    expect(await members(t.keys.meetingsPair(12, 11))).toEqual([r.id]);
    expect(await repo.waiting(12)).toEqual([r.id]);
    expect(await repo.digestDue(T0)).not.toContain(r.id);
    // A second create with the same id does not overwrite.
    expect(await repo.create({ ...r, message: "other" }, T0)).toBe("conflict");
    expect((await repo.get(r.id))?.request.message).toBe("Hello");
  });

  it("writes a change only over the state it was computed from (compare-and-set)", async () => {
    const r = request(21, 22, { delivered: true });
    await repo.create(r, T0);
    const stored = await repo.get(r.id);
    if (!stored) throw new Error("missing");
    const accept = transition(stored.request, 22, { type: "accept" }, T0 + 1);
    const withdraw = transition(stored.request, 21, { type: "cancel" }, T0 + 1);
    if (!accept.ok || !withdraw.ok) throw new Error("unexpected refusal");
    const results = await Promise.all([repo.update(stored, accept.request, T0 + 1), repo.update(stored, withdraw.request, T0 + 1)]);
    expect(results.sort()).toEqual(["conflict", "ok"]);
    const final = (await repo.get(r.id))?.request;
    expect(final?.history.map((h) => h.action)).toHaveLength(2);
  });

  it("moves a request between the waiting and digest indexes as it is shown and answered", async () => {
    const r = request(31, 32);
    await repo.create(r, T0);
    let stored = await repo.get(r.id);
    if (!stored) throw new Error("missing");
    const shown = markDelivered(stored.request, 5, T0 + 10);
    if (!shown) throw new Error("not marked");
    expect(await repo.update(stored, shown, T0 + 10)).toBe("ok");
    expect(await repo.waiting(32)).toEqual([]);
    expect(await repo.digestDue(T0 + 10)).toContain(r.id);
    expect(await t.redis.zscore(t.keys.meetingsDigestDue, r.id)).toBe(String(T0 + 10));
    stored = await repo.get(r.id);
    if (!stored) throw new Error("missing");
    const declined = transition(stored.request, 32, { type: "decline", reason: "busy" }, T0 + 20);
    if (!declined.ok) throw new Error("refused");
    await repo.update(stored, declined.request, T0 + 20);
    expect(await repo.digestDue(T0 + 100)).not.toContain(r.id);
    // The request stays in both people's lists and the pair's history.
    expect(await members(t.keys.meetingsOut(31))).toEqual([r.id]);
    expect(await members(t.keys.meetingsPair(31, 32))).toEqual([r.id]);
  });

  it("fails a write whose guards moved since they were read, and moves only the guards a change affects", async () => {
    const guards = await repo.guards([{ kind: "outgoing", user: 41 }, { kind: "pair", a: 41, b: 42 }]);
    // A request from someone else to 42 moves nothing that 41's request checked.
    expect(await repo.create(request(44, 42), T0)).toBe("ok");
    expect(await repo.guards([{ kind: "outgoing", user: 41 }, { kind: "pair", a: 42, b: 41 }])).toEqual(guards);
    expect(await repo.create(request(41, 43), T0)).toBe("ok"); // 41 has one more pending request
    expect(await repo.create(request(41, 42), T0, { guards })).toBe("conflict");
    const fresh = await repo.guards([{ kind: "outgoing", user: 41 }, { kind: "pair", a: 41, b: 42 }]);
    expect(await repo.create(request(41, 42), T0, { guards: fresh })).toBe("ok");
    // Accepting moves both people's meetings guards; a delivery mark moves none.
    const stored = (await repo.outgoing(44))[0];
    if (!stored) throw new Error("missing");
    const before = await repo.guards([{ kind: "accepted", user: 44 }, { kind: "accepted", user: 42 }, { kind: "pair", a: 44, b: 42 }]);
    const shown = markDelivered(stored.request, 9, T0);
    if (!shown) throw new Error("not marked");
    await repo.update(stored, shown, T0);
    expect(await repo.guards([{ kind: "accepted", user: 44 }, { kind: "accepted", user: 42 }, { kind: "pair", a: 44, b: 42 }])).toEqual(before);
    const again = await repo.get(stored.request.id);
    const accepted = again && transition(again.request, 42, { type: "accept" }, T0);
    if (!again || !accepted?.ok) throw new Error("refused");
    await repo.update(again, accepted.request, T0);
    const after = await repo.guards([{ kind: "accepted", user: 44 }, { kind: "accepted", user: 42 }, { kind: "pair", a: 44, b: 42 }]);
    expect([...after.values()]).not.toEqual([...before.values()]);
    expect([...after.values()].filter((v, i) => v === [...before.values()][i])).toEqual([]);
  });

  it("keeps each side's agreed meetings in an index by start, and drops one that is cancelled", async () => {
    const slot = { start: T0 + 3_600_000, end: T0 + 4_800_000 };
    const r = request(81, 82, { delivered: true, slot });
    await repo.create(r, T0);
    let stored = await repo.get(r.id);
    const accepted = stored && transition(stored.request, 82, { type: "accept" }, T0);
    if (!stored || !accepted?.ok) throw new Error("refused");
    await repo.update(stored, accepted.request, T0);
    expect(await t.redis.zrange(t.keys.meetingsAccepted(81), 0, -1, "WITHSCORES")).toEqual([r.id, String(slot.start)]);
    expect((await repo.accepted(82)).map((s) => s.request.id)).toEqual([r.id]);
    stored = await repo.get(r.id);
    const cancelled = stored && transition(stored.request, 81, { type: "cancel" }, T0);
    if (!stored || !cancelled?.ok) throw new Error("refused");
    await repo.update(stored, cancelled.request, T0);
    expect(await repo.accepted(81)).toEqual([]);
    expect(await t.redis.exists(t.keys.meetingsAccepted(82))).toBe(0);
  });

  it("refuses a write that needs someone present who is not registered, or is leaving", async () => {
    await seed(51);
    await seed(52);
    expect(await repo.create(request(51, 59), T0, { present: [51, 59] })).toBe("gone");
    await repo.markLeaving(52, 30);
    expect(await repo.create(request(51, 52), T0, { present: [51, 52] })).toBe("gone");
    expect(await repo.create(request(52, 51), T0, { present: [52, 51] })).toBe("gone");
    expect(await t.redis.exists(t.keys.meeting(`req${String(nextId).padStart(4, "0")}`))).toBe(0);
  });

  it("takes an erased person out of every index and leaves the other side's", async () => {
    const r = request(61, 62, { delivered: true });
    await repo.create(r, T0);
    const stored = await repo.get(r.id);
    if (!stored) throw new Error("missing");
    await repo.update(stored, erase(stored.request, 61, T0 + 1).request, T0 + 1);
    await repo.forgetUser(61, [62]);
    expect(await members(t.keys.meetingsOut(61))).toEqual([]);
    expect(await members(t.keys.meetingsPair(61, 62))).toEqual([]);
    expect(await members(t.keys.meetingsIn(62))).toEqual([r.id]);
    expect(await t.redis.exists(t.keys.meetingsGuardPair(61, 62), t.keys.meetingsGuardOut(61))).toBe(0);
    const keys = await t.all();
    expect(keys.filter((k) => k.includes(":61"))).toEqual([]);
  });

  it("ignores (and logs) a record that does not parse, and lets one process deliver at a time", async () => {
    await t.redis.set(t.keys.meeting("broken000001"), "{not json");
    await t.redis.zadd(t.keys.meetingsOut(71), 1, "broken000001");
    expect(await repo.get("broken000001")).toBeUndefined();
    expect(await repo.outgoing(71)).toEqual([]);
    expect(await repo.lockDelivery("abc123", 5_000)).toBe(true);
    expect(await repo.lockDelivery("abc123", 5_000)).toBe(false);
    await repo.unlockDelivery("abc123");
    expect(await repo.lockDelivery("abc123", 5_000)).toBe(true);
  });
});
