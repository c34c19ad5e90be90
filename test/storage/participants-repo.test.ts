import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Participant } from "../../src/domain/participant.js";
import { createLogger } from "../../src/logger.js";
import { ParticipantsRepo } from "../../src/storage/participants-repo.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

let t: TestRedis;
let repo: ParticipantsRepo;
beforeAll(async () => {
  t = await startTestRedis();
  repo = new ParticipantsRepo(t.redis, t.keys, createLogger("silent"));
});
afterAll(async () => {
  await t.stop();
});

function person(id: number, overrides: Partial<Participant> = {}): Participant {
  return {
    id,
    role: "delegate",
    fullName: `Person ${id}`,
    company: "Feal-Technology",
    position: "Director",
    region: "Kaluga",
    tags: ["metallurgy"],
    offer: "Alloys",
    lookingFor: "Buyers",
    reachable: true,
    visible: true,
    registeredAt: "2026-12-01T08:00:00.000Z",
    consentAt: "2026-12-01T08:00:00.000Z",
    ...overrides,
  };
}

describe("ParticipantsRepo", () => {
  it("saves a hash and reads it back exactly, optional fields included", async () => {
    const p = person(1, { phone: "+79991234567", email: "a@b.ru", username: "olga", role: "host", companyDescription: "Heating & <alloys>" });
    await repo.save(p);
    expect(await repo.get(1)).toEqual(p);
    expect(await t.redis.type(t.keys.participant(1))).toBe("hash");
    expect(await repo.get(999)).toBeUndefined();
  });

  it("keeps the role and tag indexes in step with the record", async () => {
    await repo.save(person(2, { tags: ["it", "energy"] }));
    await repo.save(person(3, { role: "host", tags: ["energy"] }));
    expect((await repo.listByTag("energy")).map((p) => p.id)).toEqual([2, 3]);
    await repo.save(person(2, { role: "speaker", speakerId: "gorynin", tags: ["it"] }));
    expect((await repo.listByTag("energy")).map((p) => p.id)).toEqual([3]);
    expect(await t.redis.sismember(t.keys.participantsByTag("energy"), "2")).toBe(0);
    expect(await t.redis.sismember(t.keys.participantsByRole("delegate"), "2")).toBe(0);
    expect((await repo.listByRole("speaker")).map((p) => p.id)).toEqual([2]);
    expect((await repo.listAll()).map((p) => p.id)).toEqual([1, 2, 3]);
  });

  it("treats a record that fails validation as absent and leaves it out of lists", async () => {
    await repo.save(person(4));
    await t.redis.hset(t.keys.participant(4), "tags", "not json");
    expect(await repo.get(4)).toBeUndefined();
    await t.redis.hset(t.keys.participant(4), "tags", "[]", "role", "emperor");
    expect(await repo.get(4)).toBeUndefined();
    expect((await repo.listAll()).map((p) => p.id)).not.toContain(4);
  });

  it("deletes the record and every index entry, even of an unreadable record", async () => {
    await repo.save(person(5, { tags: ["food"], role: "host", companyDescription: "Cheese" }));
    expect(await repo.delete(5)).toMatchObject({ existed: true, participant: { id: 5 } });
    expect(await t.redis.exists(t.keys.participant(5))).toBe(0);
    expect(await t.redis.sismember(t.keys.participantsByTag("food"), "5")).toBe(0);
    expect(await t.redis.sismember(t.keys.participantsByRole("host"), "5")).toBe(0);
    expect(await t.redis.sismember(t.keys.participantsAll, "5")).toBe(0);
    expect(await repo.delete(5)).toEqual({ existed: false });
    expect(await repo.delete(4)).toEqual({ existed: true });
  });

  it("sets reachable only on existing records, reporting a change", async () => {
    await repo.save(person(6));
    expect(await repo.setReachable(6, false)).toBe(true);
    expect(await repo.setReachable(6, false)).toBe(false);
    expect((await repo.get(6))?.reachable).toBe(false);
    expect(await repo.setReachable(777, false)).toBe(false);
    expect(await t.redis.exists(t.keys.participant(777))).toBe(0);
  });

  it("keeps why a participant cannot be reached until they are reachable again", async () => {
    await repo.save(person(7));
    expect(await repo.setReachable(7, false, "deactivated")).toBe(true);
    expect(await repo.get(7)).toMatchObject({ reachable: false, unreachableReason: "deactivated" });
    // A later refusal that does not say why keeps the reason known; one that does replaces it.
    expect(await repo.setReachable(7, false)).toBe(false);
    expect((await repo.get(7))?.unreachableReason).toBe("deactivated");
    expect(await repo.setReachable(7, false, "blocked")).toBe(false);
    expect((await repo.get(7))?.unreachableReason).toBe("blocked");
    expect(await repo.setReachable(7, true)).toBe(true);
    expect(await repo.get(7)).toEqual(person(7));
    expect(await t.redis.hexists(t.keys.participant(7), "unreachableReason")).toBe(0);
  });

  it("reads a record stored with the language it used to hold, without it, and drops it on the next save", async () => {
    await repo.save(person(9));
    await t.redis.hset(t.keys.participant(9), "language", "en");
    const read = await repo.get(9);
    expect(read).toEqual(person(9));
    expect(read).not.toHaveProperty("language");
    expect((await repo.listAll()).find((p) => p.id === 9)).toEqual(person(9));
    await repo.save({ ...person(9), company: "Feal Alloys" });
    expect(await t.redis.hexists(t.keys.participant(9), "language")).toBe(0);
  });

  it("answers roleOf from the record, else from an invite's grant", async () => {
    expect(await repo.roleOf(8)).toBeUndefined();
    await repo.grantRole(8, { role: "organiser", at: 1 });
    expect(await repo.roleOf(8)).toEqual({ role: "organiser" });
    await repo.save(person(8, { role: "speaker", speakerId: "kolpakov" }));
    expect(await repo.roleOf(8)).toEqual({ role: "speaker", speakerId: "kolpakov" });
    expect(await repo.deleteGrant(8)).toBe(true);
    expect(await repo.deleteGrant(8)).toBe(false);
  });

  it("keeps one snapshot of everyone until any process saves or deletes someone", async () => {
    const other = new ParticipantsRepo(t.redis, t.keys, createLogger("silent")); // another bot process
    await repo.save(person(20));
    const first = await repo.snapshot();
    expect(await repo.snapshot()).toBe(first);
    expect(first.get(20)).toEqual(person(20));
    expect(first.all.map((p) => p.id)).toEqual((await repo.listAll()).map((p) => p.id));
    expect(Object.isFrozen(first.get(20)) && Object.isFrozen(first.get(20)?.tags)).toBe(true);
    await other.save(person(20, { offer: "Sensors" }));
    const second = await repo.snapshot();
    expect(second).not.toBe(first);
    expect(second.get(20)?.offer).toBe("Sensors");
    await other.delete(20);
    expect((await repo.snapshot()).get(20)).toBeUndefined();
  });

  it("after a change reads again only who changed, and everyone once the change log no longer reaches back", async () => {
    const other = new ParticipantsRepo(t.redis, t.keys, createLogger("silent")); // another bot process
    await repo.save(person(30));
    await repo.save(person(31));
    await repo.save(person(35));
    const first = await repo.snapshot();
    const listAll = vi.spyOn(repo, "listAll");
    await other.save(person(31, { offer: "Lidars" }));
    await other.save(person(32));
    await other.delete(30);
    // Who left is not kept in the change log (privacy), only that someone did: readers drop them all the same.
    const logged = await t.redis.xrange(t.keys.participantsChanges, "-", "+");
    expect(logged.flatMap(([, fields]) => fields)).not.toContain("30");
    const second = await repo.snapshot();
    expect(listAll).not.toHaveBeenCalled();
    expect(second.get(31)?.offer).toBe("Lidars");
    expect(second.get(32)).toEqual(person(32));
    expect(second.get(30)).toBeUndefined();
    expect(second.all.map((p) => p.id)).toEqual((await repo.listAll()).map((p) => p.id));
    listAll.mockClear();
    // Someone nobody changed is the very record of the copy before.
    expect(second.get(35)).toBe(first.get(35));

    await other.save(person(33));
    await other.save(person(34, { offer: "Drones" }));
    // The log trimmed past this process's copy (it kept about the last thousand changes, and this process slept).
    const log = await t.redis.xrange(t.keys.participantsChanges, "-", "+");
    await t.redis.xtrim(t.keys.participantsChanges, "MINID", log.at(-1)?.[0] ?? "0");
    const third = await repo.snapshot();
    expect(listAll).toHaveBeenCalledTimes(1);
    expect(third.get(34)?.offer).toBe("Drones");
    expect(third.get(33)).toEqual(person(33));
  });

  it("lists everyone past a key Redis refuses to read as a record (a hand edit)", async () => {
    await repo.save(person(40));
    await repo.save(person(41));
    await t.redis.del(t.keys.participant(40));
    await t.redis.set(t.keys.participant(40), "not a hash");
    expect((await repo.listAll()).map((p) => p.id)).toContain(41);
    expect((await repo.listAll()).map((p) => p.id)).not.toContain(40);
    await t.redis.del(t.keys.participant(40));
    await repo.delete(40);
  });

  it("keeps a registration draft with an expiry and validates it on read", async () => {
    await repo.saveDraft(9, { consentAt: "2026-12-01T08:00:00.000Z", fullName: "Olga" });
    expect(await repo.getDraft(9)).toEqual({ consentAt: "2026-12-01T08:00:00.000Z", fullName: "Olga" });
    expect(await t.redis.ttl(t.keys.registrationDraft(9))).toBeGreaterThan(0);
    await t.redis.set(t.keys.registrationDraft(9), "{broken");
    expect(await repo.getDraft(9)).toBeUndefined();
    expect(await repo.deleteDraft(9)).toBe(true);
  });
});
