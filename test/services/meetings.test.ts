import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SlotRange } from "../../src/domain/meetings/request.js";
import type { MeetingSettings } from "../../src/domain/mission/schema.js";
import type { Participant } from "../../src/domain/participant.js";
import { createLogger } from "../../src/logger.js";
import { DIGEST_AFTER_MS, MeetingsService, type Delivery, type MeetingNotifier, type Notice } from "../../src/services/meetings.js";
import { MeetingsRepo } from "../../src/storage/meetings-repo.js";
import { ParticipantsRepo } from "../../src/storage/participants-repo.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

/** A notifier that records what each person was told; people in `unreachable` get a 403. */
class RecordingNotifier implements MeetingNotifier {
  readonly sent: { to: number; notice: Notice }[] = [];
  readonly retracted: string[] = [];
  readonly unreachable = new Set<number>();
  private nextMessageId = 1;

  send(to: Participant, notice: Notice): Promise<Delivery> {
    if (this.unreachable.has(to.id)) return Promise.resolve({ ok: false, unreachable: true });
    this.sent.push({ to: to.id, notice });
    return Promise.resolve({ ok: true, messageId: this.nextMessageId++ });
  }

  retract(_addressee: Participant, request: { id: string }): Promise<boolean> {
    this.retracted.push(request.id);
    return Promise.resolve(true);
  }

  kinds(to: number): string[] {
    return this.sent.filter((s) => s.to === to).map((s) => (s.notice.kind === "answer" ? `answer:${s.notice.event}` : s.notice.kind));
  }
}

const T0 = Date.UTC(2026, 11, 10, 2, 0); // 09:00 in Krasnoyarsk
const MIN = 60_000;
// A B2B session cut into 20-minute slots, from two hours after T0.
const SLOTS: SlotRange[] = Array.from({ length: 6 }, (_, i) => ({ start: T0 + 120 * MIN + i * 20 * MIN, end: T0 + 140 * MIN + i * 20 * MIN }));
const slot = (i: number): SlotRange => SLOTS[i] ?? { start: 0, end: 0 };

let t: TestRedis;
let participants: ParticipantsRepo;
let notifier: RecordingNotifier;
let service: MeetingsService;
const DEFAULT_MEETING_SETTINGS: MeetingSettings = { slot_minutes: 20, max_pending_requests: 10, decline_cooldown_hours: 24, nudges: true, nudge_at: "19:00" };
let now = T0;
let settings: MeetingSettings = DEFAULT_MEETING_SETTINGS;

beforeAll(async () => {
  t = await startTestRedis();
  participants = new ParticipantsRepo(t.redis, t.keys, createLogger("silent"));
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  // Each test starts from an empty store: the digest sweeps everything there is.
  const keys = await t.all();
  if (keys.length > 0) await t.redis.del(...keys);
  now = T0;
  settings = DEFAULT_MEETING_SETTINGS;
  notifier = new RecordingNotifier();
  service = new MeetingsService({
    repo: new MeetingsRepo(t.redis, t.keys, createLogger("silent")),
    participants,
    notifier,
    settings: () => settings,
    slots: () => SLOTS,
    now: () => now,
    logger: createLogger("silent"),
  });
});

let nextPerson = 1000;
async function person(role: Participant["role"] = "delegate", overrides: Partial<Participant> = {}): Promise<Participant> {
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
    phone: `+7999${String(id).padStart(7, "0")}`,
    email: `p${id}@example.org`,
    username: `user${id}`,
    reachable: true,
    visible: true,
    registeredAt: "2026-12-01T08:00:00.000Z",
    consentAt: "2026-12-01T08:00:00.000Z",
    ...overrides,
  };
  await participants.save(p);
  return p;
}

async function ask(from: Participant, to: Participant, s: SlotRange | null = null) {
  const result = await service.request({ from: from.id, to: to.id, slot: s, message: "Shall we meet?" });
  if (!result.ok) throw new Error(`request refused: ${result.reason}`);
  return result.request;
}

