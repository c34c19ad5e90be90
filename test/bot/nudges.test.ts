import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "../../src/domain/participant.js";
import { sleep, texts, type BotMessage, type FakeUser } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { buttonsOf, GORYNIN, KOLPAKOV } from "../helpers/meetings.js";
import { FYODOR, OLGA, seedParticipant, type Answers } from "../helpers/registration.js";

// The day before the mission; the first B2B session (d1-b2b) is on 10 December from 13:30, Krasnoyarsk time.
const clock = testClock("2026-12-09T12:00:00+07:00");
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: clock.now, nudgesEveryMs: 50 });
});
afterAll(async () => {
  await h.stop();
});

const NUDGE = /^📅 (Tomorrow's B2B session|Завтра B2B-сессия)/;

function nudges(u: FakeUser): BotMessage[] {
  return u.messages.filter((m) => NUDGE.test(m.text));
}

interface Person {
  user: FakeUser;
  profile: Participant;
}

async function person(id: number, answers: Answers, locale: "ru" | "en", overrides: Partial<Participant> = {}): Promise<Person> {
  const profile = await seedParticipant(h, id, answers, { language: locale, ...overrides });
  const user = h.tg.user(id, { language_code: locale });
  await user.send("/start");
  return { user, profile };
}

/** A Russian-speaking delegate asks a host for a meeting at a slot (its button label, or any time). */
async function ask(from: Person, to: Person, slot: string): Promise<void> {
  await from.user.pressData(`pcard:${to.profile.id}`);
  await from.user.press("🤝 Запросить встречу");
  await from.user.press(slot);
  await from.user.send("Добрый день! Обсудим сотрудничество?");
  await from.user.press("📨 Отправить");
}

async function waitFor<T>(read: () => T[], count: number): Promise<T[]> {
  const deadline = Date.now() + 5_000;
  while (read().length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count}, have ${read().length}`);
    await sleep(20);
  }
  return read();
}

const HOST_RU: Answers = {
  fullName: "Анна Смирнова",
  company: "Сибирская горная компания",
  position: "Директор по закупкам",
  region: "Красноярский край",
  companyDescription: "Добыча и обогащение руды",
  tags: [],
  tagIds: ["mining", "energy"],
  offer: "Заказы на оборудование для горной добычи",
  lookingFor: "Силовая электроника и системы управления",
};

describe("the nudge the evening before a B2B day", () => {
  let a: Person, h1: Person, b: Person, h2: Person, c: Person, d: Person, organiser: Person, f: Person, h3: Person;

  beforeAll(async () => {
    a = await person(81_001, GORYNIN, "ru");
    h1 = await person(81_002, KOLPAKOV, "en", { role: "host" });
    b = await person(81_003, GORYNIN, "ru", { fullName: "Любовь Фаткина", company: "Минцифры Калужской области" });
    h2 = await person(81_004, HOST_RU, "ru", { role: "host" });
    c = await person(81_005, FYODOR, "en", { tags: ["metallurgy", "energy", "mining"] });
    d = await person(81_006, HOST_RU, "ru", { role: "host", fullName: "Игорь Белов", company: "Красноярский литейный завод", tags: ["metallurgy"], offer: "Литьё и прецизионные сплавы под заказ" });
    organiser = await person(81_007, OLGA, "ru", { role: "organiser" });
    f = await person(81_008, OLGA, "ru");
    h3 = await person(81_009, KOLPAKOV, "en", { role: "host", fullName: "Kristina Zarubina", company: "Kalibr technopark", tags: ["logistics", "mining"] });

    // A and H1 agreed on a slot of the session; B waits for H2's answer to one; F asked H3 for "any time".
    await ask(a, h1, "чт 10 дек. 14:10");
    await h1.user.pressAndSee("✅ Accept");
    await ask(b, h2, "чт 10 дек. 14:30");
    await ask(f, h3, "🤝 В любое время — договоримся");
  });

  it("goes at 19:00 to exactly those with no agreed or pending meeting in the session, once, in their language", async () => {
    clock.set("2026-12-09T18:58:00+07:00");
    await sleep(400);
    for (const p of [a, h1, b, h2, c, d, organiser, f, h3]) expect(nudges(p.user)).toEqual([]);

    clock.set("2026-12-09T19:00:05+07:00");
    const [en] = await waitFor(() => nudges(c.user), 1);
    const [ru] = await waitFor(() => nudges(d.user), 1);
    await waitFor(() => nudges(f.user), 1);
    await waitFor(() => nudges(h3.user), 1);

    // C (a delegate) is offered hosts, the best three of what /people suggests him.
    await c.user.send("/people");
    const suggested = texts(await c.user.pressAndSee("⭐ Suggested for you")).at(-1) ?? "";
    const names = [...suggested.matchAll(/^\d\. (.+?) — /gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(en?.text).toBe(
      [
        "📅 Tomorrow's B2B session starts at 13:30 (Krasnoyarsk time, UTC+7); you have no meetings in it yet.",
        "B2B meetings with KRITBI residents — Thursday 10 December",
        "",
        "⭐ Suggested for you — request a meeting while slots are free:",
        "",
        suggested.split("\n\n").slice(1, 4).join("\n\n"),
      ].join("\n"),
    );
    expect(buttonsOf(en?.reply_markup)).toEqual([
      ...names.slice(0, 3).map((name, i) => `🤝 ${i + 1}. Request a meeting: ${name ?? ""}`),
      "👥 All participants",
      "🔕 Don't remind me",
    ]);
    expect(ru?.text).toMatch(/^📅 Завтра B2B-сессия начинается в 13:30 \(красноярское время, UTC\+7\), а у вас на ней пока нет встреч\.\nB2B-встречи с резидентами КРИТБИ — четверг, 10 декабря\n\n⭐ Рекомендуем вам — запросите встречу, пока есть свободные слоты:\n\n1\. /);
    expect(buttonsOf(ru?.reply_markup).slice(-2)).toEqual(["👥 Все участники", "🔕 Не напоминать"]);
    // A host is offered delegates: those with a meeting too, but never whom she has a request open with.
    expect(buttonsOf(ru?.reply_markup)[0]).toMatch(/^🤝 1\. Запросить встречу: /);
    await h3.user.send("/people");
    expect(texts(await h3.user.pressAndSee("⭐ Suggested for you")).at(-1)).toContain("Ольга Рухуллаева");
    const h3Buttons = buttonsOf(nudges(h3.user)[0]?.reply_markup);
    expect(h3Buttons).toHaveLength(5);
    expect(h3Buttons.some((label) => label.includes("Ольга Рухуллаева"))).toBe(false);
    // F's only request is for "any time": it books nothing in the session, so she is nudged.
    expect(nudges(f.user)[0]?.text).toMatch(/^📅 Завтра B2B-сессия/);

    // Sweeps go on every 50 ms, and even forgetting who was queued sends nothing twice.
    await h.redis.del(`${h.prefix}nudges:queued:2026-12-10`);
    await sleep(600);
    for (const p of [c, d, f, h3]) expect(nudges(p.user)).toHaveLength(1);
    for (const p of [a, h1, b, h2, organiser]) expect(nudges(p.user)).toEqual([]);

    // A restart (a new app on the same Redis) that evening sends nothing again either.
    await h.restart();
    await sleep(600);
    for (const p of [c, d, f, h3]) expect(nudges(p.user)).toHaveLength(1);
    for (const p of [a, h1, b, h2, organiser]) expect(nudges(p.user)).toEqual([]);
  });

  it("opens the request flow from a suggestion's button", async () => {
    const label = buttonsOf(nudges(c.user)[0]?.reply_markup)[0] ?? "";
    const name = label.replace(/^🤝 1\. Request a meeting: /, "");
    const shown = texts(await c.user.pressAndSee(label)).at(-1);
    expect(shown?.split("\n")[0]).toBe(`🕒 When would you like to meet ${name}?`);
    expect(buttonsOf(c.user.lastMessage().reply_markup)).toContain("🤝 Any time — we will agree");
    await c.user.send("/cancel");
  });

  it("remembers \"don't remind me\" for later sessions, and \"remind me again\"", async () => {
    const events = await d.user.press("🔕 Не напоминать");
    expect(events).toContainEqual({ kind: "toast", text: "Хорошо: больше не буду напоминать о B2B-сессиях.", show_alert: true });
    expect(buttonsOf(nudges(d.user)[0]?.reply_markup).slice(-2)).toEqual(["👥 Все участники", "🔔 Напоминать снова"]);
    expect(await h.redis.smembers(`${h.prefix}nudges:off`)).toEqual([String(d.profile.id)]);

    // The next evening, for the second day's session: A's meeting was on the first day, D said no more.
    clock.set("2026-12-10T19:00:05+07:00");
    await waitFor(() => nudges(a.user), 1);
    await waitFor(() => nudges(c.user), 2);
    expect(nudges(a.user)[0]?.text).toMatch(/^📅 Завтра B2B-сессия начинается в 13:00 \(красноярское время, UTC\+7\), а у вас на ней пока нет встреч\.\nB2B-встречи с компаниями Железногорска — пятница, 11 декабря\n/);
    await sleep(400);
    expect(nudges(d.user)).toHaveLength(1);

    // Changing her mind the same evening, she gets this session's nudge after all.
    const again = await d.user.press("🔔 Напоминать снова");
    expect(again).toContainEqual({ kind: "toast", text: "Хорошо: накануне каждой B2B-сессии напомню, если на ней у вас не будет встреч.", show_alert: true });
    expect(await h.redis.smembers(`${h.prefix}nudges:off`)).toEqual([]);
    const [, second] = await waitFor(() => nudges(d.user), 2);
    expect(second?.text).toMatch(/^📅 Завтра B2B-сессия начинается в 13:00/);
  });

  it("forgets the person's \"don't remind me\" and nudges with /deletemydata", async () => {
    await d.user.press("🔕 Не напоминать");
    expect(await h.redis.smembers(`${h.prefix}nudges:off`)).toEqual([String(d.profile.id)]);
    expect(await h.redis.sismember(`${h.prefix}nudges:queued:2026-12-10`, String(d.profile.id))).toBe(1);
    await d.user.send("/deletemydata");
    await d.user.press("🗑 Да, удалить всё");
    expect(await h.redis.smembers(`${h.prefix}nudges:off`)).toEqual([]);
    for (const date of ["2026-12-10", "2026-12-11"]) expect(await h.redis.smembers(`${h.prefix}nudges:queued:${date}`)).not.toContain(String(d.profile.id));
  });

  it("answers forged or foreign presses calmly", async () => {
    expect(texts(await a.user.pressData("nudge:7"))).toEqual(["Эта кнопка устарела. Откройте меню заново."]);
    const stranger = h.tg.user(81_099, { language_code: "en" });
    await stranger.send("/start");
    expect(texts(await stranger.pressData("nudge:1"))).toEqual(["This button is out of date. Open the menu again."]);
    expect(await h.redis.smembers(`${h.prefix}nudges:off`)).toEqual([]);
    expect(h.errors()).toEqual([]);
  });
});

describe("a bot that was down at 19:00", () => {
  const clock2 = testClock("2026-12-10T12:00:00+07:00");
  let h2: Harness;
  beforeAll(async () => {
    // The default sweep interval (a minute): within this test only a start sweeps.
    h2 = await startHarness({ clock: clock2.now });
  });
  afterAll(async () => {
    await h2.stop();
  });

  it("sends the nudge when it starts later that evening, and a second restart does not send it again", async () => {
    await seedParticipant(h2, 82_001, FYODOR, { language: "en" });
    await seedParticipant(h2, 82_002, KOLPAKOV, { language: "en", role: "host" });
    const user = h2.tg.user(82_001, { language_code: "en" });
    await user.send("/start");
    clock2.set("2026-12-10T20:30:00+07:00");
    await sleep(300);
    expect(nudges(user)).toEqual([]);

    await h2.restart();
    const [nudge] = await waitFor(() => nudges(user), 1);
    expect(nudge?.text).toMatch(/^📅 Tomorrow's B2B session starts at 13:00 \(Krasnoyarsk time, UTC\+7\); you have no meetings in it yet\.\nB2B meetings with Zheleznogorsk companies — Friday 11 December\n/);
    expect(buttonsOf(nudge?.reply_markup)).toEqual(["🤝 1. Request a meeting: Nikolay Kolpakov", "👥 All participants", "🔕 Don't remind me"]);

    await h2.restart();
    await sleep(600);
    expect(nudges(user)).toHaveLength(1);
    // After midnight it is no longer "tomorrow": a start then sends nothing for that session.
    await seedParticipant(h2, 82_003, GORYNIN, { language: "ru" });
    clock2.set("2026-12-11T00:10:00+07:00");
    await h2.restart();
    await sleep(600);
    expect(nudges(h2.tg.user(82_003))).toEqual([]);
  });
});
