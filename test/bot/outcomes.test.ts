import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingRequest } from "../../src/domain/meetings/request.js";
import type { SideOutcome } from "../../src/domain/outcomes/outcome.js";
import type { Participant } from "../../src/domain/participant.js";
import { sleep, texts, type BotMessage, type FakeUser } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { until } from "../helpers/bot-process.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { buttonsOf, GORYNIN, KOLPAKOV } from "../helpers/meetings.js";
import { seedParticipant, type Answers } from "../helpers/registration.js";

// The day before the mission: every B2B slot is ahead.
const clock = testClock("2026-12-09T12:00:00+07:00");
const ORGANISER = 7901;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: clock.now, outcomesEveryMs: 50, env: { ORGANISER_IDS: String(ORGANISER) } });
});
afterAll(async () => {
  await h.stop();
});

let nextId = 60_000;
interface Person {
  user: FakeUser;
  profile: Participant;
}

async function person(answers: Answers, locale: "ru" | "en", overrides: Partial<Participant> = {}): Promise<Person> {
  const id = nextId++;
  const profile = await seedParticipant(h, id, answers, { language: locale, ...overrides });
  const user = h.tg.user(id, { language_code: locale });
  await user.send("/start");
  return { user, profile };
}

const delegate = () => person(GORYNIN, "ru");
const host = () => person(KOLPAKOV, "en", { role: "host" });

/** The delegate asks the host for a meeting at a slot (its button label, or any time); the host accepts. */
async function agreedMeeting(d: Person, o: Person, slot: string): Promise<MeetingRequest> {
  await d.user.pressData(`pcard:${o.profile.id}`);
  await d.user.press("🤝 Запросить встречу");
  await d.user.press(slot);
  await d.user.send("Добрый день! Обсудим поставки систем управления?");
  await d.user.press("📨 Отправить");
  await o.user.pressAndSee("✅ Accept");
  const ids = await h.redis.zrange(`${h.prefix}meetings:out:${d.profile.id}`, 0, -1);
  const raw = await h.redis.get(`${h.prefix}meeting:${ids.at(-1) ?? ""}`);
  return JSON.parse(raw ?? "{}") as MeetingRequest;
}

async function outcomeOf(meetingId: string, userId: number): Promise<SideOutcome | undefined> {
  const raw = await h.redis.get(`${h.prefix}outcome:${meetingId}:${userId}`);
  return raw === null ? undefined : (JSON.parse(raw) as SideOutcome);
}

const FOLLOW_UP = /^📋 (Договорённость с|The agreement with) /;

/** Messages of the bot's own questions in a chat (not answers to the user). */
function questions(u: FakeUser): BotMessage[] {
  return u.messages.filter((m) => FOLLOW_UP.test(m.text) || /^(🤝 Did you meet|🤝 Встреча с .* состоялась\?)/.test(m.text));
}

/** The callback data of a button of a message, as the client keeps it. */
function dataOf(message: BotMessage, label: string): string {
  const markup = message.reply_markup;
  const button = markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat().find((b) => b.text === label) : undefined;
  if (!button || !("callback_data" in button) || button.callback_data === undefined) throw new Error(`no button ${label}`);
  return button.callback_data;
}

/** Lets the bot's sweeps (every 50 ms) and the queue run; long enough that a question due would have come. */
async function settle(ms = 600): Promise<void> {
  await sleep(ms);
}

