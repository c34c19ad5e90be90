import { describe, expect, it } from "vitest";
import { meetingsPerDay, meetingsPerSession, registrationSeries } from "../../../src/domain/console/figures.js";
import { filterParticipants, participantFilterSchema } from "../../../src/domain/console/participants.js";
import type { MeetingOutcomes } from "../../../src/domain/outcomes/funnel.js";
import type { SideOutcome } from "../../../src/domain/outcomes/outcome.js";
import type { Participant } from "../../../src/domain/participant.js";
import type { MeetingRequest } from "../../../src/domain/meetings/request.js";
import { Programme } from "../../../src/domain/programme/programme.js";
import { loadMissionFile } from "../../../src/content/load-mission.js";
import { SAMPLE_FILE } from "../../helpers/mission-file.js";

const ZONE = "Asia/Krasnoyarsk";

function person(id: number, role: Participant["role"], registeredAt: string, more: Partial<Participant> = {}): Participant {
  return { id, role, fullName: `P${id}`, company: "C", position: "Director", region: "Kaluga Region", tags: ["energy"], offer: "x", lookingFor: "y", reachable: true, visible: true, registeredAt, consentAt: registeredAt, ...more };
}

function request(id: string, createdAt: string, slotStart?: string, agreedAt?: string, cancelled = false): MeetingRequest {
  const at = Date.parse(createdAt);
  const history: MeetingRequest["history"] = [{ at, by: 1, action: "created" }];
  if (agreedAt) history.push({ at: Date.parse(agreedAt), by: 2, action: "accept" });
  if (cancelled) history.push({ at: Date.parse(agreedAt ?? createdAt) + 1, by: 1, action: "cancel" });
  const slot = slotStart ? { start: Date.parse(slotStart), end: Date.parse(slotStart) + 20 * 60_000 } : null;
  return { id, from: 1, to: 2, slot, message: "", state: cancelled ? "cancelled" : agreedAt ? "accepted" : "pending", delivered: true, createdAt: at, updatedAt: at, history };
}

const met = (meetingId: string, at: string): SideOutcome => ({ meetingId, userId: 1, met: "yes", metAt: Date.parse(at), updatedAt: Date.parse(at) }) as unknown as SideOutcome;

describe("the console's figures", () => {
  it("counts registrations by role as running totals per day in the mission's zone", () => {
    // 17:30 UTC on the 20th is already the 21st in Krasnoyarsk (UTC+7).
    const series = registrationSeries([person(1, "delegate", "2026-11-20T10:00:00Z"), person(2, "host", "2026-11-20T17:30:00Z"), person(3, "delegate", "2026-11-21T09:00:00Z")], ZONE);
    expect(series.days).toEqual(["2026-11-20", "2026-11-21"]);
    expect(series.byRole).toEqual({ delegate: [1, 2], host: [0, 1], speaker: [0, 0], organiser: [0, 0] });
    expect(series.byRegion).toEqual([{ region: "Kaluga Region", counts: [1, 3] }]);
    expect(series.other).toBeUndefined();
  });

  it("draws the regions with most participants one line each, and the rest as one", () => {
    const regions = ["A", "B", "B", "C", "D", "E", "F", "G", "h", "H"];
    const series = registrationSeries(regions.map((region, i) => person(i + 1, "delegate", `2026-11-2${i % 2}T03:00:00Z`, { region })), ZONE);
    expect(series.byRegion.map((r) => r.region)).toEqual(["B", "h", "A", "C", "D", "E"]);
    expect(series.byRegion[0]?.counts).toEqual([1, 2]);
    expect(series.other).toEqual([1, 2]);
  });

  it("counts requests by the day made, agreed by the day agreed, held by the meeting's day, a cancelled agreement not at all", () => {
    const meetings: MeetingOutcomes[] = [
      { request: request("r1", "2026-12-09T02:00:00Z", "2026-12-10T06:30:00Z", "2026-12-09T03:00:00Z"), sides: [met("r1", "2026-12-10T08:00:00Z")] },
      { request: request("r2", "2026-12-09T02:00:00Z"), sides: [] },
      { request: request("r3", "2026-12-10T02:00:00Z", "2026-12-10T07:00:00Z", "2026-12-10T03:00:00Z", true), sides: [] },
    ];
    expect(meetingsPerDay(meetings, ZONE)).toEqual([
      { date: "2026-12-09", requested: 2, agreed: 1, held: 0 },
      { date: "2026-12-10", requested: 1, agreed: 0, held: 1 },
    ]);
  });

  it("puts each request with a time into the B2B session it falls in, and lists every session", async () => {
    const programme = new Programme(await loadMissionFile(SAMPLE_FILE));
    const meetings: MeetingOutcomes[] = [
      { request: request("r1", "2026-12-09T02:00:00Z", "2026-12-10T06:30:00Z", "2026-12-09T03:00:00Z"), sides: [met("r1", "2026-12-10T08:00:00Z")] },
      { request: request("r2", "2026-12-09T02:00:00Z", "2026-12-10T07:10:00Z"), sides: [] },
      { request: request("r3", "2026-12-09T02:00:00Z"), sides: [] },
    ];
    const sessions = meetingsPerSession(meetings, programme);
    expect(sessions.map((s) => s.itemId)).toEqual(programme.schedule.filter((s) => s.item.kind === "b2b").map((s) => s.item.id));
    expect(sessions[0]).toMatchObject({ date: "2026-12-10", start: "13:30", requested: 2, agreed: 1, held: 1 });
    expect(sessions.slice(1).every((s) => s.requested === 0)).toBe(true);
  });
});

describe("the console's participant filters", () => {
  const all = [
    person(1, "delegate", "2026-11-20T10:00:00Z", { fullName: "Olga Ivanova", region: "Kaluga  region" }),
    person(2, "host", "2026-11-19T10:00:00Z", { fullName: "Pavel Kolpakov", company: "KRITBI", region: "Krasnoyarsk Krai", tags: ["mining"], reachable: false }),
    person(3, "delegate", "2026-11-21T10:00:00Z", { fullName: "Ivan Gorynin", region: "Kaluga Region" }),
  ];
  const meetings = new Map([[3, 2]]);
  const ids = (q: Record<string, string>) => filterParticipants(all, participantFilterSchema.parse(q), meetings).map((p) => p.id);

  it("filters by role, region (as /stats groups it), industry, reachability and meetings, in order of registration", () => {
    expect(ids({})).toEqual([2, 1, 3]);
    expect(ids({ role: "delegate" })).toEqual([1, 3]);
    expect(ids({ region: "kaluga region" })).toEqual([1, 3]);
    expect(ids({ tag: "mining" })).toEqual([2]);
    expect(ids({ reachable: "no" })).toEqual([2]);
    expect(ids({ meetings: "yes" })).toEqual([3]);
    expect(ids({ meetings: "no", role: "delegate" })).toEqual([1]);
    expect(ids({ q: "kritbi" })).toEqual([2]);
  });

  it("refuses what is not a filter", () => {
    expect(participantFilterSchema.safeParse({ role: "king" }).success).toBe(false);
    expect(participantFilterSchema.safeParse({ tag: "../x" }).success).toBe(false);
    expect(participantFilterSchema.safeParse({ sort: "name" }).success).toBe(false);
  });
});
