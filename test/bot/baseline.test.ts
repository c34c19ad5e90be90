import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { texts, type ChatEvent } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";

let h: Harness;

/** The first message /start sends (an offer to register follows it). */
function greeting(events: ChatEvent[]): string {
  return texts(events)[0] ?? "";
}
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe("/start", () => {
  it("greets in Russian for language_code ru, with the main menu", async () => {
    const user = h.tg.user(101, { first_name: "Olga", language_code: "ru" });
    const events = await user.send("/start");
    // The greeting, then the offer to register (the programme itself needs no registration).
    expect(texts(events)).toEqual([expect.stringContaining("Здравствуйте, Olga!"), expect.stringContaining("зарегистрируйтесь")]);
    expect(user.replyKeyboard()).toEqual([["📅 Сегодня", "⏱ Сейчас"], ["🎤 Спикеры", "⭐ Моя программа"], ["👥 Участники", "🤝 Встречи"], ["👤 Профиль", "❓ Помощь", "🌐 Язык"]]);
  });

  it("greets in English for language_code en", async () => {
    const user = h.tg.user(102, { first_name: "Fyodor", language_code: "en" });
    expect(greeting(await user.send("/start"))).toContain("Hello, Fyodor!");
    expect(user.replyKeyboard()).toEqual([["📅 Today", "⏱ Now"], ["🎤 Speakers", "⭐ My agenda"], ["👥 People", "🤝 Meetings"], ["👤 Profile", "❓ Help", "🌐 Language"]]);
  });

  it("speaks Russian to uk/be/kk, English to other languages, Russian when nothing is known", async () => {
    for (const [id, code, expected] of [[103, "uk", "Здравствуйте"], [104, "kk", "Здравствуйте"], [105, "de", "Hello"], [106, undefined, "Здравствуйте"]] as const) {
      const user = h.tg.user(id, code ? { language_code: code } : {});
      expect(greeting(await user.send("/start"))).toContain(expected);
    }
  });

  it("escapes HTML in the user's own name", async () => {
    const user = h.tg.user(107, { first_name: "<b>Tom & Jerry</b>", language_code: "en" });
    const events = await user.send("/start");
    expect(greeting(events)).toContain("Hello, <b>Tom & Jerry</b>!");
    const first = events[0];
    expect(first?.kind === "message" ? first.message.html : "").toContain("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;");
  });

  it("keeps the session in Redis under the configured prefix", async () => {
    const keys = await h.keys();
    expect(keys).toContain(`${h.prefix}session:101`);
  });
});

describe("/help", () => {
  it("lists the commands in the user's language, also from the menu button", async () => {
    const user = h.tg.user(110, { language_code: "en" });
    await user.send("/help");
    expect(user.lastText()).toContain("What I can do");
    expect(user.lastText()).toContain("/language — Switch language");
    await user.send("❓ Help");
    expect(user.lastText()).toContain("What I can do");
  });
});

describe("/language", () => {
  it("switches the language, keeps it across messages, and re-sends the menu in it", async () => {
    const user = h.tg.user(120, { language_code: "ru" });
    await user.send("/language");
    expect(user.lastText()).toBe("Выберите язык:");
    const events = await user.press("🇬🇧 English");
    expect(texts(events)).toContain("Done: I will speak English.");
    expect(user.replyKeyboard()).toEqual([["📅 Today", "⏱ Now"], ["🎤 Speakers", "⭐ My agenda"], ["👥 People", "🤝 Meetings"], ["👤 Profile", "❓ Help", "🌐 Language"]]);
    expect(greeting(await user.send("/start"))).toContain("Hello");
    expect(await h.redis.hget(`${h.prefix}languages`, "120")).toBe("chosen:en");
    await user.send("🌐 Language");
    await user.press("🇷🇺 Русский");
    expect(greeting(await user.send("/start"))).toContain("Здравствуйте");
  });

  it("keeps a choice the session held before languages had their own record", async () => {
    const user = h.tg.user(122, { language_code: "ru" });
    await h.redis.set(`${h.prefix}session:122`, JSON.stringify({ language: "en" }));
    expect(greeting(await user.send("/start"))).toContain("Hello");
    expect(await h.redis.hget(`${h.prefix}languages`, "122")).toBe("chosen:en");
    expect(await h.redis.get(`${h.prefix}session:122`)).not.toContain("language");
    expect(greeting(await user.send("/start"))).toContain("Hello");
  });

  it("answers forged language data with a toast and changes nothing", async () => {
    const user = h.tg.user(121, { language_code: "en" });
    await user.send("/start");
    const events = await user.pressData("lang:de");
    expect(texts(events)).toEqual(["This button is out of date. Open the menu again."]);
    expect(greeting(await user.send("/start"))).toContain("Hello");
  });
});

describe("unknown input", () => {
  it("answers every kind with a short localized hint", async () => {
    const ru = h.tg.user(130, { language_code: "ru" });
    expect(texts(await ru.send("/nonsense"))).toEqual(["Я не знаю такой команды. Отправьте /help, чтобы увидеть список."]);
    expect(texts(await ru.send("привет"))).toEqual(["Я не понял сообщение. Пользуйтесь кнопками меню или отправьте /help."]);
    for (const send of [() => ru.sendSticker(), () => ru.sendPhoto(), () => ru.sendVoice(), () => ru.sendLocation()]) {
      expect(texts(await send())).toEqual(["Здесь я понимаю только текст и нажатия кнопок. Откройте меню или отправьте /help."]);
    }
    const en = h.tg.user(131, { language_code: "en" });
    expect(texts(await en.sendSticker())).toEqual(["I can only read text and button presses here. Use the menu or send /help."]);
    expect(texts(await en.pressData("no-such:button"))).toEqual(["This button is out of date. Open the menu again."]);
  });
});

describe("/cancel", () => {
  it("says there is nothing to cancel outside a flow", async () => {
    const user = h.tg.user(140, { language_code: "en" });
    expect(texts(await user.send("/cancel"))).toEqual(["There is nothing to cancel. You are at the main menu."]);
  });
});

describe("command menu", () => {
  it("registers English as the default list and Russian for ru-family languages", () => {
    const lists = h.tg.commands.map((c) => c.params);
    const en = lists.find((p) => p.language_code === undefined);
    const ru = lists.find((p) => p.language_code === "ru");
    expect(en?.commands).toContainEqual({ command: "help", description: "What the bot can do" });
    expect(ru?.commands).toContainEqual({ command: "help", description: "Что умеет бот" });
    expect(lists.map((p) => p.language_code)).toEqual(expect.arrayContaining(["uk", "be", "kk"]));
  });
});
