import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { texts, type FakeUser } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { answerAll, FYODOR, LABELS, OLGA, seedParticipant, storedLanguage } from "../helpers/registration.js";

// Organisers (one a language), for the invite links and organiser commands of "commands in the middle".
const ORGANISERS = { ru: 1098, en: 1099 } as const;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ORGANISER_IDS: Object.values(ORGANISERS).join(",") } });
});
afterAll(async () => {
  await h.stop();
});

const key = (what: string, id: number) => `${h.prefix}${what}:${id}`;

/** Everything the user was ever shown, messages and edits, in order. */
function shown(u: FakeUser): string {
  return texts(u.events).join("\n---\n");
}

describe("registration in Russian", () => {
  it("goes from /start's offer through consent and every question to a stored participant", async () => {
    const u = h.tg.user(1001, { language_code: "ru", first_name: "Olga", username: "olga_r" });
    await u.send("/start");
    expect(u.lastText()).toContain("зарегистрируйтесь");

    const consent = texts(await u.press(LABELS.ru.register));
    expect(consent.at(-1)).toContain("Согласие на обработку персональных данных");
    expect(consent.at(-1)).toContain("Организаторы миссии (Министерство развития информационного общества");
    expect(u.lastMessage().html).toContain('<a href="https://example.org/mission/privacy">');
    // Nothing is stored before consent but the UI session and the flow's own state.
    expect(await h.redis.exists(key("regdraft", 1001))).toBe(0);

    expect(texts(await u.press(LABELS.ru.agree)).at(-1)).toBe("Шаг 1 из 9\nКак вас зовут? Напишите имя и фамилию — так вас увидят другие участники.");
    expect(texts(await u.send(OLGA.fullName))).toEqual(["Шаг 2 из 9\nКакую компанию или организацию вы представляете?"]);
    expect(texts(await u.send(OLGA.company))).toEqual(["Шаг 3 из 9\nВаша должность?"]);
    expect(texts(await u.send(OLGA.position))).toEqual(["Шаг 4 из 9\nИз какого вы города или региона?"]);
    expect(texts(await u.send(OLGA.region))).toEqual(["Шаг 5 из 9\nВыберите отрасли и интересы — можно несколько. Затем нажмите «Готово»."]);
    const tagButtons = u.lastMessage().reply_markup;
    expect(tagButtons && "inline_keyboard" in tagButtons ? tagButtons.inline_keyboard.flat().map((b) => b.text) : []).toHaveLength(11);
    await u.press("Металлургия и новые материалы");
    await u.press("Горная добыча");
    expect(JSON.stringify(u.lastMessage().reply_markup)).toContain("✅ Горная добыча");
    const afterTags = texts(await u.press(LABELS.ru.done));
    expect(afterTags).toContain("Шаг 5 из 9\nВыберите отрасли и интересы — можно несколько. Затем нажмите «Готово».\n\nВыбрано: Металлургия и новые материалы, Горная добыча");
    expect(afterTags.at(-1)).toMatch(/^Шаг 6 из 9\nЧто вы предлагаете/);
    await u.send(OLGA.offer);
    expect(texts(await u.send(OLGA.lookingFor)).at(-1)).toMatch(/^Шаг 8 из 9\nПоделитесь номером телефона/);
    expect(u.replyKeyboard()).toEqual([["📱 Отправить мой номер"], ["⏭ Пропустить"]]);
    expect(texts(await u.shareContact("7 913 123-45-67")).at(-1)).toMatch(/^Шаг 9 из 9\nВаш e-mail\?/);
    const summary = texts(await u.send(OLGA.email ?? ""));
    expect(summary[0]).toBe("Почти готово! Проверьте данные:");
    expect(u.replyKeyboard()).toEqual([["📅 Сегодня", "⏱ Сейчас"], ["🎤 Спикеры", "⭐ Моя программа"], ["👥 Участники", "🤝 Встречи"], ["👤 Профиль", "❓ Помощь", "🌐 Язык"]]);
    expect(summary[1]).toBe(
      [
        "Ольга Рухуллаева",
        "И. о. министра, Минист. инвестиций и инноваций",
        "📍 Красноярский край",
        "🏷 Отрасли: Металлургия и новые материалы, Горная добыча",
        "💼 Предлагаю: Поддержка проектов и знакомство с компаниями края",
        "🔎 Ищу: Партнёров для цепочек поставок",
        "📱 +79131234567",
        "✉️ olga@krasinvest.example",
        "",
        "Всё верно?",
      ].join("\n"),
    );

    const done = texts(await u.press(LABELS.ru.confirm));
    expect(done.at(-1)).toBe("🎉 Готово, вы зарегистрированы! Посмотреть и изменить профиль можно командой /profile.");
    expect(u.replyKeyboard()).toEqual([["📅 Сегодня", "⏱ Сейчас"], ["🎤 Спикеры", "⭐ Моя программа"], ["👥 Участники", "🤝 Встречи"], ["👤 Профиль", "❓ Помощь", "🌐 Язык"]]);

    const stored = await h.redis.hgetall(key("participant", 1001));
    expect(stored).toMatchObject({
      id: "1001",
      role: "delegate",
      fullName: OLGA.fullName,
      company: OLGA.company,
      position: OLGA.position,
      region: OLGA.region,
      tags: '["metallurgy","mining"]',
      offer: OLGA.offer,
      lookingFor: OLGA.lookingFor,
      phone: "+79131234567",
      email: OLGA.email,
      reachable: "1",
      visible: "1",
      username: "olga_r",
    });
    expect(Date.parse(stored.consentAt ?? "")).toBeLessThanOrEqual(Date.parse(stored.registeredAt ?? ""));
    // The language is not part of the profile: it is on record for everyone who writes to the bot.
    expect(stored.language).toBeUndefined();
    expect(await storedLanguage(h, 1001)).toEqual({ locale: "ru", chosen: false });
    expect(await h.redis.sismember(`${h.prefix}participants:tag:mining`, "1001")).toBe(1);
    expect(await h.redis.sismember(`${h.prefix}participants:role:delegate`, "1001")).toBe(1);
    // The draft and the flow's state are gone once the participant is saved.
    expect(await h.redis.exists(key("regdraft", 1001))).toBe(0);
    expect(await h.redis.exists(key("conv", 1001))).toBe(0);
  });

  it("answers /register for someone registered with a pointer to the profile", async () => {
    const u = h.tg.user(1002, { language_code: "ru" });
    await seedParticipant(h, u.id, OLGA);
    expect(texts(await u.send("/register"))).toEqual(["Вы уже зарегистрированы. Ваш профиль — /profile."]);
    expect(texts(await u.send("/start")).join("\n")).not.toContain("зарегистрируйтесь");
  });
});

