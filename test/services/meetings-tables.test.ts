import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newRequest, transition, type MeetingRequest, type SlotRange } from "../../src/domain/meetings/request.js";
import type { Participant } from "../../src/domain/participant.js";
import type { MeetingSettings } from "../../src/domain/mission/schema.js";
import { parseMission } from "../../src/content/load-mission.js";
import { sampleYaml } from "../helpers/mission-file.js";
import { createLogger } from "../../src/logger.js";
import { MeetingsService, type MeetingNotifier } from "../../src/services/meetings.js";
import { MeetingsRepo } from "../../src/storage/meetings-repo.js";
import { ParticipantsRepo } from "../../src/storage/participants-repo.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

// B2B tables against a real Redis: the service gives a table out with the accept's own compare-and-set,
// so meetings accepted at the same moment never share one.

const T0 = Date.UTC(2026, 11, 10, 2, 0);
const MIN = 60_000;
const SESSION: SlotRange[] = Array.from({ length: 3 }, (_, i) => ({ start: T0 + 120 * MIN + i * 20 * MIN, end: T0 + 140 * MIN + i * 20 * MIN }));
const ELSEWHERE: SlotRange = { start: T0 + 300 * MIN, end: T0 + 320 * MIN };
const slot = (i: number): SlotRange => SESSION[i] ?? { start: 0, end: 0 };
const TABLES = 3;

const silentNotifier: MeetingNotifier = {
  send: () => Promise.resolve({ ok: true, messageId: 1 }),
  retract: () => Promise.resolve(true),
};

let t: TestRedis;
let participants: ParticipantsRepo;
let repo: MeetingsRepo;
let service: MeetingsService;
let settings: MeetingSettings;

beforeAll(async () => {
  settings = parseMission(await sampleYaml()).meetings;
  t = await startTestRedis();
  participants = new ParticipantsRepo(t.redis, t.keys, createLogger("silent"));
  repo = new MeetingsRepo(t.redis, t.keys, createLogger("silent"));
  service = new MeetingsService({
    repo,
    participants,
    notifier: silentNotifier,
    // The sample programme's settings, whatever fields the section has.
    settings: () => settings,
    slots: () => [...SESSION, ELSEWHERE],
    // The session's slots have three tables; ELSEWHERE lies in a session without any.
    tables: (s) => (SESSION.some((x) => x.start === s.start) ? { item: "d1-b2b", count: TABLES } : undefined),
    now: () => T0,
    logger: createLogger("silent"),
  });
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  const keys = await t.all();
  if (keys.length > 0) await t.redis.del(...keys);
});

let nextPerson = 3000;
async function person(role: Participant["role"]): Promise<Participant> {
  const id = nextPerson++;
  const p: Participant = {
    id,
    role,
    fullName: `Person ${id}`,
    company: `Company ${id}`,
    position: "Director",
    region: "Krasnoyarsk",
    tags: ["mining"],
    offer: "Excavators",
    lookingFor: "Mines",
    reachable: true,
    visible: true,
    registeredAt: "2026-12-01T08:00:00.000Z",
    consentAt: "2026-12-01T08:00:00.000Z",
  };
  await participants.save(p);
  return p;
}

/** A delegate's request to a new host at `s`, waiting for the host's answer. */
async function pair(s: SlotRange | null): Promise<{ delegate: Participant; host: Participant; request: MeetingRequest }> {
  const [delegate, host] = [await person("delegate"), await person("host")];
  const asked = await service.request({ from: delegate.id, to: host.id, slot: s, message: "Shall we meet?" });
  if (!asked.ok) throw new Error(`request refused: ${asked.reason}`);
  return { delegate, host, request: asked.request };
}

async function accept(p: { host: Participant; request: MeetingRequest }): Promise<MeetingRequest> {
  const acted = await service.act(p.host.id, p.request.id, { type: "accept" });
  if (!acted.ok) throw new Error(`accept refused: ${acted.reason}`);
  return acted.request;
}

