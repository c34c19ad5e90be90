import { describe, expect, it } from "vitest";
import { isUnreachable, unreachableReason } from "../../../src/domain/telegram/reachability.js";

describe("who cannot be reached", () => {
  it("every 403 is for good: blocked, deactivated, never pressed Start, kicked from a group", () => {
    for (const description of [
      "Forbidden: bot was blocked by the user",
      "Forbidden: user is deactivated",
      "Forbidden: bot can't initiate conversation with a user",
      "Forbidden: bot was kicked from the supergroup chat",
    ]) {
      expect(isUnreachable({ kind: "api", code: 403, description }), description).toBe(true);
    }
  });

  it("400s that say the chat is gone or closed to the bot", () => {
    for (const description of [
      "Bad Request: chat not found",
      "Bad Request: user not found",
      "Bad Request: PEER_ID_INVALID",
      "Bad Request: user is deactivated",
      "Bad Request: CHAT_WRITE_FORBIDDEN",
      "Bad Request: not enough rights to send text messages to the chat",
      "Bad Request: have no rights to send a message",
      "Bad Request: group chat was upgraded to a supergroup chat",
    ]) {
      expect(isUnreachable({ kind: "api", code: 400, description }), description).toBe(true);
    }
  });

  it("not a request Telegram rejected for its content, a flood wait, Telegram's own trouble or the network", () => {
    expect(isUnreachable({ kind: "api", code: 400, description: "Bad Request: can't parse entities: Unsupported start tag" })).toBe(false);
    expect(isUnreachable({ kind: "api", code: 400, description: "Bad Request: message is not modified" })).toBe(false);
    expect(isUnreachable({ kind: "api", code: 429, description: "Too Many Requests: retry after 5", retryAfter: 5 })).toBe(false);
    expect(isUnreachable({ kind: "api", code: 502, description: "Bad Gateway" })).toBe(false);
    expect(isUnreachable({ kind: "network", description: "ECONNRESET" })).toBe(false);
  });

  it("says why, as an organiser is told: blocked, never opened, deleted account", () => {
    const reason = (code: number, description: string) => unreachableReason({ kind: "api", code, description });
    expect(reason(403, "Forbidden: bot was blocked by the user")).toBe("blocked");
    expect(reason(403, "Forbidden: user is deactivated")).toBe("deactivated");
    expect(reason(400, "Bad Request: user is deactivated")).toBe("deactivated");
    expect(reason(403, "Forbidden: bot can't initiate conversation with a user")).toBe("notStarted");
    expect(reason(400, "Bad Request: chat not found")).toBe("notStarted");
    // A group that threw the bot out, or took its right to write, shut it out as a block does.
    expect(reason(403, "Forbidden: bot was kicked from the supergroup chat")).toBe("blocked");
    expect(reason(400, "Bad Request: CHAT_WRITE_FORBIDDEN")).toBe("blocked");
    expect(reason(400, "Bad Request: message is not modified")).toBeUndefined();
    expect(unreachableReason({ kind: "network", description: "ECONNRESET" })).toBeUndefined();
  });
});
