import { beforeAll, describe, expect, it } from "vitest";
import { parseMission } from "../../../src/content/load-mission.js";
import { b2bSessions, dayBefore, hasMeetingIn, nudgeable, nudgeWindow, openCounterparts, pickSuggestions, sessionToNudge, type B2bSession } from "../../../src/domain/meetings/nudges.js";
import { newRequest, type MeetingRequest, type SlotRange } from "../../../src/domain/meetings/request.js";
import type { Mission } from "../../../src/domain/mission/schema.js";
import { Programme } from "../../../src/domain/programme/programme.js";
import { itemOf, sampleYaml } from "../../helpers/mission-file.js";

const ZONE = "Asia/Krasnoyarsk";
const at = (local: string) => Date.parse(`${local}+07:00`);

let mission: Mission;
let sessions: B2bSession[];
beforeAll(async () => {
  // The sample programme, with a second B2B item on its first day.
  mission = parseMission(
    await sampleYaml((m) => {
      const day = m.days[0];
      day?.items.push({ id: "d1-b2b-late", start: "18:00", end: "19:00", kind: "b2b", title: { en: "Evening B2B" } });
    }),
  );
  sessions = b2bSessions(new Programme(mission));
});

function session(date: string): B2bSession {
  const found = sessions.find((s) => s.date === date);
  if (!found) throw new Error(`no session on ${date}`);
  return found;
}

let nextId = 0;
function request(from: number, to: number, slot: SlotRange | null, state: MeetingRequest["state"] = "pending", proposal?: SlotRange): MeetingRequest {
  const r = newRequest({ id: `r${++nextId}`, from, to, slot, message: "", now: 0, delivered: true });
  return { ...r, state, ...(proposal ? { proposal } : {}) };
}

const slot = (startLocal: string, minutes = 20): SlotRange => ({ start: at(startLocal), end: at(startLocal) + minutes * 60_000 });

describe("B2B sessions", () => {
  it("are the days with B2B items, one per day, starting with the day's first B2B item", () => {
    expect(sessions.map((s) => [s.date, s.first.id, s.ranges.length])).toEqual([
      ["2026-12-10", "d1-b2b", 2],
      ["2026-12-11", "d2-b2b", 1],
      ["2026-12-12", "d3-b2b", 1],
    ]);
    expect(session("2026-12-10").startsAt).toBe(at("2026-12-10T13:30:00"));
  });

  it("a day without B2B has none", async () => {
    const plain = parseMission(await sampleYaml((m) => void (itemOf(m, "d2-b2b").kind = "talk")));
    expect(b2bSessions(new Programme(plain)).map((s) => s.date)).toEqual(["2026-12-10", "2026-12-12"]);
  });
});

describe("when a nudge goes out", () => {
  it("from nudge_at the evening before until that day begins, mission time", () => {
    expect(dayBefore("2026-12-01")).toBe("2026-11-30");
    expect(dayBefore("2027-01-01")).toBe("2026-12-31");
    expect(nudgeWindow(session("2026-12-11"), mission.meetings, ZONE)).toEqual({ from: at("2026-12-10T19:00:00"), until: at("2026-12-11T00:00:00") });
    const late = { ...mission.meetings, nudge_at: "21:30" };
    expect(nudgeWindow(session("2026-12-10"), late, ZONE)).toEqual({ from: at("2026-12-09T21:30:00"), until: at("2026-12-10T00:00:00") });
  });

  it("is the session of this evening, if any", () => {
    const due = (local: string) => sessionToNudge(sessions, mission.meetings, ZONE, at(local))?.date;
    expect(due("2026-12-09T18:59:59")).toBeUndefined();
    expect(due("2026-12-09T19:00:00")).toBe("2026-12-10");
    expect(due("2026-12-09T23:59:00")).toBe("2026-12-10");
    expect(due("2026-12-10T00:00:00")).toBeUndefined();
    expect(due("2026-12-10T12:00:00")).toBeUndefined();
    expect(due("2026-12-10T20:15:00")).toBe("2026-12-11");
    expect(due("2026-12-11T19:00:00")).toBe("2026-12-12");
    expect(due("2026-12-12T19:00:00")).toBeUndefined();
  });

  it("never, when switched off", () => {
    const off = { ...mission.meetings, nudges: false };
    expect(nudgeWindow(session("2026-12-10"), off, ZONE)).toBeUndefined();
    expect(sessionToNudge(sessions, off, ZONE, at("2026-12-09T20:00:00"))).toBeUndefined();
  });
});

describe("who is nudged", () => {
  const me = 1;
  const d1 = () => session("2026-12-10");

  it("delegates, hosts and speakers who can be written to and did not opt out; not organisers", () => {
    expect(nudgeable({ role: "delegate", reachable: true }, false)).toBe(true);
    expect(nudgeable({ role: "host", reachable: true }, false)).toBe(true);
    expect(nudgeable({ role: "speaker", reachable: true }, false)).toBe(true);
    expect(nudgeable({ role: "organiser", reachable: true }, false)).toBe(false);
    expect(nudgeable({ role: "delegate", reachable: false }, false)).toBe(false);
    expect(nudgeable({ role: "delegate", reachable: true }, true)).toBe(false);
  });

  it("has a meeting in the session: agreed or waiting, either side, in any of the day's B2B items", () => {
    expect(hasMeetingIn(me, [], d1())).toBe(false);
    expect(hasMeetingIn(me, [request(me, 2, slot("2026-12-10T13:30:00"), "accepted")], d1())).toBe(true);
    expect(hasMeetingIn(me, [request(2, me, slot("2026-12-10T16:10:00"), "pending")], d1())).toBe(true);
    expect(hasMeetingIn(me, [request(me, 2, slot("2026-12-10T18:20:00"), "pending")], d1())).toBe(true);
    // Another time proposed in answer, inside the session.
    expect(hasMeetingIn(me, [request(me, 2, slot("2026-12-11T13:00:00"), "pending", slot("2026-12-10T14:00:00"))], d1())).toBe(true);
  });

  it("has none: declined or cancelled, another day, any time, or someone else's", () => {
    const none = [
      request(me, 2, slot("2026-12-10T13:30:00"), "declined"),
      request(me, 3, slot("2026-12-10T13:50:00"), "cancelled"),
      request(me, 4, slot("2026-12-11T13:00:00"), "accepted"),
      request(me, 5, null, "accepted"),
      request(6, me, null, "pending"),
      request(7, 8, slot("2026-12-10T13:30:00"), "accepted"),
    ];
    expect(hasMeetingIn(me, none, d1())).toBe(false);
  });

  it("is suggested the best three of the ranking, without those a request is open with", () => {
    const requests = [request(me, 20, null, "pending"), request(30, me, slot("2026-12-11T13:00:00"), "accepted"), request(me, 40, null, "declined")];
    const open = openCounterparts(me, requests);
    expect([...open].sort()).toEqual([20, 30]);
    const ranked = [10, 20, 30, 40, 50, 60].map((id) => ({ id }));
    expect(pickSuggestions(ranked, open).map((s) => s.id)).toEqual([10, 40, 50]);
    expect(pickSuggestions([{ id: 20 }, { id: 10 }], open).map((s) => s.id)).toEqual([10]);
  });
});
