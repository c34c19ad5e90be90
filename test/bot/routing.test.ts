import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { texts } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { FYODOR, OLGA, seedParticipant } from "../helpers/registration.js";

// The route (src/bot/routing.ts) is a short cut for someone outside any dialogue; these check that the
// answers are those of the whole way: each feature is reached from its command, menu label and buttons in
// both languages, what no feature answers still gets the fallback, and a dialogue still sees its user's
// update before any feature does.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const LANGUAGES = {
  en: {
    person: FYODOR,
    today: "📅 Today",
    help: "❓ Help",
    day: /^📅 Day 1 of 3 · /,
    day2: /^📅 Day 2 of 3 · /,
    helpIntro: "What I can do",
    people: /^👥 Participants · /,
    language: "Choose your language:",
    nothingToCancel: "There is nothing to cancel. You are at the main menu.",
    unknownCommand: "I do not know that command. Send /help to see the ones I know.",
    unknownText: "I did not understand that. Use the menu buttons or send /help.",
    expired: "This button is out of date. Open the menu again.",
    organisersOnly: "Only organisers can use this button.",
  },
  ru: {
    person: OLGA,
    today: "📅 Сегодня",
    help: "❓ Помощь",
    day: /^📅 День 1 из 3 · /,
    day2: /^📅 День 2 из 3 · /,
    helpIntro: "Что я умею",
    people: /^👥 Участники · /,
    language: "Выберите язык:",
    nothingToCancel: "Отменять нечего. Вы в главном меню.",
    unknownCommand: "Я не знаю такой команды. Отправьте /help, чтобы увидеть список.",
    unknownText: "Я не понял сообщение. Пользуйтесь кнопками меню или отправьте /help.",
    expired: "Эта кнопка устарела. Откройте меню заново.",
    organisersOnly: "Эта кнопка — только для организаторов.",
  },
} as const;

describe("outside any dialogue", () => {
  for (const [locale, l] of Object.entries(LANGUAGES)) {
    it(`reaches each feature from its command, menu label and buttons, and the fallback otherwise (${locale})`, async () => {
      const u = h.tg.user(locale === "en" ? 6101 : 6102, { language_code: locale });
      await seedParticipant(h, u.id, l.person, { language: locale as "ru" | "en" });

      expect(texts(await u.send("/today"))[0]).toMatch(l.day);
      expect(texts(await u.send(l.today))[0]).toMatch(l.day);
      // A button of the day's view: the next day, in place.
      const day2 = await u.pressDataAndSee("pday:1:0");
      expect(texts(day2.filter((e) => e.kind === "edit"))).toEqual([expect.stringMatching(l.day2)]);

      expect(texts(await u.send("/help"))[0]?.split("\n")[0]).toBe(l.helpIntro);
      expect(texts(await u.send(l.help))[0]?.split("\n")[0]).toBe(l.helpIntro);
      expect(texts(await u.send("/language"))).toEqual([l.language]);
      expect(texts(await u.send("/cancel"))).toEqual([l.nothingToCancel]);
      expect(texts(await u.send("/people"))[0]).toMatch(l.people);

      // What no feature answers: the fallback, as at the end of the whole way.
      expect(texts(await u.send("/today@another_bot"))).toEqual([l.unknownCommand]);
      expect(texts(await u.send("/nosuchcommand"))).toEqual([l.unknownCommand]);
      expect(texts(await u.send("where is the bus?"))).toEqual([l.unknownText]);
      expect(texts(await u.pressData("old:button"))).toEqual([l.expired]);
      expect(texts(await u.pressData("pday:not-a-day:0"))).toEqual([l.expired]);
      // Data named like what every JavaScript object has finds no handler either.
      expect(texts(await u.pressData("constructor"))).toEqual([l.expired]);
      expect(texts(await u.pressData("__proto__:1"))).toEqual([l.expired]);
      // A prefix some feature declared as a family (any broadcast button) still reaches that feature.
      expect(texts(await u.pressData("bczzz:1"))).toEqual([l.organisersOnly]);
      expect(h.errors()).toEqual([]);
    });
  }
});

describe("inside a dialogue", () => {
  it("the profile edit sees a menu button first: it says it stops, then the programme answers (en)", async () => {
    const u = h.tg.user(6111, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en" });
    await u.send("/profile");
    expect(texts(await u.press("✏️ Company")).at(-1)).toMatch(/^Which company/);
    const answers = texts(await u.send("📅 Today"));
    expect(answers[0]).toBe("Profile edit cancelled.");
    expect(answers.at(-1)).toMatch(/^📅 Day 1 of 3 · /);
    // The conversation is over: the next text is not taken for a company.
    expect(texts(await u.send("Feal-Technology Group"))).toEqual([LANGUAGES.en.unknownText]);
    expect((await h.redis.hget(`${h.prefix}participant:${u.id}`, "company")) ?? "").toBe(FYODOR.company);
  });

  it("the registration sees a command first and lets it go, leaving the flow (ru)", async () => {
    const u = h.tg.user(6112, { language_code: "ru" });
    expect(texts(await u.send("/register")).at(-1)).toMatch(/Согласие на обработку персональных данных/);
    expect(texts(await u.send("/today")).at(-1)).toMatch(/^📅 День 1 из 3 · /);
    // Nothing is left to cancel: the registration was left for the command.
    expect(texts(await u.send("/cancel"))).toEqual([LANGUAGES.ru.nothingToCancel]);
  });
});
