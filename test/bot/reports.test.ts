import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { erase, newRequest, transition, type Action, type MeetingRequest, type SlotRange } from "../../src/domain/meetings/request.js";
import { createLogger } from "../../src/logger.js";
import { createKeys } from "../../src/storage/keys.js";
import { MeetingsRepo } from "../../src/storage/meetings-repo.js";
import { OutcomesRepo } from "../../src/storage/outcomes-repo.js";
import { emptyOutcome } from "../../src/domain/outcomes/outcome.js";
import { texts, type BotMessage, type FakeUser } from "../fake-telegram/server.js";
import { previewBroadcast } from "../helpers/broadcast-flow.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { contactNeedles, GORYNIN, KOLPAKOV } from "../helpers/meetings.js";
import { People } from "../helpers/people.js";
import { FYODOR, OLGA, seedParticipant } from "../helpers/registration.js";

const ORGANISER = 7401;
// The first afternoon of the mission, Krasnoyarsk time: the day's first B2B slots are over.
const clock = testClock("2026-12-10T15:00:00+07:00");
let h: Harness;
let people: People;

beforeAll(async () => {
  h = await startHarness({ env: { ORGANISER_IDS: String(ORGANISER), TELEGRAM_TIME_SCALE: "20" }, clock: clock.now });
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

/** The documents among the bot's answers. */
function documents(events: Awaited<ReturnType<FakeUser["send"]>>): BotMessage[] {
  return events.flatMap((e) => (e.kind === "message" && e.message.kind === "document" ? [e.message] : []));
}

async function workbookOf(doc: BotMessage | undefined): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings predate Node's generic Buffer; the bytes are what matter.
  const bytes = doc?.document?.content ?? Buffer.alloc(0);
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

/** A row's first `width` cells as text, empty ones as "". */
function cellTexts(sheet: ExcelJS.Worksheet | undefined, row: number, width: number): string[] {
  return Array.from({ length: width }, (_, i) => sheet?.getRow(row).getCell(i + 1).text ?? "");
}

function csvOf(doc: BotMessage | undefined): string[][] {
  return parseCsv((doc?.document?.content ?? Buffer.alloc(0)).toString("utf8").replace(/^\uFEFF/, ""));
}

async function speak(org: FakeUser, locale: "ru" | "en"): Promise<void> {
  await org.send("/language");
  await org.press(locale === "ru" ? "🇷🇺 Русский" : "🇬🇧 English");
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
    await speak(org, "ru");
    const docs = documents(await org.send("/export"));
    expect(docs.map((d) => [d.document?.filename, d.text])).toEqual([
      ["mission-kaluga-krasnoyarsk.xlsx", "Участников: 2 · запросов на встречи: 0"],
      ["participants-kaluga-krasnoyarsk.csv", "Участники в CSV (UTF-8)"],
      ["meetings-kaluga-krasnoyarsk.csv", "Запросы на встречи в CSV (UTF-8)"],
      ["outcomes-kaluga-krasnoyarsk.csv", "Итоги встреч в CSV (UTF-8)"],
      ["b2b-kaluga-krasnoyarsk.csv", "Расписание B2B (столы) в CSV (UTF-8)"],
    ]);

    const workbook = await workbookOf(docs[0]);
    const sheet = workbook.getWorksheet("Участники");
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(values(1)).toEqual(["Telegram ID", "Роль", "ФИО", "Компания", "Должность", "Регион", "Интересы", "Предлагает", "Ищет", "Телефон", "E-mail", "О компании", "Имя в Telegram", "Язык", "Доступен", "Зарегистрирован (красноярское время, UTC+7)"]);
    expect(values(2)).toEqual([11, "делегат", "'=HYPERLINK(\"http://evil.example\",\"click\")", "ООО «Феал-Технология»", "Director", "Калужская область", "Металлургия и новые материалы; Энергетика и силовая электроника", "Precision alloys", "Mining companies", "'+79101112233", undefined, undefined, undefined, "ru", "да", "2026-12-09 12:00"]);
    expect(values(3).slice(0, 8)).toEqual([12, "принимающая сторона", "Konstantin Gorynin", "'+ObninskEnergoTech, \"Ltd\"", "Director", "'@Kaluga", "Металлургия и новые материалы", "'-1 cost"]);
    expect(values(3)[14]).toBe("нет");
    // No cell of the workbook is a formula.
    sheet?.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    // No meeting request yet: the meetings sheet and CSV are there, with their header only.
    expect(workbook.getWorksheet("Встречи")?.rowCount).toBe(1);
    expect(csvOf(docs[2])).toHaveLength(1);

    const csv = csvOf(docs[1]);
    expect(csv).toHaveLength(3);
    expect(csv[0]?.[2]).toBe("ФИО");
    expect(csv[1]?.slice(0, 3)).toEqual(["11", "делегат", "'=HYPERLINK(\"http://evil.example\",\"click\")"]);
    expect(csv[2]?.[3]).toBe("'+ObninskEnergoTech, \"Ltd\"");
  });

  it("sums participants and announcements up in one message", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    await speak(org, "en");
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
          "🤝 No meeting requests yet.",
          "",
          // The announcement was for both: the one the bot could not reach counts too.
          "📣 Announcements: 1, delivered to 50% of everyone they were for \\(1 of 2\\)",
          "• #1, \\d+ \\w+, \\d\\d:\\d\\d: 1 of 2 \\(50%\\)$",
        ].join("\n"),
      ),
    );
    await speak(org, "ru");
    await org.send("/stats");
    expect(org.lastText()).toContain("📣 Объявлений: 1, доставлено 50% всех получателей (1 из 2)");
  });
});

