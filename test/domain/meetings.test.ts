import { describe, expect, it } from "vitest";
import {
  awaitsAddressee,
  canRequest,
  erase,
  ERASED,
  freeSlots,
  markDelivered,
  newRequest,
  remnantsWithOther,
  slotTaken,
  transition,
  type MeetingRequest,
} from "../../src/domain/meetings/request.js";
import { rank } from "../../src/domain/meetings/suggestions.js";

const DELEGATE = 1;
const HOST = 2;
const STRANGER = 3;
const T0 = Date.UTC(2026, 11, 10, 3, 0);
const slot = (minutes: number) => ({ start: T0 + minutes * 60_000, end: T0 + (minutes + 20) * 60_000 });

function pending(overrides: Partial<MeetingRequest> = {}): MeetingRequest {
  return { ...newRequest({ id: "r1", from: DELEGATE, to: HOST, slot: slot(0), message: "Lidars for Evocargo?", now: T0, delivered: true }), ...overrides };
}

describe("meeting request transitions", () => {
  it("lets only the addressee accept, once", () => {
    expect(transition(pending(), DELEGATE, { type: "accept" }, T0)).toEqual({ ok: false, reason: "not-yours" });
    expect(transition(pending(), STRANGER, { type: "accept" }, T0)).toEqual({ ok: false, reason: "not-yours" });
    const accepted = transition(pending(), HOST, { type: "accept" }, T0 + 1);
    expect(accepted).toMatchObject({ ok: true, notify: DELEGATE, event: "accepted", request: { state: "accepted", updatedAt: T0 + 1 } });
    if (!accepted.ok) throw new Error("unreachable");
    expect(accepted.request.history.map((h) => h.action)).toEqual(["created", "accept"]);
    expect(transition(accepted.request, HOST, { type: "accept" }, T0 + 2)).toEqual({ ok: false, reason: "already-answered" });
    expect(transition(accepted.request, HOST, { type: "decline" }, T0 + 2)).toEqual({ ok: false, reason: "already-answered" });
  });

  it("declines with a reason and tells the requester", () => {
    const r = transition(pending(), HOST, { type: "decline", reason: "busy" }, T0);
    expect(r).toMatchObject({ ok: true, notify: DELEGATE, event: "declined", request: { state: "declined", declineReason: "busy" } });
  });

  it("proposes another time, which only the requester answers", () => {
    const proposed = transition(pending(), HOST, { type: "propose", slot: slot(40) }, T0);
    if (!proposed.ok) throw new Error("expected ok");
    expect(proposed.request).toMatchObject({ state: "pending", proposal: slot(40) });
    expect(transition(proposed.request, HOST, { type: "accept" }, T0)).toEqual({ ok: false, reason: "not-allowed-now" });
    expect(transition(proposed.request, HOST, { type: "accept-proposal" }, T0)).toEqual({ ok: false, reason: "not-yours" });
    const accepted = transition(proposed.request, DELEGATE, { type: "accept-proposal" }, T0);
    expect(accepted).toMatchObject({ ok: true, notify: HOST, event: "proposal-accepted", request: { state: "accepted", slot: slot(40) } });
    if (!accepted.ok) throw new Error("expected ok");
    expect(accepted.request.proposal).toBeUndefined();
    const refused = transition(proposed.request, DELEGATE, { type: "decline-proposal" }, T0);
    expect(refused).toMatchObject({ ok: true, notify: HOST, request: { state: "cancelled" } });
  });

  it("lets the requester withdraw a pending request and either side cancel an accepted one", () => {
    expect(transition(pending(), HOST, { type: "cancel" }, T0)).toEqual({ ok: false, reason: "already-answered" });
    expect(transition(pending(), DELEGATE, { type: "cancel" }, T0)).toMatchObject({ ok: true, event: "withdrawn", notify: HOST });
    const accepted = pending({ state: "accepted" });
    expect(transition(accepted, HOST, { type: "cancel" }, T0)).toMatchObject({ ok: true, event: "cancelled", notify: DELEGATE, request: { state: "cancelled" } });
    expect(transition(accepted, DELEGATE, { type: "cancel" }, T0)).toMatchObject({ ok: true, notify: HOST });
    expect(transition(pending({ state: "cancelled" }), DELEGATE, { type: "cancel" }, T0)).toEqual({ ok: false, reason: "already-answered" });
  });
});

describe("cancelling what one saw", () => {
  it("withdraws only a pending request and cancels only an agreed meeting", () => {
    expect(transition(pending(), DELEGATE, { type: "cancel", expect: "pending" }, T0)).toMatchObject({ ok: true, event: "withdrawn" });
    // Pressed on a withdraw confirmation just after the host accepted: the meeting stands.
    expect(transition(pending({ state: "accepted" }), DELEGATE, { type: "cancel", expect: "pending" }, T0)).toEqual({ ok: false, reason: "already-answered" });
    expect(transition(pending({ state: "accepted" }), HOST, { type: "cancel", expect: "accepted" }, T0)).toMatchObject({ ok: true, event: "cancelled" });
    expect(transition(pending(), DELEGATE, { type: "cancel", expect: "accepted" }, T0)).toEqual({ ok: false, reason: "already-answered" });
  });
});