describe("limits", () => {
  it("refuses a request to oneself, to someone hidden or unknown, and from someone unregistered", async () => {
    const a = await person();
    const hidden = await person("host", { visible: false });
    expect(await service.prepare(a.id, a.id)).toMatchObject({ ok: false, reason: "self" });
    expect(await service.prepare(a.id, hidden.id)).toEqual({ ok: false, reason: "unknown" });
    expect(await service.prepare(a.id, 424242)).toEqual({ ok: false, reason: "unknown" });
    expect(await service.prepare(424242, a.id)).toEqual({ ok: false, reason: "not-registered" });
    expect(await service.request({ from: a.id, to: hidden.id, slot: null, message: "Hi" })).toEqual({ ok: false, reason: "unknown" });
  });

  it("keeps one open request per pair, whichever way round", async () => {
    const [a, b] = [await person(), await person("host")];
    await ask(a, b);
    expect(await service.prepare(a.id, b.id)).toEqual({ ok: false, reason: "pair-open" });
    expect(await service.prepare(b.id, a.id)).toEqual({ ok: false, reason: "pair-open" });
  });

  it("allows N pending requests (the programme's number), then explains the limit", async () => {
    settings = { ...DEFAULT_MEETING_SETTINGS, max_pending_requests: 3 };
    const a = await person();
    const hosts = await Promise.all(Array.from({ length: 4 }, () => person("host")));
    for (const h of hosts.slice(0, 3)) await ask(a, h);
    expect(await service.request({ from: a.id, to: hosts[3]?.id ?? 0, slot: null, message: "Hi" })).toEqual({ ok: false, reason: "too-many-pending", limit: 3 });
    // An answer frees a place.
    const first = (await service.list(a.id)).find((o) => o.request.to === hosts[0]?.id)?.request;
    expect(await service.act(hosts[0]?.id ?? 0, first?.id ?? "", { type: "decline" })).toMatchObject({ ok: true });
    expect(await service.prepare(a.id, hosts[3]?.id ?? 0)).toMatchObject({ ok: true });
  });

  it("applies the limits atomically: 20 requests at once with a limit of 10 make exactly 10", async () => {
    const a = await person();
    const hosts = await Promise.all(Array.from({ length: 20 }, () => person("host")));
    const results = await Promise.all(hosts.map((h) => service.request({ from: a.id, to: h.id, slot: null, message: "Hi" })));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(10).fill("too-many-pending"));
    expect((await service.list(a.id)).filter((o) => o.request.state === "pending")).toHaveLength(10);
  });

  it("makes one request out of many sent between two people at once, from both sides", async () => {
    const [a, b] = [await person(), await person("host")];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => service.request({ from: i % 2 ? a.id : b.id, to: i % 2 ? b.id : a.id, slot: null, message: "Hi" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await service.list(a.id)).toHaveLength(1);
  });

  it("pauses requests to someone who declined for the cooldown, then allows them again", async () => {
    const [a, b] = [await person(), await person("host")];
    const r = await ask(a, b);
    now += 60 * MIN;
    await service.act(b.id, r.id, { type: "decline", reason: "busy" });
    now += 23 * 3600_000;
    expect(await service.prepare(a.id, b.id)).toEqual({ ok: false, reason: "declined-recently", until: T0 + 60 * MIN + 24 * 3600_000 });
    // The one who declined may still ask.
    expect(await service.prepare(b.id, a.id)).toMatchObject({ ok: true });
    now += 3600_000;
    expect(await service.prepare(a.id, b.id)).toMatchObject({ ok: true });
  });
});

