import { describe, expect, it } from "vitest";
import { MESSAGE_MAX, validateMeetingMessage } from "../../../src/domain/meetings/message.js";
import { stringify } from "yaml";
import { parseMission, readMissionFile } from "../../../src/content/load-mission.js";
import { requestLimits } from "../../../src/domain/meetings/settings.js";

describe("the message of a request", () => {
  it("is cleaned and kept with its markup characters and line breaks", () => {
    expect(validateMeetingMessage("  Hello <b>there</b> &\u200b co \n\n\n\n next line ")).toEqual({ ok: true, value: "Hello <b>there</b> & co\n\nnext line" });
  });

  it("says what to fix: empty, too long (counted as the user counts), no letters", () => {
    expect(validateMeetingMessage(" \u200b ")).toEqual({ ok: false, problem: { code: "empty" } });
    expect(validateMeetingMessage("я".repeat(MESSAGE_MAX))).toMatchObject({ ok: true });
    expect(validateMeetingMessage("😀".repeat(MESSAGE_MAX))).toMatchObject({ ok: false, problem: { code: "no-letters" } });
    expect(validateMeetingMessage("я".repeat(MESSAGE_MAX + 1))).toEqual({ ok: false, problem: { code: "too-long", max: MESSAGE_MAX, length: MESSAGE_MAX + 1 } });
    expect(validateMeetingMessage("!!! ???")).toEqual({ ok: false, problem: { code: "no-letters" } });
  });
});

describe("meetings settings", () => {
  it("default to 20-minute slots, 10 pending requests and 24 hours after a decline", async () => {
    const { mission } = await readMissionFile("content/mission.yaml");
    const withoutSection = parseMission(stringify({ ...mission, meetings: undefined }), "test");
    expect(withoutSection.meetings).toEqual({ slot_minutes: 20, max_pending_requests: 10, decline_cooldown_hours: 24, nudges: true, nudge_at: "19:00" });
    expect(requestLimits(withoutSection.meetings)).toEqual({ maxPendingRequests: 10, declineCooldownMs: 24 * 3600_000 });
    expect(requestLimits({ ...withoutSection.meetings, max_pending_requests: 3, decline_cooldown_hours: 0 })).toEqual({ maxPendingRequests: 3, declineCooldownMs: 0 });
  });
});