describe("delivery and the digest", () => {
  it("marks a request shown once, with the message that shows it and who it was shown to", () => {
    const shown = markDelivered(pending({ delivered: false }), 42, T0 + 5);
    expect(shown).toMatchObject({ delivered: true, addresseeMessageId: 42 });
    expect(shown?.history.at(-1)).toEqual({ at: T0 + 5, by: HOST, action: "delivered" });
    expect(markDelivered(pending({ delivered: true }), 43, T0)).toBeUndefined();
    expect(markDelivered(pending({ delivered: false, state: "cancelled" }), 43, T0)).toBeUndefined();
  });

  it("counts as awaiting the addressee only while pending, shown, and not waiting on a proposal", () => {
    expect(awaitsAddressee(pending())).toBe(true);
    expect(awaitsAddressee(pending({ delivered: false }))).toBe(false);
    expect(awaitsAddressee(pending({ proposal: slot(40) }))).toBe(false);
    expect(awaitsAddressee(pending({ state: "accepted" }))).toBe(false);
  });
});

describe("erasure", () => {
  it("closes what was open with the person, tells the other side, and keeps the history without them", () => {
    const request = pending({ history: [{ at: T0, by: DELEGATE, action: "created" }], addresseeMessageId: 7 });
    const { request: erased, notify } = erase(request, DELEGATE, T0 + 1);
    expect(notify).toBe(HOST);
    expect(erased).toMatchObject({ from: ERASED, to: HOST, message: "", state: "cancelled", addresseeMessageId: 7 });
    expect(erased.history).toEqual([
      { at: T0, by: ERASED, action: "created" },
      { at: T0 + 1, by: ERASED, action: "erased" },
    ]);
    expect(JSON.stringify(erased)).not.toContain("Lidars");
  });

  it("keeps the requester's message when the addressee leaves, and tells nobody about closed requests", () => {
    const accepted = erase(pending({ state: "accepted", addresseeMessageId: 7 }), HOST, T0);
    expect(accepted.notify).toBe(DELEGATE);
    expect(accepted.request).toMatchObject({ from: DELEGATE, to: ERASED, message: "Lidars for Evocargo?", state: "cancelled" });
    expect(accepted.request.addresseeMessageId).toBeUndefined();
    const declined = erase(pending({ state: "declined", proposal: slot(40) }), HOST, T0);
    expect(declined.notify).toBeUndefined();
    expect(declined.request.state).toBe("declined");
    expect(declined.request.proposal).toBeUndefined();
    expect(erase(pending(), STRANGER, T0).request).toEqual(pending());
  });

  it("tells nobody when the other side is gone too", () => {
    const halfGone = pending({ to: ERASED });
    expect(erase(halfGone, DELEGATE, T0).notify).toBeUndefined();
  });

  it("drops the leaver's company and keeps the other side's", () => {
    const shown = pending({ fromCompany: "ObninskEnergoTech", toCompany: "KRITBI" });
    expect(erase(shown, DELEGATE, T0).request).toMatchObject({ toCompany: "KRITBI" });
    expect(erase(shown, DELEGATE, T0).request.fromCompany).toBeUndefined();
    expect(erase(shown, HOST, T0).request).toMatchObject({ fromCompany: "ObninskEnergoTech" });
    expect(erase(shown, HOST, T0).request.toCompany).toBeUndefined();
  });

  it("says what the other side may still have in their chat of the leaver", () => {
    const step = (r: MeetingRequest, actor: number, action: Parameters<typeof transition>[2]) => {
      const next = transition(r, actor, action, T0);
      if (!next.ok) throw new Error(next.reason);
      return next.request;
    };
    // Never shown: nothing; shown and taken back now: notices that name them only.
    expect(remnantsWithOther(pending({ delivered: false }), DELEGATE, false)).toEqual([]);
    expect(remnantsWithOther(pending(), DELEGATE, true)).toEqual(["names"]);
    expect(remnantsWithOther(pending(), DELEGATE, false)).toEqual(["names", "requests"]);
    // Withdrawn earlier: its card was taken back then.
    expect(remnantsWithOther(step(pending(), DELEGATE, { type: "cancel" }), DELEGATE, false)).toEqual(["names"]);
    expect(remnantsWithOther(step(pending(), HOST, { type: "decline" }), DELEGATE, false)).toEqual(["names", "requests"]);
    // Agreed once, even if cancelled since: contacts went both ways.
    const met = step(step(pending(), HOST, { type: "accept" }), HOST, { type: "cancel" });
    expect(remnantsWithOther(met, DELEGATE, false)).toEqual(["names", "requests", "contacts"]);
    expect(remnantsWithOther(met, HOST, false)).toEqual(["names", "contacts"]);
    const proposed = step(step(pending(), HOST, { type: "propose", slot: slot(40) }), DELEGATE, { type: "accept-proposal" });
    expect(remnantsWithOther(proposed, HOST, false)).toEqual(["names", "contacts"]);
    expect(remnantsWithOther(pending(), STRANGER, false)).toEqual([]);
  });
});