describe("answers", () => {
  it("accepts, tells the requester with the host's contacts, and gives the host the requester's", async () => {
    const [a, b] = [await person(), await person("host")];
    const r = await ask(a, b);
    expect(notifier.kinds(b.id)).toEqual(["request"]);
    const request = notifier.sent[0]?.notice;
    expect(JSON.stringify(request)).not.toMatch(new RegExp(`${a.phone?.slice(1) ?? "-"}|${a.email ?? "-"}|${a.username ?? "-"}`));
    const acted = await service.act(b.id, r.id, { type: "accept" });
    expect(acted).toMatchObject({ ok: true, event: "accepted", contacts: { id: a.id, phone: a.phone, email: a.email, username: a.username } });
    const told = notifier.sent.find((s) => s.to === a.id)?.notice;
    expect(told).toMatchObject({ kind: "answer", event: "accepted", contacts: { id: b.id, phone: b.phone, email: b.email } });
  });

  it("lets only the addressee answer and only once; a stranger changes nothing", async () => {
    const [a, b, stranger] = [await person(), await person("host"), await person()];
    const r = await ask(a, b);
    const before = await t.redis.get(t.keys.meeting(r.id));
    expect(await service.act(stranger.id, r.id, { type: "accept" })).toEqual({ ok: false, reason: "not-yours" });
    expect(await service.act(stranger.id, r.id, { type: "cancel" })).toEqual({ ok: false, reason: "not-yours" });
    expect(await service.act(a.id, r.id, { type: "accept" })).toEqual({ ok: false, reason: "not-yours" });
    expect(await service.check(stranger.id, r.id, "decline")).toEqual({ ok: false, reason: "not-yours" });
    expect(await service.open(stranger.id, r.id)).toEqual({ ok: false, reason: "not-yours" });
    expect(await service.act(b.id, "nosuchreq1", { type: "accept" })).toEqual({ ok: false, reason: "unknown" });
    expect(await t.redis.get(t.keys.meeting(r.id))).toBe(before);
    await service.act(b.id, r.id, { type: "accept" });
    expect(await service.act(b.id, r.id, { type: "accept" })).toEqual({ ok: false, reason: "already-answered" });
    expect(await service.act(b.id, r.id, { type: "decline" })).toEqual({ ok: false, reason: "already-answered" });
  });

  it("ends accept racing a withdrawal in exactly one state, with exactly one notice", async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = [await person(), await person("host")];
      const r = await ask(a, b);
      notifier.sent.length = 0;
      const results = await Promise.all([
        ...Array.from({ length: 8 }, () => service.act(b.id, r.id, { type: "accept" })),
        ...Array.from({ length: 8 }, () => service.act(a.id, r.id, { type: "cancel", expect: "pending" })),
      ]);
      const won = results.filter((x) => x.ok);
      expect(won).toHaveLength(1);
      const final = (await service.open(a.id, r.id)).ok ? ((await service.open(a.id, r.id)) as { ok: true; opened: { request: { state: string; history: { action: string }[] } } }).opened.request : undefined;
      expect(final?.state).toBe(won[0]?.ok && won[0].event === "accepted" ? "accepted" : "cancelled");
      expect(final?.history.map((h) => h.action).filter((x) => x !== "delivered")).toHaveLength(2);
      expect(notifier.sent.filter((s) => s.notice.kind === "answer")).toHaveLength(1);
    }
  });

  it("declines with a reason, and a proposal is answered by the requester only", async () => {
    const [a, b] = [await person(), await person("host")];
    const r = await ask(a, b, slot(0));
    const check = await service.check(b.id, r.id, "propose");
    expect(check.ok && check.slots).toEqual(SLOTS.slice(1));
    expect(await service.act(b.id, r.id, { type: "propose", slot: slot(0) })).toEqual({ ok: false, reason: "slot-taken" });
    expect(await service.act(b.id, r.id, { type: "propose", slot: { start: slot(2).start + 1, end: slot(2).end } })).toEqual({ ok: false, reason: "slot-past" });
    expect(await service.act(b.id, r.id, { type: "propose", slot: slot(2) })).toMatchObject({ ok: true, event: "proposed" });
    expect(notifier.kinds(a.id)).toEqual(["answer:proposed"]);
    expect(await service.act(b.id, r.id, { type: "accept" })).toEqual({ ok: false, reason: "not-allowed-now" });
    const accepted = await service.act(a.id, r.id, { type: "accept-proposal" });
    expect(accepted).toMatchObject({ ok: true, event: "proposal-accepted", request: { state: "accepted", slot: slot(2) } });
    expect(notifier.kinds(b.id)).toEqual(["request", "answer:proposal-accepted"]);
  });
});

