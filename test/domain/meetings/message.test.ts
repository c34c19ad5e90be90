import { describe, expect, it } from "vitest";
import { MESSAGE_MAX, validateMeetingMessage } from "../../../src/domain/meetings/message.js";
import { DEFAULT_MEETING_SETTINGS, meetingSettingsOf, requestLimits } from "../../../src/domain/meetings/settings.js";

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
  it("default to 20-minute slots, 10 pending requests and 24 hours after a decline", () => {
    expect(DEFAULT_MEETING_SETTINGS).toEqual({ slot_minutes: 20, max_pending_requests: 10, decline_cooldown_hours: 24 });
    expect(meetingSettingsOf({ mission: {} })).toEqual(DEFAULT_MEETING_SETTINGS);
    expect(requestLimits(DEFAULT_MEETING_SETTINGS)).toEqual({ maxPendingRequests: 10, declineCooldownMs: 24 * 3600_000 });
  });

  it("read the programme's section, and fall back to the defaults when it is odd", () => {
    expect(meetingSettingsOf({ meetings: { max_pending_requests: 3 } })).toEqual({ ...DEFAULT_MEETING_SETTINGS, max_pending_requests: 3 });
    expect(meetingSettingsOf({ meetings: { max_pending_requests: "lots" } })).toEqual(DEFAULT_MEETING_SETTINGS);
    expect(meetingSettingsOf(null)).toEqual(DEFAULT_MEETING_SETTINGS);
  });
});
