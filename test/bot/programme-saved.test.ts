import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { buttonsOf } from "../helpers/meetings.js";
import { sampleYaml, writeMissionFile } from "../helpers/mission-file.js";

// The stars on a day page, an item card and /my follow the saved items as stored: across processes,
// after a publication and after /deletemydata.
const ORGANISER = 910;
const clock = testClock("2026-12-10T03:40:00Z"); // 10:40 on day 1 in Krasnoyarsk
const BUS = "08:30–09:00 🚌 Bus from the hotel to KRITBI";
const STARRED_BUS = "08:30–09:00 🚌 ⭐ Bus from the hotel to KRITBI";
let h: Harness;
let original: string;
beforeAll(async () => {
  // The file in force at start is byte for byte the one published again below.
  original = await sampleYaml();
  h = await startHarness({ env: { ORGANISER_IDS: String(ORGANISER), MISSION_FILE: await writeMissionFile(original) }, clock: clock.now });
});
afterAll(async () => {
  await h.stop();
});

async function publish(yaml: string): Promise<void> {
  const organiser = h.tg.user(ORGANISER, { language_code: "en" });
  await organiser.sendDocument("mission.yaml", yaml);
  await organiser.pressAndSee("✅ Publish", 2);
  expect(organiser.lastText()).toMatch(/^✅ Published\./);
}

describe("saved items in day pages, item cards and /my", () => {
  it("a star saved or removed through one process shows in the next one's views", async () => {
    const u = h.tg.user(311, { language_code: "en" });
    await u.send("/today");
    expect(u.lastText()).toContain(BUS);
    await u.pressDataAndSee("psave:d1-bus", u.lastMessage().message_id);

    await h.restart();
    await u.send("/today");
    expect(u.lastText()).toContain(STARRED_BUS);
    await u.pressAndSee("08:30 Bus from the hotel to KRITBI");
    expect(buttonsOf(u.lastMessage().reply_markup)[0]).toBe("✅ In my agenda: remove");
    await u.send("/my");
    expect(u.lastText()).toContain("Bus from the hotel to KRITBI");
    await u.pressDataAndSee("psave:d1-bus", u.lastMessage().message_id);

    await h.restart();
    await expectBusUnstarred(u);
  });

  it("an item taken out of the programme and later put back comes back without the star", async () => {
    clock.set("2026-12-10T03:41:00Z");
    const u = h.tg.user(312, { language_code: "en" });
    const watcher = h.tg.user(313, { language_code: "en" });
    await u.send("/today");
    await u.pressDataAndSee("psave:d1-bus", u.lastMessage().message_id);
    await u.send("/today");
    expect(u.lastText()).toContain(STARRED_BUS);

    // The user sends nothing meanwhile: their copy is still the one taken before the bus was removed.
    await publish(await sampleYaml((m) => m.days.forEach((d) => (d.items = d.items.filter((i) => i.id !== "d1-bus")))));
    await watcher.send("/today");
    expect(watcher.lastText()).not.toContain("Bus from the hotel to KRITBI");
    clock.set("2026-12-10T03:42:00Z");
    await publish(original);

    await expectBusUnstarred(u);
  });

  it("/deletemydata takes the stars off at once and leaves no copy of them in the session", async () => {
    const u = h.tg.user(314, { language_code: "en" });
    await u.send("/today");
    await u.pressDataAndSee("psave:d1-bus", u.lastMessage().message_id);
    await u.send("/today");
    expect(u.lastText()).toContain(STARRED_BUS);

    await u.send("/deletemydata");
    await u.pressAndSee("🗑 Yes, delete everything");
    expect(u.lastText()).toContain("your personal agenda (the programme items you saved)");
    expect(await h.redis.get(`${h.prefix}session:314`)).not.toContain("d1-bus");

    await u.send("/today");
    expect(u.lastText()).toContain(BUS);
    expect(u.lastText()).not.toContain("⭐");
    await u.pressAndSee("08:30 Bus from the hotel to KRITBI");
    expect(buttonsOf(u.lastMessage().reply_markup)[0]).toBe("⭐ Save to my agenda");
  });
});

/** The bus is shown without a star on the day, on its card and not in /my. */
async function expectBusUnstarred(u: ReturnType<typeof h.tg.user>): Promise<void> {
  await u.send("/today");
  expect(u.lastText()).toContain(BUS);
  expect(u.lastText()).not.toContain("⭐");
  await u.pressAndSee("08:30 Bus from the hotel to KRITBI");
  expect(buttonsOf(u.lastMessage().reply_markup)[0]).toBe("⭐ Save to my agenda");
  await u.send("/my");
  expect(u.lastText()).not.toContain("Bus from the hotel to KRITBI");
}