describe("registration in English", () => {
  it("registers with phone and e-mail skipped, and shows the skipped ones as not given", async () => {
    const u = h.tg.user(1010, { language_code: "en" });
    const consent = texts(await u.send("/register"));
    expect(consent.at(-1)).toContain("Consent to personal data processing");
    expect(consent.at(-1)).toContain("The mission's organisers (the Kaluga Region Ministry");
    expect(texts(await u.press(LABELS.en.agree)).at(-1)).toBe("Step 1 of 9\nWhat is your name? Send your first and last name, as other participants will see it.");
    await answerAll(u, { ...FYODOR, phone: undefined, email: undefined }, "en");
    const card = u.lastText();
    expect(card).toContain("Fyodor Pashchenko\nDirector, Feal-Technology LLC\n📍 Kaluga Region");
    expect(card).toContain("🏷 Industries: Metallurgy and new materials, Energy and power electronics");
    expect(card).toContain("📱 not given\n✉️ not given\n\nIs everything right?");
    expect(texts(await u.press(LABELS.en.confirm)).at(-1)).toBe("🎉 Done, you are registered! See and change your profile with /profile.");
    const stored = await h.redis.hgetall(key("participant", 1010));
    expect(stored).toMatchObject({ fullName: "Fyodor Pashchenko", tags: '["metallurgy","energy"]' });
    expect(await storedLanguage(h, 1010)).toEqual({ locale: "en", chosen: false });
    expect(stored.phone).toBeUndefined();
    expect(stored.email).toBeUndefined();
  });
});

describe("consent", () => {
  it("stores nothing without consent and keeps the programme open", async () => {
    const u = h.tg.user(1020, { language_code: "en" });
    await u.send("/register");
    expect(texts(await u.send("Fyodor"))).toEqual(["To go on, answer with a button under the consent text.", expect.stringContaining("Consent to personal data processing")]);
    const declined = texts(await u.press(LABELS.en.decline));
    expect(declined.at(-1)).toBe("All right: without consent I store nothing. The mission programme is open without registering — use the menu.");
    expect(u.replyKeyboard()).toEqual([["📅 Today", "⏱ Now"], ["🎤 Speakers", "⭐ My agenda"], ["👥 People", "🤝 Meetings"], ["👤 Profile", "❓ Help", "🌐 Language"]]);
    const keys = (await h.keys()).filter((k) => k.endsWith(":1020"));
    expect(keys).toEqual([key("session", 1020)]);
    // Asking again starts from consent again.
    expect(u.lastText()).not.toContain("Step 1");
    expect(texts(await u.send("/register")).at(-1)).toContain("Consent to personal data processing");
  });
});

