import { describe, expect, it } from "vitest";
import { erase, newRequest, transition, type Action, type MeetingRequest, type SlotRange } from "../../../src/domain/meetings/request.js";
import { heldPerDay, outcomeFunnel, percent, type MeetingOutcomes } from "../../../src/domain/outcomes/funnel.js";
import { emptyOutcome, type SideOutcome } from "../../../src/domain/outcomes/outcome.js";

const at = (iso: string) => Date.parse(`${iso}+07:00`);
const slot = (iso: string): SlotRange => ({ start: at(iso), end: at(iso) + 20 * 60_000 });
const ZONE = "Asia/Krasnoyarsk";

function request(id: string, when: SlotRange | null, ...steps: [actor: number, action: Action][]): MeetingRequest {
  let r = newRequest({ id, from: 1, to: 2, slot: when, message: "hi", now: at("2026-12-09T10:00:00"), delivered: true });
  steps.forEach(([actor, action], i) => {
    const t = transition(r, actor, action, at("2026-12-09T11:00:00") + i * 60_000);
    if (!t.ok) throw new Error(t.reason);
    r = t.request;
  });
  return r;
}

function side(meetingId: string, userId: number, fields: Partial<SideOutcome>): SideOutcome {
  return { ...emptyOutcome(meetingId, userId, at("2026-12-10T18:00:00")), asks: 1, ...fields };
}

const accept: [number, Action] = [2, { type: "accept" }];

describe("the organisers' funnel", () => {
  it("counts each step by either side's word, with how many were asked and answered", () => {
    const meetings: MeetingOutcomes[] = [
      // Pending, declined and cancelled requests count as requests only.
      { request: request("pending0001", null), sides: [] },
      { request: request("declined001", null, [2, { type: "decline" }]), sides: [] },
      { request: request("cancelled01", slot("2026-12-10T13:30:00"), accept, [1, { type: "cancel" }]), sides: [side("cancelled01", 1, { met: "yes" })] },
      // Asked, nobody answered.
      { request: request("silent00001", slot("2026-12-10T13:50:00"), accept), sides: [side("silent00001", 1, {}), side("silent00001", 2, {})] },
      // The two differ: one says it did not happen, the other that it did, with an agreement carried out.
      {
        request: request("differ00001", slot("2026-12-10T14:10:00"), accept),
        sides: [side("differ00001", 1, { met: "no" }), side("differ00001", 2, { met: "yes", metAt: at("2026-12-10T15:00:00"), result: { kind: "agreement", type: "supply" }, progress: [{ at: at("2027-01-09T15:00:00"), state: "in-progress", days: 30 }, { at: at("2027-03-10T15:00:00"), state: "done", days: 90 }] })],
      },
      // Held, an agreement whose two sides answered differently: the later answer stands.
      {
        request: request("agreed00001", null, accept),
        sides: [
          side("agreed00001", 1, { met: "yes", metAt: at("2026-12-11T19:30:00"), result: { kind: "agreement", type: "investment" }, progress: [{ at: at("2027-01-10T10:00:00"), state: "not-done", reason: "funding", days: 30 }] }),
          side("agreed00001", 2, { met: "yes", metAt: at("2026-12-12T19:10:00"), result: { kind: "agreement", type: "investment" }, progress: [{ at: at("2027-01-09T10:00:00"), state: "in-progress" }] }),
        ],
      },
      // Held, an agreement, its follow-up sent and not answered.
      { request: request("asked000001", slot("2026-12-11T13:00:00"), accept), sides: [side("asked000001", 2, { met: "yes", result: { kind: "agreement", type: "other" }, followUpsAsked: [{ days: 30, at: at("2027-01-10T13:00:00") }] })] },
      // Held without an agreement; and a "later" that is not an answer yet.
      { request: request("followup001", slot("2026-12-11T13:20:00"), accept), sides: [side("followup001", 1, { met: "yes", result: { kind: "follow-up" } })] },
      { request: request("later000001", slot("2026-12-11T13:40:00"), accept), sides: [side("later000001", 1, { met: "later" })] },
      // Agreed, then one side left: it stands for the other side's word.
      { request: erase(request("leaver00001", slot("2026-12-12T09:30:00"), accept), 1, at("2026-12-13T10:00:00")).request, sides: [side("leaver00001", 2, { met: "yes" })] },
      // Agreed, not asked yet.
      { request: request("ahead000001", slot("2026-12-12T10:30:00"), accept), sides: [] },
    ];
    expect(outcomeFunnel(meetings)).toEqual({
      requests: 11,
      accepted: 8,
      held: 5,
      agreements: 3,
      carriedOut: 1,
      inProgress: 0,
      notCarriedOut: 1,
      asked: 7,
      answered: 5,
      followUpsAsked: 3,
      followUpsAnswered: 2,
    });
    expect(heldPerDay(meetings, ZONE)).toEqual([
      { date: "2026-12-10", count: 1 },
      { date: "2026-12-11", count: 3 },
      { date: "2026-12-12", count: 1 },
    ]);
  });

  it("gives no percentage of nothing", () => {
    expect(percent(3, 4)).toBe(75);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeUndefined();
    expect(outcomeFunnel([])).toMatchObject({ requests: 0, accepted: 0, held: 0 });
  });
});
