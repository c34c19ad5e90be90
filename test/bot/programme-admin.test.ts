import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { texts, sleep, type FakeUser } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { buttonsOf } from "../helpers/meetings.js";
import { itemOf, sampleYaml } from "../helpers/mission-file.js";
import { openQueue, pendingJobIds } from "../helpers/queues.js";
import { FYODOR, seedParticipant } from "../helpers/registration.js";

const ORGANISER = 900;
let h: Harness;
let queues: Awaited<ReturnType<typeof openQueue>>;
beforeAll(async () => {
  // A week before the mission: every saved item has a reminder waiting.
  h = await startHarness({ env: { ORGANISER_IDS: String(ORGANISER) }, clock: testClock("2026-12-03T02:00:00Z").now });
  queues = await openQueue(h, "reminders", inject("redisUrl"));
});
afterAll(async () => {
  await queues.close();
  await h.stop();
});

async function publishedVersion(): Promise<string> {
  return (JSON.parse((await h.redis.get(`${h.prefix}programme`)) ?? "{}") as { version: string }).version;
}

async function save(u: FakeUser, ...ids: string[]): Promise<void> {
  if (u.messages.length === 0) await u.send("/start");
  for (const id of ids) await u.pressDataAndSee(`psave:${id}`, u.lastMessage().message_id);
}

describe("the programme in Redis", () => {
  it("is stored from MISSION_FILE on the first start, and /programme_file gives the file back", async () => {
    const stored = JSON.parse((await h.redis.get(`${h.prefix}programme`)) ?? "{}") as { source: string };
    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    await organiser.send("/programme_file");
    const file = organiser.lastMessage();
    expect(file.kind).toBe("document");
    expect(file.document?.filename).toBe("kaluga-krasnoyarsk.yaml");
    expect(file.document?.content.toString("utf8")).toBe(stored.source);
    expect(stored.source).toContain("# Sample programme: a trade-economic mission");
    expect(file.text).toMatch(/^The current programme \(version [0-9a-f]{12}\)/);
  });

  it("/programme_file is not there for participants", async () => {
    const u = h.tg.user(401, { language_code: "en" });
    expect(texts(await u.send("/programme_file"))).toEqual(["I do not know that command. Send /help to see the ones I know."]);
  });
});