describe("invalid answers", () => {
  it("are re-asked with what to fix, in the user's language, and the flow goes on", async () => {
    const u = h.tg.user(1030, { language_code: "ru" });
    await u.send("/register");
    await u.press(LABELS.ru.agree);
    const question = "Шаг 1 из 9\nКак вас зовут? Напишите имя и фамилию — так вас увидят другие участники.";
    const reask = async (send: () => Promise<unknown>, fix: string | RegExp) => {
      await send();
      const [first, ...rest] = u.lastText().split("\n\n");
      if (typeof fix === "string") expect(first).toBe(fix);
      else expect(first).toMatch(fix);
      return rest.join("\n\n");
    };
    expect(await reask(() => u.send("   "), "⚠️ Ответ пустой — напишите его текстом.")).toBe(question);
    expect(await reask(() => u.send("Щ".repeat(1000)), /^⚠️ Слишком длинно: 1\s?000 символов, а можно не больше 100\. Сократите, пожалуйста\.$/)).toBe(question);
    expect(await reask(() => u.send("😀🚀"), "⚠️ Здесь нужны буквы — одних цифр и знаков недостаточно.")).toBe(question);
    expect(await reask(() => u.send("Ольга 😀"), "⚠️ Пожалуйста, без эмодзи — только текст.")).toBe(question);
    expect(await reask(() => u.sendSticker(), "⚠️ Здесь нужен ответ текстом: стикеры, фото и файлы я не читаю.")).toBe(question);
    expect(await reask(() => u.sendPhoto(), "⚠️ Здесь нужен ответ текстом: стикеры, фото и файлы я не читаю.")).toBe(question);
    // Markup characters are a name like any other: accepted, and shown back escaped.
    expect(texts(await u.send("<b>Tom & Jerry</b>"))).toEqual(["Шаг 2 из 9\nКакую компанию или организацию вы представляете?"]);
    expect(await reask(() => u.send("&&&"), "⚠️ Здесь нужны буквы — одних цифр и знаков недостаточно.")).toContain("Шаг 2 из 9");
    await u.send("AT&T <Russia>");
    await u.send("Director");
    await u.send("Kaluga");

    // Tags: typed text, forged and stale buttons, and "Done" with nothing chosen.
    expect(texts(await u.send("metallurgy"))[0]).toMatch(/^Отметьте отрасли кнопками под сообщением и нажмите «Готово»\.\n\nШаг 5 из 9/);
    expect(texts(await u.pressData("rtag:no-such-tag", u.lastMessage().message_id))).toEqual(["Эта кнопка устарела. Откройте меню заново."]);
    expect(texts(await u.press(LABELS.ru.done))).toEqual(["Отметьте хотя бы одну отрасль."]);
    // The first keyboard of this question still counts after the second was sent: the press is taken.
    const firstTags = u.messages.find((m) => m.text.startsWith("Шаг 5 из 9"));
    expect(texts(await u.pressData("rtag:it", firstTags?.message_id))).not.toContain("Эта кнопка устарела. Откройте меню заново.");
    expect(texts(await u.press(LABELS.ru.done))).toContainEqual(expect.stringMatching(/\n\nВыбрано: ИТ и цифровые сервисы$/));

    expect(await reask(() => u.send("Я".repeat(301)), /^⚠️ Слишком длинно: 301 символ, а можно не больше 300\./)).toMatch(/^Шаг 6 из 9/);
    await u.send("Лидары для беспилотников");
    await u.send("Заказчиков");

    // Phone: somebody else's contact, a contact without an owner, typed text, a photo.
    const phoneQuestion = /^Шаг 8 из 9\nПоделитесь номером телефона/;
    expect(await reask(() => u.shareContact("+79995550000", 424242), /^⚠️ Это чужой контакт\./)).toMatch(phoneQuestion);
    expect(await reask(() => u.sendRaw({ contact: { phone_number: "+79995550000", first_name: "Someone" } }), /^⚠️ Это чужой контакт\./)).toMatch(phoneQuestion);
    expect(await reask(() => u.send("+79995550000"), /^Чтобы отправить номер, нажмите кнопку/)).toMatch(phoneQuestion);
    expect(await reask(() => u.sendPhoto(), /^Чтобы отправить номер, нажмите кнопку/)).toMatch(phoneQuestion);
    expect(u.replyKeyboard()).toEqual([["📱 Отправить мой номер"], ["⏭ Пропустить"]]);
    await u.send(LABELS.ru.skip);

    // E-mail: without @, with a bare host, then a good one.
    expect(await reask(() => u.send("tom.example.ru"), "⚠️ Это не похоже на адрес e-mail. Нужен адрес вида name@example.ru.")).toMatch(/^Шаг 9 из 9/);
    expect(await reask(() => u.send("tom@localhost"), "⚠️ Это не похоже на адрес e-mail. Нужен адрес вида name@example.ru.")).toMatch(/^Шаг 9 из 9/);
    await u.send("tom@example.ru");

    const card = u.lastMessage();
    expect(card.text).toMatch(/^<b>Tom & Jerry<\/b>\nDirector, AT&T <Russia>\n/);
    expect(card.html).toContain("<b>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</b>");
    expect(card.html).toContain("AT&amp;T &lt;Russia&gt;");
    await u.press(LABELS.ru.confirm);
    expect(await h.redis.hget(key("participant", 1030), "fullName")).toBe("<b>Tom & Jerry</b>");
    // Nothing the user typed ever produced an error reply.
    expect(shown(u)).not.toMatch(/Извините|Error|undefined/);
  });
});