describe("/stats and /export with meeting requests", () => {
  const DELEGATE = 21;
  const HOST = 22;
  const FYODOR_ID = 23;
  const OLGA_ID = 24;
  /** Someone who requested a meeting, had it accepted, then deleted their data. */
  const LEAVER = 25;
  const at = (iso: string) => Date.parse(`${iso}+07:00`);
  const slot = (iso: string): SlotRange => ({ start: at(iso), end: at(iso) + 20 * 60_000 });
  const HOUR = 3_600_000;

  /** A request sent at `sent`, then the steps, each taken by its actor an hour after the last. */
  function buildRequest(id: string, from: number, to: number, when: SlotRange | null, message: string, sent: string, ...steps: [actor: number, action: Action][]): MeetingRequest {
    let r = newRequest({ id, from, to, slot: when, message, now: at(sent), delivered: true });
    steps.forEach(([actor, action], i) => {
      const next = transition(r, actor, action, at(sent) + (i + 1) * HOUR);
      if (!next.ok) throw new Error(`${action.type}: ${next.reason}`);
      r = next.request;
    });
    return r;
  }
  async function store(...requests: MeetingRequest[]): Promise<void> {
    const repo = new MeetingsRepo(h.redis, createKeys(h.prefix), createLogger("silent"));
    for (const r of requests) expect(await repo.create(r, r.updatedAt)).toBe("ok");
  }
  const meetingsBlock = (text: string) => text.split("\n\n").find((part) => part.startsWith("🤝"));
  /** The statistics message (a chart follows it once there are requests). */
  const statsOf = (org: FakeUser) => org.messages.findLast((m) => m.text.startsWith("📊"))?.text ?? "";

  beforeAll(async () => {
    await seedParticipant(h, DELEGATE, GORYNIN, { language: "ru" });
    await seedParticipant(h, HOST, KOLPAKOV, { role: "host", language: "en" });
    await seedParticipant(h, FYODOR_ID, FYODOR, { language: "en" });
    await seedParticipant(h, OLGA_ID, OLGA, { role: "host" });
  });

  it("gives no acceptance rate while no request has been answered", async () => {
    await store(buildRequest("reqpending1", DELEGATE, OLGA_ID, slot("2026-12-11T13:00:00"), "Обсудим поставки?", "2026-12-10T09:00:00"));
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    await speak(org, "en");
    await org.send("/stats");
    expect(meetingsBlock(statsOf(org))).toBe(
      [
        "🤝 Meeting requests: 1 (pending 1 · accepted 0 · declined 0 · cancelled 0)",
        "Acceptance rate: no request has been answered yet",
        "Meetings held: 0 · still ahead: 0 · time not set: 0",
      ].join("\n"),
    );
  });

  it("counts requests by state, the acceptance rate and the meetings held by now, in English and Russian", async () => {
    const leaverAccepted = buildRequest("reqleaver1", LEAVER, HOST, slot("2026-12-10T14:00:00"), "Leaver's own words", "2026-12-09T18:00:00", [HOST, { type: "accept" }]);
    await store(
      // Held: its time (13:30) has come by 15:00. The message looks like a formula.
      buildRequest("reqheld0001", DELEGATE, HOST, slot("2026-12-10T13:30:00"), '=HYPERLINK("http://evil.example","click")', "2026-12-09T20:00:00", [HOST, { type: "accept" }]),
      // Agreed on a time the host proposed, tomorrow.
      buildRequest("reqahead001", FYODOR_ID, HOST, null, "Thin-layer heating for your residents?", "2026-12-09T21:00:00", [HOST, { type: "propose", slot: slot("2026-12-11T13:20:00") }], [FYODOR_ID, { type: "accept-proposal" }]),
      buildRequest("reqdecline1", FYODOR_ID, OLGA_ID, null, "-1 cost, +2 value", "2026-12-09T22:00:00", [OLGA_ID, { type: "decline", reason: "not-relevant" }]),
      // Accepted, then the requester deleted their data: closed, their name and message gone.
      erase(leaverAccepted, LEAVER, at("2026-12-10T10:00:00")).request,
    );
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    await speak(org, "en");
    await org.send("/stats");
    expect(meetingsBlock(statsOf(org))).toBe(
      [
        "🤝 Meeting requests: 5 (pending 1 · accepted 2 · declined 1 · cancelled 1)",
        // Answered: the two accepted, the declined and the one accepted before its requester left.
        "Acceptance rate: 75% (3 of 4 answered requests agreed to)",
        "Meetings held: 1 · still ahead: 1 · time not set: 0",
      ].join("\n"),
    );

    await speak(org, "ru");
    await org.send("/stats");
    expect(meetingsBlock(statsOf(org))).toBe(
      [
        "🤝 Запросов на встречи: 5 (ждут ответа 1 · приняты 2 · отклонены 1 · отменены 1)",
        "Доля принятых: 75% (3 из 4 запросов, получивших ответ)",
        "Встреч состоялось: 1 · впереди: 1 · без назначенного времени: 0",
      ].join("\n"),
    );
  });

  it("exports the meetings as a second sheet and a second CSV, in the organiser's language, without contacts", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    await speak(org, "en");
    const docs = documents(await org.send("/export"));
    expect(docs.map((d) => [d.document?.filename, d.text])).toEqual([
      ["mission-kaluga-krasnoyarsk.xlsx", "Participants: 6 · meeting requests: 5"],
      ["participants-kaluga-krasnoyarsk.csv", "Participants as CSV (UTF-8)"],
      ["meetings-kaluga-krasnoyarsk.csv", "Meeting requests as CSV (UTF-8)"],
      ["outcomes-kaluga-krasnoyarsk.csv", "Outcomes of the meetings as CSV (UTF-8)"],
      ["b2b-kaluga-krasnoyarsk.csv", "B2B schedule (tables) as CSV (UTF-8)"],
    ]);
    const workbook = await workbookOf(docs[0]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Participants", "Meetings", "Outcomes", "B2B schedule", "Attendance"]);
    const sheet = workbook.getWorksheet("Meetings");
    const zone = "(Krasnoyarsk time, UTC+7)";
    const header = ["Request", "From", "From: company", "To", "To: company", "State", `Starts ${zone}`, `Ends ${zone}`, `Sent ${zone}`, `Answered ${zone}`, "Decline reason", "Message"];
    // Oldest first.
    const expected = [
      header,
      ["reqleaver1", "deleted participant", "", "Nikolay Kolpakov", "KRITBI", "cancelled", "2026-12-10 14:00", "2026-12-10 14:20", "2026-12-09 18:00", "2026-12-09 19:00", "", ""],
      ["reqheld0001", "Константин Горынин", "ОбнинскЭнергоТех", "Nikolay Kolpakov", "KRITBI", "accepted", "2026-12-10 13:30", "2026-12-10 13:50", "2026-12-09 20:00", "2026-12-09 21:00", "", "'=HYPERLINK(\"http://evil.example\",\"click\")"],
      ["reqahead001", "Fyodor Pashchenko", "Feal-Technology LLC", "Nikolay Kolpakov", "KRITBI", "accepted", "2026-12-11 13:20", "2026-12-11 13:40", "2026-12-09 21:00", "2026-12-09 23:00", "", "Thin-layer heating for your residents?"],
      ["reqdecline1", "Fyodor Pashchenko", "Feal-Technology LLC", "Ольга Рухуллаева", "Минист. инвестиций и инноваций", "declined", "any time (to be agreed)", "", "2026-12-09 22:00", "2026-12-09 23:00", "Not my field", "'-1 cost, +2 value"],
      ["reqpending1", "Константин Горынин", "ОбнинскЭнергоТех", "Ольга Рухуллаева", "Минист. инвестиций и инноваций", "pending", "2026-12-11 13:00", "2026-12-11 13:20", "2026-12-10 09:00", "", "", "Обсудим поставки?"],
    ];
    expect(sheet?.rowCount).toBe(expected.length);
    const rows = expected.map((_, i) => cellTexts(sheet, i + 1, header.length));
    expect(rows).toEqual(expected);
    sheet?.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    // The CSV holds the same table.
    expect(csvOf(docs[2])).toEqual(expected);

    // Phones and e-mails are in the participants sheet only; nothing of the leaver is left.
    const meetingsText = [JSON.stringify(rows), (docs[2]?.document?.content ?? Buffer.alloc(0)).toString("utf8")].join("\n");
    const needles = contactNeedles(...[GORYNIN, KOLPAKOV, FYODOR, OLGA].map((a, i) => ({ id: DELEGATE + i, phone: a.phone, email: a.email })));
    for (const needle of [...needles, "Leaver's own words"]) expect(meetingsText).not.toContain(needle);
    const participantsRows = csvOf(docs[1]);
    expect(participantsRows.find((row) => row[0] === String(DELEGATE))?.[10]).toBe(GORYNIN.email);
  });

  it("answers a Russian-speaking organiser with Russian columns and labels", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "ru" });
    await speak(org, "ru");
    const docs = documents(await org.send("/export"));
    const workbook = await workbookOf(docs[0]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Участники", "Встречи", "Итоги встреч", "Расписание B2B", "Посещаемость"]);
    const values = (n: number) => cellTexts(workbook.getWorksheet("Встречи"), n, 12);
    const zone = "(красноярское время, UTC+7)";
    expect(values(1)).toEqual(["Запрос", "От кого", "Компания (от кого)", "Кому", "Компания (кому)", "Состояние", `Начало ${zone}`, `Конец ${zone}`, `Отправлен ${zone}`, `Ответ ${zone}`, "Причина отказа", "Сообщение"]);
    expect(values(2).slice(0, 6)).toEqual(["reqleaver1", "участник удалил свои данные", "", "Nikolay Kolpakov", "KRITBI", "отменён"]);
    expect(values(5)[5]).toBe("отклонён");
    expect(values(5)[6]).toBe("в любое время (договоримся)");
    expect(values(5)[10]).toBe("Не мой профиль");
    expect(csvOf(docs[2])[0]?.[0]).toBe("Запрос");
  });

  it("shows the funnel after the meetings in the organiser's language, with a chart, and exports both sides' answers formula-safe", async () => {
    const outcomes = new OutcomesRepo(h.redis, createKeys(h.prefix), createLogger("silent"));
    const base = (meetingId: string, userId: number) => ({ ...emptyOutcome(meetingId, userId, at("2026-12-10T14:30:00")), asks: 1, askedAt: at("2026-12-10T14:20:00") });
    // The two sides of the held meeting differ: the delegate met and agreed (a note typed like a formula), the host says no.
    await outcomes.commit(undefined, {
      ...base("reqheld0001", DELEGATE),
      rev: 4,
      met: "yes",
      metAt: at("2026-12-10T14:30:00"),
      result: { kind: "agreement", type: "supply" },
      note: "=cmd|' /C calc'!A0 — поставки в I квартале",
      byWhen: "2027-03",
      agreedAt: at("2026-12-10T14:31:00"),
      followUpsAsked: [{ days: 30, at: at("2027-01-09T14:31:00") }],
      progress: [
        { at: at("2027-01-09T15:00:00"), state: "not-done", reason: "funding", days: 30 },
        { at: at("2027-02-01T10:00:00"), state: "done" },
      ],
    });
    await outcomes.commit(undefined, { ...base("reqheld0001", HOST), rev: 1, met: "no", metAt: at("2026-12-10T15:00:00") });
    // The leaver's meeting: the host's word that it took place stands.
    await outcomes.commit(undefined, { ...base("reqleaver1", HOST), rev: 1, met: "yes", metAt: at("2026-12-10T15:00:00"), result: { kind: "follow-up" } });

    const org = h.tg.user(ORGANISER, { language_code: "ru" });
    await speak(org, "ru");
    const answer = await org.send("/stats");
    expect(statsOf(org).split("\n\n").find((part) => part.startsWith("🎯"))).toBe(
      [
        "🎯 После встреч",
        "Запросов: 5",
        "→ согласовано: 3 (60% запросов)",
        "→ состоялось: 2 (67% согласованных), по словам хотя бы одной стороны · ответили 2 из 2 спрошенных (100%)",
        "→ договорённостей: 1 (50% состоявшихся)",
        "→ выполнено: 1 (100%) · в работе: 0 · не выполнено: 0 — из 1 договорённостей с ответом, спрошено 1 (100% ответили)",
      ].join("\n"),
    );
    const chart = answer.flatMap((e) => (e.kind === "message" && e.message.kind === "photo" ? [e.message] : []));
    expect(chart.map((m) => m.text)).toEqual(["🎯 После встреч: воронка и состоявшиеся встречи по дням"]);
    expect(chart[0]?.document?.content.subarray(1, 4).toString("latin1")).toBe("PNG");

    await speak(org, "en");
    const docs = documents(await org.send("/export"));
    const workbook = await workbookOf(docs[0]);
    const sheet = workbook.getWorksheet("Outcomes");
    const zone = "(Krasnoyarsk time, UTC+7)";
    const header = [
      "Request", `Meeting ${zone}`,
      "From", "From: company", "From: met?", "From: result", "From: by when", "From: note", `From: carried out? ${zone}`,
      "To", "To: company", "To: met?", "To: result", "To: by when", "To: note", `To: carried out? ${zone}`,
    ];
    const expected = [
      header,
      ["reqleaver1", "2026-12-10 14:00", "deleted participant", "", "", "", "", "", "", "Nikolay Kolpakov", "KRITBI", "yes", "follow-up planned", "", "", ""],
      [
        "reqheld0001", "2026-12-10 13:30",
        "Константин Горынин", "ОбнинскЭнергоТех", "yes", "supply", "2027-03", "'=cmd|' /C calc'!A0 — поставки в I квартале",
        "2027-01-09 15:00 — ✖️ not carried out (No funding) (after 30 days); 2027-02-01 10:00 — ✅ carried out (update)",
        "Nikolay Kolpakov", "KRITBI", "no", "", "", "", "",
      ],
      ["reqahead001", "2026-12-11 13:20", "Fyodor Pashchenko", "Feal-Technology LLC", "", "", "", "", "", "Nikolay Kolpakov", "KRITBI", "", "", "", "", ""],
    ];
    expect(expected.map((_, i) => cellTexts(sheet, i + 1, header.length))).toEqual(expected);
    expect(sheet?.rowCount).toBe(expected.length);
    sheet?.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(csvOf(docs[3])).toEqual(expected);
  });
});
