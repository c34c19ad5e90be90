import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sleep, texts, type FakeUser } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { missionFileWith } from "../helpers/mission-file.js";
import { People } from "../helpers/people.js";

const GROUP = -1001234567890;
let h: Harness;
let people: People;
let nextId = 1000;

beforeAll(async () => {
  h = await startHarness({
    env: { ORGANISER_IDS: "9001,9002,9003", TELEGRAM_TIME_SCALE: "20", MISSION_FILE: await missionFileWith({ group_chat_id: GROUP }) },
  });
  people = new People(h.redis, h.prefix);
});
beforeEach(async () => {
  await people.clear();
});
afterAll(async () => {
  await h.stop();
});

interface Spec {
  locale: "ru" | "en";
  role?: "delegate" | "host" | "speaker" | "organiser";
  tags?: string[];
  started?: boolean;
  blocked?: boolean;
}

/** Participants (who have started the bot unless told otherwise); returns their ids in order. */
async function participants<const T extends readonly Spec[]>(...specs: T): Promise<{ [K in keyof T]: number }> {
  const ids: number[] = [];
  for (const spec of specs) {
    const id = nextId++;
    ids.push(id);
    await people.add({ id, locale: spec.locale, ...(spec.role ? { role: spec.role } : {}), ...(spec.tags ? { tags: spec.tags } : {}) });
    if (spec.started !== false) h.tg.started.add(id);
    if (spec.blocked) h.tg.blocked.add(id);
  }
  return ids as { [K in keyof T]: number };
}

function sentTo(id: number) {
  return h.tg.messagesIn(id);
}

async function finish(org: FakeUser, report: RegExp) {
  await org.waitForText(report);
  // Let any stray send land before counting (there must be none).
  await sleep(100);
}

