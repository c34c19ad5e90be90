import { describe, expect, it } from "vitest";
import { erase, newRequest, transition, type Action, type MeetingRequest, type SlotRange } from "../../../src/domain/meetings/request.js";
import { answeredAt, meetingStats } from "../../../src/domain/reports/meetings-stats.js";

const MIN = 60_000;
// 10 Dec 2026, 14:00 Krasnoyarsk time.
const NOW = Date.parse("2026-12-10T14:00:00+07:00");
const DELEGATE = 11;
const HOST = 12;
const slotAt = (iso: string): SlotRange => ({ start: Date.parse(iso), end: Date.parse(iso) + 20 * MIN });
const PAST = slotAt("2026-12-10T13:40:00+07:00");
const STARTS_NOW = slotAt("2026-12-10T14:00:00+07:00");
const AHEAD = slotAt("2026-12-10T14:20:00+07:00");

let n = 0;
/** A request from the delegate to the host, then each step taken by `actor` a minute after the last. */
function request(slot: SlotRange | null, ...steps: [actor: number, action: Action][]): MeetingRequest {
  let r = newRequest({ id: `req${++n}aaaa`, from: DELEGATE, to: HOST, slot, message: "Hello", now: NOW - 60 * MIN, delivered: true });
  steps.forEach(([actor, action], i) => {
    const next = transition(r, actor, action, NOW - 60 * MIN + (i + 1) * MIN);
    if (!next.ok) throw new Error(`${action.type} refused: ${next.reason}`);
    r = next.request;
  });
  return r;
}

const accept: [number, Action] = [HOST, { type: "accept" }];
const decline: [number, Action] = [HOST, { type: "decline", reason: "busy" }];
const propose: [number, Action] = [HOST, { type: "propose", slot: AHEAD }];

describe("meeting statistics", () => {
  it("counts requests by state, the acceptance rate over answered ones, and meetings held by now", () => {
    const requests = [
      request(PAST, accept), // held
      request(STARTS_NOW, accept), // held: it has started
      request(null, propose, [DELEGATE, { type: "accept-proposal" }]), // agreed on a proposal, still ahead
      request(null, accept), // agreed for any time
      request(PAST, decline),
      request(null, propose, [DELEGATE, { type: "decline-proposal" }]), // answered, not agreed
      request(PAST, accept, [DELEGATE, { type: "cancel" }]), // agreed, then cancelled
      request(AHEAD, [DELEGATE, { type: "cancel" }]), // withdrawn before any answer
      request(AHEAD), // pending
      request(null, propose), // pending: a proposal waiting for the delegate is no decision yet
    ];
    expect(meetingStats(requests, NOW)).toEqual({
      total: 10,
      byState: { pending: 2, accepted: 4, declined: 1, cancelled: 3 },
      answered: 7,
      agreed: 5,
      acceptanceRate: 71,
      held: 2,
      upcoming: 1,
      anyTime: 1,
      tables: { seated: 0, atDesk: 0 },
    });
  });

  it("has no acceptance rate (not NaN, not 0%) while nothing is answered", () => {
    expect(meetingStats([], NOW)).toMatchObject({ total: 0, answered: 0, acceptanceRate: undefined, held: 0 });
    expect(meetingStats([request(AHEAD), request(null, propose)], NOW)).toMatchObject({ total: 2, answered: 0, agreed: 0, acceptanceRate: undefined });
  });

  it("keeps the answer of a request after either side deleted their data", () => {
    const agreed = erase(request(PAST, accept), HOST, NOW);
    const withdrawn = erase(request(AHEAD), DELEGATE, NOW);
    expect(agreed.request.state).toBe("cancelled");
    expect(meetingStats([agreed.request, withdrawn.request], NOW)).toMatchObject({ byState: { pending: 0, accepted: 0, declined: 0, cancelled: 2 }, answered: 1, agreed: 1, acceptanceRate: 100, held: 0 });
  });

  it("dates the answer at the decision, not at a proposal", () => {
    expect(answeredAt(request(null, propose, [DELEGATE, { type: "accept-proposal" }]))).toBe(NOW - 58 * MIN);
    expect(answeredAt(request(null, decline))).toBe(NOW - 59 * MIN);
    expect(answeredAt(request(null, propose))).toBeUndefined();
    expect(answeredAt(request(null, [DELEGATE, { type: "cancel" }]))).toBeUndefined();
  });
});
