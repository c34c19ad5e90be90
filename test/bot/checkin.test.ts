import JSZip from "jszip";
import jsqrModule from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { checkinPayload } from "../../src/domain/checkin/payload.js";
import { texts, type BotMessage, type ChatEvent, type FakeUser } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { sampleYaml } from "../helpers/mission-file.js";
import { FYODOR, OLGA, register, seedParticipant } from "../helpers/registration.js";

const ORGANISER = 7601;
const SECRET = "checkin-secret-for-tests-0123456789";
const MISSION = "kaluga-krasnoyarsk";
const BOT = "mission_test_bot";
// The Zheleznogorsk day, during the visit: Krasnoyarsk time.
const clock = testClock("2026-12-11T10:05:00+07:00");
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { ORGANISER_IDS: String(ORGANISER), CHECKIN_SECRET: SECRET }, clock: clock.now });
});
afterAll(async () => {
  await h.stop();
});

// jsqr is CommonJS typed as an ES module: its function is the module at run time and `.default` to TypeScript.
const jsQR = typeof jsqrModule === "function" ? jsqrModule : jsqrModule.default;
const link = (payload: string) => `https://t.me/${BOT}?start=${payload}`;
const stopPayload = (stopId: string) => checkinPayload({ kind: "stop", stopId }, MISSION, SECRET);

function documents(events: ChatEvent[]): BotMessage[] {
  return events.flatMap((e) => (e.kind === "message" && e.message.kind === "document" ? [e.message] : []));
}

/** Reads the QR code in a PNG back to its text, as a phone's camera would. */
function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height)?.data;
}

function buttons(message: BotMessage | undefined): string[] {
  const markup = message?.reply_markup;
  return markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat().map((b) => b.text) : [];
}

async function speak(u: FakeUser, locale: "ru" | "en"): Promise<void> {
  await u.send("/language");
  await u.press(locale === "ru" ? "🇷🇺 Русский" : "🇬🇧 English");
}

describe("/qr: the organisers' check-in codes", () => {
  it("is for organisers only, typed or pressed", async () => {
    const u = h.tg.user(7602, { language_code: "en" });
    expect(texts(await u.send("/qr"))).toEqual(["This command is for the mission's organisers."]);
    const events = await u.pressData(`qr:s:zh-admin`);
    expect(events).toContainEqual(expect.objectContaining({ kind: "toast", text: "Only organisers can use this button." }));
    expect(documents(events)).toEqual([]);
  });

  it("lists today's day, items and stops; a stop's PNG decodes to its deep link, captioned for print", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    await speak(org, "en");
    await org.send("/qr");
    const list = org.lastMessage();
    expect(list.text).toContain("Check-in codes · Friday 11 December");
    expect(list.text).toContain("Krasnoyarsk time, UTC+7");
    expect(buttons(list)).toEqual([
      "📅 The whole day",
      "08:00 Bus to Zheleznogorsk",
      "09:30 Welcome by the science city's administration",
      "10:00 Visit to Zheleznogorsk's industrial sites",
      "↳ The science city's administration",
      "↳ The industrial park",
      "12:00 Lunch",
      "13:00 B2B meetings with Zheleznogorsk companies",
      "15:15 Back to Krasnoyarsk",
      "17:00 Round table: power electronics for mining",
      "🗜 All codes of the day (ZIP)",
      "10 Dec",
      "12 Dec",
    ]);

    const [doc] = documents(await org.press("↳ The industrial park"));
    expect(doc?.document?.filename).toMatch(/\.png$/);
    expect(decodeQr(doc?.document?.content ?? Buffer.alloc(0))).toBe(link(stopPayload("zh-industrial-park")));
    expect(doc?.text.split("\n")).toEqual([
      "The industrial park (Visit to Zheleznogorsk's industrial sites)",
      "📅 Friday 11 December, 10:00–12:00 (Krasnoyarsk time, UTC+7)",
      "📍 Zheleznogorsk business support centre, Lenina St, Zheleznogorsk, Krasnoyarsk Krai",
      `🔗 ${link(stopPayload("zh-industrial-park"))}`,
    ]);

    // A button for something not in the programme (forged, or left from an older programme) sends nothing.
    const forged = await org.pressData("qr:i:no-such-item", list.message_id);
    expect(forged).toContainEqual(expect.objectContaining({ kind: "toast", text: "This is no longer in the programme. Send /qr again." }));
    expect(documents(forged)).toEqual([]);
    expect((await org.pressData("qr:x:d2-visit", list.message_id)).filter((e) => e.kind === "message")).toEqual([]);

    // The whole day's code.
    const [day] = documents(await org.press("📅 The whole day"));
    expect(decodeQr(day?.document?.content ?? Buffer.alloc(0))).toBe(link(checkinPayload({ kind: "day", date: "2026-12-11" }, MISSION, SECRET)));
  });

  it("sends every code of a day as one ZIP of PNGs, in the day's order, in Russian too", async () => {
    const org = h.tg.user(ORGANISER);
    await speak(org, "ru");
    await org.send("/qr");
    await org.press("12 дек.");
    expect(org.lastMessage().text).toContain("Коды для отметки · суббота, 12 декабря");
    const [zipDoc] = documents(await org.press("🗜 Все коды дня (ZIP)"));
    expect(zipDoc?.document?.filename).toBe("qr-kaluga-krasnoyarsk-2026-12-12.zip");
    expect(zipDoc?.text).toContain("QR-кодов дня: 5");
    const zip = await JSZip.loadAsync(zipDoc?.document?.content ?? Buffer.alloc(0));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(["01-day-2026-12-12.png", "02-0930-d3-b2b.png", "03-1100-d3-results.png", "04-1200-d3-lunch.png", "05-1330-d3-airport.png"]);
    const png = await zip.file("02-0930-d3-b2b.png")?.async("nodebuffer");
    expect(decodeQr(png ?? Buffer.alloc(0))).toBe(link(checkinPayload({ kind: "item", itemId: "d3-b2b" }, MISSION, SECRET)));
  });
});