describe("/broadcast, end to end", () => {
  it("sends each participant the version in their language exactly once, formatting kept; blocked and never-started are marked unreachable, with why", async () => {
    const [ru1, ru2, en1, blocked, silent] = await participants({ locale: "ru" }, { locale: "ru" }, { locale: "en" }, { locale: "en", blocked: true }, { locale: "ru", started: false });
    const org = h.tg.user(9001, { language_code: "en" });

    expect(texts(await org.send("/broadcast"))).toEqual(["📣 New announcement\nWho should receive it?"]);
    await org.press("👥 Everyone");
    expect(org.lastText()).toBe("Audience: 👥 Everyone.\nPost it to the mission's group as well?");
    await org.press("Only to participants");
    expect(org.lastText()).toContain("Now send the message");
    const english = "Bus at 10:00 from the <main> entrance & on time";
    await org.sendRaw({ text: english, entities: [{ type: "bold", offset: 7, length: 5 }] });
    expect(org.lastText()).toBe("Which language is this version in?");
    // The guess (English) is offered first.
    expect(org.lastMessage().reply_markup).toMatchObject({ inline_keyboard: [[{ text: "🇬🇧 English" }, { text: "🇷🇺 Русский" }], [{ text: "✖️ Cancel" }]] });
    await org.press("🇬🇧 English");
    expect(org.lastText()).toBe("Send the Russian version now, or press Skip: then everyone gets the English one.");
    const events = await org.send("Автобус в 10:00 от главного входа");

    // The preview is what recipients get, then who gets which version.
    const shown = events.flatMap((e) => (e.kind === "message" ? [e.message] : []));
    expect(shown.map((m) => m.html)).toEqual([
      "Автобус в 10:00 от главного входа",
      "Bus at <b>10:00</b> from the &lt;main&gt; entrance &amp; on time",
      expect.stringContaining("Above is exactly what recipients will see."),
    ]);
    expect(org.lastText()).toBe("☝️ Above is exactly what recipients will see.\n\nRecipients: 5 participants.\n🇷🇺 Russian version: 3\n🇬🇧 English version: 2\n\nSend it?");
    const summaryId = org.lastMessage().message_id;

    await org.press("✅ Send");
    expect(org.toasts.at(-1)).toBe("Sending started.");
    await finish(org, /has gone out/);

    expect(sentTo(ru1).map((m) => m.html)).toEqual(["Автобус в 10:00 от главного входа"]);
    expect(sentTo(ru2).map((m) => m.html)).toEqual(["Автобус в 10:00 от главного входа"]);
    expect(sentTo(en1).map((m) => m.html)).toEqual(["Bus at <b>10:00</b> from the &lt;main&gt; entrance &amp; on time"]);
    expect(sentTo(blocked)).toEqual([]);
    expect(sentTo(silent)).toEqual([]);
    expect(h.tg.messagesIn(GROUP)).toEqual([]);
    expect(await people.get(blocked)).toMatchObject({ reachable: false, unreachableReason: "blocked" });
    expect(await people.get(silent)).toMatchObject({ reachable: false, unreachableReason: "notStarted" });
    expect((await people.get(ru1))?.reachable).toBe(true);

    // The summary became the progress line, now final and without its Stop button; then the report.
    const line = org.messages.find((m) => m.message_id === summaryId);
    expect(line?.text).toBe("📣 Announcement #1: done.\n✅ sent 3 · 🚫 blocked the bot 1 · 👻 never opened it 1 · 🗑 deleted their account 0 · ⚠️ failed 0");
    expect(line?.reply_markup).toBeUndefined();
    expect(org.lastText()).toBe(
      "✅ Announcement #1 has gone out: 3 of 5 received it (60%).\n🚫 Blocked the bot: 1.\n👻 Never opened the bot: 1.\n🗑 Deleted their account: 0.\n⚠️ Failed after retries: 0.",
    );
    const stored = await h.redis.hgetall(`${h.prefix}bc:1:d`);
    expect(stored).toEqual({ [ru1]: "sent", [ru2]: "sent", [en1]: "sent", [blocked]: "unreachable", [silent]: "unreachable" });
    expect(await h.redis.hget(`${h.prefix}bc:1`, "status")).toBe("done");

    await org.send("/broadcasts");
    expect(org.lastText()).toMatch(
      /^📣 Announcements, newest first:\n\n#1 · .+ · 👥 Everyone · ✅ done\n«Bus at 10:00 from the <main> entrance & on time»\n✅ 3 of 5 received it \(60%\) · 🚫 blocked the bot 1 · 👻 never opened it 1 · 🗑 deleted their account 0 · ⚠️ failed 0 · ✖️ not sent 0$/,
    );
  });

  it("sends a photo with a caption in each language, re-sent by file_id, and posts the Russian one to the mission group", async () => {
    const [ru1, en1] = await participants({ locale: "ru" }, { locale: "en" });
    const org = h.tg.user(9002, { language_code: "ru" });
    const fileId = h.tg.storeFile(Buffer.from("poster"), "poster.jpg", "image/jpeg");

    await org.send("/broadcast");
    await org.press("👥 Всем");
    await org.press("💬 Да, и в группу");
    expect(org.lastText()).toContain("Кому: 👥 Всем, а также в группу миссии.");
    await org.sendRaw({ photo: [{ file_id: "thumb", file_unique_id: "t", width: 90, height: 90 }, { file_id: fileId, file_unique_id: "p", width: 900, height: 900 }], caption: "Схема проезда в Железногорск", caption_entities: [{ type: "italic", offset: 0, length: 5 }] });
    await org.press("🇷🇺 Русский");
    expect(org.lastText()).toBe("Пришлите английскую версию (только подпись текстом или новый файл с подписью) или нажмите «Пропустить» — тогда все получат русскую.");
    await org.send("How to get to Zheleznogorsk");
    expect(org.lastText()).toBe("☝️ Выше — ровно то, что увидят получатели.\n\nПолучателей: 2.\n🇷🇺 Русскую версию получат: 1\n🇬🇧 Английскую версию получат: 1\n💬 В группу миссии уйдёт русская версия.\n\nОтправляем?");
    await org.press("✅ Отправить");
    await finish(org, /разослано: получили/);

    for (const [chat, caption] of [[ru1, "<i>Схема</i> проезда в Железногорск"], [en1, "How to get to Zheleznogorsk"], [GROUP, "<i>Схема</i> проезда в Железногорск"]] as const) {
      const got = h.tg.messagesIn(chat);
      expect(got.map((m) => [m.kind, m.html])).toEqual([["photo", caption]]);
      expect(got[0]?.document?.filename).toBe("poster.jpg");
    }
    expect(org.lastText()).toBe(
      "✅ Объявление №2 разослано: получили 3 из 3 (100%).\n🚫 Заблокировали бота: 0.\n👻 Ни разу не открывали бота: 0.\n🗑 Удалили аккаунт: 0.\n⚠️ Не удалось отправить и после повторных попыток: 0.",
    );
  });

  it("re-asks bad input in the organiser's language and goes on where it was; Cancel sends nothing", async () => {
    const [ru1] = await participants({ locale: "ru", role: "host" });
    const org = h.tg.user(9001, { language_code: "en" });
    const before = (await h.keys()).filter((k) => k.includes(":bc:")).length;

    await org.send("/broadcast");
    await org.send("hello?");
    expect(org.lastText()).toBe("Please choose with the buttons above, or send /cancel.");
    await org.press("🏢 Hosts");
    await org.press("Only to participants");
    await org.sendSticker();
    expect(org.lastText()).toBe("I can send out a text, a photo or a document. Send one of those, or /cancel.");
    await org.send("/nonsense");
    expect(org.lastText()).toBe("⚠️ I do not know the command /nonsense. Answer the question, or send /cancel to leave.");
    await org.send("x".repeat(4096));
    await org.press("🇬🇧 English");
    await org.sendPhoto();
    expect(org.lastText()).toBe("The first version is a text: send this one as a text too.");
    await org.press("Skip ›");
    expect(org.lastText()).toBe("☝️ Above is exactly what recipients will see.\n\nRecipients: 1 participant.\n🇬🇧 English version: 1\n\nSend it?");
    await org.press("✖️ Cancel");
    expect(org.lastText()).toBe("Cancelled. Nothing was sent.");
    expect(sentTo(ru1)).toEqual([]);
    expect((await h.keys()).filter((k) => k.includes(":bc:")).length).toBe(before);
  });

  it("checks caption length, offers interests, and re-asks an audience nobody is in", async () => {
    const [miner] = await participants({ locale: "en", tags: ["mining"] });
    const org = h.tg.user(9001, { language_code: "en" });

    await org.send("/broadcast");
    await org.press("🏷 By interest…");
    expect(org.lastText()).toBe("Participants interested in which topic?");
    await org.press("Pharmaceuticals");
    await org.press("Only to participants");
    expect(org.lastText()).toBe("Audience: 🏷 Pharmaceuticals. Nobody there can receive messages from the bot yet. Choose another audience.");
    await org.press("🏷 By interest…");
    await org.press("‹ Back");
    expect(org.lastText()).toBe("📣 New announcement\nWho should receive it?");
    await org.press("🏷 By interest…");
    await org.press("Mining");
    await org.press("Only to participants");
    const fileId = h.tg.storeFile(Buffer.from("%PDF"), "programme.pdf", "application/pdf");
    await org.sendRaw({ document: { file_id: fileId, file_unique_id: "d", file_name: "programme.pdf" }, caption: "Programme" });
    await org.press("🇬🇧 English");
    await org.send("П".repeat(1025));
    expect(org.lastText()).toBe("The caption is 1025 characters long; Telegram allows at most 1024 under a photo or document. Shorten it and send it again.");
    await org.send("Программа");
    await org.press("✅ Send");
    await finish(org, /has gone out: 1 of 1/);
    expect(h.tg.messagesIn(miner).map((m) => [m.kind, m.text, m.document?.filename])).toEqual([["document", "Programme", "programme.pdf"]]);
  });

  it("forgets who received what when a participant deletes their data; the counts stay", async () => {
    const [ru1, ru2] = await participants({ locale: "ru" }, { locale: "ru" });
    const org = h.tg.user(9002, { language_code: "ru" });
    await org.send("/broadcast");
    await org.press("👥 Всем");
    await org.press("Только участникам");
    await org.send("Трансфер в аэропорт в 6:00");
    await org.press("🇷🇺 Русский");
    await org.press("Пропустить ›");
    await org.press("✅ Отправить");
    await finish(org, /разослано: получили 2 из 2/);
    const id = Number(await h.redis.get(`${h.prefix}bc:seq`));

    const u = h.tg.user(ru1, { language_code: "ru" });
    await u.send("/deletemydata");
    const done = texts(await u.press("🗑 Да, удалить всё")).at(-1);
    expect(done).toContain("• отметки о том, какие объявления вам доставлены");
    expect(await h.redis.hkeys(`${h.prefix}bc:${id}:d`)).toEqual([String(ru2)]);
    expect(await h.redis.hkeys(`${h.prefix}bc:${id}:l`)).toEqual([String(ru2)]);
    expect(await h.redis.hget(`${h.prefix}bc:${id}`, "sent")).toBe("2");
  });

  it("waits out a 429 in the organiser's chat while showing the preview: each preview once, the summary, and Send still works", async () => {
    const [ru1, en1] = await participants({ locale: "ru" }, { locale: "en" });
    const org = h.tg.user(9002, { language_code: "en" });
    await org.send("/broadcast");
    await org.press("👥 Everyone");
    await org.press("Only to participants");
    await org.send("Dinner at 19:00 in the hotel");
    await org.press("🇬🇧 English");
    // The preview's first message is refused as Telegram refuses a burst to one chat.
    h.tg.failSends(9002, 1, 429, "Too Many Requests: retry after 1", { retry_after: 1 });
    const from = org.messages.length;
    await org.send("Ужин в 19:00 в гостинице");
    await org.waitForText(/Send it\?$/);
    expect(org.messages.slice(from).map((m) => m.text)).toEqual(["Ужин в 19:00 в гостинице", "Dinner at 19:00 in the hotel", expect.stringMatching(/^☝️ Above is exactly what recipients will see\.\n\nRecipients: 2 participants\./)]);
    expect(h.tg.calls.filter((c) => Number(c.params.chat_id) === 9002 && c.status === 429)).toHaveLength(1);

    await org.press("✅ Send");
    await finish(org, /has gone out: 2 of 2/);
    expect(sentTo(ru1).map((m) => m.text)).toEqual(["Ужин в 19:00 в гостинице"]);
    expect(sentTo(en1).map((m) => m.text)).toEqual(["Dinner at 19:00 in the hotel"]);
    // Replaying the conversation on Send showed nothing again.
    expect(org.messages.slice(from).filter((m) => m.text === "Dinner at 19:00 in the hotel")).toHaveLength(1);
  });

  it("waits out a 429 in the organiser's chat at every step and goes on where it was, nothing typed lost", async () => {
    const [ru1, en1] = await participants({ locale: "ru" }, { locale: "en" });
    // An organiser of its own: finish() looks for the report among all their messages, and the test above
    // ends with the same report.
    const org = h.tg.user(9003, { language_code: "en" });
    // Telegram refuses the next message to the organiser's chat, as it refuses a burst to one chat.
    const slowDown = () => h.tg.failSends(9003, 1, 429, "Too Many Requests: retry after 1", { retry_after: 1 });
    const from = h.tg.calls.length;
    const refused = () => h.tg.calls.slice(from).filter((c) => Number(c.params.chat_id) === 9003 && c.status === 429).length;

    slowDown();
    await org.send("/broadcast");
    expect(org.lastText()).toBe("📣 New announcement\nWho should receive it?");
    await org.press("👥 Everyone");
    await org.press("Only to participants");
    slowDown();
    await org.send("Dinner at 19:00 in the hotel");
    expect(org.lastText()).toBe("Which language is this version in?");
    slowDown();
    await org.press("🇬🇧 English");
    expect(org.lastText()).toMatch(/^Send the Russian version/);
    slowDown();
    await org.send("Ужин в 19:00 в гостинице");
    await org.waitForText(/Send it\?$/);
    expect(refused()).toBe(4);

    await org.press("✅ Send");
    await finish(org, /has gone out: 2 of 2/);
    expect(sentTo(ru1).map((m) => m.text)).toEqual(["Ужин в 19:00 в гостинице"]);
    expect(sentTo(en1).map((m) => m.text)).toEqual(["Dinner at 19:00 in the hotel"]);
    // Each question once: a replay after a waited-out 429 neither sends nor waits again.
    const delivered = (text: string) => h.tg.calls.slice(from).filter((c) => c.method === "sendMessage" && c.params.text === text && c.status === 200);
    expect(delivered("Which language is this version in?")).toHaveLength(1);
    expect(org.messages.filter((m) => m.text?.startsWith("Sorry"))).toEqual([]);
    expect(h.errors()).toEqual([]);
  });

  it.each([
    {
      l: "en",
      org: 9001,
      everyone: "👥 Everyone",
      onlyParticipants: "Only to participants",
      language: "🇬🇧 English",
      cancel: "✖️ Cancel",
      aborted: "Cancelled. Nothing was sent.",
      text: "Bus at 10:00 from the main entrance",
      unknown: "⚠️ I do not know the command /frobnicate. Answer the question, or send /cancel to leave.",
      noSkip: "⚠️ This question cannot be skipped. Answer it, or send /cancel to leave.",
      start: "👋 Let us go on where we stopped — or send /cancel to leave.",
      ask: "Send it?",
    },
    {
      l: "ru",
      org: 9002,
      everyone: "👥 Всем",
      onlyParticipants: "Только участникам",
      language: "🇷🇺 Русский",
      cancel: "✖️ Отмена",
      aborted: "Отменено. Ничего не отправлено.",
      text: "Автобус в 10:00 от главного входа",
      unknown: "⚠️ Я не знаю команды /frobnicate. Ответьте на вопрос или отправьте /cancel, чтобы выйти.",
      noSkip: "⚠️ Этот вопрос пропустить нельзя. Ответьте на него или отправьте /cancel, чтобы выйти.",
      start: "👋 Продолжим с того места, где остановились, — или отправьте /cancel, чтобы выйти.",
      ask: "Отправляем?",
    },
  ] as const)("answers a stray command in the middle with a hint and waits on; /skip skips the second version ($l)", async (c) => {
    await participants({ locale: c.l });
    const org = h.tg.user(c.org, { language_code: c.l });
    await org.send("/broadcast");
    expect(texts(await org.send("/start"))).toEqual([c.start]);
    await org.press(c.everyone);
    await org.press(c.onlyParticipants);
    expect(texts(await org.send("/skip"))).toEqual([c.noSkip]);
    expect(texts(await org.send("/frobnicate"))).toEqual([c.unknown]);
    await org.send(c.text);
    await org.press(c.language);
    expect(texts(await org.send("/skip")).at(-1)?.endsWith(c.ask)).toBe(true);
    await org.press(c.cancel);
    expect(org.lastText()).toBe(c.aborted);
  });

  it("accounts for everyone the audience names: delivered, blocked the bot, never opened it, deleted account, failed; the rate out of all of them", async () => {
    // Blocked the bot before this announcement, in the Telegram app: counted, not written to again.
    const [known] = await participants({ locale: "ru" });
    h.tg.user(known, { language_code: "ru" }).setBlocked(true);
    await vi.waitFor(async () => expect(await people.get(known)).toMatchObject({ reachable: false, unreachableReason: "blocked" }));
    const [ru1, en1, blocks, silent, deleted, broken] = await participants(
      { locale: "ru" },
      { locale: "en" },
      { locale: "ru", blocked: true },
      { locale: "en", started: false },
      { locale: "ru" },
      { locale: "en" },
    );
    h.tg.failSends(deleted, 1, 403, "Forbidden: user is deactivated");
    h.tg.failSends(broken, 1, 400, "Bad Request: can't parse entities: Unsupported start tag");
    const org = h.tg.user(9001, { language_code: "en" });
    const from = h.tg.calls.length;

    await org.send("/broadcast");
    await org.press("👥 Everyone");
    await org.press("Only to participants");
    await org.send("Bus at 10:00");
    await org.press("🇬🇧 English");
    await org.send("Автобус в 10:00");
    expect(org.lastText()).toBe(
      "☝️ Above is exactly what recipients will see.\n\nRecipients: 7 participants.\n🇷🇺 Russian version: 3\n🇬🇧 English version: 3\n🚫 The bot cannot write to 1 of them (blocked the bot 1 · never opened it 0 · deleted their account 0): they are not sent it, and are counted in the report.\n\nSend it?",
    );
    await org.press("✅ Send");
    const id = Number(await h.redis.get(`${h.prefix}bc:seq`));
    // This announcement's own report: the organiser has had others'.
    await finish(org, new RegExp(`#${id} has gone out`));

    expect(org.lastText()).toBe(
      `✅ Announcement #${id} has gone out: 2 of 7 received it (29%).\n🚫 Blocked the bot: 2.\n👻 Never opened the bot: 1.\n🗑 Deleted their account: 1.\n⚠️ Failed after retries: 1.`,
    );
    expect(sentTo(ru1).map((m) => m.text)).toEqual(["Автобус в 10:00"]);
    expect(sentTo(en1).map((m) => m.text)).toEqual(["Bus at 10:00"]);
    // Nobody wrote to the one known to have blocked the bot.
    expect(h.tg.calls.slice(from).filter((c) => Number(c.params.chat_id) === known)).toEqual([]);
    expect(await h.redis.hgetall(`${h.prefix}bc:${id}:d`)).toEqual({
      [known]: "unreachable",
      [ru1]: "sent",
      [en1]: "sent",
      [blocks]: "unreachable",
      [silent]: "unreachable",
      [deleted]: "unreachable",
      [broken]: "failed",
    });
    expect(await h.redis.hgetall(`${h.prefix}bc:${id}`)).toMatchObject({ total: "7", sent: "2", unreachable: "4", blocked: "2", notStarted: "1", deactivated: "1", failed: "1" });
    expect(await people.get(blocks)).toMatchObject({ reachable: false, unreachableReason: "blocked" });
    expect(await people.get(silent)).toMatchObject({ reachable: false, unreachableReason: "notStarted" });
    expect(await people.get(deleted)).toMatchObject({ reachable: false, unreachableReason: "deactivated" });
    expect((await people.get(broken))?.reachable).toBe(true);
    await org.send("/broadcasts");
    expect(org.lastText()).toContain(
      "✅ 2 of 7 received it (29%) · 🚫 blocked the bot 2 · 👻 never opened it 1 · 🗑 deleted their account 1 · ⚠️ failed 1 · ✖️ not sent 0",
    );

    // The next announcement, from a Russian-speaking organiser: now the bot knows why each one is out of reach.
    const ru = h.tg.user(9002, { language_code: "ru" });
    const next = h.tg.calls.length;
    await ru.send("/broadcast");
    await ru.press("👥 Всем");
    await ru.press("Только участникам");
    await ru.send("Ужин в 19:00");
    await ru.press("🇷🇺 Русский");
    await ru.press("Пропустить ›");
    expect(ru.lastText()).toBe(
      "☝️ Выше — ровно то, что увидят получатели.\n\nПолучателей: 7.\n🇷🇺 Русскую версию получат: 3\n🚫 Из них бот не может написать 4 (заблокировали бота — 2 · ни разу его не открывали — 1 · удалили аккаунт — 1): им не отправляем, но учитываем в отчёте.\n\nОтправляем?",
    );
    await ru.press("✅ Отправить");
    await finish(ru, new RegExp(`№${id + 1} разослано: получили`));
    expect(ru.lastText()).toBe(
      `✅ Объявление №${id + 1} разослано: получили 3 из 7 (43%).\n🚫 Заблокировали бота: 2.\n👻 Ни разу не открывали бота: 1.\n🗑 Удалили аккаунт: 1.\n⚠️ Не удалось отправить и после повторных попыток: 0.`,
    );
    const line = ru.messages.find((m) => m.text.startsWith(`📣 Объявление №${id + 1}`));
    expect(line?.text).toBe(`📣 Объявление №${id + 1}: разослано.\n✅ доставлено 3 · 🚫 заблокировали бота 2 · 👻 не открывали бота 1 · 🗑 удалили аккаунт 1 · ⚠️ ошибки 0`);
    const writtenTo = new Set(h.tg.calls.slice(next).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) !== 9002).map((c) => Number(c.params.chat_id)));
    expect([...writtenTo].sort()).toEqual([ru1, en1, broken].sort());
    await ru.send("/broadcasts");
    expect(ru.lastText()).toContain("✅ получили 3 из 7 (43%) · 🚫 заблокировали бота 2 · 👻 не открывали бота 1 · 🗑 удалили аккаунт 1 · ⚠️ ошибки 0 · ✖️ не отправлено 0");
  });

  it("/broadcast in the middle of a flow starts afresh, /cancel leaves it", async () => {
    const org = h.tg.user(9001, { language_code: "en" });
    await org.send("/broadcast");
    await org.press("🧳 Delegates");
    const restarted = await org.send("/broadcast");
    expect(texts(restarted)).toEqual(["📣 New announcement\nWho should receive it?"]);
    await org.send("/cancel");
    expect(org.lastText()).toBe("Cancelled. You are back at the main menu.");
    await org.send("some text");
    expect(org.lastText()).toBe("I did not understand that. Use the menu buttons or send /help.");
  });
});