describe("after a meeting", () => {
  it("walks one meeting from request to carried out, for both sides, each in their language", async () => {
    const d = await delegate();
    const o = await host();
    const meeting = await agreedMeeting(d, o, "чт 10 дек. 14:10");
    expect(meeting.state).toBe("accepted");

    // The slot ends at 14:30; the question comes half an hour later (ask_after_minutes: 30), not before.
    clock.set("2026-12-10T14:59:00+07:00");
    await settle();
    expect([...questions(d.user), ...questions(o.user)]).toEqual([]);
    clock.set("2026-12-10T15:00:05+07:00");
    const ru = await d.user.waitForText(/состоялась\?/);
    const en = await o.user.waitForText(/^🤝 Did you meet/);
    expect(ru.text).toBe("🤝 Встреча с Nikolay Kolpakov, KRITBI состоялась?\n🕒 чт, 10 декабря, 14:10–14:30 (красноярское время, UTC+7)");
    expect(buttonsOf(ru.reply_markup)).toEqual(["✅ Да, встретились", "✖️ Нет, не состоялась", "🕒 Встретимся позже"]);
    expect(en.text).toBe("🤝 Did you meet Константин Горынин, ОбнинскЭнергоТех?\n🕒 Thu 10 December, 14:10–14:30 (Krasnoyarsk time, UTC+7)");
    expect(en.html).toContain("<b>Константин Горынин</b>");
    expect(buttonsOf(en.reply_markup)).toEqual(["✅ Yes, we met", "✖️ No, it did not happen", "🕒 We will meet later"]);
    const firstYes = dataOf(ru, "✅ Да, встретились");

    // The host first says they will meet later: asked again on the last evening.
    expect(texts(await o.user.pressAndSee("🕒 We will meet later")).at(-1)).toBe(
      "Noted: you will meet Константин Горынин later. I will ask again on 12 December, 19:00 (Krasnoyarsk time, UTC+7).",
    );
    expect(buttonsOf(o.user.messages.find((m) => m.message_id === en.message_id)?.reply_markup)).toEqual([]);
    // ...then changes his mind from /meetings: the meeting's card leads to what came of it.
    await o.user.send("/meetings");
    await o.user.pressAndSee(/^1\. /);
    expect(buttonsOf(o.user.lastMessage().reply_markup)).toContain("📝 Did you meet? What came of it");
    const card = texts(await o.user.pressAndSee("📝 Did you meet? What came of it")).at(-1);
    expect(card).toBe("🤝 Meeting with Константин Горынин, ОбнинскЭнергоТех\n🕒 Thu 10 December, 14:10–14:30 (Krasnoyarsk time, UTC+7)\n\nYour answer: 🕒 will meet later\n\nКонстантин Горынин: no answer yet");
    expect(texts(await o.user.pressAndSee("✅ Yes, we met")).at(-1)).toBe("📝 What came of the meeting with Константин Горынин?");
    expect(buttonsOf(o.user.lastMessage().reply_markup)).toEqual([
      "🤝 Agreement: supply",
      "🤝 Agreement: joint project",
      "🤝 Agreement: investment",
      "🤝 Agreement: partnership / distribution",
      "🤝 Agreement: other",
      "📅 A follow-up is planned",
      "— No result",
    ]);
    expect(texts(await o.user.send("supply")).at(-1)).toMatch(/^Please use the buttons below\.\n\n📝 What came of the meeting/);
    expect(texts(await o.user.pressAndSee("🤝 Agreement: supply")).at(-1)).toBe(
      "✍️ Add a short note on what was agreed, up to 500 characters. Only you, Константин Горынин and the mission's organisers will see it. Or press “Skip”.",
    );
    await o.user.send("Supply of <control> units & service in Q1");
    expect(buttonsOf(o.user.lastMessage().reply_markup)).toEqual(["Dec 2026", "Jan 2027", "Feb 2027", "Mar 2027", "Apr 2027", "May 2027", "Jun 2027", "Jul 2027", "Aug 2027", "Sept 2027", "Oct 2027", "Nov 2027", "No date"]);
    expect(texts(await o.user.pressAndSee("Mar 2027")).at(-1)).toBe(
      [
        "Thank you, saved: ✅ met · 🤝 agreement: supply · by March 2027",
        "📝 Supply of <control> units & service in Q1",
        "",
        "I will ask how the agreement is going in 30 and 90 days.",
        "Change it any time in /agreements.",
      ].join("\n"),
    );
    expect(o.user.lastMessage().html).toContain("Supply of &lt;control&gt; units &amp; service in Q1");

    // The delegate answers from the question, in Russian; a note too long is asked again, then skipped.
    expect(texts(await d.user.pressAndSee("✅ Да, встретились")).at(-1)).toBe("📝 Чем закончилась встреча с Nikolay Kolpakov?");
    await d.user.pressAndSee("🤝 Договорённость: поставки");
    expect(texts(await d.user.send("я".repeat(501)))).toEqual([
      "⚠️ Слишком длинно: 501 символ, а можно не больше 500. Сократите, пожалуйста.\n\n✍️ Добавьте короткую заметку о том, о чём договорились, до 500 символов. Её увидят только вы, Nikolay Kolpakov и организаторы миссии. Или нажмите «Пропустить».",
    ]);
    await d.user.pressAndSee("Пропустить");
    expect(buttonsOf(d.user.lastMessage().reply_markup).slice(0, 4)).toEqual(["дек. 2026 г.", "янв. 2027 г.", "февр. 2027 г.", "март 2027 г."]);
    expect(texts(await d.user.pressAndSee("Без срока")).at(-1)).toBe(
      "Спасибо, записал: ✅ встретились · 🤝 договорённость: поставки\n\nСпрошу, как идут дела с договорённостью, через 30 и 90 дней.\nИзменить ответ можно в любой момент в /agreements.",
    );
    // A second tap on the question's "yes" (its buttons are gone, a slow client still sends it) changes nothing.
    const before = await outcomeOf(meeting.id, d.profile.id);
    expect(texts(await d.user.pressData(firstYes, ru.message_id))).toEqual(["Эта кнопка устарела: ответ с тех пор изменился. Смотрите /agreements."]);
    expect(await outcomeOf(meeting.id, d.profile.id)).toEqual(before);
    expect(before).toMatchObject({ met: "yes", result: { kind: "agreement", type: "supply" }, asks: 1, rev: 2 });
    expect(before).not.toHaveProperty("note");
    expect(await outcomeOf(meeting.id, o.profile.id)).toMatchObject({ met: "yes", result: { kind: "agreement", type: "supply" }, note: "Supply of <control> units & service in Q1", byWhen: "2027-03", asks: 1 });

    expect(texts(await d.user.send("/agreements"))).toEqual(["📋 Встречи и договорённости\nСостоялось: 1 · договорённостей: 1 · ждут вашего ответа: 0\n\n1. Nikolay Kolpakov, KRITBI — 10 декабря · 🤝 договорённость: поставки"]);
    // Each side sees both answers as given, the other's note included.
    expect(texts(await d.user.pressAndSee(/^1\. /)).at(-1)).toBe(
      [
        "🤝 Встреча — Nikolay Kolpakov, KRITBI",
        "🕒 чт, 10 декабря, 14:10–14:30 (красноярское время, UTC+7)",
        "",
        "Ваш ответ: ✅ встретились · 🤝 договорённость: поставки",
        "",
        "Nikolay Kolpakov: ✅ встретились · 🤝 договорённость: поставки · срок: март 2027 г.",
        "📝 Supply of <control> units & service in Q1",
        "",
        "🔒 Заметки видят только вы двое и организаторы миссии.",
      ].join("\n"),
    );

    // The host's "later" question on the last evening is not sent: he has answered since.
    clock.set("2026-12-12T19:00:30+07:00");
    await settle();
    expect(questions(o.user)).toHaveLength(1);

    // Day 30 after each agreement (recorded just after 15:00 on 10 December): not a minute before.
    clock.set("2027-01-09T14:59:00+07:00");
    await settle();
    expect([...questions(d.user), ...questions(o.user)]).toHaveLength(2);
    clock.set("2027-01-09T15:10:00+07:00");
    const day30ru = await d.user.waitForText(FOLLOW_UP);
    const day30en = await o.user.waitForText(FOLLOW_UP);
    expect(day30ru.text).toBe("📋 Договорённость с Nikolay Kolpakov (поставки, 10 декабря): как идут дела?");
    expect(buttonsOf(day30ru.reply_markup)).toEqual(["✅ Выполнена", "⏳ В работе", "✖️ Не выполнена"]);
    expect(day30en.text).toBe("📋 The agreement with Константин Горынин (supply, 10 December): how is it going?");
    expect(texts(await d.user.pressAndSee("⏳ В работе")).at(-1)).toBe("Записал: ⏳ в работе. Спасибо! Изменить ответ можно в любой момент в /agreements.");
    expect(texts(await o.user.pressAndSee("⏳ In progress")).at(-1)).toBe("Noted: ⏳ in progress. Thank you! Change it any time in /agreements.");

    // Day 90: carried out, both.
    clock.set("2027-03-10T15:10:00+07:00");
    await until(() => questions(d.user).length === 3 && questions(o.user).length === 3, "the day-90 follow-ups");
    expect(questions(d.user).at(-1)?.text).toBe("📋 Договорённость с Nikolay Kolpakov (поставки, 10 декабря): как идут дела?");
    expect(texts(await d.user.pressAndSee("✅ Выполнена")).at(-1)).toBe("Записал: ✅ выполнена. Спасибо! Изменить ответ можно в любой момент в /agreements.");
    expect(texts(await o.user.pressAndSee("✅ Carried out")).at(-1)).toBe("Noted: ✅ carried out. Thank you! Change it any time in /agreements.");
    for (const side of [d, o]) {
      expect((await outcomeOf(meeting.id, side.profile.id))?.progress.map((p) => [p.days, p.state])).toEqual([
        [30, "in-progress"],
        [90, "done"],
      ]);
    }
    // Nothing more is due, and no question went out twice.
    await settle();
    expect(questions(d.user).map((m) => m.text.split(" ").slice(0, 2).join(" "))).toEqual(["🤝 Встреча", "📋 Договорённость", "📋 Договорённость"]);
    expect(questions(o.user)).toHaveLength(3);
    expect(texts(await o.user.send("/agreements"))).toEqual(["📋 Meetings and agreements\nHeld: 1 · agreements: 1 · waiting for your answer: 0\n\n1. Константин Горынин, ОбнинскЭнергоТех — 10 December · 🤝 agreement: supply · ✅ carried out"]);

    // The organisers' funnel, from request to carried out, and the chart of it.
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    const stats = await org.send("/stats");
    const funnel = texts(stats).find((t) => t.startsWith("📊"))?.split("\n\n").find((part) => part.startsWith("🎯"));
    expect(funnel).toBe(
      [
        "🎯 After the meetings",
        "Requests: 1",
        "→ accepted: 1 (100% of requests)",
        "→ held: 1 (100% of accepted), by either side's word · answered 1 of 1 asked (100%)",
        "→ agreements: 1 (100% of held)",
        "→ carried out: 1 (100%) · in progress: 0 · not carried out: 0 — of 1 agreements answered, 1 asked (100% answered)",
      ].join("\n"),
    );
    const photo = stats.flatMap((e) => (e.kind === "message" && e.message.kind === "photo" ? [e.message] : []));
    expect(photo.map((m) => m.text)).toEqual(["🎯 After the meetings: the funnel and the meetings held per day"]);
    expect(photo[0]?.document?.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(h.errors()).toEqual([]);
  });

  it("changes nothing on a forged or stale press: a third person's, a double tap, one before the meeting, one after /deletemydata", async () => {
    clock.set("2026-12-09T12:00:00+07:00");
    const d = await delegate();
    const o = await host();
    const z = await person({ ...KOLPAKOV, fullName: "Kristina Zarubina", company: "Kalibr technopark" }, "en", { role: "host" });
    const meeting = await agreedMeeting(d, o, "чт 10 дек. 14:30");
    const id = meeting.id;
    // The outcome records and indexes, with what they hold.
    const stored = async () => {
      const keys = (await h.keys()).filter((k) => k.includes(":outcome:") || k.includes(":outcomes:user:")).sort();
      return Promise.all(keys.map(async (k) => [k, (await h.redis.type(k)) === "set" ? await h.redis.smembers(k) : await h.redis.get(k)]));
    };

    // Before the meeting has begun there is nothing to answer.
    expect(texts(await d.user.pressData(`oq:${id}:y:0`))).toEqual(["Встреча ещё не началась: ответить можно, когда она начнётся."]);
    expect(await outcomeOf(id, d.profile.id)).toBeUndefined();

    clock.set("2026-12-10T15:20:05+07:00");
    const en = await o.user.waitForText(/^🤝 Did you meet/);
    const ru = await d.user.waitForText(/состоялась\?/);
    await until(async () => (await outcomeOf(id, o.profile.id))?.asks === 1 && (await outcomeOf(id, d.profile.id))?.asks === 1, "the questions noted as sent");
    const keysBefore = await stored();

    // Someone else pressing the same buttons (their own client forging the data) is refused, each one.
    for (const data of [`oq:${id}:y:0`, `oq:${id}:n:0`, `oe:${id}`, `oc:${id}`, `op:${id}:0:d:0`, `or:${id}:30:funding:0`]) {
      expect(texts(await z.user.pressData(data))).toEqual(["This is not your meeting."]);
    }
    expect(await stored()).toEqual(keysBefore);

    // A double tap: one answer, one toast.
    const no = dataOf(en, "✖️ No, it did not happen");
    const taps = await Promise.all([o.user.pressData(no, en.message_id), o.user.pressData(no, en.message_id)]);
    await sleep(200);
    expect(o.user.messages.filter((m) => m.text.startsWith("Noted:")).map((m) => m.text)).toEqual([
      "Noted: the meeting with Константин Горынин did not take place. You can change this any time in /agreements.",
    ]);
    expect(texts(taps.flat())).toContain("This button is out of date: your answer has changed since. See /agreements.");
    expect(await outcomeOf(id, o.profile.id)).toMatchObject({ met: "no", rev: 1 });

    // The delegate says it took place, with a partnership: the two answers differ and both stand.
    const yes = dataOf(ru, "✅ Да, встретились");
    await d.user.pressAndSee("✅ Да, встретились");
    await d.user.pressAndSee("🤝 Договорённость: партнёрство / дистрибуция");
    await d.user.send("Дистрибуция в Сибири через партнёров KRITBI");
    await d.user.pressAndSee("Без срока");
    await o.user.send("/agreements");
    expect(texts(await o.user.pressAndSee(/^1\. /)).at(-1)).toBe(
      [
        "🤝 Meeting with Константин Горынин, ОбнинскЭнергоТех",
        "🕒 Thu 10 December, 14:30–14:50 (Krasnoyarsk time, UTC+7)",
        "",
        "Your answer: ✖️ did not take place",
        "",
        "Константин Горынин: ✅ met · 🤝 agreement: partnership / distribution",
        "📝 Дистрибуция в Сибири через партнёров KRITBI",
        "",
        "🔒 Notes are seen only by the two of you and the mission's organisers.",
      ].join("\n"),
    );
    // The note went to these two and nobody else.
    const elsewhere = [...h.tg.chatEvents.keys()].filter((chat) => chat !== d.profile.id && chat !== o.profile.id).flatMap((chat) => texts(h.tg.eventsIn(chat)));
    expect(elsewhere.join("\n")).not.toContain("Дистрибуция в Сибири");

    // The delegate deletes their data: their answers and note go, the host's stay.
    await d.user.send("/deletemydata");
    const done = texts(await d.user.pressAndSee("🗑 Да, удалить всё")).at(-1) ?? "";
    expect(done).toContain("• ваши ответы о том, чем закончились встречи, и ваши заметки (ответы другой стороны остаются у неё)");
    expect(await outcomeOf(id, d.profile.id)).toBeUndefined();
    expect(await outcomeOf(id, o.profile.id)).toMatchObject({ met: "no" });
    // Their old buttons, pressed after it, change nothing and store nothing.
    expect(texts(await d.user.pressData(yes, ru.message_id))).toEqual(["Это не ваша встреча."]);
    expect(texts(await d.user.pressData(`op:${id}:30:d:3`, ru.message_id))).toEqual(["Это не ваша встреча."]);
    // Nothing of theirs is left but the chat's session and the mark that keeps requests away (as in
    // meetings.test.ts), and the sent question's job and delivery marker, which keep it from going out twice.
    const sentQuestion = (k: string) => k.includes(":q:outcomes:") || k.includes(":delivered:outcome-");
    const left = (await h.keys()).filter((k) => k.includes(`${d.profile.id}`) && !sentQuestion(k));
    expect(left.sort()).toEqual([`${h.prefix}meetings:leaving:${d.profile.id}`, `${h.prefix}session:${d.profile.id}`]);
    expect((await h.redis.zrange(`${h.prefix}outcomes:due`, 0, -1)).filter((m) => m.includes(`:${d.profile.id}:`))).toEqual([]);
    // The host's card names the other side as someone who has left, and keeps his own answer.
    await o.user.send("/agreements");
    expect(texts(await o.user.pressAndSee(/^1\. /)).at(-1)).toBe(
      ["🤝 Meeting with a participant who has left the bot", "🕒 Thu 10 December, 14:30–14:50 (Krasnoyarsk time, UTC+7)", "", "Your answer: ✖️ did not take place"].join("\n"),
    );
    expect(h.errors()).toEqual([]);
  });

  it("asks about an 'any time' meeting at 19:00 on the last day, and never about a cancelled one", async () => {
    clock.set("2026-12-09T12:00:00+07:00");
    const d = await delegate();
    const o = await host();
    const anyTime = await agreedMeeting(d, o, "🤝 В любое время — договоримся");
    const d2 = await delegate();
    const o2 = await host();
    const cancelled = await agreedMeeting(d2, o2, "сб 12 дек. 09:30");
    await d2.user.send("/meetings");
    await d2.user.pressAndSee(/^1\. /);
    await d2.user.pressAndSee("🚫 Отменить встречу");
    await d2.user.pressAndSee("Да, отменить");
    const due = await h.redis.zrange(`${h.prefix}outcomes:due`, 0, -1);
    expect(due.filter((m) => m.includes(cancelled.id))).toEqual([]);
    expect(due.filter((m) => m.includes(anyTime.id)).sort()).toEqual(
      [d, o].map((p) => `a:${anyTime.id}:${p.profile.id}:0:${Date.parse("2026-12-12T19:00:00+07:00")}`).sort(),
    );

    clock.set("2026-12-12T18:59:00+07:00");
    await settle();
    expect([...questions(d.user), ...questions(o.user), ...questions(d2.user), ...questions(o2.user)]).toEqual([]);
    clock.set("2026-12-12T19:00:05+07:00");
    expect((await o.user.waitForText(/^🤝 Did you meet/)).text).toBe("🤝 Did you meet Константин Горынин, ОбнинскЭнергоТех?\n🕒 any time (to be agreed)");
    expect((await d.user.waitForText(/состоялась\?/)).text).toBe("🤝 Встреча с Nikolay Kolpakov, KRITBI состоялась?\n🕒 в любое время (договоримся)");
    expect(texts(await d.user.pressAndSee("🕒 Встретимся позже")).at(-1)).toBe(
      "Записал: вы встретитесь с Nikolay Kolpakov позже. Спрошу снова 19 декабря, 19:00 (красноярское время, UTC+7).",
    );
    // A week later, asked again, once.
    clock.set("2026-12-19T19:00:30+07:00");
    await until(() => questions(d.user).length === 2, "the question again");
    await settle();
    expect(questions(d.user)).toHaveLength(2);
    expect(questions(o.user)).toHaveLength(1);
    expect([...questions(d2.user), ...questions(o2.user)]).toEqual([]);

    // No result: no month, no follow-ups. A command the dialogue does not know asks again; /skip skips the note.
    await d.user.pressAndSee("✅ Да, встретились");
    expect(texts(await d.user.send("/foo")).at(-1)).toBe("⚠️ Я не знаю команды /foo. Ответьте на вопрос или отправьте /cancel, чтобы выйти.\n\n📝 Чем закончилась встреча с Nikolay Kolpakov?");
    await d.user.pressAndSee("— Без результата");
    expect(texts(await d.user.send("/skip")).at(-1)).toBe("Спасибо, записал: ✅ встретились · без результата\nИзменить ответ можно в любой момент в /agreements.");
    // An agreement not carried out, and why. A command of the user's menu leaves the dialogue, what was said kept.
    await o.user.pressAndSee("✅ Yes, we met");
    expect(texts(await o.user.send("/skip")).at(-1)).toBe("⚠️ This question cannot be skipped. Answer it, or send /cancel to leave.\n\n📝 What came of the meeting with Константин Горынин?");
    await o.user.pressAndSee("🤝 Agreement: other");
    // An "any time" meeting is dated by the day its side said it took place.
    expect(texts(await o.user.send("/agreements"))).toEqual([
      "You left the questions about the meeting; what you answered so far is saved. Change it any time in /agreements.",
      "📋 Meetings and agreements\nHeld: 1 · agreements: 1 · waiting for your answer: 0\n\n1. Константин Горынин, ОбнинскЭнергоТех — 19 December · 🤝 agreement: other agreement",
    ]);
    await o.user.pressAndSee(/^1\. /);
    await o.user.pressAndSee("✏️ What came of it");
    await o.user.pressAndSee("🤝 Agreement: other");
    await o.user.pressAndSee("Skip");
    await o.user.pressAndSee("No date");
    clock.set("2027-01-18T20:00:00+07:00");
    await o.user.waitForText(FOLLOW_UP);
    expect(texts(await o.user.pressAndSee("✖️ Not carried out")).at(-1)).toBe("✖️ Noted: not carried out. What got in the way?");
    expect(buttonsOf(o.user.messages.findLast((m) => FOLLOW_UP.test(m.text))?.reply_markup)).toEqual([
      "The partner went silent",
      "Terms or price did not suit",
      "No funding",
      "Priorities changed",
      "Another reason",
    ]);
    expect(texts(await o.user.pressAndSee("No funding")).at(-1)).toBe("Noted: ✖️ not carried out (No funding). Thank you! Change it any time in /agreements.");
    expect((await outcomeOf(anyTime.id, o.profile.id))?.progress).toEqual([{ at: expect.any(Number) as number, state: "not-done", reason: "funding", days: 30 }]);
    await settle();
    expect(questions(d.user)).toHaveLength(2);

    // Someone with no meeting has nothing in /agreements.
    const z = h.tg.user(nextId++, { language_code: "en" });
    expect(texts(await z.send("/agreements"))).toEqual(["📋 Meetings and agreements\n\nNothing to tell about yet: an agreed meeting appears here once its time has come. Your requests and meetings: /meetings"]);
  });
});
