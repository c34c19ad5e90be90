import ExcelJS from "exceljs";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingRequest } from "../../src/domain/meetings/request.js";
import type { Participant } from "../../src/domain/participant.js";
import { texts, type BotMessage, type ChatEvent, type FakeUser } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { GORYNIN, KOLPAKOV } from "../helpers/meetings.js";
import { itemOf, sampleYaml, writeMissionFile } from "../helpers/mission-file.js";
import { seedParticipant } from "../helpers/registration.js";

// B2B tables through the real bot. The programme is the sample with two tables at the first day's
// KRITBI session (so they run out) and two named ones on the last day.
const ORGANISER = 7801;
const clock = testClock("2026-12-09T12:00:00+07:00");
const SLOT_1410 = Date.parse("2026-12-10T14:10:00+07:00");
let h: Harness;

beforeAll(async () => {
  const file = await writeMissionFile(
    await sampleYaml((m) => {
      itemOf(m, "d1-b2b").tables = 2;
      itemOf(m, "d3-b2b").tables = [{ ru: "Синий стол", en: "Blue table" }, "A2"];
    }),
  );
  h = await startHarness({ clock: clock.now, env: { MISSION_FILE: file, ORGANISER_IDS: String(ORGANISER), TELEGRAM_TIME_SCALE: "20" } });
});
afterAll(async () => {
  await h.stop();
});

let nextId = 78_000;
interface Person {
  user: FakeUser;
  profile: Participant;
}

/** A registered participant who has opened the bot: delegates write Russian, hosts English. */
async function person(role: "delegate" | "host", fullName: string, company: string): Promise<Person> {
  const id = nextId++;
  const locale = role === "delegate" ? "ru" : "en";
  const profile = await seedParticipant(h, id, role === "delegate" ? GORYNIN : KOLPAKOV, { language: locale, role, fullName, company });
  const user = h.tg.user(id, { language_code: locale });
  await user.send("/start");
  return { user, profile };
}

/** The delegate asks the host for a meeting at a slot (its button label); the host accepts. Both confirmations. */
async function agree(d: Person, o: Person, slot: string): Promise<{ host: string; delegate: string; request: MeetingRequest }> {
  await d.user.pressData(`pcard:${o.profile.id}`);
  await d.user.press("🤝 Запросить встречу");
  await d.user.press(slot);
  await d.user.send("Добрый день! Обсудим поставки?");
  await d.user.press("📨 Отправить");
  const host = texts(await o.user.press("✅ Accept")).at(-1) ?? "";
  const ids = await h.redis.zrange(`${h.prefix}meetings:out:${d.profile.id}`, 0, -1);
  const raw = await h.redis.get(`${h.prefix}meeting:${ids.at(-1) ?? ""}`);
  return { host, delegate: d.user.lastText(), request: JSON.parse(raw ?? "{}") as MeetingRequest };
}

/** The first day's 14:10 slot: table number → meeting id, as stored. */
function tablesAt1410(): Promise<Record<string, string>> {
  return h.redis.hgetall(`${h.prefix}meetings:tables:d1-b2b:${SLOT_1410}`);
}

function documents(events: ChatEvent[]): BotMessage[] {
  return events.flatMap((e) => (e.kind === "message" && e.message.kind === "document" ? [e.message] : []));
}

const people: Record<string, Person> = {};

