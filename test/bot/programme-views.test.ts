import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { buttonsOf } from "../helpers/meetings.js";
import { itemOf, sampleYaml } from "../helpers/mission-file.js";

// What each user sees of the programme follows the programme in force, their own saved items and the
// mission's clock.
const ORGANISER = 900;
const clock = testClock("2026-12-10T03:40:00Z"); // 10:40 on day 1 in Krasnoyarsk
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ORGANISER_IDS: String(ORGANISER) }, clock: clock.now });
});
afterAll(async () => {
  await h.stop();
});

describe("programme views over time and users", () => {
  it("a republished programme shows at once in /today, /now, item and speaker cards and /speakers", async () => {
    clock.set("2026-12-10T03:40:00Z");
    const u = h.tg.user(301, { language_code: "en" });
    await u.send("/today");
    expect(u.lastText()).toContain("09:30–10:15 🎤 Opening of the business mission");
    await u.pressAndSee("09:30 Opening of the business mission");
    expect(u.lastText()).toMatch(/^🎤 Opening of the business mission\n📅 Thursday,? 10 December, 09:30–10:15\n/);
    await u.send("/now");
    expect(u.lastText()).toContain("Next, in 5 minutes:\n10:45–12:30 🎤 Kaluga companies present their products");
    await u.send("/speakers");
    expect(u.lastText()).toContain("Nikolay Kolpakov, Executive Director, KRITBI");
    await u.pressAndSee("👤 Nikolay Kolpakov · KRITBI");
    expect(u.lastText()).toMatch(/^Nikolay Kolpakov\n/);

    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    await organiser.sendDocument(
      "mission.yaml",
      await sampleYaml((m) => {
        itemOf(m, "d1-opening").start = "10:00";
        itemOf(m, "d1-opening").end = "10:30";
        itemOf(m, "d1-pitches").start = "10:50";
        itemOf(m, "d1-pitches").title = { ru: "Питчи калужских компаний", en: "Pitches of Kaluga companies" };
        const kolpakov = m.speakers?.find((s) => s.id === "kolpakov");
        if (!kolpakov) throw new Error("sample changed");
        kolpakov.name = { ru: "Николай Колпаков-Новый", en: "Nikolay Kolpakov-New" };
      }),
    );
    await organiser.pressAndSee("✅ Publish", 2);
    expect(organiser.lastText()).toMatch(/^✅ Published\./);

    // Same user, same minute: every view is the new programme's.
    await u.send("/today");
    expect(u.lastText()).toContain("10:00–10:30 🎤 Opening of the business mission");
    expect(u.lastText()).not.toContain("09:30–10:15");
    await u.pressAndSee("10:00 Opening of the business mission");
    expect(u.lastText()).toMatch(/^🎤 Opening of the business mission\n📅 Thursday,? 10 December, 10:00–10:30\n/);
    await u.send("/now");
    expect(u.lastText()).toContain("Next, in 10 minutes:\n10:50–12:30 🎤 Pitches of Kaluga companies");
    await u.send("/speakers");
    expect(u.lastText()).toContain("Nikolay Kolpakov-New, Executive Director, KRITBI");
    await u.pressAndSee("👤 Nikolay Kolpakov-New · KRITBI");
    expect(u.lastText()).toMatch(/^Nikolay Kolpakov-New\n/);
  });

  it("one user's saved items never show in another's day page or item card", async () => {
    clock.set("2026-12-10T03:40:00Z");
    const saver = h.tg.user(304, { language_code: "en" });
    const other = h.tg.user(305, { language_code: "en" });
    await other.send("/today");
    expect(other.lastText()).toContain("08:30–09:00 🚌 Bus from the hotel to KRITBI");
    await saver.send("/today");
    await saver.pressAndSee("08:30 Bus from the hotel to KRITBI");
    expect(buttonsOf(saver.lastMessage().reply_markup)[0]).toBe("⭐ Save to my agenda");
    await saver.pressAndSee("⭐ Save to my agenda");
    expect(buttonsOf(saver.lastMessage().reply_markup)[0]).toBe("✅ In my agenda: remove");

    await saver.send("/today");
    expect(saver.lastText()).toContain("08:30–09:00 🚌 ⭐ Bus from the hotel to KRITBI");
    await other.send("/today");
    expect(other.lastText()).toContain("08:30–09:00 🚌 Bus from the hotel to KRITBI");
    expect(other.lastText()).not.toContain("⭐");
    await other.pressAndSee("08:30 Bus from the hotel to KRITBI");
    expect(buttonsOf(other.lastMessage().reply_markup)[0]).toBe("⭐ Save to my agenda");
    await saver.pressDataAndSee("pitem:d1-bus", saver.lastMessage().message_id);
    expect(buttonsOf(saver.lastMessage().reply_markup)[0]).toBe("✅ In my agenda: remove");

    // Marks on another day leave day 1 as everyone sees it; the saver's own day 1 keeps its star.
    await other.pressDataAndSee("psave:d2-bus", other.lastMessage().message_id);
    await other.send("/today");
    expect(other.lastText()).not.toContain("⭐");
    await saver.send("/today");
    expect(saver.lastText()).toContain("🚌 ⭐ Bus from the hotel to KRITBI");

    // Removed again: the saver is back to the shared page.
    await saver.pressDataAndSee("psave:d1-bus", saver.lastMessage().message_id);
    await saver.send("/today");
    expect(saver.lastText()).not.toContain("⭐");
  });
  it("/now follows the minute, and /today the mission's date", async () => {
    const u = h.tg.user(302, { language_code: "en" });
    const v = h.tg.user(303, { language_code: "en" });
    clock.set("2026-12-10T03:58:00Z"); // 10:58, the pitches are on; lunch at 12:30 is next
    await u.send("/now");
    expect(u.lastText()).toMatch(/^🕒 It is 10:58, /);
    expect(u.lastText()).toContain("Next, in 1 h 32 min:");
    clock.set("2026-12-10T03:59:00Z");
    await v.send("/now");
    expect(v.lastText()).toMatch(/^🕒 It is 10:59, /);
    expect(v.lastText()).toContain("Next, in 1 h 31 min:");
    clock.set("2026-12-10T04:00:00Z");
    await u.send("/now");
    expect(u.lastText()).toMatch(/^🕒 It is 11:00, /);
    expect(u.lastText()).toContain("Next, in 90 minutes:");

    clock.set("2026-12-10T16:59:00Z"); // 23:59 on day 1
    await u.send("/today");
    expect(u.lastText()).toMatch(/^📅 Day 1 of 3/);
    clock.set("2026-12-10T17:00:00Z"); // midnight: day 2
    await v.send("/today");
    expect(v.lastText()).toMatch(/^📅 Day 2 of 3/);
    clock.set("2026-12-12T17:00:00Z"); // after the mission: the last day, saying so
    await u.send("/today");
    expect(u.lastText()).toMatch(/^📅 Day 3 of 3 .*\nResults\nThe mission is over\./);
    clock.set("2026-12-12T16:59:00Z"); // back to the last day itself (a clock set back): no note
    await v.send("/today");
    expect(v.lastText()).toMatch(/^📅 Day 3 of 3 .*\nResults\n🕒 Time zone/);
    clock.set("2026-12-10T03:40:00Z");
  });

});
