import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../../../../src/bot/i18n.js";
import type { ViewEnv } from "../../../../src/bot/features/people/views.js";
import { nudgeData, nudgeView, toggledKeyboard } from "../../../../src/bot/features/nudges/views.js";
import { readMissionFile } from "../../../../src/content/load-mission.js";
import { LOCALES, type Locale } from "../../../../src/domain/locale.js";
import { b2bSessions } from "../../../../src/domain/meetings/nudges.js";
import { Programme } from "../../../../src/domain/programme/programme.js";
import { buttonsOf } from "../../../helpers/meetings.js";

const i18n = createI18n(new URL("../../../../locales", import.meta.url).pathname);
const { mission } = await readMissionFile("content/mission.yaml");
const env = (locale: Locale): ViewEnv => ({ t: translator(i18n, locale), locale, mission });
const [session] = b2bSessions(new Programme(mission));
if (!session) throw new Error("the sample has B2B");

const profile = { id: 42, role: "host" as const, fullName: "Kristina <Zarubina>", company: "Kalibr & Co", position: "Head", region: "Moscow", tags: ["it"], offer: "Space", lookingFor: "Lidars" };
const suggestion = { id: 42, score: 3, sharedTags: ["it"], theyOffer: [], youOffer: [] };

describe("the nudge's view", () => {
  it("escapes names and leaves no key untranslated, in both languages", () => {
    for (const locale of LOCALES) {
      const view = nudgeView(env(locale), { session, suggestions: [{ profile, suggestion }] });
      expect(view.text).not.toMatch(/\b(?:nudge|people)-[a-z-]+/);
      expect(view.text).toContain("Kristina &lt;Zarubina&gt;");
      expect(view.text).toContain("Kalibr &amp; Co");
      expect(view.keyboard.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: "mreq:42" });
    }
  });

  it("without suggestions points to the directory", () => {
    const view = nudgeView(env("en"), { session, suggestions: [] });
    expect(view.text).toBe(
      "📅 Tomorrow's B2B session starts at <b>13:30</b> (Krasnoyarsk time, UTC+7); you have no meetings in it yet.\nB2B meetings with KRITBI residents — Thursday 10 December\n\nLook through the participants and request a meeting while slots are free.",
    );
    expect(buttonsOf(view.keyboard)).toEqual(["👥 All participants", "🔕 Don't remind me"]);
  });

  it("turns \"don't remind me\" into \"remind me again\" and back, keeping the other buttons", () => {
    const view = nudgeView(env("en"), { session, suggestions: [{ profile, suggestion }] });
    const off = toggledKeyboard(view.keyboard, true, "🔔 Remind me again");
    expect(buttonsOf(off)).toEqual(["🤝 1. Request a meeting: Kristina <Zarubina>", "👥 All participants", "🔔 Remind me again"]);
    expect(off?.inline_keyboard.at(-1)?.[0]).toMatchObject({ callback_data: nudgeData.pack({ off: "0" }) });
    expect(toggledKeyboard(off, false, "🔕 Don't remind me")?.inline_keyboard).toEqual(view.keyboard.inline_keyboard);
    expect(toggledKeyboard(undefined, true, "x")).toBeUndefined();
  });
});
