import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../../../../src/bot/i18n.js";
import type { ViewEnv } from "../../../../src/bot/features/people/views.js";
import {
  digestView,
  meetingsListView,
  noticeView,
  outcomeText,
  refusalText,
  refusalToast,
  requestCardView,
  slotLabel,
  slotPromptView,
  slotText,
} from "../../../../src/bot/features/meetings/views.js";
import { readMissionFile } from "../../../../src/content/load-mission.js";
import type { PublicProfile } from "../../../../src/domain/meetings/privacy.js";
import { newRequest, REQUEST_STATES, type MeetingRequest, type TransitionEvent } from "../../../../src/domain/meetings/request.js";
import { LOCALES } from "../../../../src/domain/locale.js";
import type { Refusal } from "../../../../src/services/meetings.js";

const i18n = createI18n(new URL("../../../../locales", import.meta.url).pathname);
const { mission } = await readMissionFile("content/mission.yaml");
const env = (locale: (typeof LOCALES)[number]): ViewEnv => ({ t: translator(i18n, locale), locale, mission });

// 14:00–14:20 in Krasnoyarsk (UTC+7) on 10 December 2026.
const SLOT = { start: Date.UTC(2026, 11, 10, 7, 0), end: Date.UTC(2026, 11, 10, 7, 20) };
const ME = 1;
const THEM = 2;
const them: PublicProfile = { id: THEM, role: "host", fullName: "Kristina <Zarubina>", company: "Kalibr & Co", position: "Head", region: "Moscow", tags: ["it"], offer: "Space", lookingFor: "Lidars" };
const request = (overrides: Partial<MeetingRequest> = {}): MeetingRequest => ({
  ...newRequest({ id: "abcdef123456", from: ME, to: THEM, slot: SLOT, message: "Hello <there> & bye", now: 0, delivered: true }),
  ...overrides,
});

// A key the locales lack comes back as the key itself.
const RAW_KEY = /\b(?:meetings?|people|card|role|reg)-[a-z-]+/;

describe("meeting views", () => {
  it("show a slot in the mission's zone, in the reader's language", () => {
    expect(slotText(env("ru"), SLOT)).toBe("чт, 10 декабря, 14:00–14:20 (красноярское время, UTC+7)");
    expect(slotText(env("en"), SLOT)).toBe("Thu 10 December, 14:00–14:20 (Krasnoyarsk time, UTC+7)");
    expect(slotLabel(env("ru"), SLOT)).toBe("чт 10 дек. 14:00");
    expect(slotLabel(env("en"), SLOT)).toBe("Thu 10 Dec 14:00");
    expect(slotText(env("ru"), null)).toBe("в любое время (договоримся)");
    expect(slotPromptView(env("en"), "A & B", [SLOT]).text).toBe("🕒 When would you like to meet <b>A &amp; B</b>?\nThese times are free for both of you (Krasnoyarsk time, UTC+7):");
  });

  it.each(LOCALES)("have every text they compose in %s, escaped, and never a contact without contacts", (locale) => {
    const e = env(locale);
    const outputs: string[] = [];
    const events: TransitionEvent[] = ["accepted", "declined", "proposed", "proposal-accepted", "proposal-declined", "withdrawn", "cancelled"];
    for (const event of events) {
      const r = request({ state: event === "proposed" ? "pending" : "accepted", proposal: event === "proposed" ? SLOT : undefined, declineReason: "no-time" });
      outputs.push(noticeView(e, ME, { kind: "answer", event, request: r, by: them }).text);
      outputs.push(outcomeText(e, { request: r, event, other: them }));
    }
    outputs.push(noticeView(e, THEM, { kind: "request", request: request(), from: them }).text);
    outputs.push(noticeView(e, THEM, { kind: "waiting", count: 3 }).text, noticeView(e, THEM, { kind: "left", request: request(), was: "meeting", company: them.company }).text);
    outputs.push(noticeView(e, THEM, { kind: "left", request: request(), was: "request" }).text);
    outputs.push(digestView(e, [{ request: request(), from: them }, { request: request({ id: "bbbbbb123456" }), from: undefined }]).text);
    for (const state of REQUEST_STATES) {
      for (const viewer of [ME, THEM]) outputs.push(requestCardView(e, viewer, { request: request({ state, declineReason: "busy" }), other: them }).text);
    }
    outputs.push(meetingsListView(e, ME, REQUEST_STATES.map((state, i) => ({ request: request({ id: `req${i}000000`, state }), other: them })), 0).text);
    const reasons: Refusal[] = ["not-registered", "unknown", "self", "too-many-pending", "pair-open", "declined-recently", "slot-taken", "slot-past", "not-yours", "already-answered", "not-allowed-now", "bad-message"];
    for (const reason of reasons) outputs.push(refusalText(e, { ok: false, reason, until: SLOT.start, limit: 10 }), refusalToast(e, { ok: false, reason }));
    for (const text of outputs) {
      expect(text).not.toMatch(RAW_KEY);
      expect(text).not.toContain("<Zarubina>");
      expect(text).not.toContain("Kalibr & Co");
      expect(text).not.toMatch(/tg:\/\/|@|\+7\d/);
      expect(text.length).toBeLessThanOrEqual(4096);
    }
  });

  it("list at most 15 requests in a digest and say how many more there are", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ request: request({ id: `r${String(i).padStart(11, "0")}` }), from: { ...them, fullName: "Ж".repeat(100), company: "К".repeat(150) } }));
    const view = digestView(env("ru"), many);
    expect(view.text).toContain("…и ещё 25 в /meetings");
    expect(view.text.length).toBeLessThanOrEqual(4096);
    expect(view.keyboard.inline_keyboard.flat()).toHaveLength(15);
  });
});
