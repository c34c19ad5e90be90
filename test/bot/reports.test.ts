import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { texts } from "../fake-telegram/server.js";
import { previewBroadcast } from "../helpers/broadcast-flow.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { People } from "../helpers/people.js";

const ORGANISER = 7401;
let h: Harness;
let people: People;

beforeAll(async () => {
  h = await startHarness({ env: { ORGANISER_IDS: String(ORGANISER), TELEGRAM_TIME_SCALE: "20" } });
  people = new People(h.redis, h.prefix);
});
afterAll(async () => {
  await h.stop();
});

/** A simple CSV reader for what toCsv writes (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("/stats and /export", () => {
  it("refuses both to anyone but an organiser", async () => {
    const u = h.tg.user(7499, { language_code: "en" });
    for (const command of ["/stats", "/export"]) expect(texts(await u.send(command))).toEqual(["This command is for the mission's organisers."]);
    expect(u.messages.filter((m) => m.kind === "document")).toEqual([]);
  });

  it("says there is nothing to export before anyone registered", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    expect(texts(await org.send("/export"))).toEqual(["Nobody has registered yet: there is nothing to export."]);
  });

  it("exports what is stored as .xlsx and .csv, columns in the organiser's language, formulas neutralised", async () => {
    await people.add(
      { id: 11, locale: "ru", fields: { fullName: "=HYPERLINK(\"http://evil.example\",\"click\")", company: "ООО «Феал-Технология»", region: "Калужская область", tags: ["metallurgy", "energy"], phone: "+79101112233", registeredAt: "2026-12-09T05:00:00.000Z" } },
      { id: 12, locale: "en", role: "host", reachable: false, fields: { fullName: "Konstantin Gorynin", company: "+ObninskEnergoTech, \"Ltd\"", region: "@Kaluga", offer: "-1 cost", registeredAt: "2026-12-10T05:00:00.000Z" } },
    );
    const org = h.tg.user(ORGANISER, { language_code: "ru" });
    await org.send("/language");
    await org.press("🇷🇺 Русский");
    const events = await org.send("/export");
    const docs = events.flatMap((e) => (e.kind === "message" && e.message.kind === "document" ? [e.message] : []));
    expect(docs.map((d) => [d.document?.filename, d.text])).toEqual([
      ["participants-kaluga-krasnoyarsk.xlsx", "Участников: 2"],
      ["participants-kaluga-krasnoyarsk.csv", "Та же таблица в CSV (UTF-8)"],
    ]);

    const workbook = new ExcelJS.Workbook();
    // exceljs's typings predate Node's generic Buffer; the bytes are what matter.
    const bytes = docs[0]?.document?.content ?? Buffer.alloc(0);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet("Участники");
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(values(1)).toEqual(["Telegram ID", "Роль", "ФИО", "Компания", "Должность", "Регион", "Интересы", "Предлагает", "Ищет", "Телефон", "E-mail", "О компании", "Имя в Telegram", "Язык", "Доступен", "Зарегистрирован"]);
    expect(values(2)).toEqual([11, "делегат", "'=HYPERLINK(\"http://evil.example\",\"click\")", "ООО «Феал-Технология»", "Director", "Калужская область", "Металлургия и новые материалы; Энергетика и силовая электроника", "Precision alloys", "Mining companies", "'+79101112233", undefined, undefined, undefined, "ru", "да", "2026-12-09 12:00"]);
    expect(values(3).slice(0, 8)).toEqual([12, "принимающая сторона", "Konstantin Gorynin", "'+ObninskEnergoTech, \"Ltd\"", "Director", "'@Kaluga", "Металлургия и новые материалы", "'-1 cost"]);
    expect(values(3)[14]).toBe("нет");
    // No cell of the workbook is a formula.
    sheet?.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    const csv = parseCsv((docs[1]?.document?.content ?? Buffer.alloc(0)).toString("utf8").replace(/^\uFEFF/, ""));
    expect(csv).toHaveLength(3);
    expect(csv[0]?.[2]).toBe("ФИО");
    expect(csv[1]?.slice(0, 3)).toEqual(["11", "делегат", "'=HYPERLINK(\"http://evil.example\",\"click\")"]);
    expect(csv[2]?.[3]).toBe("'+ObninskEnergoTech, \"Ltd\"");
  });

  it("sums participants and announcements up in one message", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    await org.send("/language");
    await org.press("🇬🇧 English");
    h.tg.started.add(11);
    await previewBroadcast(org, "Welcome", "Добро пожаловать");
    await org.press("✅ Send");
    await org.waitForText(/has gone out/);
    await org.send("/stats");
    expect(org.lastText()).toMatch(
      new RegExp(
        [
          "^📊 Mission statistics",
          "",
          "👥 Participants: 2 \\(reachable 1, unreachable 1\\)",
          "By role: delegates 1 · hosts 1 · speakers 0 · organisers 0",
          "By region: @Kaluga 1 · Калужская область 1",
          "Registered by day: 9 Dec 1 · 10 Dec 1",
          "",
          "📣 Announcements: 1, delivered to 100% of the participants tried \\(1 of 1\\)",
          "• #1, \\d+ \\w+, \\d\\d:\\d\\d: 1 of 1 \\(100%\\)$",
        ].join("\n"),
      ),
    );
  });
});
