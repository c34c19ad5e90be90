import { describe, expect, it } from "vitest";
import { DELIVERY_MOVES, DELIVERY_STATES, moveDelivery, SETTLED_STATES } from "../../../src/domain/broadcast/delivery.js";
import { cancelBroadcast, deliveryRate, emptyCounts, leftOf, settle, unexplained, type Counts } from "../../../src/domain/broadcast/broadcast.js";

describe("a delivery's state machine", () => {
  it("goes pending → sending → sent, and a settled recipient never moves again", () => {
    expect(moveDelivery("pending", "claim")).toEqual({ ok: true, from: "pending", to: "sending", settles: false });
    expect(moveDelivery("sending", "sent")).toEqual({ ok: true, from: "sending", to: "sent", settles: true });
    for (const settled of SETTLED_STATES) {
      for (const move of Object.keys(DELIVERY_MOVES) as (keyof typeof DELIVERY_MOVES)[]) {
        expect(moveDelivery(settled, move)).toMatchObject({ ok: false, reason: "settled" });
      }
    }
  });

  it("re-claims a recipient left in `sending` by a worker that died: resent, not skipped", () => {
    expect(moveDelivery("sending", "claim")).toMatchObject({ ok: true, to: "sending" });
  });

  it("releases a claimed recipient back to pending (429, per-chat wait, retry) without counting them", () => {
    expect(moveDelivery("sending", "release")).toEqual({ ok: true, from: "sending", to: "pending", settles: false });
    expect(moveDelivery("pending", "release")).toMatchObject({ ok: false, reason: "not-allowed" });
  });

  it("settles only a claimed recipient as sent, unreachable or failed", () => {
    for (const move of ["sent", "unreachable", "failed"] as const) {
      expect(moveDelivery("pending", move)).toMatchObject({ ok: false, reason: "not-allowed" });
      expect(moveDelivery("sending", move)).toMatchObject({ ok: true, to: move, settles: true });
    }
  });

  it("cancels pending recipients, abandons a stale send, and gives up on either", () => {
    expect(moveDelivery("pending", "cancel")).toMatchObject({ ok: true, to: "cancelled" });
    expect(moveDelivery("sending", "cancel")).toMatchObject({ ok: false, reason: "not-allowed" });
    expect(moveDelivery("sending", "abandon")).toMatchObject({ ok: true, to: "cancelled" });
    expect(moveDelivery("pending", "giveUp")).toMatchObject({ ok: true, to: "failed" });
    expect(moveDelivery("sending", "giveUp")).toMatchObject({ ok: true, to: "failed" });
  });

  it("knows nothing of a recipient who is not in the broadcast", () => {
    expect(moveDelivery(undefined, "claim")).toEqual({ ok: false, reason: "unknown-recipient" });
  });

  it("has a counter for every settled state and only for those", () => {
    expect(DELIVERY_STATES.filter((s) => !(SETTLED_STATES as readonly string[]).includes(s))).toEqual(["pending", "sending"]);
  });
});

describe("a broadcast's state machine", () => {
  it("is finished when nobody is left: done, or cancelled if it was stopped", () => {
    const counts = { total: 5, sent: 3, unreachable: 1, failed: 0, cancelled: 0 };
    expect(leftOf(counts)).toBe(1);
    expect(settle("sending", counts)).toEqual({ finished: false });
    expect(settle("sending", { ...counts, failed: 1 })).toEqual({ finished: true, status: "done" });
    expect(settle("cancelled", { ...counts, cancelled: 1 })).toEqual({ finished: true, status: "cancelled" });
    expect(settle("sending", emptyCounts(0))).toEqual({ finished: true, status: "done" });
  });

  it("can be stopped only while sending", () => {
    expect(cancelBroadcast("sending")).toEqual({ ok: true, to: "cancelled" });
    expect(cancelBroadcast("cancelled")).toEqual({ ok: false, reason: "already-cancelled" });
    expect(cancelBroadcast("done")).toEqual({ ok: false, reason: "finished" });
  });

  it("reports the delivery rate out of everyone it was for, the unreachable and the not sent included", () => {
    const stopped: Counts = { ...emptyCounts(10), sent: 6, unreachable: 1, blocked: 1, failed: 1, cancelled: 2 };
    expect(deliveryRate(stopped)).toBe(60);
    // The mission: 302 registered, 10 had blocked the bot, 5 accounts deleted.
    const mission: Counts = { ...emptyCounts(302), sent: 287, unreachable: 15, blocked: 10, deactivated: 5 };
    expect(deliveryRate(mission)).toBe(95);
    expect(deliveryRate(emptyCounts(3))).toBe(0);
    expect(deliveryRate(emptyCounts(0))).toBe(0);
  });

  it("tells the unreachable whose reason was not recorded (broadcasts made before reasons were)", () => {
    expect(unexplained({ ...emptyCounts(10), unreachable: 4, blocked: 1, notStarted: 1 })).toBe(2);
    expect(unexplained({ ...emptyCounts(10), unreachable: 2, blocked: 1, deactivated: 1 })).toBe(0);
  });
});
