import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { MeetingRequest } from "../../src/domain/meetings/request.js";
import type { Participant } from "../../src/domain/participant.js";
import { sleep, texts, type FakeUser } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { buttonsOf, contactNeedles, everythingSent, GORYNIN, KOLPAKOV } from "../helpers/meetings.js";
import { openQueue, pendingJobIds } from "../helpers/queues.js";
import { dumpValues, FYODOR, OLGA, seedParticipant, type Answers } from "../helpers/registration.js";

// The day before the mission: every B2B slot is ahead (10 Dec 13:30–16:30, 11 Dec 13:00–15:00,
// 12 Dec 09:30–11:00, Krasnoyarsk time, in 20-minute slots).
const clock = testClock("2026-12-09T12:00:00+07:00");
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: clock.now });
});
afterAll(async () => {
  await h.stop();
});

const L = {
  ru: { people: "👥 Участники", meetings: "🤝 Встречи", request: "🤝 Запросить встречу", anyTime: "🤝 В любое время — договоримся", send: "📨 Отправить", edit: "✏️ Изменить сообщение", withdraw: "↩️ Отозвать запрос", withdrawYes: "Да, отозвать", cancel: "🚫 Отменить встречу", cancelYes: "Да, отменить" },
  en: { people: "👥 People", meetings: "🤝 Meetings", accept: "✅ Accept", decline: "✖️ Decline", propose: "🕒 Propose another time", back: "← Back", busy: "Busy at that time", cancel: "🚫 Cancel the meeting", cancelYes: "Yes, cancel it" },
} as const;

let nextId = 50_000;
interface Person {
  user: FakeUser;
  profile: Participant;
}

/** A registered participant who has opened the bot (unless `started: false`). */
async function person(answers: Answers, locale: "ru" | "en", overrides: Partial<Participant> = {}, started = true): Promise<Person> {
  const id = nextId++;
  const profile = await seedParticipant(h, id, answers, { language: locale, ...overrides });
  const user = h.tg.user(id, { language_code: locale });
  if (started) await user.send("/start");
  return { user, profile };
}

const delegate = (overrides: Partial<Participant> = {}, started = true) => person(GORYNIN, "ru", { username: "gorynin_k", ...overrides }, started);
const host = (overrides: Partial<Participant> = {}, started = true) => person(KOLPAKOV, "en", { role: "host", username: "kolpakov_kritbi", ...overrides }, started);

/** The delegate asks for a meeting from the host's card, at a slot (its button label) or any time. */
async function requestMeeting(from: FakeUser, to: Participant, message = "Добрый день! Обсудим поставки систем управления?", slot: string = L.ru.anyTime): Promise<string[]> {
  await from.pressData(`pcard:${to.id}`);
  await from.press(L.ru.request);
  await from.press(slot);
  await from.send(message);
  return texts(await from.press(L.ru.send));
}

async function requestsOf(userId: number): Promise<MeetingRequest[]> {
  const ids = await h.redis.zrange(`${h.prefix}meetings:out:${userId}`, 0, -1);
  const raws = await Promise.all(ids.map((id) => h.redis.get(`${h.prefix}meeting:${id}`)));
  return raws.map((raw) => JSON.parse(raw ?? "{}") as MeetingRequest);
}

async function onlyRequest(userId: number): Promise<MeetingRequest> {
  const [request, ...more] = await requestsOf(userId);
  if (!request || more.length > 0) throw new Error(`expected one request from ${userId}`);
  return request;
}

/** Until the bot has finished every update it took (a message may appear before the handler is done). */
async function idle(): Promise<void> {
  const deadline = Date.now() + 5_000;
  do await sleep(20);
  while (h.app.updatesInFlight() > 0 && Date.now() < deadline);
}

function contactsOf(p: Participant) {
  return contactNeedles({ id: p.id, phone: p.phone, email: p.email, username: p.username });
}

