import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "../../src/domain/participant.js";
import { texts } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { buttonsOf, contactNeedles, everythingSent, GORYNIN, KOLPAKOV } from "../helpers/meetings.js";
import { FYODOR, OLGA, seedParticipant } from "../helpers/registration.js";

const ORGANISER = 60_999;
let h: Harness;
const people: Participant[] = [];
beforeAll(async () => {
  h = await startHarness({ env: { ORGANISER_IDS: String(ORGANISER) } });
  // Twelve listed participants (five hosts), one hidden host.
  const seed = async (id: number, overrides: Partial<Participant>, base = FYODOR) => people.push(await seedParticipant(h, id, base, { username: `user${id}`, ...overrides }));
  await seed(60_001, { role: "host", fullName: "Nikolay Kolpakov", company: "KRITBI", region: "Красноярск", tags: ["mining", "it"], offer: "Lidar sensors for unmanned trucks" }, KOLPAKOV);
  await seed(60_002, { role: "host", fullName: "Kristina Zarubina", company: "Kalibr technopark", region: "Moscow", tags: ["it", "logistics"] });
  await seed(60_003, { role: "host", fullName: "Ольга Рухуллаева", region: "красноярск ", tags: ["metallurgy", "mining"] }, OLGA);
  await seed(60_004, { role: "host", fullName: "Mikhail Labudin", company: "Association of Clusters", region: "Moscow", tags: ["pharma"] });
  await seed(60_005, { role: "host", fullName: "Hidden Host", region: "Красноярск", tags: ["mining"], visible: false });
  await seed(60_006, { role: "host", fullName: "Evocargo", company: "Evocargo", region: "Moscow", tags: ["logistics"] });
  for (let i = 0; i < 7; i++) await seed(60_010 + i, { fullName: `Delegate ${String.fromCharCode(65 + i)}`, region: "Kaluga Region", tags: i % 2 ? ["energy"] : ["metallurgy"] });
});
afterAll(async () => {
  await h.stop();
});

function entries(text: string): string[] {
  return [...text.matchAll(/^\d+\. (.+?) — /gm)].map((m) => m[1] ?? "");
}