describe("slots", () => {
  it("offers only slots free for both, and frees one when a meeting is cancelled", async () => {
    const [a, b, c] = [await person(), await person("host"), await person("host")];
    const first = await ask(a, b, slot(1));
    await service.act(b.id, first.id, { type: "accept" });
    const offered = await service.prepare(a.id, c.id);
    expect(offered.ok && offered.slots).toEqual(SLOTS.filter((_, i) => i !== 1));
    // c's own meetings count too.
    const d = await person();
    const other = await ask(d, c, slot(3));
    await service.act(c.id, other.id, { type: "accept" });
    expect(await service.commonFreeSlots(a.id, c.id)).toEqual(SLOTS.filter((_, i) => i !== 1 && i !== 3));
    expect(await service.request({ from: a.id, to: c.id, slot: slot(3), message: "Hi" })).toEqual({ ok: false, reason: "slot-taken" });
    await service.act(b.id, first.id, { type: "cancel", expect: "accepted" });
    expect(notifier.kinds(a.id)).toContain("answer:cancelled");
    expect(await service.commonFreeSlots(a.id, c.id)).toEqual(SLOTS.filter((_, i) => i !== 3));
  });

  it("refuses a slot that is over or not in the programme", async () => {
    const [a, b] = [await person(), await person("host")];
    now = slot(0).start;
    expect(await service.request({ from: a.id, to: b.id, slot: slot(0), message: "Hi" })).toEqual({ ok: false, reason: "slot-past" });
    expect(await service.request({ from: a.id, to: b.id, slot: { start: slot(4).start, end: slot(4).end + MIN }, message: "Hi" })).toEqual({ ok: false, reason: "slot-past" });
    expect((await service.prepare(a.id, b.id)).ok && (await service.commonFreeSlots(a.id, b.id))).toEqual(SLOTS.slice(1));
  });

  it("lets a host accept only one of two requests for the same slot, even at the same moment", async () => {
    const [host, a, b] = [await person("host"), await person(), await person()];
    const ra = await ask(a, host, slot(2));
    const rb = await ask(b, host, slot(2));
    const results = await Promise.all([service.act(host.id, ra.id, { type: "accept" }), service.act(host.id, rb.id, { type: "accept" })]);
    expect(results.map((r) => (r.ok ? "ok" : r.reason)).sort()).toEqual(["ok", "slot-taken"]);
    const states = await Promise.all([service.open(host.id, ra.id), service.open(host.id, rb.id)]);
    expect(states.map((s) => (s.ok ? s.opened.request.state : "?")).sort()).toEqual(["accepted", "pending"]);
  });

  it("refuses a proposal accepted after its slot was taken by another meeting", async () => {
    const [host, a, b] = [await person("host"), await person(), await person()];
    const ra = await ask(a, host, slot(0));
    await service.act(host.id, ra.id, { type: "propose", slot: slot(4) });
    const rb = await ask(b, host, slot(4));
    await service.act(host.id, rb.id, { type: "accept" });
    expect(await service.act(a.id, ra.id, { type: "accept-proposal" })).toEqual({ ok: false, reason: "slot-taken" });
  });
});

describe("delivery to someone who has not opened the bot", () => {
  it("keeps the request pending, then shows it with a note when they come", async () => {
    const [a, b] = [await person(), await person("host")];
    notifier.unreachable.add(b.id);
    const result = await service.request({ from: a.id, to: b.id, slot: null, message: "Hi" });
    expect(result).toMatchObject({ ok: true, delivered: false });
    expect((await participants.get(b.id))?.reachable).toBe(false);
    expect(await service.deliverWaiting(b.id)).toBe(0);
    notifier.unreachable.delete(b.id);
    expect(await service.deliverWaiting(b.id)).toBe(1);
    expect(notifier.kinds(b.id)).toEqual(["waiting", "request"]);
    expect(await service.deliverWaiting(b.id)).toBe(0);
    expect(notifier.kinds(b.id)).toEqual(["waiting", "request"]);
  });

  it("withdraws a request its addressee never saw without telling them anything", async () => {
    const [a, b] = [await person(), await person("host")];
    notifier.unreachable.add(b.id);
    const r = await ask(a, b);
    notifier.unreachable.delete(b.id);
    await service.act(a.id, r.id, { type: "cancel" });
    expect(await service.deliverWaiting(b.id)).toBe(0);
    expect(notifier.kinds(b.id)).toEqual([]);
    expect(notifier.retracted).toEqual([]);
  });
});

