import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { texts } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { buttonsOf, GORYNIN, KOLPAKOV } from "../helpers/meetings.js";
import { sampleYaml } from "../helpers/mission-file.js";
import { seedParticipant } from "../helpers/registration.js";

/**
 * "Suggested for you" across the two languages (issue 14, item 10): a delegate who wrote in Russian and
 * a host who wrote in English, with no industry in common, meet through the programme's vocabulary.
 */
const ORGANISER = 62_999;
const DELEGATE = 62_001;
const HOST = 62_101;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ORGANISER_IDS: String(ORGANISER) } });
  // Gorynin offers control systems for excavators and looks for mining companies (in Russian);
  // Kolpakov offers introductions to mining companies and looks for power electronics (in English).
  // Industries apart, so that only their texts can bring them together.
  await seedParticipant(h, DELEGATE, GORYNIN, { language: "ru", tags: ["energy"] });
  await seedParticipant(h, HOST, KOLPAKOV, { language: "en", role: "host", tags: ["it"] });
  // A host nobody's texts meet.
  await seedParticipant(h, 62_102, KOLPAKOV, { language: "en", role: "host", fullName: "Dairy Host", company: "Yenisei Dairy", tags: ["food"], offer: "Wholesale of dairy products", lookingFor: "Cheese makers" });
});
afterAll(async () => {
  await h.stop();
});

async function suggestionsFor(id: number, locale: "ru" | "en"): Promise<string> {
  const u = h.tg.user(id, { language_code: locale });
  await u.send("/people");
  return texts(await u.press(locale === "ru" ? "⭐ Рекомендуем вам" : "⭐ Suggested for you")).at(-1) ?? "";
}

describe("Suggested for you, across Russian and English", () => {
  it("shows a Russian-speaking delegate the English-speaking host, with the reason in Russian", async () => {
    const shown = await suggestionsFor(DELEGATE, "ru");
    expect(shown.split("\n")).toEqual([
      "⭐ Рекомендуем вам",
      "Участники, которые предлагают то, что вы ищете, и работают в тех же отраслях.",
      "",
      "1. Nikolay Kolpakov — Executive director, KRITBI",
      "💡 предлагает то, что вы ищете: горная добыча; ищет то, что вы предлагаете: электроника, управление, горная добыча, экскаваторы",
    ]);
    expect(buttonsOf(h.tg.user(DELEGATE).lastMessage().reply_markup)).toEqual(["1. Nikolay Kolpakov", "👥 Все участники"]);
  });

  it("shows the English-speaking host the Russian-speaking delegate, with the reason in English", async () => {
    const shown = await suggestionsFor(HOST, "en");
    expect(shown.split("\n")).toEqual([
      "⭐ Suggested for you",
      "People whose offers meet what you are looking for, and who share your industries.",
      "",
      "1. Константин Горынин — Заместитель генерального директора по продажам, ОбнинскЭнергоТех",
      "💡 offers what you look for: electronics, control, mining, excavators; looks for what you offer: mining",
    ]);
    expect(buttonsOf(h.tg.user(HOST).lastMessage().reply_markup)).toEqual(["1. Константин Горынин", "👥 All participants"]);
  });

  it("matches through the vocabulary of the programme in force: an organiser's published file changes it", async () => {
    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    // The same programme with the mining entry named differently and the excavators gone.
    const next = await sampleYaml((m) => {
      m.vocabulary = (m.vocabulary ?? [])
        .filter((entry) => !entry.en.includes("excavators"))
        .map((entry) => (entry.en.includes("mining") ? { ...entry, name: { ru: "добыча полезных ископаемых", en: "mining industry" } } : entry));
    });
    await organiser.sendDocument("mission.yaml", next);
    expect(organiser.lastText()).toContain("No item is added, removed or moved in time or place.");
    await organiser.pressAndSee("✅ Publish", 2);
    expect(organiser.lastText()).toBe("✅ Published. Nobody needed a notice.");
    const stored = JSON.parse((await h.redis.get(`${h.prefix}programme`)) ?? "{}") as { source: string };
    expect(stored.source).toContain("добыча полезных ископаемых");

    expect((await suggestionsFor(DELEGATE, "ru")).split("\n").at(-1)).toBe(
      "💡 предлагает то, что вы ищете: добыча полезных ископаемых; ищет то, что вы предлагаете: электроника, управление, добыча полезных ископаемых",
    );
    expect((await suggestionsFor(HOST, "en")).split("\n").at(-1)).toBe("💡 offers what you look for: electronics, control, mining industry; looks for what you offer: mining industry");
    expect(h.errors()).toEqual([]);
  });
});