describe("/people", () => {
  it("lists everyone visible but the viewer, five a page, with what they offer and look for and no contact", async () => {
    const u = h.tg.user(60_010, { language_code: "en" });
    const first = texts(await u.send("👥 People"))[0] ?? "";
    expect(first.split("\n").slice(0, 2)).toEqual(["👥 Participants · Everyone", "Found: 11 · page 1 of 3"]);
    // Sorted by name as Russian speakers sort: Cyrillic first.
    expect(entries(first)).toEqual(["Ольга Рухуллаева", "Delegate B", "Delegate C", "Delegate D", "Delegate E"]);
    expect(first).toContain("2. Delegate B — Director, Feal-Technology LLC\n📍 Kaluga Region · 🏷 Energy and power electronics\n💼 Thin-layer heating elements, precision alloys\n🔎 Mining companies of Krasnoyarsk");
    expect(buttonsOf(u.lastMessage().reply_markup)).toEqual([
      "⭐ Suggested for you", "• Everyone", "Hosts", "Delegates", "🏷 Industry: any", "📍 Region: any",
      "1. Ольга Рухуллаева", "2. Delegate B", "3. Delegate C", "4. Delegate D", "5. Delegate E", "More ▶️",
    ]);
    const second = texts(await u.press("More ▶️"))[1] ?? "";
    expect(entries(second)).toEqual(["Delegate F", "Delegate G", "Evocargo", "Kristina Zarubina", "Mikhail Labudin"]);
    expect(second).toContain("6. Delegate F");
    // A host's entry says so on a line of its own.
    expect(second).toMatch(/^8\. Evocargo — Director, Evocargo\n🏭 host company\n📍 Moscow · 🏷 .+\n💼 .+\n🔎 .+$/m);
    const third = texts(await u.press("More ▶️"))[1] ?? "";
    expect(entries(third)).toEqual(["Nikolay Kolpakov"]);
    expect(buttonsOf(u.lastMessage().reply_markup)).toContain("◀️ Back");
    expect(third).not.toContain("Hidden Host");
    for (const needle of people.flatMap((p) => contactNeedles({ id: p.id, phone: p.phone, email: p.email, username: p.username }))) {
      expect(everythingSent(h)).not.toContain(needle);
    }
  });

  it("filters by role, industry and region (spellings of one region are one), and resets", async () => {
    const u = h.tg.user(60_011, { language_code: "ru" });
    await u.send("/people");
    const hosts = texts(await u.press("Принимающие"))[1] ?? "";
    expect(hosts.split("\n")[0]).toBe("👥 Участники · Принимающие");
    expect(entries(hosts)).toEqual(["Ольга Рухуллаева", "Evocargo", "Kristina Zarubina", "Mikhail Labudin", "Nikolay Kolpakov"]);
    expect(hosts).toMatch(/^1\. Ольга Рухуллаева — .+\n🏭 принимающая компания\n📍 красноярск +· 🏷 .+\n💼 .+\n🔎 .+$/m);
    await u.press("🏷 Отрасль: любая");
    expect(buttonsOf(u.lastMessage().reply_markup)).toContain("Горная добыча");
    const mining = texts(await u.press("Горная добыча"))[1] ?? "";
    expect(mining.split("\n")[0]).toBe("👥 Участники · Принимающие · Горная добыча");
    expect(entries(mining)).toEqual(["Ольга Рухуллаева", "Nikolay Kolpakov"]);
    await u.press("📍 Регион: любой");
    expect(buttonsOf(u.lastMessage().reply_markup)).toEqual(["Любой регион", "Красноярск", "← К списку"]);
    const region = texts(await u.press("Красноярск"))[1] ?? "";
    expect(region.split("\n")[0]).toBe("👥 Участники · Принимающие · Горная добыча · Красноярск");
    expect(entries(region)).toEqual(["Ольга Рухуллаева", "Nikolay Kolpakov"]);
    const none = texts(await u.press("Делегаты")).at(-1) ?? "";
    expect(none).toContain("Под эти фильтры никто не подходит.");
    expect(buttonsOf(u.lastMessage().reply_markup)).toContain("📍 Регион: Красноярск");
    const reset = texts(await u.press("✖️ Сбросить фильтры"))[1] ?? "";
    expect(reset.split("\n").slice(0, 2)).toEqual(["👥 Участники · Все", "Найдено: 11 · страница 1 из 3"]);
  });

  it("opens a card with 'Request a meeting'; a hidden or unknown participant has none to open", async () => {
    const u = h.tg.user(60_012, { language_code: "en" });
    await u.send("/people");
    const card = texts(await u.pressData("pcard:60001")).at(-1) ?? "";
    expect(card).toContain("Nikolay Kolpakov\nExecutive director, KRITBI\n📍 Красноярск\n🎫 Role: host\n🏢 About the company: Regional innovation");
    expect(card).toContain("💼 Offers: Lidar sensors for unmanned trucks");
    expect(buttonsOf(u.lastMessage().reply_markup)).toEqual(["🤝 Request a meeting"]);
    expect(texts(await u.pressData("pcard:60005"))).toEqual(["This participant is no longer in the directory."]);
    expect(texts(await u.pressData("pcard:424242"))).toEqual(["This participant is no longer in the directory."]);
    expect(texts(await u.pressData("pcard:-1"))).toEqual(["This button is out of date. Open the menu again."]);
    expect(texts(await u.pressData("ppl:x:-:-:0"))).toEqual(["This button is out of date. Open the menu again."]);
    expect(texts(await u.pressData("ppl:a:no_such:-:0"))).toEqual(["This button is out of date. Open the menu again."]);
  });

  it("is closed to strangers and open to organisers, who cannot request meetings without a profile", async () => {
    const stranger = h.tg.user(60_900, { language_code: "ru" });
    expect(texts(await stranger.send("/people"))).toEqual(["Каталог участников открыт для зарегистрированных участников миссии. Сначала зарегистрируйтесь — это займёт около минуты."]);
    expect(buttonsOf(stranger.lastMessage().reply_markup)).toEqual(["📝 Зарегистрироваться"]);
    expect(texts(await stranger.pressData("pcard:60001"))).toEqual(["Каталог участников открыт для зарегистрированных участников миссии. Сначала зарегистрируйтесь — это займёт около минуты."]);
    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    const list = texts(await organiser.send("/people"))[0] ?? "";
    // An organiser without a profile is not among them: all twelve.
    expect(list).toContain("Found: 12");
    expect(buttonsOf(organiser.lastMessage().reply_markup)).not.toContain("⭐ Suggested for you");
    await organiser.pressData("pcard:60001");
    expect(buttonsOf(organiser.lastMessage().reply_markup)).toEqual([]);
  });

  it("never shows viewers themselves, whoever opened the same page before them", async () => {
    const page = async (id: number) => {
      const text = texts(await h.tg.user(id, { language_code: "en" }).send("/people"))[0] ?? "";
      return { found: text.split("\n")[1], names: entries(text) };
    };
    const others = ["Ольга Рухуллаева", "Delegate A", "Delegate B", "Delegate C", "Delegate D"];
    expect(await page(ORGANISER)).toEqual({ found: "Found: 12 · page 1 of 3", names: others });
    expect(await page(60_001)).toEqual({ found: "Found: 11 · page 1 of 3", names: others }); // Nikolay: after this page
    expect(await page(60_003)).toEqual({ found: "Found: 11 · page 1 of 3", names: [...others.slice(1), "Delegate E"] }); // Ольга herself
    expect(await page(60_012)).toEqual({ found: "Found: 11 · page 1 of 3", names: ["Ольга Рухуллаева", "Delegate A", "Delegate B", "Delegate D", "Delegate E"] });
    expect(await page(60_002)).toEqual({ found: "Found: 11 · page 1 of 3", names: others });
    // The hidden host sees what the organiser sees (neither is in the list), but with "Suggested for you".
    expect(await page(60_005)).toEqual({ found: "Found: 12 · page 1 of 3", names: others });
    expect(buttonsOf(h.tg.user(60_005).lastMessage().reply_markup)[0]).toBe("⭐ Suggested for you");
    expect(buttonsOf(h.tg.user(ORGANISER).lastMessage().reply_markup)[0]).not.toBe("⭐ Suggested for you");
  });

  it("shows who registered, hid themselves or left since it was last opened, whichever process wrote it", async () => {
    const u = h.tg.user(60_012, { language_code: "en" });
    const found = async () => (texts(await u.send("/people"))[0] ?? "").split("\n")[1];
    expect(await found()).toBe("Found: 11 · page 1 of 3");
    // seedParticipant writes through a repository of its own, as another bot process would.
    await seedParticipant(h, 60_020, FYODOR, { fullName: "Aaron Newcomer" });
    expect(await found()).toBe("Found: 12 · page 1 of 3");
    await seedParticipant(h, 60_020, FYODOR, { fullName: "Aaron Newcomer", visible: false });
    expect(await found()).toBe("Found: 11 · page 1 of 3");
    await seedParticipant(h, 60_020, FYODOR, { fullName: "Aaron Newcomer" });
    expect(await found()).toBe("Found: 12 · page 1 of 3");
    const newcomer = h.tg.user(60_020, { language_code: "en" });
    await newcomer.send("/deletemydata");
    await newcomer.press("🗑 Yes, delete everything");
    expect(await h.redis.exists(`${h.prefix}participant:60020`)).toBe(0);
    expect(await found()).toBe("Found: 11 · page 1 of 3");
  });

  it("fits one message even when five people wrote every field to its limit", async () => {
    const long = (ch: string, n: number) => ch.repeat(n);
    for (let i = 0; i < 5; i++) {
      await seedParticipant(h, 60_100 + i, GORYNIN, {
        fullName: `Ж${long("ж", 99)}`.slice(0, 100),
        company: long("&", 150),
        position: long("<", 100),
        region: `Long region ${long("ы", 88)}`,
        tags: ["metallurgy", "energy", "mining", "it", "pharma", "food", "logistics", "chemistry", "textile", "education"],
        offer: long("ю", 300),
        lookingFor: long("я", 300),
        companyDescription: long("о", 300),
        role: "host",
      });
    }
    const u = h.tg.user(60_013, { language_code: "ru" });
    await u.send("/people");
    await u.press("Принимающие");
    expect(u.lastMessage().text.length).toBeLessThanOrEqual(4096);
    expect(h.tg.calls.filter((c) => c.status >= 400)).toEqual([]);
    expect(h.errors()).toEqual([]);
  });
});

