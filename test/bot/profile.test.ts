import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { texts } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { FYODOR, OLGA, seedParticipant, storedLanguage } from "../helpers/registration.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const record = (id: number) => h.redis.hgetall(`${h.prefix}participant:${id}`);

function buttons(markup: unknown): string[] {
  return markup && typeof markup === "object" && "inline_keyboard" in markup
    ? (markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat().map((b) => b.text)
    : [];
}

describe("/profile", () => {
  it("offers registration to someone not registered", async () => {
    const u = h.tg.user(2001, { language_code: "en" });
    expect(texts(await u.send("/profile"))).toEqual(["You have not registered yet. It takes about a minute."]);
    expect(buttons(u.lastMessage().reply_markup)).toEqual(["📝 Register"]);
    expect(texts(await u.send("👤 Profile"))).toEqual(["You have not registered yet. It takes about a minute."]);
    expect(texts(await u.press("📝 Register")).at(-1)).toContain("Consent to personal data processing");
  });

  it("shows one's own card with phone and e-mail and a button per field", async () => {
    const u = h.tg.user(2002, { language_code: "ru" });
    await seedParticipant(h, u.id, OLGA, { language: "ru" });
    const card = texts(await u.send("👤 Профиль"))[0] ?? "";
    expect(card).toMatch(/^👤 Ваш профиль\n\nОльга Рухуллаева\n/);
    expect(card).toContain("📱 +79131234567\n✉️ olga@krasinvest.example\n👁 Вы видны в каталоге участников");
    expect(buttons(u.lastMessage().reply_markup)).toEqual([
      "✏️ Имя и фамилия", "✏️ Компания", "✏️ Должность", "✏️ Город / регион", "✏️ Отрасли", "✏️ Предлагаю",
      "✏️ Ищу", "✏️ Телефон", "✏️ E-mail", "🌐 Язык", "🙈 Скрыть из каталога", "🗑 Удалить мои данные",
    ]);
  });
});

describe("editing one field", () => {
  it("re-asks a bad answer, saves a good one and shows the updated card; nothing else changes", async () => {
    const u = h.tg.user(2010, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en" });
    const before = await record(2010);
    await u.send("/profile");
    expect(texts(await u.press("✏️ Company"))).toEqual(["", "Which company or organisation do you represent?\n\nNow: Feal-Technology LLC"]);
    expect(texts(await u.send("🚀🚀🚀"))).toEqual(["⚠️ This needs letters — digits and signs alone will not do.\n\nWhich company or organisation do you represent?\n\nNow: Feal-Technology LLC"]);
    const saved = texts(await u.send("Feal-Technology & Co"));
    expect(saved[0]).toBe("✅ Saved.");
    expect(saved[1]).toContain("Director, Feal-Technology & Co");
    expect(u.lastMessage().html).toContain("Feal-Technology &amp; Co");
    const after = await record(2010);
    expect(after).toEqual({ ...before, company: "Feal-Technology & Co" });
  });

  it("waits out a 429 in the user's chat at each step and goes on, the answer typed before it kept", async () => {
    const u = h.tg.user(2015, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en" });
    await u.send("/profile");
    const from = h.tg.calls.length;
    // Telegram refuses the next message to this chat, as it refuses a burst to one chat.
    const slowDown = () => h.tg.failSends(u.id, 1, 429, "Too Many Requests: retry after 1", { retry_after: 1 });
    slowDown();
    expect(texts(await u.press("✏️ Company")).at(-1)).toBe("Which company or organisation do you represent?\n\nNow: Feal-Technology LLC");
    slowDown();
    expect(texts(await u.send("🚀🚀🚀")).at(-1)).toMatch(/^⚠️ This needs letters/);
    slowDown();
    const saved = texts(await u.send("Feal-Technology Group"));
    expect(saved[0]).toBe("✅ Saved.");
    expect(saved[1]).toContain("Director, Feal-Technology Group");
    expect((await record(2015)).company).toBe("Feal-Technology Group");
    expect(h.tg.calls.slice(from).filter((c) => c.status === 429)).toHaveLength(3);
    expect(h.errors()).toEqual([]);
  });

  it("edits the tags with the current ones ticked, and moves the participant between tag indexes", async () => {
    const u = h.tg.user(2011, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en" });
    await u.send("/profile");
    await u.press("✏️ Industries");
    expect(buttons(u.lastMessage().reply_markup)).toContain("✅ Energy and power electronics");
    await u.press("✅ Energy and power electronics");
    await u.press("Food industry");
    await u.press("Done ➡️");
    expect((await record(2011)).tags).toBe('["metallurgy","food"]');
    expect(await h.redis.sismember(`${h.prefix}participants:tag:energy`, "2011")).toBe(0);
    expect(await h.redis.sismember(`${h.prefix}participants:tag:food`, "2011")).toBe(1);
  });

  it("removes the phone, and shares a new one only if it is the user's own", async () => {
    const u = h.tg.user(2012, { language_code: "ru" });
    await seedParticipant(h, u.id, OLGA, { language: "ru" });
    await u.send("/profile");
    await u.press("✏️ Телефон");
    expect(u.lastText()).toContain("Сейчас: +79131234567");
    expect(u.replyKeyboard()).toEqual([["📱 Отправить мой номер"], ["🗑 Удалить"]]);
    await u.send("🗑 Удалить");
    expect((await record(2012)).phone).toBeUndefined();
    expect(u.replyKeyboard()).toEqual([["📅 Сегодня", "⏱ Сейчас"], ["🎤 Спикеры", "⭐ Моя программа"], ["👥 Участники", "🤝 Встречи"], ["👤 Профиль", "❓ Помощь", "🌐 Язык"]]);
    await u.press("✏️ Телефон");
    expect(u.lastText()).toContain("Сейчас: не указано");
    await u.shareContact("+79990000000", 31337);
    expect(u.lastText()).toMatch(/^⚠️ Это чужой контакт\./);
    await u.shareContact("+7 999 000-00-01");
    expect((await record(2012)).phone).toBe("+79990000001");
  });

  it("is left by a command, which then runs, with the main menu back", async () => {
    const u = h.tg.user(2013, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en" });
    await u.send("/profile");
    await u.press("✏️ E-mail");
    expect(u.replyKeyboard()).toEqual([["🗑 Remove"]]);
    const left = texts(await u.send("/profile"));
    expect(left[0]).toBe("Profile edit cancelled.");
    expect(left[1]).toMatch(/^👤 Your profile/);
    expect(u.replyKeyboard()).toEqual([["📅 Today", "⏱ Now"], ["🎤 Speakers", "⭐ My agenda"], ["👥 People", "🤝 Meetings"], ["👤 Profile", "❓ Help", "🌐 Language"]]);
    expect((await record(2013)).email).toBe(FYODOR.email);
  });

  it("refuses forged field buttons", async () => {
    const u = h.tg.user(2014, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en" });
    await u.send("/profile");
    expect(texts(await u.pressData("pedit:id"))).toEqual(["This button is out of date. Open the menu again."]);
    // A host-only field for a delegate.
    expect(texts(await u.pressData("pedit:companyDescription"))).toEqual(["This button is out of date. Open the menu again."]);
  });
});

describe.each([
  {
    l: "ru",
    id: 2016,
    a: OLGA,
    field: "✏️ E-mail",
    question: "Напишите новый e-mail или удалите его из профиля.\n\nСейчас: olga@krasinvest.example",
    remove: "🗑 Удалить",
    unknown: "⚠️ Я не знаю команды /frobnicate. Ответьте на вопрос или отправьте /cancel, чтобы выйти.",
    noSkip: "⚠️ Этот вопрос пропустить нельзя. Ответьте на него или отправьте /cancel, чтобы выйти.",
    start: "👋 Продолжим с того места, где остановились, — или отправьте /cancel, чтобы выйти.",
    saved: "✅ Сохранено.",
  },
  {
    l: "en",
    id: 2017,
    a: FYODOR,
    field: "✏️ E-mail",
    question: "Send your new e-mail, or remove it from your profile.\n\nNow: fp@feal.example",
    remove: "🗑 Remove",
    unknown: "⚠️ I do not know the command /frobnicate. Answer the question, or send /cancel to leave.",
    noSkip: "⚠️ This question cannot be skipped. Answer it, or send /cancel to leave.",
    start: "👋 Let us go on where we stopped — or send /cancel to leave.",
    saved: "✅ Saved.",
  },
] as const)("a command in the middle of an edit ($l)", ({ l, id, a, field, question, remove, unknown, noSkip, start, saved }) => {
  it("asks the question again under a hint, its keyboard kept, and the edit goes on; /skip removes nothing", async () => {
    const u = h.tg.user(id, { language_code: l });
    await seedParticipant(h, u.id, a, { language: l });
    await u.send("/profile");
    await u.press(field);
    expect(texts(await u.send("/frobnicate"))).toEqual([`${unknown}\n\n${question}`]);
    expect(u.replyKeyboard()).toEqual([[remove]]);
    expect(texts(await u.send("/skip"))).toEqual([`${noSkip}\n\n${question}`]);
    expect(texts(await u.send("/start"))).toEqual([`${start}\n\n${question}`]);
    expect(u.replyKeyboard()).toEqual([[remove]]);
    expect((await record(id)).email).toBe(a.email);
    const done = texts(await u.send("new@mission.example"));
    expect(done[0]).toBe(saved);
    expect((await record(id)).email).toBe("new@mission.example");
  });
});

describe("what another bot process saved", () => {
  it("is shown at once by /profile, /start and a card, also while the directory keeps everyone in memory", async () => {
    const u = h.tg.user(2040, { language_code: "en" });
    const viewer = h.tg.user(2041, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en" });
    await seedParticipant(h, viewer.id, OLGA, { language: "en" });
    await viewer.send("/people"); // the directory reads everyone into memory
    expect(texts(await u.send("/profile"))[0]).toContain("Director, Feal-Technology LLC");
    expect(texts(await viewer.pressData(`pcard:${u.id}`)).at(-1)).toContain("Director, Feal-Technology LLC");
    expect(texts(await u.send("/start"))).toHaveLength(1);
    // seedParticipant writes through a repository of its own, as another bot process would.
    await seedParticipant(h, u.id, FYODOR, { language: "en", company: "Feal Alloys", role: "host", companyDescription: undefined });
    expect(texts(await u.send("/profile"))[0]).toContain("Director, Feal Alloys");
    expect(texts(await viewer.pressData(`pcard:${u.id}`)).at(-1)).toContain("Director, Feal Alloys");
    // A host describes the company: the profile now misses an answer.
    expect(texts(await u.send("/start")).at(-1)).toBe("Your role needs a couple more answers in your profile. Shall we add them?");
    await viewer.send("/people");
    expect(texts(await u.send("/profile"))[0]).toContain("Director, Feal Alloys");
  });
});

describe("directory visibility and language", () => {
  it("hides and shows the participant, and keeps the stored language in step with the switch", async () => {
    const u = h.tg.user(2020, { language_code: "ru" });
    await seedParticipant(h, u.id, OLGA, { language: "ru" });
    await u.send("/profile");
    expect(texts(await u.press("🙈 Скрыть из каталога"))).toEqual([
      "Вы скрыты из каталога участников.",
      expect.stringContaining("🙈 Вы скрыты из каталога участников"),
    ]);
    expect((await record(2020)).visible).toBe("0");
    expect(buttons(u.lastMessage().reply_markup)).toContain("👁 Показать в каталоге");
    await u.press("👁 Показать в каталоге");
    expect((await record(2020)).visible).toBe("1");

    await u.press("🌐 Язык");
    expect(u.lastText()).toBe("Выберите язык:");
    await u.press("🇬🇧 English");
    expect(await storedLanguage(h, 2020)).toEqual({ locale: "en", chosen: true });
    expect(texts(await u.send("/profile"))[0]).toMatch(/^👤 Your profile/);
  });
});

describe("reachability", () => {
  it("marks a participant unreachable when they block the bot and reachable when they come back", async () => {
    const u = h.tg.user(2030, { language_code: "en" });
    await seedParticipant(h, u.id, FYODOR, { language: "en" });
    const reachable = () => h.redis.hget(`${h.prefix}participant:2030`, "reachable");
    u.setBlocked(true);
    await vi.waitFor(async () => expect(await reachable()).toBe("0"));
    u.setBlocked(false);
    await vi.waitFor(async () => expect(await reachable()).toBe("1"));
    // Telegram may not report the unblock; writing again is proof enough.
    await h.redis.hset(`${h.prefix}participant:2030`, "reachable", "0");
    await u.send("/help");
    expect(await reachable()).toBe("1");
  });

  it("creates no record for people who are not registered", async () => {
    const u = h.tg.user(2031);
    u.setBlocked(true);
    u.setBlocked(false);
    await u.send("/help");
    expect(await h.redis.exists(`${h.prefix}participant:2031`)).toBe(0);
  });
});