describe("leaving and coming back", () => {
  it("someone caught mid-registration by the release that replaced its conversation continues from the draft", async () => {
    const u = h.tg.user(1032, { language_code: "en" });
    await u.send("/register");
    await u.press(LABELS.en.agree);
    await u.send("Fyodor Eryomin");
    // What the previous version left in such a session: the conversations plugin's state of 'registration'.
    const old = { language: "en", conversations: { version: [0, 0], state: { registration: [{ interrupts: [], replay: { send: [], receive: [] } }] } } };
    await h.redis.set(`${h.prefix}session:1032`, JSON.stringify(old));
    await u.send("/help");
    expect(u.lastText()).toContain("/register");
    const resumed = texts(await u.send("/register"));
    expect(resumed.at(-1)).toBe("Step 2 of 9\nWhich company or organisation do you represent?");
  });

  it("greets a /start that no flow takes, as from a session a conversation of an earlier release was left in", async () => {
    const u = h.tg.user(1033, { language_code: "ru", first_name: "Фёдор" });
    const old = { conversations: { version: [0, 0], state: { registration: [{ interrupts: [], replay: { send: [], receive: [] } }] } } };
    await h.redis.set(`${h.prefix}session:1033`, JSON.stringify(old));
    const greeted = texts(await u.send("/start"));
    expect(greeted[0]).toMatch(/^Здравствуйте, Фёдор! 👋/);
    expect(greeted.at(-1)).toContain("зарегистрируйтесь");
  });

  it("stores the flow as the question being asked: wrong answers and earlier answers do not grow it", async () => {
    const u = h.tg.user(1031, { language_code: "en" });
    await u.send("/register");
    await u.send("hello?"); // typed at the consent question
    expect(u.lastText()).toContain("Consent to personal data processing");
    await u.press(LABELS.en.agree);
    const session = async () => (await h.redis.get(`${h.prefix}session:1031`)) ?? "";
    await u.send("😀");
    const afterOne = await session();
    // The flow's log holds the question being asked: the consent given before it is in the draft only.
    expect(JSON.parse((await h.redis.get(`${h.prefix}regdraft:1031`)) ?? "{}")).toHaveProperty("consentAt");
    expect(afterOne).not.toContain('"rconsent:1"');
    expect(afterOne).not.toContain("Consent to personal data processing");
    for (let i = 0; i < 10; i++) await u.send("😀");
    await u.sendSticker();
    expect(u.lastText()).toMatch(/^⚠️ .*\n\nStep 1 of 9\n/s);
    // The conversations plugin replays its whole log on every update: a log growing with each wrong
    // attempt would make every later update of this person dearer.
    expect((await session()).length).toBe(afterOne.length);
    expect(texts(await u.send("Fyodor Eryomin"))).toEqual(["Step 2 of 9\nWhich company or organisation do you represent?"]);
    const atStep2 = (await session()).length;
    await u.send("Eryomin & Co");
    expect(texts(await u.send("Director"))).toEqual(["Step 4 of 9\nWhich city or region are you from?"]);
    // Answers live in the draft; the flow's log holds the question being asked, not the ones before it.
    expect((await session()).length).toBeLessThan(atStep2 + 200);
  });

  it("keeps every answer through /cancel, a command and a menu button, and resumes where it was", async () => {
    const u = h.tg.user(1040, { language_code: "ru" });
    await u.send("/register");
    await u.press(LABELS.ru.agree);
    await u.send("Константин Горынин");
    await u.send("ОбнинскЭнергоТех");
    expect(texts(await u.send("/cancel"))).toEqual(["Отменено. Вы в главном меню."]);
    expect(JSON.parse((await h.redis.get(key("regdraft", 1040))) ?? "{}")).toMatchObject({ fullName: "Константин Горынин", company: "ОбнинскЭнергоТех" });

    expect(texts(await u.send("/register"))).toEqual(["С возвращением! Продолжим регистрацию с того места, где остановились.", "Шаг 3 из 9\nВаша должность?"]);
    await u.send("Замгендиректора по продажам");

    // A command of a later feature pauses the flow (it then runs); /start offers to continue.
    expect(texts(await u.send("/profile"))).toEqual([
      "⏸ Регистрация на паузе, ответы сохранены. Чтобы продолжить, отправьте /register.",
      "Вы начали регистрацию, но не закончили. Ответы сохранены — продолжим?",
    ]);
    expect(texts(await u.send("/start")).at(-1)).toBe("Вы начали регистрацию, ответы сохранены. Продолжим?");
    expect(texts(await u.press("▶️ Продолжить регистрацию")).at(-1)).toBe("Шаг 4 из 9\nИз какого вы города или региона?");

    // Help from the menu answers and leaves the question open.
    expect(texts(await u.send("❓ Помощь"))[0]).toContain("Что я умею");
    expect(texts(await u.send("Калуга")).at(-1)).toMatch(/^Шаг 5 из 9/);

    // The profile menu button also pauses; the answers are still there.
    expect(texts(await u.send("👤 Профиль"))[0]).toBe("⏸ Регистрация на паузе, ответы сохранены. Чтобы продолжить, отправьте /register.");
    expect(texts(await u.send("/register")).at(-1)).toMatch(/^Шаг 5 из 9/);
    await u.press("Энергетика и силовая электроника");
    await u.press(LABELS.ru.done);
    await u.send("Системы управления для электрических карьерных экскаваторов");
    await u.send("Горнодобывающие компании Красноярского края");
    await u.send(LABELS.ru.skip);
    await u.send(LABELS.ru.skip);
    await u.press(LABELS.ru.confirm);
    expect(await h.redis.hgetall(key("participant", 1040))).toMatchObject({
      fullName: "Константин Горынин",
      company: "ОбнинскЭнергоТех",
      position: "Замгендиректора по продажам",
      region: "Калуга",
      tags: '["energy"]',
    });
  });
});