describe("a meeting request from a delegate (ru) to a host (en)", () => {
  it("goes from the directory through the message to the host's accept; each reads their own language; contacts only after the accept", async () => {
    const d = await delegate();
    const o = await host();

    const list = texts(await d.user.send(L.ru.people))[0] ?? "";
    expect(list).toContain("1. Nikolay Kolpakov — Executive director, KRITBI\n🏭 принимающая компания\n📍 Krasnoyarsk · 🏷 Горная добыча, ИТ и цифровые сервисы");
    const card = texts(await d.user.press("1. Nikolay Kolpakov")).at(-1);
    expect(card).toBe(
      [
        "Nikolay Kolpakov",
        "Executive director, KRITBI",
        "📍 Krasnoyarsk",
        "🎫 Роль: принимающая сторона",
        "🏢 О компании: Regional innovation and technology business incubator",
        "🏷 Отрасли: Горная добыча, ИТ и цифровые сервисы",
        "💼 Предлагает: Introductions to Krasnoyarsk mining companies and incubator residents",
        "🔎 Ищет: Power electronics and control systems for mining excavators",
      ].join("\n"),
    );
    expect(texts(await d.user.press(L.ru.request)).at(-1)).toBe("🕒 Выберите время встречи (Nikolay Kolpakov).\nЭто время свободно у вас обоих (красноярское время, UTC+7):");
    // Every 20-minute slot of the three B2B sessions, then "any time".
    expect(buttonsOf(d.user.lastMessage().reply_markup)).toEqual([
      "чт 10 дек. 13:30", "чт 10 дек. 13:50", "чт 10 дек. 14:10", "чт 10 дек. 14:30", "чт 10 дек. 14:50", "чт 10 дек. 15:10",
      "чт 10 дек. 15:30", "чт 10 дек. 15:50", "чт 10 дек. 16:10", "пт 11 дек. 13:00", "пт 11 дек. 13:20", "пт 11 дек. 13:40",
      "пт 11 дек. 14:00", "пт 11 дек. 14:20", "пт 11 дек. 14:40", "сб 12 дек. 09:30", "сб 12 дек. 09:50", "сб 12 дек. 10:10",
      "сб 12 дек. 10:30", L.ru.anyTime, "✖️ Отмена",
    ]);
    expect(texts(await d.user.send("в два"))[0]).toMatch(/^Пожалуйста, воспользуйтесь кнопками ниже\.\n\n🕒 Выберите время/);
    const ask = "✍️ Напишите короткое сообщение для собеседника (Nikolay Kolpakov): кто вы и что хотели бы обсудить. До 500 символов.";
    expect(texts(await d.user.press("чт 10 дек. 14:10")).at(-1)).toBe(ask);
    expect(texts(await d.user.send("я".repeat(501)))).toEqual([`⚠️ Слишком длинно: 501 символ, а можно не больше 500. Сократите, пожалуйста.\n\n${ask}`]);
    expect(texts(await d.user.sendSticker())).toEqual([`⚠️ Пожалуйста, напишите сообщение текстом.\n\n${ask}`]);
    await d.user.send("Черновик");
    expect(texts(await d.user.press(L.ru.edit)).at(-1)).toBe(ask);
    const confirm = texts(await d.user.send("Добрый день! Обсудим <системы> управления & поставки?")).at(-1);
    expect(confirm).toBe(
      [
        "📨 Проверьте запрос",
        "Кому: Nikolay Kolpakov",
        "🕒 Когда: чт, 10 декабря, 14:10–14:30 (красноярское время, UTC+7)",
        "💬 Ваше сообщение:",
        "Добрый день! Обсудим <системы> управления & поставки?",
        "",
        "Отправить?",
      ].join("\n"),
    );
    expect(texts(await d.user.press(L.ru.send)).at(-1)).toBe(
      "📨 Запрос отправлен. Получатель: Nikolay Kolpakov. Я сообщу, как только придёт ответ. Все ваши запросы: /meetings",
    );

    const notice = o.user.lastMessage();
    expect(notice.text).toBe(
      [
        "🤝 New meeting request",
        "",
        "Константин Горынин",
        "Заместитель генерального директора по продажам, ОбнинскЭнергоТех",
        "📍 Калужская область",
        "🏷 Industries: Energy and power electronics, Mining",
        "💼 Offers: Системы управления силовой электроникой для электрических карьерных экскаваторов",
        "🔎 Looking for: Горнодобывающие компании Красноярского края",
        "",
        "🕒 When: Thu 10 December, 14:10–14:30 (Krasnoyarsk time, UTC+7)",
        "💬 Their message:",
        "Добрый день! Обсудим <системы> управления & поставки?",
      ].join("\n"),
    );
    expect(notice.html).toContain("Обсудим &lt;системы&gt; управления &amp; поставки?");
    expect(buttonsOf(notice.reply_markup)).toEqual([L.en.accept, L.en.decline, L.en.propose]);

    // Before the accept nobody, anywhere, saw a phone, an e-mail, a username or a Telegram link.
    const before = everythingSent(h);
    for (const needle of [...contactsOf(d.profile), ...contactsOf(o.profile)]) expect(before).not.toContain(needle);

    const accepted = texts(await o.user.press(L.en.accept));
    expect(accepted.at(-1)).toBe(
      [
        "✅ The meeting with Константин Горынин is agreed. They have your contacts too.",
        "🕒 Thu 10 December, 14:10–14:30 (Krasnoyarsk time, UTC+7)",
        // The sample programme gives the KRITBI session 12 tables: the slot's first is free.
        "📍 Where: Table 1, KRITBI business incubator",
        "",
        "📇 Contacts",
        "Заместитель генерального директора по продажам, ОбнинскЭнергоТех",
        "💬 Telegram: Константин Горынин · @gorynin_k",
        "📱 +79105556677",
        "✉️ gorynin@oet.example",
      ].join("\n"),
    );
    expect(o.user.lastMessage().html).toContain(`<a href="tg://user?id=${d.profile.id}">Константин Горынин</a>`);
    expect(buttonsOf(o.user.messages.find((m) => m.message_id === notice.message_id)?.reply_markup)).toEqual([]);
    expect(d.user.lastText()).toBe(
      [
        "✅ Ваш запрос на встречу принят. С вами встретится Nikolay Kolpakov.",
        "🕒 чт, 10 декабря, 14:10–14:30 (красноярское время, UTC+7)",
        "📍 Где: Стол 1, Бизнес-инкубатор КРИТБИ",
        "",
        "📇 Контакты",
        "Executive director, KRITBI",
        "💬 Telegram: Nikolay Kolpakov · @kolpakov_kritbi",
        "📱 +79131112233",
        "✉️ kolpakov@kritbi.example",
      ].join("\n"),
    );
    const stored = await onlyRequest(d.profile.id);
    expect(stored).toMatchObject({ from: d.profile.id, to: o.profile.id, state: "accepted", slot: { start: Date.parse("2026-12-10T14:10:00+07:00"), end: Date.parse("2026-12-10T14:30:00+07:00") }, delivered: true });
    expect(stored.history.map((e) => [e.by, e.action])).toEqual([
      [d.profile.id, "created"],
      [o.profile.id, "delivered"],
      [o.profile.id, "accept"],
    ]);
    // The contacts went to these two and nobody else.
    const otherChats = [...h.tg.chatEvents.keys()].filter((id) => id !== d.profile.id && id !== o.profile.id);
    const elsewhere = otherChats.flatMap((id) => texts(h.tg.eventsIn(id))).join("\n");
    for (const needle of [...contactsOf(d.profile), ...contactsOf(o.profile)]) expect(elsewhere).not.toContain(needle);

    expect(texts(await d.user.send("/meetings"))).toEqual([
      "🤝 Мои встречи\nСогласовано: 1 · ждут ответа: 0\n\n📅 Согласованные встречи\n1. ↗️ Nikolay Kolpakov, KRITBI — чт, 10 декабря, 14:10–14:30 (красноярское время, UTC+7)\n    📍 Где: Стол 1, Бизнес-инкубатор КРИТБИ",
    ]);
    expect(texts(await o.user.send(L.en.meetings))).toEqual([
      "🤝 My meetings\nAgreed: 1 · pending: 0\n\n📅 Agreed meetings\n1. ↙️ Константин Горынин, ОбнинскЭнергоТех — Thu 10 December, 14:10–14:30 (Krasnoyarsk time, UTC+7)\n    📍 Where: Table 1, KRITBI business incubator",
    ]);
    // In both personal agendas, at the B2B session's venue, each with a reminder 15 minutes before.
    expect(texts(await d.user.send("/my"))[0]).toContain("четверг, 10 декабря\n14:10–14:30 👥 Встреча — Nikolay Kolpakov · Стол 1, Бизнес-инкубатор КРИТБИ");
    expect(texts(await o.user.send("/my"))[0]).toContain("14:10–14:30 👥 Meeting with Константин Горынин · Table 1, KRITBI business incubator");
    const reminders = await openQueue(h, "reminders", inject("redisUrl"));
    try {
      const minute = Math.round(Date.parse("2026-12-10T14:10:00+07:00") / 60_000);
      expect(await pendingJobIds(reminders.queue)).toEqual(
        expect.arrayContaining([`reminder-${d.profile.id}-meeting-${stored.id}-${minute}`, `reminder-${o.profile.id}-meeting-${stored.id}-${minute}`]),
      );
    } finally {
      await reminders.close();
    }
  });

  it("waits out a 429 in the requester's chat at every step and sends the request as typed", async () => {
    const d = await delegate();
    const ho = await host();
    const from = h.tg.calls.length;
    // Telegram refuses the next message to the delegate's chat, as it refuses a burst to one chat.
    const slowDown = () => h.tg.failSends(d.user.id, 1, 429, "Too Many Requests: retry after 1", { retry_after: 1 });
    await d.user.pressData(`pcard:${ho.profile.id}`);
    slowDown();
    await d.user.press(L.ru.request);
    slowDown();
    await d.user.press(L.ru.anyTime);
    slowDown();
    await d.user.send("Добрый день! Обсудим поставки систем управления?");
    slowDown();
    const sent = texts(await d.user.press(L.ru.send));
    expect(sent.at(-1)).toContain("отправлен");
    expect((await onlyRequest(d.profile.id)).message).toBe("Добрый день! Обсудим поставки систем управления?");
    expect(h.tg.calls.slice(from).filter((c) => c.status === 429)).toHaveLength(4);
    expect(h.errors()).toEqual([]);
  });

  it("answers a second tap on Send, after the request went out, that it is sent, in the requester's language, and sends it once", async () => {
    const labels = {
      ru: { request: L.ru.request, anyTime: L.ru.anyTime, send: L.ru.send, sent: "📨 Запрос отправлен", toast: "📨 Ваш запрос уже отправлен (Nikolay Kolpakov): он в /meetings." },
      en: { request: "🤝 Request a meeting", anyTime: "🤝 Any time — we will agree", send: "📨 Send", sent: "📨 Your request is sent", toast: "📨 Your request to Nikolay Kolpakov has already been sent: see /meetings." },
    } as const;
    for (const locale of ["ru", "en"] as const) {
      const l = labels[locale];
      const d = await person(GORYNIN, locale);
      const o = await host();
      await d.user.pressData(`pcard:${o.profile.id}`);
      await d.user.press(l.request);
      await d.user.press(l.anyTime);
      const confirm = (await d.user.send("Добрый день!")).flatMap((e) => (e.kind === "message" ? [e.message] : [])).at(-1);
      const button = confirm?.reply_markup && "inline_keyboard" in confirm.reply_markup ? confirm.reply_markup.inline_keyboard.flat().find((b) => b.text === l.send) : undefined;
      const data = button && "callback_data" in button ? (button.callback_data ?? "") : "";
      const toasts = d.user.toasts.length;
      const hostMessages = o.user.messages.length;
      // Two taps at once, as a thumb on a slow network makes them: the second arrives once the first is done.
      await Promise.all([d.user.pressData(data, confirm?.message_id), d.user.pressData(data, confirm?.message_id)]);
      await idle();
      expect(d.user.toasts.slice(toasts), locale).toEqual(["", l.toast]);
      expect(d.user.messages.filter((m) => m.text.startsWith(l.sent))).toHaveLength(1);
      expect(await requestsOf(d.profile.id)).toHaveLength(1);
      expect(o.user.messages.slice(hostMessages).map((m) => m.text.split("\n")[0])).toEqual(["🤝 New meeting request"]);
      expect(h.errors()).toEqual([]);
    }
  });

  it("is declined with a reason: the requester is told politely in Russian, and may not ask again for 24 hours", async () => {
    const d = await delegate();
    const o = await host();
    await requestMeeting(d.user, o.profile);
    await o.user.press(L.en.decline);
    expect(buttonsOf(o.user.lastMessage().reply_markup)).toEqual(["Busy at that time", "Not my field", "No time during the mission", "Without a reason", L.en.back]);
    await o.user.press(L.en.back);
    expect(buttonsOf(o.user.lastMessage().reply_markup)).toEqual([L.en.accept, L.en.decline, L.en.propose]);
    await o.user.press(L.en.decline);
    expect(texts(await o.user.press(L.en.busy)).at(-1)).toBe("You declined the request from Константин Горынин. They will be told politely.");
    expect(d.user.lastText()).toBe(
      [
        "К сожалению, Nikolay Kolpakov не сможет встретиться: запрос отклонён.",
        "Причина: Занят в это время",
        "Спасибо за интерес — в разделе 👥 Участники есть и другие, с кем стоит встретиться.",
      ].join("\n"),
    );
    await d.user.pressData(`pcard:${o.profile.id}`);
    expect(texts(await d.user.press(L.ru.request)).at(-1)).toMatch(
      /^Этот участник недавно отклонил ваш запрос\. Снова запросить встречу можно после 10 декабря, \d\d:\d\d \(красноярское время, UTC\+7\)\.$/,
    );
  });
});