describe("uploading a programme file", () => {
  it("a broken file: problems listed with paths and lines, nothing changed", async () => {
    const version = await publishedVersion();
    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    const yaml = await sampleYaml((m) => {
      itemOf(m, "d2-mining").start = "5pm";
      itemOf(m, "d1-opening").venue = "nowhere";
    });
    await organiser.sendDocument("mission.yaml", yaml);
    const reply = organiser.lastText().split("\n");
    expect(reply[0]).toBe("❌ The programme file has 2 problems; nothing has been changed. Fix them and send the file again.");
    expect(reply.slice(2)).toEqual([
      expect.stringMatching(/^• days\[1\]\.items\[6\]\.start: expected HH:mm \(line \d+\)$/),
      expect.stringMatching(/^• days\[0\]\.items\[2\]\.venue: unknown venue "nowhere" \(not in venues\) \(line \d+\)$/),
    ]);
    expect(buttonsOf(organiser.lastMessage().reply_markup)).toEqual([]);
    expect(await publishedVersion()).toBe(version);
    expect(await h.redis.exists(`${h.prefix}programme:draft:${ORGANISER}`)).toBe(0);

    await organiser.sendDocument("mission.yml", "mission: [unclosed\n");
    expect(organiser.lastText()).toMatch(/^❌ The programme file has \d+ problems?/);
    expect(organiser.lastText()).toMatch(/YAML: .+\(line \d+\)/);
    const ru = h.tg.user(ORGANISER, { language_code: "ru" });
    await ru.sendDocument("mission.yaml", await sampleYaml((m) => void (itemOf(m, "d2-mining").start = "5pm")));
    expect(ru.lastText()).toMatch(/^❌ В файле программы 1 ошибка, ничего не изменено\./);
    expect(await publishedVersion()).toBe(version);
  });

  it("every problem in the organiser's language: a missing field said as missing, a bad choice with what is allowed, paths and lines kept", async () => {
    const version = await publishedVersion();
    const yaml = await sampleYaml((m) => {
      itemOf(m, "d2-mining").start = "5pm";
      delete (itemOf(m, "d1-opening") as { kind?: unknown }).kind;
      itemOf(m, "d1-lunch").kind = "<party>" as "meal";
    });
    const lineOf = (needle: string) => yaml.split("\n").findIndex((l) => l.includes(needle)) + 1;
    const [opening, lunch, mining] = [lineOf("- id: d1-opening"), lineOf("kind: <party>"), lineOf("start: 5pm")];

    const ru = h.tg.user(ORGANISER, { language_code: "ru" });
    await ru.sendDocument("mission.yaml", yaml);
    expect(ru.lastText().split("\n")).toEqual([
      "❌ В файле программы 3 ошибки, ничего не изменено. Исправьте и отправьте файл ещё раз.",
      "",
      `• days[0].items[2].kind: не заполнено: это обязательное поле (строка ${opening})`,
      `• days[0].items[5].kind: «<party>» здесь недопустимо; можно одно из: talk, visit, transfer, meal, b2b (строка ${lunch})`,
      `• days[1].items[6].start: ожидается время в виде ЧЧ:ММ (строка ${mining})`,
    ]);
    await ru.sendDocument("mission.yml", "mission: [unclosed\n");
    expect(ru.lastText().split("\n").slice(2)).toEqual([
      "• YAML: неверный отступ: элементы одного уровня начинаются в одном столбце, а открытая скобка должна закрываться (строка 2)",
    ]);

    const en = h.tg.user(ORGANISER, { language_code: "en" });
    await en.sendDocument("mission.yaml", yaml);
    expect(en.lastText().split("\n").slice(2)).toEqual([
      `• days[0].items[2].kind: missing: this field is required (line ${opening})`,
      `• days[0].items[5].kind: “<party>” is not allowed here; expected one of: talk, visit, transfer, meal, b2b (line ${lunch})`,
      `• days[1].items[6].start: expected HH:mm (line ${mining})`,
    ]);
    // The value from the file is escaped in the message's HTML.
    expect(en.lastMessage().html).toContain("“&lt;party&gt;” is not allowed here");
    expect(await publishedVersion()).toBe(version);
  });

  it("from a participant, a YAML file is just an unsupported message", async () => {
    const u = h.tg.user(402, { language_code: "en" });
    const events = await u.sendDocument("mission.yaml", await sampleYaml());
    expect(texts(events)).toEqual(["I can only read text and button presses here. Use the menu or send /help."]);
    expect(await h.redis.exists(`${h.prefix}programme:draft:402`)).toBe(0);
    expect(texts(await u.pressData("pub:0123456789:1"))).toEqual(["Only organisers can do this."]);
  });

  it("a good file: changes summarised, published on Publish, holders of changed items told, reminders moved", async () => {
    const holder = h.tg.user(410, { language_code: "en" });
    await save(holder, "d1-opening", "d2-mining", "d3-lunch", "d1-lunch");
    const unaffected = h.tg.user(411, { language_code: "ru" });
    await save(unaffected, "d1-lunch");
    const bystander = h.tg.user(412, { language_code: "en" });
    await bystander.send("/start");
    const before = await pendingJobIds(queues.queue);
    const openingJob = before.find((id) => id.startsWith("reminder-410-item-d1-opening-"));
    expect(openingJob).toBeDefined();

    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    const version = await publishedVersion();
    const next = await sampleYaml((m) => {
      itemOf(m, "d1-opening").start = "10:00";
      itemOf(m, "d1-opening").end = "10:30";
      itemOf(m, "d2-mining").venue = "hotel";
      const day3 = m.days[2];
      if (!day3) throw new Error("sample changed");
      day3.items = day3.items.filter((i) => i.id !== "d3-lunch");
      day3.items.push({ id: "d3-press", start: "12:00", end: "12:30", kind: "talk", title: { ru: "Подход к прессе", en: "Press approach" }, venue: "kritbi" });
      itemOf(m, "d1-lunch").title = { ru: "Обед в кафе", en: "Lunch at the café" };
    });
    await organiser.sendDocument("mission.yaml", next);
    const summary = organiser.lastMessage();
    expect(summary.text.split("\n")).toEqual([
      "📝 New programme: Kaluga Region business mission to Krasnoyarsk",
      "3 days, 20 items, 5 speakers, 5 venues.",
      "",
      "Changes for participants",
      "➕ Added: 1",
      "➖ Removed: 1",
      "🔁 Moved: 2",
      "",
      "• Opening of the business mission: now 10 Dec, 10:00–10:30 (was 10 Dec, 09:30–10:15)",
      "• Round table: power electronics for mining: now at Hotel Krasnoyarsk (was KRITBI business incubator)",
      "• Farewell lunch (12 Dec, 12:00): cancelled",
      "• New: Press approach, 12 Dec, 12:00–12:30",
      "",
      "Participants who saved a changed item will be told.",
      "",
      "🕒 Time zone: Krasnoyarsk time, UTC+7",
    ]);
    expect(buttonsOf(summary.reply_markup)).toEqual(["✅ Publish", "📣 Publish and notify everyone", "✖ Cancel"]);
    // Nothing has changed yet.
    expect(await publishedVersion()).toBe(version);
    await holder.send("/today");
    expect(holder.lastText()).toContain("09:30–10:15 🎤 ⭐ Opening of the business mission");

    await organiser.pressAndSee("✅ Publish", 2);
    expect(organiser.lastText()).toBe("✅ Published. A notice goes to 1 participant.");
    expect(buttonsOf(summary.reply_markup)).toEqual([]);
    expect(await publishedVersion()).not.toBe(version);

    const notice = await holder.waitForText(/The programme has changed/);
    expect(notice.text.split("\n")).toEqual([
      "🔔 The programme has changed",
      "",
      "In your agenda:",
      "• Opening of the business mission: now 10 Dec, 10:00–10:30 (was 10 Dec, 09:30–10:15)",
      "• Round table: power electronics for mining: now at Hotel Krasnoyarsk (was KRITBI business incubator)",
      "• Farewell lunch (12 Dec, 12:00): cancelled",
      "",
      "🕒 Time zone: Krasnoyarsk time, UTC+7",
      "Open /my for your agenda or /today for the programme.",
    ]);
    await sleep(300);
    expect(unaffected.messages.filter((m) => /изменилась/.test(m.text))).toEqual([]);
    expect(bystander.messages.filter((m) => /changed/.test(m.text))).toEqual([]);

    // The new programme is what everyone reads now; the cancelled item left the holder's agenda.
    await holder.send("/today");
    expect(holder.lastText()).toContain("10:00–10:30 🎤 ⭐ Opening of the business mission");
    expect((await h.redis.smembers(`${h.prefix}agenda:saved:410`)).sort()).toEqual(["d1-lunch", "d1-opening", "d2-mining"]);
    await holder.send("/my");
    expect(holder.lastText()).not.toContain("Farewell lunch");

    // The opening's reminder moved to the new time; the cancelled lunch's is gone; the others stayed.
    const after = await pendingJobIds(queues.queue);
    const newOpening = `reminder-410-item-d1-opening-${Date.parse("2026-12-10T03:00:00Z") / 60_000}`;
    expect(after).not.toContain(openingJob);
    expect(after).toContain(newOpening);
    expect(after.filter((id) => id.includes("d3-lunch"))).toEqual([]);
    expect(after.filter((id) => id.includes("d2-mining"))).toEqual(before.filter((id) => id.includes("d2-mining")));
    expect(after.filter((id) => id.includes("d1-lunch"))).toHaveLength(2);

    // The organiser gets back exactly the file they published.
    await organiser.send("/programme_file");
    expect(organiser.lastMessage().document?.content.toString("utf8")).toBe(next);

    // A second press on the old summary finds no draft.
    expect(texts(await organiser.pressData(buttonsOf(summary.reply_markup).length === 0 ? `pub:${"0".repeat(10)}:0` : "", summary.message_id))).toEqual([
      "This draft is no longer waiting (published, cancelled or expired). Send the file again.",
    ]);
  });

  it("'Publish and notify everyone' tells every participant, each in their language", async () => {
    const ru = h.tg.user(420, { language_code: "ru" });
    await ru.send("/start");
    const en = h.tg.user(421, { language_code: "en" });
    await en.send("/start");
    // A participant who chose English with /language hears in English, though the phone says Russian.
    const registered = h.tg.user(422, { language_code: "ru" });
    await registered.send("/start");
    await seedParticipant(h, 422, FYODOR);
    await registered.send("/language");
    await registered.press("🇬🇧 English");
    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    const current = (await h.redis.get(`${h.prefix}programme`)) ?? "";
    const source = (JSON.parse(current) as { source: string }).source;
    await organiser.sendDocument("mission.yaml", source.replace("start: 08:30\n", "start: 08:15\n"));
    expect(organiser.lastText()).toContain("• Bus from the hotel to KRITBI: now 10 Dec, 08:15–09:00 (was 10 Dec, 08:30–09:00)");
    await organiser.pressAndSee("📣 Publish and notify everyone", 2);
    await organiser.waitForText(/^✅ Published\. Notices go to \d+ participants\.$/);
    const ruNotice = await ru.waitForText(/Программа изменилась/);
    expect(ruNotice.text).toContain("• Автобус от гостиницы до КРИТБИ: теперь 10 дек., 08:15–09:00 (было: 10 дек., 08:30–09:00)");
    expect(ruNotice.text).toContain("🕒 Часовой пояс: красноярское время, UTC+7");
    const enNotice = await en.waitForText(/The programme has changed/);
    expect(enNotice.text).toContain("• Bus from the hotel to KRITBI: now 10 Dec, 08:15–09:00 (was 10 Dec, 08:30–09:00)");
    expect(enNotice.text).not.toContain("In your agenda:");
    await registered.waitForText(/The programme has changed/);
    // Everyone who has talked to the bot hears, the organiser too.
    await organiser.waitForText(/The programme has changed/);
  });

  it("Cancel keeps the programme; an identical file says so", async () => {
    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    const version = await publishedVersion();
    const source = (JSON.parse((await h.redis.get(`${h.prefix}programme`)) ?? "{}") as { source: string }).source;
    await organiser.sendDocument("mission.yaml", source);
    expect(organiser.lastText()).toContain("This file is exactly the programme that is already published.");
    await organiser.sendDocument("mission.yaml", source.replace("start: 08:15\n", "start: 08:00\n"));
    await organiser.pressAndSee("✖ Cancel", 2);
    expect(organiser.lastText()).toBe("Cancelled: the programme stays as it was.");
    expect(await publishedVersion()).toBe(version);
    expect(await h.redis.exists(`${h.prefix}programme:draft:${ORGANISER}`)).toBe(0);
  });

  it("a restart keeps the published programme rather than MISSION_FILE", async () => {
    const version = await publishedVersion();
    await h.restart();
    expect(await publishedVersion()).toBe(version);
    const u = h.tg.user(430, { language_code: "en" });
    await u.send("/today");
    expect(u.lastText()).toContain("10:00–10:30 🎤 Opening of the business mission");
  });
});