describe("B2B tables", () => {
  it("seat an agreed meeting at the first free table of its slot, named in both confirmations, /meetings and /my, each in the reader's language", async () => {
    people.d1 = await person("delegate", "Константин Горынин", "ОбнинскЭнергоТех");
    people.o1 = await person("host", "Nikolay Kolpakov", "KRITBI");
    const { host, delegate, request } = await agree(people.d1, people.o1, "чт 10 дек. 14:10");
    expect(host.split("\n").slice(0, 3)).toEqual([
      "✅ The meeting with Константин Горынин is agreed. They have your contacts too.",
      "🕒 Thu 10 December, 14:10–14:30 (Krasnoyarsk time, UTC+7)",
      "📍 Where: Table 1, KRITBI business incubator",
    ]);
    expect(delegate.split("\n").slice(0, 3)).toEqual([
      "✅ Ваш запрос на встречу принят. С вами встретится Nikolay Kolpakov.",
      "🕒 чт, 10 декабря, 14:10–14:30 (красноярское время, UTC+7)",
      "📍 Где: Стол 1, Бизнес-инкубатор КРИТБИ",
    ]);
    expect(request).toMatchObject({ state: "accepted", table: { item: "d1-b2b", n: 1 } });
    expect(await tablesAt1410()).toEqual({ "1": request.id });

    expect(texts(await people.d1.user.send("/meetings"))[0]).toContain("1. ↗️ Nikolay Kolpakov, KRITBI — чт, 10 декабря, 14:10–14:30 (красноярское время, UTC+7)\n    📍 Где: Стол 1, Бизнес-инкубатор КРИТБИ");
    expect(texts(await people.o1.user.send("/meetings"))[0]).toContain("    📍 Where: Table 1, KRITBI business incubator");
    // The meeting's card names the table too.
    expect(texts(await people.o1.user.press("1. Константин Горынин · 10 Dec 14:10")).at(-1)).toContain(
      "🕒 When: Thu 10 December, 14:10–14:30 (Krasnoyarsk time, UTC+7)\n📍 Where: Table 1, KRITBI business incubator",
    );
    expect(texts(await people.d1.user.send("/my"))[0]).toContain("14:10–14:30 👥 Встреча — Nikolay Kolpakov · Стол 1, Бизнес-инкубатор КРИТБИ");
    expect(texts(await people.o1.user.send("/my"))[0]).toContain("14:10–14:30 👥 Meeting with Константин Горынин · Table 1, KRITBI business incubator");
  });

  it("put the table first in the .ics LOCATION, in the reader's language", async () => {
    const location = async (u: FakeUser, button: string) => {
      await u.send("/my");
      await u.pressAndSee(button);
      const calendar = new ICAL.Component(ICAL.parse(u.lastMessage().document?.content.toString("utf8") ?? "") as unknown[]);
      return calendar.getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("location")));
    };
    expect(await location(people.o1?.user as FakeUser, "📆 Whole agenda to calendar (.ics)")).toEqual(["Table 1, KRITBI business incubator, 2I Akademika Kirenskogo St, Krasnoyarsk"]);
    expect(await location(people.d1?.user as FakeUser, "📆 Всю программу в календарь (.ics)")).toEqual(["Стол 1, Бизнес-инкубатор КРИТБИ, Красноярск, ул. Академика Киренского, 2И"]);
  });

  it("give the next meeting of the slot the next table; a cancellation frees it for the next; once all are taken a meeting stays agreed at the desk, and /stats counts it", async () => {
    people.d2 = await person("delegate", "Фёдор Пащенко", "Феал-Технология");
    people.o2 = await person("host", "Anna Sokolova", "Sibir Mining");
    const second = await agree(people.d2, people.o2, "чт 10 дек. 14:10");
    expect(second.request.table).toEqual({ item: "d1-b2b", n: 2 });
    expect(second.host).toContain("\n📍 Where: Table 2, KRITBI business incubator\n");

    // The first meeting is cancelled: table 1 of the slot is free again.
    const d1 = people.d1 as Person;
    await d1.user.send("/meetings");
    await d1.user.press("1. Nikolay Kolpakov · 10 дек. 14:10");
    await d1.user.press("🚫 Отменить встречу");
    await d1.user.press("Да, отменить");
    expect(Object.keys(await tablesAt1410())).toEqual(["2"]);
    // A cancelled meeting names no table any more.
    expect(texts(await d1.user.send("/meetings"))[0]).not.toContain("📍");
    expect(texts(await d1.user.send("/my"))[0]).not.toContain("Стол");

    people.d3 = await person("delegate", "Любовь Фаткина", "Минцифры Калужской области");
    people.o3 = await person("host", "Ivan Petrov", "Krasnoyarsk Lidar");
    const third = await agree(people.d3, people.o3, "чт 10 дек. 14:10");
    expect(third.request.table).toEqual({ item: "d1-b2b", n: 1 });
    expect(await tablesAt1410()).toEqual({ "1": third.request.id, "2": second.request.id });

    // Both tables held: the meeting is agreed all the same, at the desk.
    people.d4 = await person("delegate", "Ольга Руководова", "Калужский технопарк");
    people.o4 = await person("host", "Pavel Orlov", "Yenisei Robotics");
    const fourth = await agree(people.d4, people.o4, "чт 10 дек. 14:10");
    expect(fourth.request).toMatchObject({ state: "accepted", table: { item: "d1-b2b", n: null } });
    expect(fourth.host.split("\n").slice(1, 3)).toEqual(["🕒 Thu 10 December, 14:10–14:30 (Krasnoyarsk time, UTC+7)", "📍 Where: Table at the desk, KRITBI business incubator"]);
    expect(fourth.delegate).toContain("\n📍 Где: Стол — у стойки организаторов, Бизнес-инкубатор КРИТБИ\n");
    expect(Object.keys(await tablesAt1410()).sort()).toEqual(["1", "2"]);
    expect(texts(await people.o4.user.send("/my"))[0]).toContain("14:10–14:30 👥 Meeting with Ольга Руководова · Table at the desk, KRITBI business incubator");

    const org = h.tg.user(ORGANISER, { language_code: "en" });
    expect(texts(await org.send("/stats"))[0]).toContain("B2B tables: 2 meetings seated · 1 left for the desk (no table free)");
    await org.send("/language");
    await org.press("🇷🇺 Русский");
    expect(texts(await org.send("/stats"))[0]).toContain("Столы B2B: встреч за столами — 2, у стойки организаторов — 1 (свободного стола не нашлось)");
  });

  it("name a named table in the reader's language", async () => {
    people.d5 = await person("delegate", "Фёдор Пащенко", "Феал-Технология");
    people.o5 = await person("host", "Maria Ivanova", "KrasTech");
    const named = await agree(people.d5, people.o5, "сб 12 дек. 09:30");
    expect(named.request.table).toEqual({ item: "d3-b2b", n: 1 });
    expect(named.host).toContain("\n📍 Where: Blue table, KRITBI business incubator\n");
    expect(named.delegate).toContain("\n📍 Где: Синий стол, Бизнес-инкубатор КРИТБИ\n");
  });

  it("/export gains the desk's B2B schedule: by slot, then table, both people and their companies; the same as CSV", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    await org.send("/language");
    await org.press("🇬🇧 English");
    const docs = documents(await org.send("/export"));
    expect(docs.map((d) => d.document?.filename)).toContain("b2b-kaluga-krasnoyarsk.csv");
    const workbook = new ExcelJS.Workbook();
    const bytes = docs[0]?.document?.content ?? Buffer.alloc(0);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet("B2B schedule");
    const rows = Array.from({ length: sheet?.rowCount ?? 0 }, (_, i) => Array.from({ length: 8 }, (_, c) => sheet?.getRow(i + 1).getCell(c + 1).text ?? ""));
    const zone = "(Krasnoyarsk time, UTC+7)";
    const session = "B2B meetings with KRITBI residents";
    expect(rows).toEqual([
      [`Slot starts ${zone}`, `Slot ends ${zone}`, "Session", "Table", "From", "From: company", "To", "To: company"],
      ["2026-12-10 14:10", "2026-12-10 14:30", session, "1", "Любовь Фаткина", "Минцифры Калужской области", "Ivan Petrov", "Krasnoyarsk Lidar"],
      ["2026-12-10 14:10", "2026-12-10 14:30", session, "2", "Фёдор Пащенко", "Феал-Технология", "Anna Sokolova", "Sibir Mining"],
      ["2026-12-10 14:10", "2026-12-10 14:30", session, "Table at the desk", "Ольга Руководова", "Калужский технопарк", "Pavel Orlov", "Yenisei Robotics"],
      ["2026-12-12 09:30", "2026-12-12 09:50", "Follow-up B2B meetings", "Blue table", "Фёдор Пащенко", "Феал-Технология", "Maria Ivanova", "KrasTech"],
    ]);
    const csv = docs.find((d) => d.document?.filename === "b2b-kaluga-krasnoyarsk.csv")?.document?.content.toString("utf8") ?? "";
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n").filter((l) => l !== "");
    expect(lines).toHaveLength(5);
    expect(lines[3]).toContain("Table at the desk");
  });

  it("name the table in the reminder before the meeting, with the venue's address", async () => {
    // 14:14:57 on the first day: the 14:30 slot's reminder is due three seconds after it is agreed.
    clock.set("2026-12-10T14:14:57+07:00");
    people.d6 = await person("delegate", "Константин Горынин", "ОбнинскЭнергоТех");
    people.o6 = await person("host", "Elena Smirnova", "Sibtech");
    const agreed = await agree(people.d6, people.o6, "чт 10 дек. 14:30");
    expect(agreed.request.table).toEqual({ item: "d1-b2b", n: 1 });
    const host = await people.o6.user.waitForText(/^⏰/, 15_000);
    expect(host.text).toContain("\n📍 Table 1, KRITBI business incubator, 2I Akademika Kirenskogo St, Krasnoyarsk");
    const delegate = await people.d6.user.waitForText(/^⏰/, 15_000);
    expect(delegate.text).toContain("\n📍 Стол 1, Бизнес-инкубатор КРИТБИ, Красноярск, ул. Академика Киренского, 2И");
  });
});
