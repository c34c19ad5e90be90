import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyOutcome, type Question } from "../../src/domain/outcomes/outcome.js";
import { createLogger } from "../../src/logger.js";
import { OutcomesRepo, parseQuestionMember, questionMember } from "../../src/storage/outcomes-repo.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

let r: TestRedis;
let repo: OutcomesRepo;
beforeAll(async () => {
  r = await startTestRedis();
  repo = new OutcomesRepo(r.redis, r.keys, createLogger("silent"));
});
afterAll(async () => {
  await r.stop();
});

const T0 = Date.parse("2026-12-10T08:00:00Z");

describe("outcomes in Redis", () => {
  it("writes a side's record only over what was read, with its questions, all at once", async () => {
    const first = { ...emptyOutcome("abc123def456", 501, T0), met: "yes" as const, rev: 1 };
    const followUp: Question = { kind: "follow-up", meetingId: "abc123def456", userId: 501, days: 30, at: T0 + 1000 };
    expect(await repo.commit(undefined, first, [followUp])).toBe("ok");
    // A second writer that read nothing (a double tap) loses.
    expect(await repo.commit(undefined, { ...first, met: "no" }, [])).toBe("conflict");
    const stored = await repo.get("abc123def456", 501);
    expect(stored?.outcome).toEqual(first);
    expect(await repo.meetingsOf(501)).toEqual(["abc123def456"]);
    expect(await repo.due(T0 + 999, 10)).toEqual([]);
    expect(await repo.due(T0 + 1000, 10)).toEqual([followUp]);
    // Over what was read: the record changes and the question goes off the schedule together.
    expect(await repo.commit(stored, { ...first, met: "no", rev: 2 }, [], [followUp])).toBe("ok");
    expect(await repo.commit(stored, { ...first, met: "later", rev: 2 })).toBe("conflict");
    expect((await repo.get("abc123def456", 501))?.outcome.met).toBe("no");
    expect(await repo.scheduled()).toBe(0);
  });

  it("keeps the schedule by due time, earliest first; a member names its question and due time", async () => {
    const ask = (userId: number, at: number): Question => ({ kind: "ask", n: 0, meetingId: "fed654cba321", userId, at });
    await repo.schedule([ask(2, T0 + 20), ask(1, T0 + 10), ask(1, T0 + 10)]);
    expect(await repo.due(T0 + 100, 10)).toEqual([ask(1, T0 + 10), ask(2, T0 + 20)]);
    expect(await repo.due(T0 + 100, 1)).toEqual([ask(1, T0 + 10)]);
    // The same question put off is another member: taking the old one off leaves the new one.
    await repo.schedule([ask(1, T0 + 5000)]);
    await repo.unschedule([ask(1, T0 + 10), ask(2, T0 + 20)]);
    expect(await repo.due(T0 + 10_000, 10)).toEqual([ask(1, T0 + 5000)]);
    expect(parseQuestionMember(questionMember(ask(7, T0)))).toEqual(ask(7, T0));
    // Something that is no question is dropped from the schedule when read.
    await r.redis.zadd(r.keys.outcomesDue, T0, "garbage");
    expect(await repo.due(T0 + 10_000, 10)).toEqual([ask(1, T0 + 5000)]);
    expect(await r.redis.zscore(r.keys.outcomesDue, "garbage")).toBeNull();
  });

  it("ignores a record that fails validation and forgets every record of a user with their index", async () => {
    await r.redis.set(r.keys.outcome("bad000000001", 501), JSON.stringify({ meetingId: "bad000000001", userId: 501, rev: -1 }));
    expect(await repo.get("bad000000001", 501)).toBeUndefined();
    await repo.commit(undefined, emptyOutcome("abc123def456", 502, T0));
    const both = await repo.getMany([
      { meetingId: "abc123def456", userId: 501 },
      { meetingId: "abc123def456", userId: 502 },
      { meetingId: "bad000000001", userId: 501 },
    ]);
    expect([...both.keys()]).toEqual(["abc123def456:501", "abc123def456:502"]);
    const mine: Question = { kind: "follow-up", meetingId: "abc123def456", userId: 501, days: 30, at: T0 };
    const theirs: Question = { kind: "follow-up", meetingId: "abc123def456", userId: 502, days: 30, at: T0 };
    await repo.schedule([mine, theirs, { kind: "ask", meetingId: "abc123def456", userId: 501, n: 1, at: T0 }]);
    expect(await repo.forget(501)).toBe(1);
    expect(await repo.due(T0, 10)).toEqual([theirs]);
    expect(await r.redis.exists(r.keys.outcome("abc123def456", 501), r.keys.outcomesOf(501))).toBe(0);
    expect(await repo.get("abc123def456", 502)).toBeDefined();
  });
});