describe("the digest", () => {
  it("sends each host one message with their requests unanswered for 12 hours, once", async () => {
    const host = await person("host");
    const other = await person("host");
    const [a, b, c] = [await person(), await person(), await person()];
    await ask(a, host);
    await ask(b, host);
    now += 2 * 3600_000;
    await ask(c, host); // younger: not yet
    const answered = await ask(c, other);
    await service.act(other.id, answered.id, { type: "accept" });
    now = T0 + DIGEST_AFTER_MS - 1;
    expect(await service.sendDigests()).toBe(0);
    now = T0 + DIGEST_AFTER_MS + 1;
    notifier.sent.length = 0;
    // Two processes sweeping at the same moment: every request still goes out once.
    const sent = await Promise.all([service.sendDigests(), service.sendDigests()]);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(1);
    const digests = notifier.sent.filter((s) => s.notice.kind === "digest");
    expect(digests.map((d) => d.to)).toEqual([host.id]);
    const items = digests[0]?.notice.kind === "digest" ? digests[0].notice.items : [];
    expect(items.map((i) => i.from?.id).sort()).toEqual([a.id, b.id].sort());
    expect(JSON.stringify(items)).not.toMatch(/@example\.org|\+7999|user\d/);
    expect(await service.sendDigests()).toBe(0);
    now += 2 * 3600_000;
    expect(await service.sendDigests()).toBe(1);
    expect(notifier.sent.filter((s) => s.notice.kind === "digest")).toHaveLength(2);
  });
});