describe.each([
  {
    l: "ru",
    answers: GORYNIN,
    request: "🤝 Запросить встречу",
    anyTime: L.ru.anyTime,
    send: L.ru.send,
    slot: "🕒 Выберите время встречи (Nikolay Kolpakov).",
    ask: "✍️ Напишите короткое сообщение для собеседника (Nikolay Kolpakov): кто вы и что хотели бы обсудить. До 500 символов.",
    confirm: "📨 Проверьте запрос",
    unknown: "⚠️ Я не знаю команды /frobnicate. Ответьте на вопрос или отправьте /cancel, чтобы выйти.",
    noSkip: "⚠️ Этот вопрос пропустить нельзя. Ответьте на него или отправьте /cancel, чтобы выйти.",
    start: "👋 Продолжим с того места, где остановились, — или отправьте /cancel, чтобы выйти.",
    message: "Добрый день! Обсудим поставки?",
  },
  {
    l: "en",
    answers: FYODOR,
    request: "🤝 Request a meeting",
    anyTime: "🤝 Any time — we will agree",
    send: "📨 Send",
    slot: "🕒 When would you like to meet Nikolay Kolpakov?",
    ask: "✍️ Write a short message to Nikolay Kolpakov: who you are and what you would like to discuss. Up to 500 characters.",
    confirm: "📨 Check your request",
    unknown: "⚠️ I do not know the command /frobnicate. Answer the question, or send /cancel to leave.",
    noSkip: "⚠️ This question cannot be skipped. Answer it, or send /cancel to leave.",
    start: "👋 Let us go on where we stopped — or send /cancel to leave.",
    message: "Good afternoon! Shall we talk about alloys?",
  },
] as const)("a command in the middle of a request ($l)", ({ l, answers, request, anyTime, send, slot, ask, confirm, unknown, noSkip, start, message }) => {
  it("asks the question again under a hint, and the request goes on to be sent", async () => {
    const d = await person(answers, l);
    const o = await host();
    await d.user.pressData(`pcard:${o.profile.id}`);
    await d.user.press(request);
    const atSlot = texts(await d.user.send("/start"));
    expect(atSlot).toHaveLength(1);
    expect(atSlot[0]?.startsWith(`${start}\n\n${slot}`)).toBe(true);
    await d.user.press(anyTime);
    expect(texts(await d.user.send("/frobnicate"))).toEqual([`${unknown}\n\n${ask}`]);
    expect(texts(await d.user.send("/skip"))).toEqual([`${noSkip}\n\n${ask}`]);
    await d.user.send(message);
    const atConfirm = texts(await d.user.send("/frobnicate"));
    expect(atConfirm).toHaveLength(1);
    expect(atConfirm[0]?.startsWith(`${unknown}\n\n${confirm}`)).toBe(true);
    await d.user.press(send);
    expect(await onlyRequest(d.profile.id)).toMatchObject({ to: o.profile.id, slot: null, message });
  });
});