describe("switching language in the middle", () => {
  it("asks the next question in the new language and stores it", async () => {
    const u = h.tg.user(1045, { language_code: "ru" });
    await u.send("/register");
    await u.press(LABELS.ru.agree);
    await u.send("Фёдор Пащенко");
    await u.send("🌐 Язык");
    await u.press("🇬🇧 English");
    expect(texts(await u.send("Feal-Technology"))).toEqual(["Step 3 of 9\nWhat is your position?"]);
    await u.send("Director");
    await u.send("Kaluga");
    expect(u.lastText()).toBe("Step 5 of 9\nChoose your industries and interests — as many as you like. Then press “Done”.");
    await u.press("Metallurgy and new materials");
    await u.press(LABELS.en.done);
    await u.send("Alloys");
    await u.send("Buyers");
    await u.send(LABELS.en.skip);
    await u.send(LABELS.en.skip);
    expect(u.lastText()).toContain("🏷 Industries: Metallurgy and new materials");
    await u.press(LABELS.en.confirm);
    expect(await storedLanguage(h, 1045)).toEqual({ locale: "en", chosen: true });
  });
});

describe("the summary", () => {
  it("edits one field and comes back to the summary, with the current value shown", async () => {
    const u = h.tg.user(1050, { language_code: "en" });
    await u.send("/register");
    await u.press(LABELS.en.agree);
    await answerAll(u, FYODOR, "en");
    await u.press(LABELS.en.edit);
    const fields = u.lastMessage().reply_markup;
    expect(fields && "inline_keyboard" in fields ? fields.inline_keyboard.flat().map((b) => b.text) : []).toEqual([
      "Name", "Company", "Position", "City / region", "Industries", "I offer", "I am looking for", "Phone", "E-mail", "← Back",
    ]);
    await u.press(LABELS.en.back);
    await u.press(LABELS.en.edit);
    expect(texts(await u.press("Position")).at(-1)).toBe("What is your position?\n\nNow: Director");
    expect(u.lastText()).toBe("What is your position?\n\nNow: Director");
    await u.send("x");
    expect(u.lastText()).toBe("⚠️ Too short: at least 2 characters, please.\n\nWhat is your position?\n\nNow: Director");
    const again = texts(await u.send("Chief engineer"));
    expect(again[0]).toBe("Almost done! Please check your details:");
    expect(again[1]).toContain("Chief engineer, Feal-Technology LLC");

    await u.press(LABELS.en.edit);
    await u.press("Industries");
    expect(JSON.stringify(u.lastMessage().reply_markup)).toContain("✅ Metallurgy and new materials");
    await u.press("✅ Metallurgy and new materials");
    await u.press(LABELS.en.done);
    expect(u.lastText()).toContain("🏷 Industries: Energy and power electronics\n");

    // Buttons of an older summary no longer act.
    const old = u.messages.find((m) => m.text.includes("Director, Feal-Technology LLC"));
    expect(texts(await u.pressData("rconfirm", old?.message_id))).toEqual(["This button is out of date. Open the menu again."]);
    await u.press(LABELS.en.confirm);
    expect(await h.redis.hgetall(key("participant", 1050))).toMatchObject({ position: "Chief engineer", tags: '["energy"]' });
    // …and neither do they once the registration is over.
    expect(texts(await u.pressData("rconfirm", old?.message_id))).toEqual(["This button is out of date. Open the menu again."]);
  });
});

