import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { storedLanguage } from "../helpers/registration.js";

/**
 * The one record of a user's language (LanguagesRepo), seen from the outside: messages the bot sends on
 * its own speak the language the user chose with /language, else the one their Telegram was set to.
 */
const clock = testClock();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: clock.now });
});
afterAll(async () => {
  await h.stop();
});

async function save(u: FakeUser, itemId: string): Promise<void> {
  await u.send("/today");
  await u.pressDataAndSee(`psave:${itemId}`, u.lastMessage().message_id);
}

describe("the language a user is spoken to in", () => {
  it("reminds in the language chosen with /language over the phone's, and in the phone's when none was chosen", async () => {
    // The opening starts at 09:30 (02:30 UTC); its reminder is due at 02:15 UTC, seconds from "now".
    clock.set("2026-12-10T02:14:50Z");
    const chose = h.tg.user(8101, { language_code: "ru" });
    await chose.send("/start");
    await chose.send("/language");
    await chose.press("🇬🇧 English");
    const phone = h.tg.user(8102, { language_code: "en" });
    await save(chose, "d1-opening");
    await save(phone, "d1-opening");
    // Writing again with the phone still set to Russian does not undo the choice.
    await chose.send("/help");
    expect(await storedLanguage(h, 8101)).toEqual({ locale: "en", chosen: true });
    expect(await storedLanguage(h, 8102)).toEqual({ locale: "en", chosen: false });

    expect((await chose.waitForText(/^⏰/, 15_000)).text).toMatch(/^⏰ Opening of the business mission: in 15 minutes/);
    expect((await phone.waitForText(/^⏰/, 15_000)).text).toMatch(/^⏰ Opening of the business mission: in 15 minutes/);
  });

  it("follows the phone's language when it changes, as long as none was chosen", async () => {
    const u = h.tg.user(8103, { language_code: "en" });
    await u.send("/start");
    expect(await storedLanguage(h, 8103)).toEqual({ locale: "en", chosen: false });
    const switched = h.tg.user(8103, { language_code: "uk" });
    await switched.send("/help");
    expect(await storedLanguage(h, 8103)).toEqual({ locale: "ru", chosen: false });
  });

  it("is forgotten with /deletemydata", async () => {
    const u = h.tg.user(8104, { language_code: "en" });
    await u.send("/language");
    await u.press("🇬🇧 English");
    expect(await storedLanguage(h, 8104)).toEqual({ locale: "en", chosen: true });
    await u.send("/deletemydata");
    await u.press("🗑 Yes, delete everything");
    expect(await storedLanguage(h, 8104)).toBeUndefined();
  });
});