describe("slots", () => {
  const ZONE_RU = "(красноярское время, UTC+7)";
  const ZONE_EN = "(Krasnoyarsk time, UTC+7)";

  it("lets a host take one request per slot, propose another time the delegate accepts, and frees the slot on cancel", async () => {
    const o = await host();
    const a = await delegate();
    const b = await delegate({ fullName: "Любовь Фаткина", company: "Минцифры Калужской области" });
    await requestMeeting(a.user, o.profile, "Здравствуйте!", "чт 10 дек. 14:10");
    const noticeA = o.user.lastMessage().message_id;
    const requestA = await onlyRequest(a.profile.id);
    // Nothing is agreed yet, so the same slot is still offered to someone else.
    await requestMeeting(b.user, o.profile, "Добрый день!", "чт 10 дек. 14:10");
    const noticeB = o.user.lastMessage().message_id;
    const requestB = await onlyRequest(b.profile.id);

    await o.user.pressData(`ma:${requestA.id}:acc`, noticeA);
    expect(texts(await o.user.pressData(`ma:${requestB.id}:acc`, noticeB))).toEqual([
      "That time is already taken by another meeting of one of you. Propose another time or decline.",
    ]);
    expect(await onlyRequest(b.profile.id)).toMatchObject({ state: "pending" });

    await o.user.pressData(`ma:${requestB.id}:prop`, noticeB);
    const offered = buttonsOf(o.user.messages.find((m) => m.message_id === noticeB)?.reply_markup);
    expect(offered).not.toContain("Thu 10 Dec 14:10");
    expect(offered.slice(0, 3)).toEqual(["Thu 10 Dec 13:30", "Thu 10 Dec 13:50", "Thu 10 Dec 14:30"]);
    expect(offered.at(-1)).toBe(L.en.back);
    expect(texts(await o.user.press("Thu 10 Dec 14:50")).at(-1)).toBe(
      `You proposed Thu 10 December, 14:50–15:10 ${ZONE_EN} to Любовь Фаткина. I will tell you their answer.`,
    );
    // The host waits for the answer: accepting their own request now is not theirs to do.
    expect(texts(await o.user.pressData(`ma:${requestB.id}:acc`, noticeB))).toEqual(["You proposed another time: wait for their answer."]);
    expect(b.user.lastText()).toBe(`🕒 Nikolay Kolpakov предлагает другое время встречи: чт, 10 декабря, 14:50–15:10 ${ZONE_RU}`);
    expect(buttonsOf(b.user.lastMessage().reply_markup)).toEqual(["✅ Подходит", "✖️ Не подходит"]);
    const agreed = texts(await b.user.press("✅ Подходит")).at(-1) ?? "";
    expect(agreed).toMatch(new RegExp(`^✅ Встреча согласована: Nikolay Kolpakov\\. Ваши контакты тоже отправлены собеседнику\\.\\n🕒 чт, 10 декабря, 14:50–15:10`));
    expect(agreed).toContain("📱 +79131112233");
    expect(o.user.lastText()).toMatch(/^✅ Любовь Фаткина accepted the time you proposed\.\n🕒 Thu 10 December, 14:50–15:10 .*\n📍 Where: Table 1, KRITBI business incubator\n\n📇 Contacts\n/);
    expect(texts(await o.user.send("/my"))[0]).toMatch(/14:10–14:30 👥 Meeting with Константин Горынин[^\n]*\n14:50–15:10 👥 Meeting with Любовь Фаткина/);

    // A third delegate is offered neither of the host's agreed times.
    const c = await delegate({ fullName: "Фёдор Пащенко" });
    await c.user.pressData(`pcard:${o.profile.id}`);
    await c.user.press(L.ru.request);
    const free = buttonsOf(c.user.lastMessage().reply_markup);
    expect(free).not.toContain("чт 10 дек. 14:10");
    expect(free).not.toContain("чт 10 дек. 14:50");
    expect(free).toContain("чт 10 дек. 14:30");
    await c.user.press("✖️ Отмена");

    // The first delegate cancels: the host is told, the slot is free again.
    await a.user.send("/meetings");
    await a.user.press("1. Nikolay Kolpakov · 10 дек. 14:10");
    await a.user.press(L.ru.cancel);
    await a.user.press(L.ru.cancelYes);
    expect(o.user.lastText()).toBe(`🚫 Константин Горынин cancelled your meeting. That time is free again.\n🕒 Thu 10 December, 14:10–14:30 ${ZONE_EN}`);
    await c.user.pressData(`pcard:${o.profile.id}`);
    await c.user.press(L.ru.request);
    expect(buttonsOf(c.user.lastMessage().reply_markup)).toContain("чт 10 дек. 14:10");
    expect(texts(await o.user.send("/my"))[0]).not.toContain("Константин Горынин");
  });
});