describe("request limits", () => {
  const limits = { maxPendingRequests: 2, declineCooldownMs: 24 * 3600_000 };
  it("refuses a request to oneself, a second open one per pair, and more than N pending", () => {
    expect(canRequest(DELEGATE, DELEGATE, [], [], limits, T0)).toEqual({ ok: false, reason: "self" });
    expect(canRequest(DELEGATE, HOST, [], [pending()], limits, T0)).toEqual({ ok: false, reason: "pair-open" });
    expect(canRequest(DELEGATE, HOST, [], [pending({ from: HOST, to: DELEGATE, state: "accepted" })], limits, T0)).toEqual({ ok: false, reason: "pair-open" });
    const two = [pending({ id: "a", to: 5 }), pending({ id: "b", to: 6 })];
    expect(canRequest(DELEGATE, HOST, two, [], limits, T0)).toEqual({ ok: false, reason: "too-many-pending" });
    expect(canRequest(DELEGATE, HOST, [two[0]!, pending({ id: "c", to: 7, state: "declined" })], [], limits, T0)).toEqual({ ok: true });
  });

  it("refuses a new request to someone who declined for 24 h, then allows it", () => {
    const declined = pending({ state: "declined", updatedAt: T0 });
    expect(canRequest(DELEGATE, HOST, [], [declined], limits, T0 + 3600_000)).toEqual({ ok: false, reason: "declined-recently", until: T0 + 24 * 3600_000 });
    expect(canRequest(DELEGATE, HOST, [], [declined], limits, T0 + 24 * 3600_000)).toEqual({ ok: true });
    // The host, who declined, may still ask the delegate.
    expect(canRequest(HOST, DELEGATE, [], [declined], limits, T0 + 3600_000)).toEqual({ ok: true });
  });
});

describe("free slots", () => {
  it("says a slot is taken by an overlapping agreed meeting of either side, but not by the request itself", () => {
    const mine = pending({ id: "mine", state: "accepted", slot: slot(20) });
    expect(slotTaken(slot(20), [mine])).toBe(true);
    expect(slotTaken(slot(20), [mine], "mine")).toBe(false);
    expect(slotTaken(slot(40), [mine])).toBe(false);
    expect(slotTaken(slot(10), [pending({ state: "pending", slot: slot(10) })])).toBe(false);
    expect(slotTaken(slot(0), [pending({ state: "accepted", slot: null })])).toBe(false);
  });

  it("hides slots that overlap an accepted meeting of either side", () => {
    const slots = [slot(0), slot(20), slot(40)];
    const busy = [pending({ state: "accepted", slot: { start: slot(20).start + 5 * 60_000, end: slot(20).end + 5 * 60_000 } }), pending({ state: "pending", slot: slot(0) })];
    expect(freeSlots(slots, busy)).toEqual([slot(0)]);
  });
});

describe("suggestions", () => {
  const me = { id: 1, tags: ["logistics", "it"], offer: "Беспилотные грузовые платформы", lookingFor: "Поставщики лидаров и датчиков" };
  it("ranks by shared tags and offers that meet what I look for, with the reason", () => {
    const lidar = { id: 10, tags: ["it"], offer: "Производим лидары для беспилотного транспорта", lookingFor: "Заказчики" };
    const both = { id: 11, tags: ["logistics", "it"], offer: "Складские услуги", lookingFor: "Беспилотные решения для склада" };
    const none = { id: 12, tags: ["food"], offer: "Молочная продукция", lookingFor: "Дистрибьюторы" };
    const result = rank(me, [none, lidar, both, me]);
    expect(result.map((s) => s.id)).toEqual([11, 10]);
    // Without a vocabulary, words meet by their first five letters and are named as written.
    expect(result[0]).toMatchObject({ sharedTags: ["logistics", "it"], youOffer: [{ ru: "беспилотные", en: "беспилотные" }] });
    expect(result[1]).toMatchObject({ sharedTags: ["it"], theyOffer: [{ ru: "лидаров", en: "лидаров" }] });
  });
  it("returns nobody when nothing matches, and respects the limit", () => {
    expect(rank(me, [{ id: 5, tags: [], offer: "", lookingFor: "" }])).toEqual([]);
    const many = Array.from({ length: 20 }, (_, i) => ({ id: 100 + i, tags: ["it"], offer: "", lookingFor: "" }));
    expect(rank(me, many, { limit: 5 }).map((s) => s.id)).toEqual([100, 101, 102, 103, 104]);
  });
});