describe("Telegram asking the bot to slow down in the user's chat", () => {
  it("waits as told and asks the next question: the answer is kept and nothing is lost", async () => {
    const u = h.tg.user(1077, { language_code: "en" });
    await u.send("/register");
    await u.press(LABELS.en.agree);
    // The next question is refused with a 429; the bot waits retry_after and sends it again.
    h.tg.failSends(1077, 1, 429, "Too Many Requests: retry after 1", { retry_after: 1 });
    expect(texts(await u.send("Fyodor Eryomin"))).toEqual(["Step 2 of 9\nWhich company or organisation do you represent?"]);
    expect(h.errors()).toEqual([]);
    expect(texts(await u.send("Feal-Technology LLC")).at(-1)).toContain("Step 3 of 9");
  });
});

describe("two people at once", () => {
  it("never see each other's answers", async () => {
    const a = h.tg.user(1060, { language_code: "ru" });
    const b = h.tg.user(1061, { language_code: "en" });
    await Promise.all([a.send("/register"), b.send("/register")]);
    await Promise.all([a.press(LABELS.ru.agree), b.press(LABELS.en.agree)]);
    const steps: [() => Promise<unknown>, () => Promise<unknown>][] = [
      [() => a.send(OLGA.fullName), () => b.send(FYODOR.fullName)],
      [() => a.send(OLGA.company), () => b.send(FYODOR.company)],
      [() => a.send(OLGA.position), () => b.send(FYODOR.position)],
      [() => a.send(OLGA.region), () => b.send(FYODOR.region)],
      [() => a.press("Горная добыча"), () => b.press("Metallurgy and new materials")],
      [() => a.press(LABELS.ru.done), () => b.press(LABELS.en.done)],
      [() => a.send(OLGA.offer), () => b.send(FYODOR.offer)],
      [() => a.send(OLGA.lookingFor), () => b.send(FYODOR.lookingFor)],
      [() => a.shareContact(OLGA.phone ?? ""), () => b.shareContact(FYODOR.phone ?? "")],
      [() => a.send(OLGA.email ?? ""), () => b.send(FYODOR.email ?? "")],
    ];
    for (const [stepA, stepB] of steps) await Promise.all([stepA(), stepB()]);
    expect(a.lastText()).toContain(OLGA.fullName);
    expect(b.lastText()).toContain(FYODOR.fullName);
    await Promise.all([a.press(LABELS.ru.confirm), b.press(LABELS.en.confirm)]);

    for (const [user, other] of [[a, FYODOR], [b, OLGA]] as const) {
      const seen = shown(user);
      for (const value of [other.fullName, other.company, other.position, other.offer, other.lookingFor, other.email ?? "", (other.phone ?? "").slice(-7)]) {
        expect(seen).not.toContain(value);
      }
    }
    expect(await h.redis.hgetall(key("participant", 1060))).toMatchObject({ fullName: OLGA.fullName, email: OLGA.email, tags: '["mining"]' });
    expect(await h.redis.hgetall(key("participant", 1061))).toMatchObject({ fullName: FYODOR.fullName, email: FYODOR.email, tags: '["metallurgy"]' });
    expect(await storedLanguage(h, 1060)).toEqual({ locale: "ru", chosen: false });
    expect(await storedLanguage(h, 1061)).toEqual({ locale: "en", chosen: false });
  });
});