describe("erasure", () => {
  it("closes open requests and meetings, tells the other side, and keeps no trace of the person", async () => {
    const leaver = await person("delegate", { fullName: "Leaving Person", company: "Gone LLC" });
    const [h1, h2, h3] = [await person("host"), await person("host"), await person("host")];
    const pendingSent = await ask(leaver, h1);
    const accepted = await ask(leaver, h2, slot(1));
    await service.act(h2.id, accepted.id, { type: "accept" });
    const received = await ask(h3, leaver);
    // Edited after asking: the others are told of the company they were shown.
    await participants.save({ ...leaver, company: "Renamed LLC" });
    notifier.sent.length = 0;
    expect(await service.erase(leaver.id)).toEqual({
      deleted: ["meetings", "meetings-retracted"],
      // The card of the request taken back is not among them; the accepted meeting's card and contacts are.
      othersKeep: ["meeting-names", "meeting-requests", "meeting-contacts"],
    });
    await participants.delete(leaver.id);
    expect(notifier.retracted).toEqual([pendingSent.id]);
    const told = (to: number) => notifier.sent.filter((s) => s.to === to).map((s) => (s.notice.kind === "left" ? { was: s.notice.was, company: s.notice.company } : s.notice.kind));
    expect(told(h1.id)).toEqual([{ was: "request", company: "Gone LLC" }]);
    expect(told(h2.id)).toEqual([{ was: "meeting", company: "Gone LLC" }]);
    expect(told(h3.id)).toEqual([{ was: "request", company: "Gone LLC" }]);
    const everything = (await Promise.all((await t.all()).map(async (k) => `${k} ${(await t.redis.type(k)) === "string" ? await t.redis.get(k) : ""}`))).join("\n");
    // Only the short-lived marker that keeps new requests away until the profile is gone names them.
    const lasting = everything.split("\n").filter((line) => !line.includes(`meetings:leaving:${leaver.id} `));
    expect(lasting.join("\n")).not.toMatch(new RegExp(`(?<!\\d)${leaver.id}(?!\\d)`));
    expect(await t.redis.ttl(`${t.keys.meetingsLeaving(leaver.id)}`)).toBeGreaterThan(0);
    expect(everything).not.toMatch(/Leaving Person|Gone LLC|Renamed LLC/);
    for (const r of [pendingSent, accepted]) expect(JSON.parse((await t.redis.get(t.keys.meeting(r.id))) ?? "{}")).toMatchObject({ from: 0, message: "", state: "cancelled" });
    expect(JSON.parse((await t.redis.get(t.keys.meeting(received.id))) ?? "{}")).toMatchObject({ to: 0, message: "Shall we meet?", state: "cancelled" });
    // The others keep their side of the history; the slot is free again.
    expect((await service.list(h2.id)).map((o) => [o.request.state, o.other])).toEqual([["cancelled", undefined]]);
    expect(await service.commonFreeSlots(h2.id, h1.id)).toEqual(SLOTS);
    expect(await service.erase(leaver.id)).toEqual({ deleted: [], othersKeep: [] });
  });

  it("says what the others may keep: nothing of a request never shown, a withdrawn request's card taken back earlier, contacts only after an accept", async () => {
    const leaver = await person();
    const [unseen, withdrawnFrom, declinedBy] = [await person("host"), await person("host"), await person("host")];
    notifier.unreachable.add(unseen.id);
    await ask(leaver, unseen);
    const withdrawn = await ask(leaver, withdrawnFrom);
    await service.act(leaver.id, withdrawn.id, { type: "cancel", expect: "pending" });
    const declined = await ask(leaver, declinedBy);
    await service.act(declinedBy.id, declined.id, { type: "decline" });
    // Nothing open with anyone who saw it: nobody is told, nothing is taken back now.
    notifier.sent.length = 0;
    expect(await service.erase(leaver.id)).toEqual({ deleted: ["meetings"], othersKeep: ["meeting-names", "meeting-requests"] });
    expect(notifier.sent).toEqual([]);

    const quiet = await person();
    await ask(quiet, withdrawnFrom).then((r) => service.act(quiet.id, r.id, { type: "cancel", expect: "pending" }));
    expect(await service.erase(quiet.id)).toEqual({ deleted: ["meetings"], othersKeep: ["meeting-names"] });
  });

  it("names the company of an older record that kept none from the profile, and the company shown when a waiting request was delivered", async () => {
    const [a, b] = [await person("delegate", { company: "Asked LLC" }), await person("host")];
    notifier.unreachable.add(b.id);
    const waiting = await ask(a, b);
    expect(JSON.parse((await t.redis.get(t.keys.meeting(waiting.id))) ?? "{}")).toMatchObject({ fromCompany: "Asked LLC", toCompany: b.company });
    await participants.save({ ...a, company: "Shown LLC" });
    notifier.unreachable.delete(b.id);
    await service.deliverWaiting(b.id);
    // Stored before companies were kept: the record parses, and the profile stands in.
    const c = await person("host");
    const old = await ask(c, a);
    const raw = JSON.parse((await t.redis.get(t.keys.meeting(old.id))) ?? "{}") as Record<string, unknown>;
    delete raw.fromCompany;
    delete raw.toCompany;
    await t.redis.set(t.keys.meeting(old.id), JSON.stringify(raw));
    expect(await service.open(c.id, old.id)).toMatchObject({ ok: true });
    await participants.save({ ...a, company: "Now LLC" });
    notifier.sent.length = 0;
    await service.erase(a.id);
    const left = new Map(notifier.sent.flatMap((s) => (s.notice.kind === "left" ? [[s.to, s.notice.company] as const] : [])));
    expect(left).toEqual(
      new Map([
        [b.id, "Shown LLC"],
        [c.id, "Now LLC"],
      ]),
    );
  });

  it("blocks a request to someone whose data is being deleted", async () => {
    const [a, b] = [await person(), await person("host")];
    await new MeetingsRepo(t.redis, t.keys, createLogger("silent")).markLeaving(b.id, 30);
    expect(await service.request({ from: a.id, to: b.id, slot: null, message: "Hi" })).toEqual({ ok: false, reason: "unknown" });
  });
});