describe("scanning a code", () => {
  const HOST = 7611;
  const DELEGATE = 7612;

  it("checks a participant in once, shows the stop's card with a meeting request to its registered host", async () => {
    await seedParticipant(h, HOST, FYODOR, { role: "host", company: "ООО «Промышленный парк Железногорска»", fullName: "Ivan Parkov", language: "en" });
    await seedParticipant(h, DELEGATE, OLGA, { language: "en" });
    const u = h.tg.user(DELEGATE, { language_code: "en" });
    const first = texts(await u.send(`/start ${stopPayload("zh-industrial-park")}`));
    expect(first).toHaveLength(1);
    expect(first[0]?.split("\n")).toEqual([
      "✅ You are checked in: The industrial park (Visit to Zheleznogorsk's industrial sites)",
      "",
      "📅 Friday 11 December, 10:00–12:00 (Krasnoyarsk time, UTC+7)",
      "📍 Zheleznogorsk business support centre, Lenina St, Zheleznogorsk, Krasnoyarsk Krai",
      "",
      "The park residents' production; agree here on a meeting at the afternoon B2B session.",
      "",
      "Resident companies here:",
      "• Residents of the industrial park — in the bot, you can ask for a meeting",
    ]);
    expect(buttons(u.lastMessage())).toEqual(["🤝 Request a meeting: Ivan Parkov, ООО «Промышленный парк…"]);
    const stored = await h.redis.hgetall(`${h.prefix}checkins:s:zh-industrial-park`);
    expect(Object.keys(stored)).toEqual([String(DELEGATE)]);

    // A second scan, ten minutes later: already checked in, at the first scan's time.
    clock.set("2026-12-11T10:15:00+07:00");
    const again = texts(await u.send(`/start ${stopPayload("zh-industrial-park")}`));
    expect(again[0]?.split("\n")[0]).toBe("☑️ You already checked in here at 10:05, 11 Dec (Krasnoyarsk time, UTC+7): The industrial park (Visit to Zheleznogorsk's industrial sites)");
    expect(await h.redis.hgetall(`${h.prefix}checkins:s:zh-industrial-park`)).toEqual(stored);

    // "Request a meeting" from the card opens the meetings feature's request to that host.
    await u.press(/Request a meeting: Ivan Parkov/);
    expect(u.lastText()).toContain("Ivan Parkov");
    await u.send("/cancel");
  });

  it("a stop without a registered host has no button; the host does not see a button to themselves", async () => {
    const host = h.tg.user(HOST, { language_code: "en" });
    await host.send(`/start ${stopPayload("zh-industrial-park")}`);
    expect(host.lastText()).toContain("✅ You are checked in");
    expect(buttons(host.lastMessage())).toEqual([]);
    const u = h.tg.user(DELEGATE, { language_code: "en" });
    await u.send(`/start ${stopPayload("zh-admin")}`);
    expect(u.lastText()).toContain("• Zheleznogorsk business support centre");
    expect(buttons(u.lastMessage())).toEqual([]);
  });

  it("before registration: offers it, and checks in (at the scan's time) when it is finished — in Russian", async () => {
    clock.set("2026-12-11T10:20:00+07:00");
    const u = h.tg.user(7613, { language_code: "ru" });
    const events = texts(await u.send(`/start ${stopPayload("zh-admin")}`));
    expect(events[0]).toBe("📝 Чтобы отметиться: Администрация наукограда (Посещение промышленных площадок Железногорска), сначала зарегистрируйтесь (пара минут). Отметка будет сделана, как только вы закончите.");
    expect(events.at(-1)).toContain("зарегистрируйтесь");
    expect(await h.redis.hexists(`${h.prefix}checkins:s:zh-admin`, "7613")).toBe(0);

    clock.set("2026-12-11T10:30:00+07:00");
    await register(u, { ...OLGA, phone: undefined, email: undefined }, "ru");
    const last = u.messages.slice(-2).map((m) => m.text);
    expect(last[0]).toContain("вы зарегистрированы");
    expect(last[1]?.split("\n")[0]).toBe("✅ Вы отмечены: Администрация наукограда (Посещение промышленных площадок Железногорска)");
    // Counted from the scan (10:20), not from the end of the form (10:30); the clock runs at real speed.
    const at = Number(await h.redis.hget(`${h.prefix}checkins:s:zh-admin`, "7613")) - Date.parse("2026-12-11T10:20:00+07:00");
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(60_000);
    // The pending check-in is used up.
    expect(await h.redis.exists(`${h.prefix}checkins:pending:7613`)).toBe(0);
  });

  it("a forged, a stale and another mission's code get a clear answer and check nobody in", async () => {
    const en = h.tg.user(DELEGATE, { language_code: "en" });
    const good = stopPayload("zh-admin");
    const forged = `${good.slice(0, -1)}${good.endsWith("A") ? "B" : "A"}`;
    expect(texts(await en.send(`/start ${forged}`))[0]).toBe("⚠️ This check-in code is not valid: it may have been cut short or made up. Scan the code printed at the stop again, or ask an organiser.");
    expect(texts(await en.send(`/start cs_zh-industrial-park_${good.slice(-16)}`))[0]).toMatch(/^⚠️ This check-in code is not valid/);
    expect(texts(await en.send(`/start ${checkinPayload({ kind: "stop", stopId: "zh-admin" }, "kalibr-visit", SECRET)}`))[0]).toMatch(/^⚠️ This check-in code is not valid/);
    // Signed by the bot, but for a stop the programme does not have.
    const ru = h.tg.user(7614, { language_code: "ru" });
    expect(texts(await ru.send(`/start ${stopPayload("zh-gone")}`))[0]).toBe("⚠️ Этот код для отметки относится к тому, чего уже нет в программе. Попросите у организатора актуальный код.");
    expect(await h.redis.keys(`${h.prefix}checkins:s:zh-gone*`)).toEqual([]);
  });

  it("goes stale once its stop is taken out of the published programme", async () => {
    const org = h.tg.user(ORGANISER);
    await speak(org, "en");
    const yaml = await sampleYaml((m) => {
      const visit = m.days.flatMap((d) => d.items).find((i) => i.id === "d2-visit");
      if (visit) visit.stops = (visit.stops ?? []).filter((s) => s.id !== "zh-admin");
    });
    await org.sendDocument("mission.yaml", yaml);
    await org.press("✅ Publish");
    const u = h.tg.user(DELEGATE, { language_code: "en" });
    expect(texts(await u.send(`/start ${stopPayload("zh-admin")}`))[0]).toBe("⚠️ This check-in code is for something that is no longer in the programme. Ask an organiser for the current code.");
    // The other stop's code still works.
    expect(texts(await u.send(`/start ${stopPayload("zh-industrial-park")}`))[0]).toMatch(/^☑️ You already checked in here/);
  });
});