describe("limits", () => {
  it("keeps one open request per pair and refuses a request to oneself, each explained in the user's language", async () => {
    const d = await delegate();
    const o = await host();
    await requestMeeting(d.user, o.profile);
    await d.user.pressData(`pcard:${o.profile.id}`);
    expect(texts(await d.user.press(L.ru.request)).at(-1)).toBe("У вас с этим участником уже есть открытый запрос или согласованная встреча: см. /meetings.");
    // Nor the other way round.
    await o.user.pressData(`pcard:${d.profile.id}`);
    expect(texts(await o.user.press("🤝 Request a meeting")).at(-1)).toBe("You already have an open request or an agreed meeting with this participant: see /meetings.");
    expect(texts(await d.user.pressData(`mreq:${d.profile.id}`)).at(-1)).toBe("Это ваша собственная карточка 🙂");
    // Someone who is not registered is sent to the registration.
    const stranger = h.tg.user(nextId++, { language_code: "en" });
    await stranger.send("/help");
    expect(texts(await stranger.pressData(`mreq:${o.profile.id}`))).toEqual(["", "To request meetings, register first: it takes about a minute."]);
    expect(buttonsOf(stranger.lastMessage().reply_markup)).toEqual(["📝 Register"]);
    expect(await requestsOf(d.profile.id)).toHaveLength(1);
  });

  it("allows as many pending requests as the programme file says, then explains the limit", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mission-"));
    const file = join(dir, "mission.yaml");
    await writeFile(file, (await readFile("content/mission.yaml", "utf8")).replace("max_pending_requests: 10", "max_pending_requests: 2"));
    const limited = await startHarness({ env: { MISSION_FILE: file }, clock: clock.now });
    try {
      const seed = async (answers: Answers, locale: "ru" | "en", role: Participant["role"]) => {
        const id = nextId++;
        await seedParticipant(limited, id, answers, { language: locale, role });
        const user = limited.tg.user(id, { language_code: locale });
        await user.send("/start");
        return { id, user };
      };
      const d = await seed(GORYNIN, "ru", "delegate");
      const hosts = [await seed(KOLPAKOV, "en", "host"), await seed(OLGA, "ru", "host"), await seed(FYODOR, "en", "host")];
      for (const o of hosts.slice(0, 2)) {
        await d.user.pressData(`pcard:${o.id}`);
        await d.user.press(L.ru.request);
        await d.user.press(L.ru.anyTime);
        await d.user.send("Здравствуйте!");
        await d.user.press(L.ru.send);
      }
      await d.user.pressData(`pcard:${hosts[2]?.id ?? 0}`);
      expect(texts(await d.user.press(L.ru.request)).at(-1)).toBe(
        "Без ответа можно держать не больше 2 запросов, и этот предел достигнут. Дождитесь ответов или отзовите один из запросов в /meetings.",
      );
      // Withdrawing one frees a place.
      await d.user.send("/meetings");
      await d.user.press("1. Nikolay Kolpakov · в любое время");
      await d.user.press(L.ru.withdraw);
      expect(texts(await d.user.press(L.ru.withdrawYes)).at(-1)).toMatch(/^Ваш запрос отозван \(/);
      await d.user.pressData(`pcard:${hosts[2]?.id ?? 0}`);
      expect(texts(await d.user.press(L.ru.request)).at(-1)).toMatch(/^🕒 Выберите время встречи/);
    } finally {
      await limited.stop();
    }
  });
});