/** What the registration says around a command typed in the middle of it, and the questions it is at. */
const MIDDLE = {
  ru: {
    unknown: (command: string) => `⚠️ Я не знаю команды ${command}. Ответьте на вопрос или отправьте /cancel, чтобы выйти.`,
    noSkip: "⚠️ Этот вопрос пропустить нельзя. Ответьте на него или отправьте /cancel, чтобы выйти.",
    start: "👋 Продолжим с того места, где остановились, — или отправьте /cancel, чтобы выйти.",
    paused: "⏸ Регистрация на паузе, ответы сохранены. Чтобы продолжить, отправьте /register.",
    name: "Шаг 1 из 9\nКак вас зовут? Напишите имя и фамилию — так вас увидят другие участники.",
    phone: "Шаг 8 из 9\nПоделитесь номером телефона кнопкой внизу. Его увидит только тот, с кем вы договоритесь о встрече. Можно пропустить.",
    email: "Шаг 9 из 9\nВаш e-mail? Его тоже увидят только участники согласованных встреч. Можно пропустить.",
    phoneKeyboard: [["📱 Отправить мой номер"], ["⏭ Пропустить"]],
    check: "Почти готово! Проверьте данные:",
    consent: "Согласие на обработку персональных данных",
    summary: "Всё верно?",
    granted: "🎫 Приглашение принято: вы — принимающая сторона миссии. Участники смогут запрашивать у вас встречи.",
    continueOffer: "Вы начали регистрацию, ответы сохранены. Продолжим?",
    continue: "▶️ Продолжить регистрацию",
    notUnderstood: "Я не понял сообщение. Пользуйтесь кнопками меню или отправьте /help.",
    hostPosition: "Шаг 3 из 10\nВаша должность?",
    company: "Шаг 2 из 9\nКакую компанию или организацию вы представляете?",
    stats: "📊 Статистика миссии",
  },
  en: {
    unknown: (command: string) => `⚠️ I do not know the command ${command}. Answer the question, or send /cancel to leave.`,
    noSkip: "⚠️ This question cannot be skipped. Answer it, or send /cancel to leave.",
    start: "👋 Let us go on where we stopped — or send /cancel to leave.",
    paused: "⏸ Registration paused; your answers are saved. Send /register to continue.",
    name: "Step 1 of 9\nWhat is your name? Send your first and last name, as other participants will see it.",
    phone: "Step 8 of 9\nShare your phone number with the button below. Only people you agree to meet will see it. You may skip this.",
    email: "Step 9 of 9\nYour e-mail? Again, only people you agree to meet will see it. You may skip this.",
    phoneKeyboard: [["📱 Share my number"], ["⏭ Skip"]],
    check: "Almost done! Please check your details:",
    consent: "Consent to personal data processing",
    summary: "Is everything right?",
    granted: "🎫 Invitation accepted: you are a host of the mission. Participants can now request meetings with you.",
    continueOffer: "You started registering and your answers are saved. Shall we go on?",
    continue: "▶️ Continue registration",
    notUnderstood: "I did not understand that. Use the menu buttons or send /help.",
    hostPosition: "Step 3 of 10\nWhat is your position?",
    company: "Step 2 of 9\nWhich company or organisation do you represent?",
    stats: "📊 Mission statistics",
  },
} as const;

/** From consent given to the phone question. */
async function toPhone(u: FakeUser, a: typeof OLGA, l: "ru" | "en"): Promise<void> {
  for (const text of [a.fullName, a.company, a.position, a.region]) await u.send(text);
  for (const tag of a.tags) await u.press(tag);
  await u.press(LABELS[l].done);
  await u.send(a.offer);
  await u.send(a.lookingFor);
}

