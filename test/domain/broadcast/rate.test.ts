import { describe, expect, it } from "vitest";
import { chatIntervalMs, classifySendFailure, concurrencyFor, progressIntervalMs, retryAfterMs, retryPolicy, sendSpacingMicros } from "../../../src/domain/broadcast/rate.js";

const real = { perSecond: 30, perChatPerSecond: 1, timeScale: 1 };

describe("rate arithmetic", () => {
  it("spaces sends so that no second, however it is cut, holds more than the rate, and not much less", () => {
    expect(sendSpacingMicros(real)).toBe(33_334);
    expect(sendSpacingMicros({ ...real, perSecond: 25 })).toBe(40_000);
    expect(sendSpacingMicros({ ...real, perSecond: 1 })).toBe(1_000_000);
    expect(sendSpacingMicros({ ...real, perSecond: 30, timeScale: 10 })).toBe(3_334);
    for (const rates of [real, { ...real, perSecond: 25, timeScale: 20 }, { ...real, perSecond: 7, timeScale: 3 }, { ...real, perSecond: 40, timeScale: 4 }, { ...real, perSecond: 30, timeScale: 50 }]) {
      const spacing = sendSpacingMicros(rates);
      // Booked times 0, s, 2s, …: a half-open (Telegram) second holds ceil(second / s) of them at most.
      const second = 1_000_000 / rates.timeScale;
      expect(Math.ceil(second / spacing), JSON.stringify(rates)).toBeLessThanOrEqual(rates.perSecond);
      expect(second / spacing, JSON.stringify(rates)).toBeGreaterThan(rates.perSecond * 0.99);
    }
  });

  it("spaces messages to one chat by the per-chat rate, and to a group by Telegram's 20 a minute", () => {
    expect(chatIntervalMs(42, real)).toBe(1000);
    expect(chatIntervalMs(42, { ...real, perChatPerSecond: 2 })).toBe(500);
    expect(chatIntervalMs(-1001234, real)).toBe(3000);
    expect(chatIntervalMs(-1001234, { ...real, timeScale: 20 })).toBe(150);
  });

  it("turns retry_after seconds into a pause on the scaled clock, at least one second", () => {
    expect(retryAfterMs(9, real)).toBe(9000);
    expect(retryAfterMs(1, { ...real, timeScale: 20 })).toBe(50);
    expect(retryAfterMs(0, real)).toBe(1000);
  });

  it("keeps enough sends in flight for the rate, within bounds", () => {
    expect(concurrencyFor(real)).toBe(9);
    expect(concurrencyFor({ ...real, perSecond: 1 })).toBe(2);
    expect(concurrencyFor({ ...real, timeScale: 100 })).toBe(32);
    expect(retryPolicy(real)).toEqual({ attempts: 5, backoffMs: 2000 });
    expect(progressIntervalMs(real)).toBe(3000);
    expect(progressIntervalMs({ ...real, timeScale: 1000 })).toBe(50);
  });
});

describe("what a failed send means", () => {
  it("429 pauses everything for retry_after", () => {
    expect(classifySendFailure({ kind: "api", code: 429, description: "Too Many Requests: retry after 7", retryAfter: 7 })).toEqual({ kind: "rate-limited", retryAfterSeconds: 7 });
  });

  it("403 and chats the bot cannot write to are unreachable, not retried, and say why", () => {
    expect(classifySendFailure({ kind: "api", code: 403, description: "Forbidden: bot was blocked by the user" })).toEqual({ kind: "unreachable", reason: "blocked" });
    expect(classifySendFailure({ kind: "api", code: 403, description: "Forbidden: user is deactivated" })).toEqual({ kind: "unreachable", reason: "deactivated" });
    expect(classifySendFailure({ kind: "api", code: 403, description: "Forbidden: bot can't initiate conversation with a user" })).toEqual({ kind: "unreachable", reason: "notStarted" });
    expect(classifySendFailure({ kind: "api", code: 400, description: "Bad Request: chat not found" })).toEqual({ kind: "unreachable", reason: "notStarted" });
  });

  it("a request Telegram rejects is not retried; network and server errors are", () => {
    expect(classifySendFailure({ kind: "api", code: 400, description: "Bad Request: can't parse entities: Unsupported start tag" })).toEqual({ kind: "rejected" });
    expect(classifySendFailure({ kind: "api", code: 502, description: "Bad Gateway" })).toEqual({ kind: "transient" });
    expect(classifySendFailure({ kind: "network", description: "ECONNRESET" })).toEqual({ kind: "transient" });
  });
});