describe("Suggested for you", () => {
  it("shows a delegate the hosts that match, with the reason", async () => {
    const u = h.tg.user(60_201, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en", tags: ["metallurgy", "mining"], lookingFor: "Lidar sensors and mining partners" });
    await u.send("/people");
    const shown = texts(await u.press("⭐ Suggested for you")).at(-1) ?? "";
    expect(shown.split("\n").slice(0, 3)).toEqual(["⭐ Suggested for you", "People whose offers meet what you are looking for, and who share your industries.", ""]);
    expect(shown).toContain("Ольга Рухуллаева — И. о. министра, Минист. инвестиций и инноваций\n💡 both: Metallurgy and new materials, Mining");
    expect(shown).toContain("Nikolay Kolpakov — Executive director, KRITBI\n💡 both: Mining; offers what you look for: lidar");
    expect(shown).not.toMatch(/Delegate [A-G]/);
    expect(buttonsOf(u.lastMessage().reply_markup)).toContain("👥 All participants");
  });

  it("shows a host the delegates, and says how to get suggestions when nothing matches", async () => {
    const host = h.tg.user(60_202, { language_code: "ru" });
    await seedParticipant(h, host.id, OLGA, { language: "ru", role: "host", tags: ["energy"] });
    await host.send("/people");
    const shown = texts(await host.press("⭐ Рекомендуем вам")).at(-1) ?? "";
    expect(shown).toMatch(/Delegate [BDF] — /);
    expect(shown).toContain("💡 общие отрасли: Энергетика и силовая электроника");
    const lonely = h.tg.user(60_203, { language_code: "en" });
    await seedParticipant(h, lonely.id, FYODOR, { language: "en", role: "host", tags: ["textile"], offer: "Fabric", lookingFor: "Cotton" });
    await lonely.send("/people");
    expect(texts(await lonely.press("⭐ Suggested for you")).at(-1)).toBe(
      "⭐ Suggested for you\n\nNo suggestions yet. They get better the more precisely your industries and “I am looking for” are filled in: /profile",
    );
  });
});