describe.each([
  ["ru", OLGA, 1100],
  ["en", FYODOR, 1110],
] as const)("commands in the middle of registration (%s)", (l, a, firstId) => {
  const m = MIDDLE[l];
  const session = async (id: number) => JSON.parse((await h.redis.get(key("session", id))) ?? "{}") as { registration?: { step: string; field?: string } };

  it("/skip skips a question that may be skipped; elsewhere /skip, and any unknown command, asks the question again with a hint", async () => {
    const u = h.tg.user(firstId, { language_code: l });
    await u.send("/register");
    await u.press(LABELS[l].agree);
    expect(texts(await u.send("/skip"))).toEqual([`${m.noSkip}\n\n${m.name}`]);
    expect(texts(await u.send("/frobnicate now"))).toEqual([`${m.unknown("/frobnicate")}\n\n${m.name}`]);
    // Nothing was taken as the name, and the registration is still at it.
    expect(JSON.parse((await h.redis.get(key("regdraft", u.id))) ?? "{}")).not.toHaveProperty("fullName");
    expect((await session(u.id)).registration).toMatchObject({ step: "question", field: "fullName" });

    await toPhone(u, a, l);
    expect(u.lastText()).toBe(m.phone);
    // The question comes again with its own keyboard, not the main menu.
    expect(texts(await u.send("/frobnicate"))).toEqual([`${m.unknown("/frobnicate")}\n\n${m.phone}`]);
    expect(u.replyKeyboard()).toEqual(m.phoneKeyboard);
    expect(texts(await u.send("/skip"))).toEqual([m.email]);
    expect(u.replyKeyboard()).toEqual([[LABELS[l].skip]]);
    const summary = texts(await u.send("/skip"));
    expect(summary[0]).toBe(m.check);
    expect(summary[1]).toContain(a.fullName);

    // At the summary too: the card again, whose buttons act.
    const again = texts(await u.send("/frobnicate"));
    expect(again).toHaveLength(1);
    expect(again[0]?.startsWith(`${m.unknown("/frobnicate")}\n\n${a.fullName}\n`)).toBe(true);
    expect(again[0]?.endsWith(m.summary)).toBe(true);
    await u.press(LABELS[l].confirm);
    const stored = await h.redis.hgetall(key("participant", u.id));
    expect(stored).toMatchObject({ fullName: a.fullName, company: a.company, lookingFor: a.lookingFor });
    expect(stored.phone).toBeUndefined();
    expect(stored.email).toBeUndefined();
    expect(texts(u.events).join("\n")).not.toContain(m.paused);
  });

  it("/start in the middle asks the question again in one message, with its keyboard, and the answer goes on", async () => {
    const u = h.tg.user(firstId + 1, { language_code: l, first_name: "Eve" });
    await u.send("/register");
    const atConsent = texts(await u.send("/start"));
    expect(atConsent).toHaveLength(1);
    expect(atConsent[0]).toContain(`${m.start}\n\n${m.consent}`);
    await u.press(LABELS[l].agree);
    await toPhone(u, a, l);
    expect(texts(await u.send("/start"))).toEqual([`${m.start}\n\n${m.phone}`]);
    expect(u.replyKeyboard()).toEqual(m.phoneKeyboard);
    expect(texts(await u.shareContact(a.phone ?? ""))).toEqual([m.email]);
    expect(texts(await u.send("/start@mission_test_bot"))).toEqual([`${m.start}\n\n${m.email}`]);
    expect(texts(await u.send(a.email ?? ""))[0]).toBe(m.check);
  });

  it("/start with an invite link leaves it: the link is opened, and Continue asks what the new role needs", async () => {
    const organiser = h.tg.user(ORGANISERS[l], { language_code: l });
    await organiser.send("/invite host");
    const payload = /\?start=(i_[A-Za-z0-9_-]{22})/.exec(organiser.lastText())?.[1];
    expect(payload).toBeDefined();

    const u = h.tg.user(firstId + 2, { language_code: l });
    await u.send("/register");
    await u.press(LABELS[l].agree);
    await u.send(a.fullName);
    await u.send(a.company);
    const opened = texts(await u.send(`/start ${payload ?? ""}`));
    expect(opened[0]).toBe(m.granted);
    expect(opened.at(-1)).toBe(m.continueOffer);
    expect((await session(u.id)).registration).toBeUndefined();
    // What is typed now is no answer to a question.
    expect(texts(await u.send(a.position))).toEqual([m.notUnderstood]);
    expect(texts(await u.press(m.continue)).at(-1)).toBe(m.hostPosition);
  });

  it("the commands of one's own menu leave it (paused); an organiser's command is only an organiser's", async () => {
    const u = h.tg.user(firstId + 3, { language_code: l });
    await u.send("/register");
    await u.press(LABELS[l].agree);
    await u.send(a.fullName);
    expect(texts(await u.send("/stats"))).toEqual([`${m.unknown("/stats")}\n\n${m.company}`]);
    expect(texts(await u.send("/speakers"))[0]).toBe(m.paused);
    expect((await session(u.id)).registration).toBeUndefined();

    const organiser = h.tg.user(ORGANISERS[l], { language_code: l });
    await organiser.send("/register");
    await organiser.press(LABELS[l].agree);
    await organiser.send(a.fullName);
    const stats = texts(await organiser.send("/stats"));
    expect(stats[0]).toBe(m.paused);
    expect(stats[1]).toMatch(new RegExp(`^${m.stats}\n`));
  });
});