describe("answering", () => {
  it("ends many accepts racing a withdrawal in exactly one state, and a second tap changes nothing", async () => {
    for (let round = 0; round < 3; round++) {
      const d = await delegate();
      const o = await host();
      await requestMeeting(d.user, o.profile);
      const request = await onlyRequest(d.profile.id);
      const noticeId = o.user.lastMessage().message_id;
      await d.user.send("/meetings");
      await d.user.press("1. Nikolay Kolpakov · в любое время");
      await d.user.press(L.ru.withdraw);
      const confirmId = d.user.lastMessage().message_id;
      const hostBefore = o.user.messages.length;
      const delegateBefore = d.user.messages.length;
      await Promise.all([
        ...Array.from({ length: 10 }, () => o.user.pressData(`ma:${request.id}:acc`, noticeId)),
        ...Array.from({ length: 5 }, () => d.user.pressData(`ma:${request.id}:wdy`, confirmId)),
      ]);
      const final = await onlyRequest(d.profile.id);
      const actions = final.history.map((e) => e.action).filter((a) => a !== "created" && a !== "delivered");
      expect(actions).toHaveLength(1);
      const hostNew = o.user.messages.slice(hostBefore).map((m) => m.text);
      const delegateNew = d.user.messages.slice(delegateBefore).map((m) => m.text);
      if (final.state === "accepted") {
        expect(hostNew.filter((t) => t.startsWith("✅ The meeting with"))).toHaveLength(1);
        expect(delegateNew.filter((t) => t.startsWith("✅ Ваш запрос на встречу принят"))).toHaveLength(1);
        expect(d.user.toasts.filter((t) => t === "На этот запрос уже ответили.")).toHaveLength(5);
        expect(o.user.toasts.filter((t) => t === "This request has already been answered.")).toHaveLength(9);
      } else {
        expect(final.state).toBe("cancelled");
        expect(hostNew).toEqual(["↩️ Константин Горынин withdrew their meeting request."]);
        expect(o.user.messages.find((m) => m.message_id === noticeId)?.text).toBe("↩️ This meeting request was withdrawn.");
        expect(o.user.toasts.filter((t) => t === "This request has already been answered.")).toHaveLength(10);
        expect(everythingSent(h)).not.toContain(`tg://user?id=${d.profile.id}`);
      }
      expect(h.errors()).toEqual([]);
    }
  });

  it("refuses every forged or borrowed button of a third user with a toast and changes nothing", async () => {
    const d = await delegate();
    const o = await host();
    const eve = await person(FYODOR, "en");
    await requestMeeting(d.user, o.profile);
    const { id } = await onlyRequest(d.profile.id);
    const raw = await h.redis.get(`${h.prefix}meeting:${id}`);
    const sentBefore = h.tg.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id !== eve.profile.id).length;
    const forged = [
      ...["acc", "dec", "prop", "acp", "dcp", "cnl", "wdy", "cny", "back"].map((act) => `ma:${id}:${act}`),
      `mdr:${id}:busy`,
      `mdr:${id}:none`,
      `mps:${id}:29912340`,
      `mo:${id}`,
    ];
    for (const data of forged) expect(texts(await eve.user.pressData(data)), data).toEqual(["This request is not addressed to you."]);
    for (const data of [`ma:${id}:nope`, "ma:ZZZ:acc", "ma:abcdef123456:acc", `mdr:${id}:other`, `mps:${id}:soon`, "mo:", "ml:x", "mreq:0", `ma:${id}:acc:extra`]) {
      expect(texts(await eve.user.pressData(data)), data).toEqual(["This button is out of date. Open the menu again."]);
    }
    expect(await h.redis.get(`${h.prefix}meeting:${id}`)).toBe(raw);
    expect(h.tg.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id !== eve.profile.id)).toHaveLength(sentBefore);
    expect(eve.user.messages.map((m) => m.text).join("\n")).not.toContain("Добрый день");
    // The requester cannot answer their own request either.
    expect(texts(await d.user.pressData(`ma:${id}:acc`))).toEqual(["Этот запрос адресован не вам."]);
  });
});

describe("a host who has not opened the bot", () => {
  it("gets the request when they first write; the requester is told it will wait", async () => {
    const d = await delegate();
    const o = await host({}, false);
    expect(await requestMeeting(d.user, o.profile)).toContain(
      "📨 Запрос сохранён. Получатель (Nikolay Kolpakov) ещё не открывал бота: запрос придёт, как только он это сделает, а я сообщу вам ответ.",
    );
    expect(await onlyRequest(d.profile.id)).toMatchObject({ state: "pending", delivered: false });
    expect(h.tg.calls.some((c) => c.params.chat_id === o.profile.id && c.status === 403)).toBe(true);
    expect(o.user.messages).toEqual([]);
    const shown = texts(await o.user.send("/start"));
    expect(shown[0]).toMatch(/^Hello, User\d+! 👋/);
    expect(shown.slice(1, 3)).toEqual(["📬 A meeting request was waiting for you while you were away:", expect.stringMatching(/^🤝 New meeting request\n\nКонстантин Горынин/)]);
    expect(await onlyRequest(d.profile.id)).toMatchObject({ state: "pending", delivered: true });
    await o.user.press(L.en.accept);
    expect(d.user.lastText()).toMatch(/^✅ Ваш запрос на встречу принят/);
    // Only once: the next /start shows nothing more.
    expect(texts(await o.user.send("/start")).filter((t) => t.startsWith("📬") || t.startsWith("🤝"))).toEqual([]);
  });

  it("gets a request sent while they had blocked the bot as soon as they unblock it", async () => {
    const d = await delegate();
    const o = await host();
    o.user.setBlocked(true);
    await idle();
    expect((await requestMeeting(d.user, o.profile)).at(-1)).toMatch(/^📨 Запрос сохранён\./);
    o.user.setBlocked(false);
    expect((await o.user.waitForText(/^🤝 New meeting request/)).text).toContain("Константин Горынин");
    // The bot marks it shown once Telegram took it; that write follows the message.
    await idle();
    expect(await onlyRequest(d.profile.id)).toMatchObject({ delivered: true });
  });
});