/** The slot's tables hash as stored: table number → meeting id. */
function held(s: SlotRange): Promise<Record<string, string>> {
  return t.redis.hgetall(t.keys.meetingTables("d1-b2b", s.start));
}

describe("B2B tables", () => {
  it("never seats two meetings at one table: eight accepted at the same moment in a slot of three tables", async () => {
    const pairs = await Promise.all(Array.from({ length: 8 }, () => pair(slot(0))));
    const accepted = await Promise.all(pairs.map((p) => accept(p)));
    expect(accepted.every((r) => r.state === "accepted")).toBe(true);
    const numbers = accepted.map((r) => r.table?.n);
    // Every table once, the other five meetings agreed all the same and sent to the desk.
    expect(numbers.filter((n) => n !== null).sort()).toEqual([1, 2, 3]);
    expect(numbers.filter((n) => n === null)).toHaveLength(5);
    expect(accepted.every((r) => r.table?.item === "d1-b2b")).toBe(true);
    // The stored records and the slot's hash agree: each table is held by the meeting it was given to.
    const stored = (await repo.getMany(accepted.map((r) => r.id))).map((s) => s.request);
    const seated = Object.fromEntries(stored.filter((r) => r.table?.n != null).map((r) => [String(r.table?.n), r.id]));
    expect(await held(slot(0))).toEqual(seated);
  });

  it("frees a table when its meeting is cancelled or a side deletes their data, and the next meeting takes it", async () => {
    const [a, b] = [await pair(slot(1)), await pair(slot(1))];
    expect((await accept(a)).table).toEqual({ item: "d1-b2b", n: 1 });
    expect((await accept(b)).table).toEqual({ item: "d1-b2b", n: 2 });
    const cancelled = await service.act(a.delegate.id, a.request.id, { type: "cancel" });
    expect(cancelled).toMatchObject({ ok: true, event: "cancelled" });
    expect(await held(slot(1))).toEqual({ "2": b.request.id });
    const c = await pair(slot(1));
    expect((await accept(c)).table).toEqual({ item: "d1-b2b", n: 1 });
    await service.erase(b.host.id);
    expect(await held(slot(1))).toEqual({ "1": c.request.id });
    const d = await pair(slot(1));
    expect((await accept(d)).table).toEqual({ item: "d1-b2b", n: 2 });
    // Another slot of the session has all its tables free.
    expect((await accept(await pair(slot(2)))).table).toEqual({ item: "d1-b2b", n: 1 });
  });

  it("seats nobody outside a session with tables, or for 'any time'", async () => {
    expect((await accept(await pair(ELSEWHERE))).table).toBeUndefined();
    expect((await accept(await pair(null))).table).toBeUndefined();
    expect(await t.all()).not.toEqual(expect.arrayContaining([expect.stringContaining("meetings:tables:")]));
  });

  it("the repository refuses a second meeting claiming a table already held, even when both are written at once", async () => {
    const seated = async (i: number) => {
      const r = newRequest({ id: `tbl${i}aaaaaa`, from: 10 + i, to: 20 + i, slot: slot(0), message: "Hi", now: T0, delivered: true });
      expect(await repo.create(r, T0, {})).toBe("ok");
      const stored = await repo.get(r.id);
      const accepted = transition(r, r.to, { type: "accept" }, T0);
      if (!stored || !accepted.ok) throw new Error("setup");
      return { stored, next: { ...accepted.request, table: { item: "d1-b2b", n: 1 } } };
    };
    const [x, y] = [await seated(1), await seated(2)];
    const results = await Promise.all([repo.update(x.stored, x.next, T0), repo.update(y.stored, y.next, T0)]);
    expect([...results].sort()).toEqual(["conflict", "ok"]);
    const [winner, loserOf] = results[0] === "ok" ? [x, y] : [y, x];
    expect(await held(slot(0))).toEqual({ "1": winner.next.id });
    // The record that lost was not written at all: still pending, no table.
    const loser = await repo.get(loserOf.stored.request.id);
    expect(loser?.request).toMatchObject({ state: "pending" });
    expect(loser?.request.table).toBeUndefined();
  });
});