describe("attendance for organisers", () => {
  it("/stats counts check-ins per day, item and stop; /export has the Attendance sheet with the names", async () => {
    const u = h.tg.user(7612, { language_code: "en" });
    await u.send(`/start ${checkinPayload({ kind: "day", date: "2026-12-11" }, MISSION, SECRET)}`);
    expect(u.lastText()).toContain("✅ You are checked in: Day: Friday 11 December · Zheleznogorsk");
    expect(u.lastText()).toContain("Your day has been noted.");

    const org = h.tg.user(ORGANISER);
    await speak(org, "en");
    const answer = await org.send("/stats");
    const stats = texts(answer).join("\n");
    expect(stats).toContain(["🔳 Check-ins by QR code", "📅 11 Dec Zheleznogorsk: 1", "↳ The industrial park: 2"].join("\n"));
    // And as a chart: one picture, after the figures.
    const photos = answer.flatMap((e) => (e.kind === "message" && e.message.kind === "photo" ? [e.message] : []));
    expect(photos.map((m) => m.text)).toEqual(["🔳 Check-ins by QR code per day, item and stop"]);
    expect(PNG.sync.read(photos[0]?.document?.content ?? Buffer.alloc(0)).width).toBe(1200);

    const events = await org.send("/export");
    const xlsx = documents(events)[0]?.document?.content ?? Buffer.alloc(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet("Attendance");
    const rows: string[][] = [];
    sheet?.eachRow((row) => rows.push(Array.from({ length: 7 }, (_, i) => row.getCell(i + 1).text)));
    expect(rows[0]).toEqual(["What", "Date", "Time (Krasnoyarsk time)", "Title", "Item of the stop", "Checked in", "Who (name, company)"]);
    expect(rows).toContainEqual(["stop", "2026-12-11", "10:00–12:00", "The industrial park", "Visit to Zheleznogorsk's industrial sites", "2", "Ольга Рухуллаева (Минист. инвестиций и инноваций); Ivan Parkov (ООО «Промышленный парк Железногорска»)"]);
    expect(rows).toContainEqual(["day", "2026-12-11", "", "Zheleznogorsk", "", "1", "Ольга Рухуллаева (Минист. инвестиций и инноваций)"]);
    expect(rows).toContainEqual(["item", "2026-12-10", "09:30–10:15", "Opening of the business mission", "", "0", ""]);

    // In Russian too.
    await speak(org, "ru");
    expect(texts(await org.send("/stats")).join("\n")).toContain("🔳 Отметки по QR-коду\n📅 11 дек. Железногорск: 1");
  });
});

describe("/deletemydata", () => {
  it("deletes one's check-ins and a pending one, and says so", async () => {
    await seedParticipant(h, 7620, FYODOR, { language: "en" });
    const u = h.tg.user(7620, { language_code: "en" });
    await u.send(`/start ${stopPayload("zh-industrial-park")}`);
    expect(await h.redis.hexists(`${h.prefix}checkins:s:zh-industrial-park`, "7620")).toBe(1);
    await u.send("/deletemydata");
    const done = texts(await u.press("🗑 Yes, delete everything")).at(-1);
    expect(done).toContain("• your check-ins at the programme's items and stops");
    expect(await h.redis.hexists(`${h.prefix}checkins:s:zh-industrial-park`, "7620")).toBe(0);
    expect(await h.redis.exists(`${h.prefix}checkins:user:7620`)).toBe(0);

    // Not registered any more: a scan waits for the registration; deleting again removes that too.
    await u.send(`/start ${stopPayload("zh-industrial-park")}`);
    expect(await h.redis.exists(`${h.prefix}checkins:pending:7620`)).toBe(1);
    await u.send("/deletemydata");
    await u.press("🗑 Yes, delete everything");
    expect(await h.redis.exists(`${h.prefix}checkins:pending:7620`)).toBe(0);
  });
});