describe("/meetings", () => {
  it("groups requests by state with agreed meetings first, opens each from a button naming whom and when, and cancels one: the other side is told in their language", async () => {
    const d = await delegate();
    const [o1, o2, o3] = [await host(), await host({ fullName: "Kristina Zarubina", company: "Kalibr technopark" }), await host({ fullName: "Mikhail Labudin", company: "Association of Clusters" })];
    await requestMeeting(d.user, o1.profile, undefined, "чт 10 дек. 14:10");
    await requestMeeting(d.user, o2.profile);
    await requestMeeting(d.user, o3.profile);
    await o2.user.press(L.en.accept);
    await o3.user.press(L.en.decline);
    await o3.user.press("Without a reason");
    expect(d.user.lastText()).toBe("К сожалению, Mikhail Labudin не сможет встретиться: запрос отклонён.\nСпасибо за интерес — в разделе 👥 Участники есть и другие, с кем стоит встретиться.");
    const incoming = await person(OLGA, "ru", { role: "host" });
    await requestMeeting(incoming.user, d.profile, "Здравствуйте!");
    expect(texts(await d.user.send(L.ru.meetings))).toEqual([
      [
        "🤝 Мои встречи",
        "Согласовано: 1 · ждут ответа: 2",
        "",
        "📅 Согласованные встречи",
        "1. ↗️ Kristina Zarubina, Kalibr technopark — в любое время (договоримся)",
        "",
        "⏳ Ждут ответа",
        "2. ↙️ Ольга Рухуллаева, Минист. инвестиций и инноваций — в любое время (договоримся) · ждёт вашего ответа",
        "3. ↗️ Nikolay Kolpakov, KRITBI — чт, 10 декабря, 14:10–14:30 (красноярское время, UTC+7) · ждёт ответа другой стороны",
        "",
        "✖️ Отклонённые",
        "4. ↗️ Mikhail Labudin, Association of Clusters — в любое время (договоримся)",
      ].join("\n"),
    ]);
    const list = d.user.lastMessage();
    expect(buttonsOf(list.reply_markup)).toEqual([
      "1. Kristina Zarubina · в любое время",
      "2. Ольга Рухуллаева · в любое время",
      "3. Nikolay Kolpakov · 10 дек. 14:10",
      "4. Mikhail Labudin · в любое время",
    ]);
    expect(list.reply_markup && "inline_keyboard" in list.reply_markup ? list.reply_markup.inline_keyboard.map((row) => row.length) : []).toEqual([1, 1, 1, 1]);
    expect(buttonsOf((await o1.user.send("/meetings")).map((e) => (e.kind === "message" ? e.message.reply_markup : undefined)).find(Boolean))).toEqual([
      "1. Константин Горынин · 10 Dec 14:10",
    ]);
    // The incoming one opens with the answer buttons, the declined one with none.
    await d.user.press("2. Ольга Рухуллаева · в любое время");
    expect(buttonsOf(d.user.lastMessage().reply_markup)).toEqual(["✅ Принять", "✖️ Отклонить", "🕒 Предложить другое время"]);
    await d.user.press("4. Mikhail Labudin · в любое время");
    expect(buttonsOf(d.user.lastMessage().reply_markup)).toEqual([]);
    const opened = texts(await d.user.press("1. Kristina Zarubina · в любое время")).at(-1) ?? "";
    expect(opened).toMatch(/^🤝 Запрос на встречу · встреча согласована\nКому: Kristina Zarubina\n/);
    expect(opened).toContain("📇 Контакты");
    await d.user.press(L.ru.cancel);
    expect(buttonsOf(d.user.lastMessage().reply_markup)).toEqual([L.ru.cancelYes, "← Назад"]);
    expect(texts(await d.user.press(L.ru.cancelYes)).at(-1)).toBe("Встреча отменена (Kristina Zarubina), собеседнику сообщено. Это время снова свободно.");
    expect(o2.user.lastText()).toBe("🚫 Константин Горынин cancelled your meeting. That time is free again.\n🕒 any time (to be agreed)");
    // A second press on the old confirmation changes nothing.
    expect(texts(await d.user.pressData((await requestsOf(d.profile.id)).map((r) => r.id).map((id) => `ma:${id}:cny`).find(Boolean) ?? ""))).toEqual([
      expect.stringMatching(/^(На этот запрос уже ответили\.|Это не ваш запрос\.)$/),
    ]);
    expect(texts(await o2.user.send("/meetings"))[0]).toContain("🚫 Cancelled\n1. ↙️ Константин Горынин, ОбнинскЭнергоТех — any time (to be agreed)");
    expect(buttonsOf(o2.user.lastMessage().reply_markup)).toEqual(["1. Константин Горынин · any time"]);
    // The list has moved on (the cancelled meeting is last now); a button of the list shown before still
    // opens the request it named, and does so wherever the list was (ids, not positions).
    texts(await d.user.send("/meetings"));
    expect(buttonsOf(d.user.lastMessage().reply_markup).at(-1)).toBe("4. Kristina Zarubina · в любое время");
    const first = list.reply_markup && "inline_keyboard" in list.reply_markup ? list.reply_markup.inline_keyboard[0]?.[0] : undefined;
    const reopened = texts(await d.user.pressData(first && "callback_data" in first ? (first.callback_data ?? "") : "", list.message_id)).at(-1);
    expect(reopened).toMatch(/^🤝 Запрос на встречу · отменён\nКому: Kristina Zarubina\n/);
  });

  it("says there is nothing yet, in the user's language", async () => {
    const d = await delegate();
    expect(texts(await d.user.send("/meetings"))).toEqual(["🤝 Мои встречи\n\nЗапросов на встречи пока нет. Найдите, с кем встретиться, в разделе 👥 Участники (/people)."]);
  });
});

