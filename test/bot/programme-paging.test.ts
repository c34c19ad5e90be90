import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotMessage, FakeUser } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { sampleYaml, writeMissionFile } from "../helpers/mission-file.js";

// A tiny but real PNG (1×1 pixel).
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

let h: Harness;
beforeAll(async () => {
  // Day 1 gets 40 items with the longest titles and venue names the schema allows; 25 speakers.
  const yaml = await sampleYaml((m) => {
    const long = (prefix: string, n: number, max: number) => `${prefix} ${n} `.padEnd(max, "x");
    m.venues = [...(m.venues ?? []), { id: "hall", name: { en: long("Hall", 0, 120) }, address: { en: "Somewhere" }, latitude: 56, longitude: 92.9 }];
    m.speakers = Array.from({ length: 25 }, (_, i) => ({
      id: `s${i}`,
      name: { en: `Speaker ${String(i).padStart(2, "0")}` },
      position: { en: long("Position", i, 200) },
      company: { en: long("Company", i, 200) },
      bio: { en: "Bio." },
      ...(i === 0 ? { photo: "photos/s0.png" } : {}),
    }));
    const day1 = m.days[0];
    if (!day1) throw new Error("sample changed");
    day1.items = Array.from({ length: 40 }, (_, i) => {
      const start = 8 * 60 + i * 15;
      const hhmm = (t: number) => `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
      return { id: `i${i}`, start: hhmm(start), end: hhmm(start + 15), kind: "talk" as const, title: { en: long(`Item ${String(i).padStart(2, "0")}`, i, 200) }, venue: "hall", speakers: i === 0 ? ["s0"] : [] };
    });
    for (const day of m.days.slice(1)) for (const item of day.items) item.speakers = [];
  });
  const missionFile = await writeMissionFile(yaml);
  await mkdir(join(dirname(missionFile), "photos"));
  await writeFile(join(dirname(missionFile), "photos", "s0.png"), PNG);
  h = await startHarness({ env: { MISSION_FILE: missionFile }, clock: testClock("2026-12-10T01:00:00Z").now });
});
afterAll(async () => {
  await h.stop();
});

function buttons(message: BotMessage): string[] {
  const markup = message.reply_markup;
  return markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat().map((b) => b.text) : [];
}

/** Walks "More ›" through every page of the message, collecting what each page shows. */
async function allPages(u: FakeUser): Promise<{ texts: string[]; buttons: string[][] }> {
  const message = u.lastMessage();
  const pages = { texts: [message.text], buttons: [buttons(message)] };
  while (buttons(message).includes("More ›")) {
    await u.pressAndSee("More ›");
    pages.texts.push(message.text);
    pages.buttons.push(buttons(message));
  }
  return pages;
}

describe("a day of 40 items", () => {
  it("is paged: every page under 4,096 characters, with the zone, and every item reachable", async () => {
    const u = h.tg.user(301, { language_code: "en" });
    await u.send("/today");
    const first = u.lastMessage();
    const pages = await allPages(u);
    expect(pages.texts.length).toBeGreaterThanOrEqual(4);
    expect(u.messages).toEqual([first]); // pages are edits of the one message
    pages.texts.forEach((text, i) => {
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(text).toContain("🕒 Time zone: Krasnoyarsk time, UTC+7");
      expect(text).toContain(`Page ${i + 1} of ${pages.texts.length}`);
    });
    const opened = pages.buttons.flat().filter((b) => /^\d\d:\d\d Item/.test(b));
    expect(opened).toHaveLength(40);
    expect(new Set(opened).size).toBe(40);
    // Back through the pages, and from an item card back to its page.
    await u.pressAndSee("‹ Back");
    expect(u.lastMessage().text).toContain(`Page ${pages.texts.length - 1} of ${pages.texts.length}`);
    await u.pressAndSee("More ›");
    await u.pressAndSee(/^17:45 Item 39/);
    await u.pressAndSee("◀ Day 1");
    expect(u.lastMessage().text).toContain("17:45–18:00 🎤 Item 39");
  });

  it("personal agendas and speaker lists are paged the same way", async () => {
    const u = h.tg.user(302, { language_code: "en" });
    // Saved straight into the user's set (saving through buttons is covered in programme.test.ts).
    await h.redis.sadd(`${h.prefix}agenda:saved:302`, ...Array.from({ length: 40 }, (_, i) => `i${i}`));
    await u.send("/my");
    const my = await allPages(u);
    expect(my.texts.length).toBeGreaterThan(1);
    for (const text of my.texts) expect(text.length).toBeLessThanOrEqual(4096);
    expect(my.buttons.flat().filter((b) => /Item/.test(b))).toHaveLength(40);

    await u.send("/speakers");
    const speakers = await allPages(u);
    expect(speakers.texts.length).toBeGreaterThan(1);
    for (const text of speakers.texts) expect(text.length).toBeLessThanOrEqual(4096);
    const names = speakers.buttons.flat().filter((b) => b.startsWith("👤"));
    expect(names).toHaveLength(25);
  });
});

describe("speaker card", () => {
  it("sends the photo when the file exists, then the card", async () => {
    const u = h.tg.user(303, { language_code: "en" });
    await u.send("/speakers");
    await u.pressAndSee(/^👤 Speaker 00/, 2);
    const [photo, card] = u.messages.slice(-2);
    expect(photo?.kind).toBe("photo");
    expect(photo?.document?.content.equals(PNG)).toBe(true);
    expect(photo?.text).toMatch(/^Speaker 00\nPosition 0 x+, Company 0 x+$/);
    expect(card?.text).toMatch(/^Speaker 00\n/);
    expect(card?.text).toContain("🗓 Speaks at");
    await u.pressAndSee(/^👤 Speaker 01/);
    expect(u.lastMessage().kind).toBe("text");
    expect(u.messages.filter((m) => m.kind === "photo")).toHaveLength(1);
  });
});