describe("/deletemydata with meeting requests", () => {
  it("withdraws what was open, tells the other side which meeting it was, takes the text out of the host's chat, says what the others may keep, and keeps nothing of the person", async () => {
    // Values of their own, so that nobody else in this file shares them.
    const d = await delegate({ fullName: "Лидия Уходящая", company: "Ушедшая Компания", phone: "+79990009999", email: "leaver@example.org", username: "leaver_u" });
    const [o1, o2] = [await host(), await host({ fullName: "Kristina Zarubina" })];
    await requestMeeting(d.user, o1.profile, "Секретный план поставок", "чт 10 дек. 13:30");
    const noticeId = o1.user.lastMessage().message_id;
    await requestMeeting(d.user, o2.profile);
    await o2.user.press(L.en.accept);
    // Renamed since: the hosts are told of the company they were shown.
    await seedParticipant(h, d.profile.id, GORYNIN, { ...d.profile, company: "Переименованная Компания" });
    await d.user.send("/deletemydata");
    const done = texts(await d.user.press("🗑 Да, удалить всё")).at(-1) ?? "";
    expect(done).toBe(
      [
        "Готово. Удалено:",
        "• ваши запросы на встречи и встречи: открытые закрыты (другой стороне сообщено); в записях бота о них больше нет ни вас, ни ваших сообщений",
        "• текст ваших запросов, ещё ждавших ответа, — из чатов тех, кому они отправлены",
        "• профиль: имя, компания, должность, регион, отрасли, «предлагаю» и «ищу»",
        "• телефон",
        "• e-mail",
        "",
        "У тех, с кем вы общались через бота, в чатах Telegram может остаться то, что бот им уже отправил:",
        "• сообщения о ваших запросах и встречах, где названо ваше имя",
        "• ваши запросы, которые они получили: ваша карточка и сообщение",
        "• ваши контакты, переданные им при согласовании встречи",
        "",
        "У организаторов остаются только обезличенные счётчики, например сколько раз использована ссылка-приглашение. Зарегистрироваться снова можно командой /register.",
      ].join("\n"),
    );
    expect(o1.user.messages.find((m) => m.message_id === noticeId)?.text).toBe("↩️ This meeting request was withdrawn.");
    expect(o1.user.lastText()).toBe(
      "↩️ The meeting request with Ушедшая Компания is closed: the participant has left the bot and deleted their data.\n🕒 Thu 10 December, 13:30–13:50 (Krasnoyarsk time, UTC+7)",
    );
    expect(o1.user.lastMessage().html).toContain("<b>Ушедшая Компания</b>");
    expect(o2.user.lastText()).toBe("🚫 Your meeting with Ушедшая Компания is cancelled: the participant has left the bot and deleted their data.\n🕒 any time (to be agreed)");
    // Left: the chat's own session (UI state, empty) and the short-lived mark that keeps new requests away.
    const kept = (await h.keys()).filter((k) => k !== `${h.prefix}session:${d.profile.id}` && k !== `${h.prefix}meetings:leaving:${d.profile.id}`);
    const stored = await dumpValues(h.redis, kept);
    for (const value of ["Лидия Уходящая", "Ушедшая Компания", "Переименованная Компания", "Секретный план", "79990009999", "leaver@example.org", "leaver_u"]) expect(stored).not.toContain(value);
    expect(stored).not.toMatch(new RegExp(`(?<!\\d)${d.profile.id}(?!\\d)`));
    expect(texts(await o2.user.send("/meetings"))[0]).toContain("1. ↙️ a participant who has left the bot — any time (to be agreed)");
    expect(buttonsOf(o2.user.lastMessage().reply_markup)).toEqual(["1. Participant who left · any time"]);
  });

  it("tells a Russian delegate which agreed meeting a host who left had, and tells the host in English what the delegate may keep", async () => {
    const d = await delegate();
    const o = await host({ company: "KRITBI & Partners" });
    await requestMeeting(d.user, o.profile, "Здравствуйте!", "чт 10 дек. 13:30");
    await o.user.press(L.en.accept);
    await o.user.send("/deletemydata");
    expect(texts(await o.user.press("🗑 Yes, delete everything")).at(-1)).toBe(
      [
        "Done. Deleted:",
        "• your meeting requests and meetings: open ones closed (the other side was told); the bot's records of them no longer name you or hold your messages",
        "• your profile: name, company, position, region, industries, what you offer and look for",
        "• your phone number",
        "• your e-mail",
        "",
        "The people you dealt with may still have in their Telegram chats what the bot had already sent them:",
        "• messages about your meeting requests and meetings, which name you",
        "• your contacts, given to them when a meeting was agreed",
        "",
        "The organisers keep only anonymous counts, such as how many times an invite link was used. You can register again with /register.",
      ].join("\n"),
    );
    expect(d.user.lastText()).toBe(
      "🚫 Встреча с компанией «KRITBI & Partners» отменена: участник покинул бота и удалил свои данные.\n🕒 чт, 10 декабря, 13:30–13:50 (красноярское время, UTC+7)",
    );
    expect(d.user.lastMessage().html).toContain("«<b>KRITBI &amp; Partners</b>»");
    expect(texts(await d.user.send("/my"))[0]).not.toContain("Nikolay Kolpakov");
  });
});
