import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { texts, type BotMessage } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";

const clock = testClock("2026-12-10T03:40:00Z"); // 10:40 on day 1 in Krasnoyarsk
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: clock.now });
});
afterAll(async () => {
  await h.stop();
});

function buttons(message: BotMessage): string[] {
  const markup = message.reply_markup;
  return markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat().map((b) => b.text) : [];
}

describe("/today", () => {
  it("shows today's items in mission time with the zone, even when the server's date is another", async () => {
    // 00:30 on 11 December in Krasnoyarsk is still 10 December in UTC (and in New York).
    clock.set("2026-12-10T17:30:00Z");
    const u = h.tg.user(201, { language_code: "en" });
    await u.send("/today");
    const text = u.lastText();
    expect(text).toMatch(/^📅 Day 2 of 3 · Friday,? 11 December\nZheleznogorsk\n🕒 Time zone: Krasnoyarsk time, UTC\+7\n/);
    expect(text).toContain("08:00–09:15 🚌 Bus to Zheleznogorsk · Hotel Krasnoyarsk");
    expect(text).toContain("17:00–18:30 🎤 Round table: power electronics for mining · KRITBI business incubator");
    expect(buttons(u.lastMessage())).toEqual([
      "08:00 Bus to Zheleznogorsk",
      "09:30 Welcome by the science city's adm…",
      "10:00 Visit to Zheleznogorsk's industri…",
      "12:00 Lunch",
      "13:00 B2B meetings with Zheleznogorsk c…",
      "15:15 Back to Krasnoyarsk",
      "17:00 Round table: power electronics fo…",
      "◀ Day 1",
      "Day 3 ▶",
    ]);
  });

  it("answers the command addressed to the bot by name and with words after it, as grammY matches it", async () => {
    clock.set("2026-12-10T03:40:00Z");
    const u = h.tg.user(209, { language_code: "en" });
    for (const command of ["/today@mission_test_bot", "/today please", "/today@Mission_Test_Bot tomorrow"]) {
      await u.send(command);
      expect(u.lastText()).toMatch(/^📅 Day 1 of 3 /);
    }
    // Addressed to another bot: not ours (the fallback answers instead).
    await u.send("/today@some_other_bot");
    expect(u.lastText()).not.toMatch(/^📅 Day 1 of 3 /);
  });

  it("moves between days in place", async () => {
    clock.set("2026-12-10T03:40:00Z");
    const u = h.tg.user(202, { language_code: "en" });
    await u.send("/today");
    expect(u.lastText()).toMatch(/^📅 Day 1 of 3/);
    const events = await u.pressAndSee("Day 2 ▶");
    expect(events.map((e) => e.kind)).toEqual(["toast", "edit"]);
    expect(u.lastText()).toMatch(/^📅 Day 2 of 3/);
    await u.pressAndSee("Day 3 ▶");
    expect(u.lastText()).toMatch(/^📅 Day 3 of 3 · Saturday,? 12 December\nResults/);
    expect(buttons(u.lastMessage())).not.toContain("Day 4 ▶");
    await u.pressAndSee("◀ Day 2");
    expect(u.lastText()).toMatch(/^📅 Day 2 of 3/);
    expect(u.messages).toHaveLength(1);
  });

  it("before the mission shows day 1, after it the last day, each saying so", async () => {
    const u = h.tg.user(203, { language_code: "en" });
    clock.set("2026-11-20T05:00:00Z");
    await u.send("/today");
    expect(u.lastText()).toMatch(/^📅 Day 1 of 3 .*\nKRITBI day\nThe mission has not started yet\. Here is its first day\.\n🕒 Time zone/);
    clock.set("2026-12-12T17:00:00Z"); // 00:00 on 13 December in Krasnoyarsk
    await u.send("/today");
    expect(u.lastText()).toMatch(/^📅 Day 3 of 3 .*\nResults\nThe mission is over\. Here is its last day\./);
    clock.set("2026-12-10T03:40:00Z");
  });

  it("speaks Russian from the menu button", async () => {
    const u = h.tg.user(204, { language_code: "ru" });
    await u.send("/start");
    await u.send("📅 Сегодня");
    expect(u.lastText()).toMatch(/^📅 День 1 из 3 · четверг, 10 декабря\nДень КРИТБИ\n🕒 Часовой пояс: красноярское время, UTC\+7/);
    expect(u.lastText()).toContain("09:30–10:15 🎤 Открытие бизнес-миссии · Бизнес-инкубатор КРИТБИ");
  });

  it("a forged or stale day button is clamped or answered with a toast", async () => {
    const u = h.tg.user(205, { language_code: "en" });
    await u.send("/today");
    await u.pressData("pday:99:99", u.lastMessage().message_id);
    expect(u.lastText()).toMatch(/^📅 Day 3 of 3/);
    expect(texts(await u.pressData("pday:x:1"))).toEqual(["This button is out of date. Open the menu again."]);
  });

  it("an item card's way back to its day: forged, or for an item no longer in the programme, is answered with a toast", async () => {
    const u = h.tg.user(206, { language_code: "en" });
    await u.send("/today");
    const before = u.lastText();
    expect(texts(await u.pressData("pdayi:NOT VALID", u.lastMessage().message_id))).toEqual(["This button is out of date. Open the menu again."]);
    expect(texts(await u.pressData("pdayi:no-such-item", u.lastMessage().message_id))).toEqual(["This item is no longer in the programme. Open /today again."]);
    expect(u.lastText()).toBe(before);
  });
});

describe("item card", () => {
  it("shows description, time, zone, venue and speakers, with buttons to them", async () => {
    const u = h.tg.user(210, { language_code: "en" });
    await u.send("/today");
    await u.pressAndSee("09:30 Opening of the business mission");
    expect(u.messages).toHaveLength(1);
    expect(u.lastText().split("\n")).toEqual([
      "🎤 Opening of the business mission",
      expect.stringMatching(/^📅 Thursday,? 10 December, 09:30–10:15$/),
      "🕒 Time zone: Krasnoyarsk time, UTC+7",
      "📍 KRITBI business incubator, 2I Akademika Kirenskogo St, Krasnoyarsk",
      "👤 Olga Rukhullaeva, Lyubov Fatkina",
      "",
      expect.stringContaining("welcomes the Kaluga delegation"),
    ]);
    expect(u.lastMessage().html).toContain("<b>Opening of the business mission</b>");
    expect(buttons(u.lastMessage())).toEqual(["⭐ Save to my agenda", "📆 Add to calendar", "📍 Map", "👤 Olga Rukhullaeva", "👤 Lyubov Fatkina", "◀ Day 1"]);

    await u.pressAndSee("📍 Map");
    expect(u.lastMessage()).toMatchObject({
      kind: "venue",
      venue: { latitude: 55.9947, longitude: 92.7972, title: "KRITBI business incubator", address: "2I Akademika Kirenskogo St, Krasnoyarsk" },
    });

    await u.pressAndSee("👤 Olga Rukhullaeva");
    const speaker = u.lastText();
    expect(speaker).toMatch(/^Olga Rukhullaeva\nActing Minister, Ministry of Investment and Innovation of Krasnoyarsk Krai\n\nBusiness missions/);
    expect(speaker).toContain("🗓 Speaks at\n🕒 Time zone: Krasnoyarsk time, UTC+7\n10 Dec, 09:30–10:15 🎤 Opening of the business mission");
    expect(speaker).toContain("12 Dec, 11:00–12:00 🎤 Mission results: agreements and next steps");
    // No photo in the sample: the card is text only.
    expect(u.messages.filter((m) => m.kind === "photo")).toEqual([]);
    await u.pressAndSee(/^11:00 Mission results/);
    expect(u.lastText()).toMatch(/^🎤 Mission results/);

    await u.pressAndSee("◀ Day 3");
    expect(u.lastText()).toMatch(/^📅 Day 3 of 3/);
  });

  it("a B2B item tells how many meeting slots it has", async () => {
    const u = h.tg.user(211, { language_code: "ru" });
    await u.send("/today");
    await u.pressAndSee("13:30 B2B-встречи с резидентами КРИТБИ");
    expect(u.lastText()).toContain("🤝 9 слотов для встреч по 20 мин");
  });

  it("saves to and removes from the personal agenda, in Redis and on the button", async () => {
    const u = h.tg.user(212, { language_code: "en" });
    await u.send("/today");
    await u.pressAndSee(/^10:45 Kaluga companies/);
    const saved = await u.pressAndSee("⭐ Save to my agenda");
    expect(texts(saved)[0]).toBe("Saved to your agenda.");
    expect(buttons(u.lastMessage())[0]).toBe("✅ In my agenda: remove");
    expect(await h.redis.smembers(`${h.prefix}agenda:saved:212`)).toEqual(["d1-pitches"]);
    expect(await h.redis.smembers(`${h.prefix}agenda:holders:d1-pitches`)).toEqual(["212"]);
    await u.pressAndSee("✅ In my agenda: remove");
    expect(u.toasts.at(-1)).toBe("Removed from your agenda.");
    expect(buttons(u.lastMessage())[0]).toBe("⭐ Save to my agenda");
    expect(await h.redis.smembers(`${h.prefix}agenda:saved:212`)).toEqual([]);
  });

  it("adds an item to the calendar with an .ics file that parses back to the right time", async () => {
    const u = h.tg.user(213, { language_code: "en" });
    await u.send("/today");
    await u.pressAndSee("13:30 B2B meetings with KRITBI residents");
    await u.pressAndSee("📆 Add to calendar");
    const message = u.lastMessage();
    expect(message.kind).toBe("document");
    expect(message.document?.filename).toBe("d1-b2b.ics");
    expect(message.text).toBe("B2B meetings with KRITBI residents: open the file to add it to your calendar.");
    const calendar = new ICAL.Component(ICAL.parse(message.document?.content.toString("utf8") ?? "") as unknown[]);
    for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent") ?? undefined);
    expect(event.startDate.zone?.tzid).toBe("Asia/Krasnoyarsk");
    expect(event.startDate.toUnixTime() * 1000).toBe(Date.parse("2026-12-10T06:30:00Z"));
    expect(event.endDate.toUnixTime() * 1000).toBe(Date.parse("2026-12-10T09:30:00Z"));
    expect(event.summary).toBe("B2B meetings with KRITBI residents");
    ICAL.TimezoneService.reset();
  });

  it("answers buttons of items that are gone or forged", async () => {
    const u = h.tg.user(214, { language_code: "en" });
    await u.send("/today");
    for (const data of ["pitem:no-such-item", "psave:no-such-item", "pics:no-such-item", "pmap:no-such-item"]) {
      expect(texts(await u.pressData(data))).toEqual(["This item is no longer in the programme. Open /today again."]);
    }
    expect(texts(await u.pressData("pitem:DROP TABLE"))).toEqual(["This button is out of date. Open the menu again."]);
    expect(texts(await u.pressData("spk:nobody"))).toEqual(["This speaker is no longer in the programme. Open /speakers again."]);
    expect(await h.redis.exists(`${h.prefix}agenda:saved:214`)).toBe(0);
  });
});

describe("/now", () => {
  it("during the mission: what is on and what is next, with minutes until it starts", async () => {
    clock.set("2026-12-10T03:40:00Z");
    const u = h.tg.user(220, { language_code: "en" });
    await u.send("/now");
    expect(u.lastText().split("\n")).toEqual([
      expect.stringMatching(/^🕒 It is 10:40, Thursday,? 10 December \(Krasnoyarsk time, UTC\+7\)\.$/),
      "",
      "Now",
      "10:15–10:45 🎤 KRITBI: how the incubator helps residents find partners · KRITBI business incubator",
      "",
      "Next, in 5 minutes:",
      "10:45–12:30 🎤 Kaluga companies present their products · KRITBI business incubator",
    ]);
    expect(buttons(u.lastMessage())).toEqual(["🎤 10:15 KRITBI: how the incubator help…", "🎤 10:45 Kaluga companies present their…"]);
    await u.pressAndSee(/^🎤 10:45 Kaluga/);
    expect(u.lastText()).toMatch(/^🎤 Kaluga companies present their products/);
  });

  it("in the evening gap: nothing now, next tomorrow with hours", async () => {
    clock.set("2026-12-10T11:20:00Z"); // 18:20
    const u = h.tg.user(221, { language_code: "ru" });
    await u.send("/now");
    expect(u.lastText()).toContain("Сейчас ничего не идёт.");
    expect(u.lastText()).toContain("Дальше — через 13 ч 40 мин:\n11 дек., 08:00–09:15 🚌 Автобус в Железногорск");
  });

  it("before the mission and after it", async () => {
    const u = h.tg.user(222, { language_code: "en" });
    clock.set("2026-12-07T01:30:00Z");
    await u.send("⏱ Now");
    expect(u.lastText()).toMatch(/\n\nThe mission starts on Thursday,? 10 December\.\n\nNext, in 3 days 0 h:\n10 Dec, 08:30–09:00 🚌 Bus from the hotel to KRITBI/);
    clock.set("2026-12-12T08:00:00Z");
    await u.send("/now");
    expect(u.lastText()).toMatch(/^🕒 It is 15:00, Saturday,? 12 December \(Krasnoyarsk time, UTC\+7\)\.\n\nThe programme is over\. Thank you for taking part!$/);
    clock.set("2026-12-10T03:40:00Z");
  });

  it("one minute before, in Russian plural forms", async () => {
    clock.set("2026-12-10T03:44:01Z");
    const u = h.tg.user(223, { language_code: "ru" });
    await u.send("/now");
    expect(u.lastText()).toContain("Дальше — через 1 минуту:");
    clock.set("2026-12-10T03:42:00Z");
    await u.send("/now");
    expect(u.lastText()).toContain("Дальше — через 3 минуты:");
    clock.set("2026-12-10T03:40:00Z");
  });
});

describe("/speakers", () => {
  it("lists speakers with buttons to their cards", async () => {
    const u = h.tg.user(230, { language_code: "en" });
    await u.send("🎤 Speakers");
    expect(u.lastText().split("\n").slice(0, 3)).toEqual([
      "🎤 Speakers",
      "",
      "Olga Rukhullaeva, Acting Minister, Ministry of Investment and Innovation of Krasnoyarsk Krai",
    ]);
    expect(buttons(u.lastMessage())).toHaveLength(5);
    await u.pressAndSee("👤 Nikolay Kolpakov · KRITBI");
    expect(u.lastText()).toMatch(/^Nikolay Kolpakov\nExecutive Director, KRITBI\n/);
  });
});

describe("/my", () => {
  it("is empty at first, with a hint", async () => {
    const u = h.tg.user(240, { language_code: "en" });
    await u.send("/my");
    expect(u.lastText()).toBe("Your agenda is empty. Open /today, pick an item and press “⭐ Save to my agenda”.");
  });

  it("lists saved items in time order by day, with the zone, and gives the whole agenda as .ics", async () => {
    const u = h.tg.user(241, { language_code: "en" });
    await u.send("/today");
    await u.pressAndSee("Day 2 ▶");
    await u.pressAndSee(/^17:00 Round table/);
    await u.pressAndSee("⭐ Save to my agenda");
    await u.pressAndSee("◀ Day 2");
    await u.pressAndSee("◀ Day 1");
    await u.pressAndSee("13:30 B2B meetings with KRITBI residents");
    await u.pressAndSee("⭐ Save to my agenda");
    await u.pressAndSee("◀ Day 1");
    await u.pressAndSee("08:30 Bus from the hotel to KRITBI");
    await u.pressAndSee("⭐ Save to my agenda");
    await u.send("⭐ My agenda");
    expect(u.lastText().split("\n")).toEqual([
      "⭐ My agenda",
      "🕒 Time zone: Krasnoyarsk time, UTC+7",
      "",
      expect.stringMatching(/^Thursday,? 10 December$/),
      "08:30–09:00 🚌 Bus from the hotel to KRITBI · Hotel Krasnoyarsk",
      "13:30–16:30 🤝 B2B meetings with KRITBI residents · KRITBI business incubator",
      "",
      expect.stringMatching(/^Friday,? 11 December$/),
      "17:00–18:30 🎤 Round table: power electronics for mining · KRITBI business incubator",
    ]);
    await u.pressAndSee("📆 Whole agenda to calendar (.ics)");
    const file = u.lastMessage();
    expect(file.document?.filename).toBe("my-agenda.ics");
    const calendar = new ICAL.Component(ICAL.parse(file.document?.content.toString("utf8") ?? "") as unknown[]);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("My agenda: Kaluga Region business mission to Krasnoyarsk");
    expect(calendar.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("uid"))).toEqual([
      "item-d1-bus@kaluga-krasnoyarsk.mission-bot",
      "item-d1-b2b@kaluga-krasnoyarsk.mission-bot",
      "item-d2-mining@kaluga-krasnoyarsk.mission-bot",
    ]);
    // The day list marks saved items.
    await u.send("/today");
    expect(u.lastText()).toContain("08:30–09:00 🚌 ⭐ Bus from the hotel to KRITBI");
  });
});

describe("main menu", () => {
  it("has Today, Now, Speakers and My agenda, and the commands are registered in both languages", async () => {
    const u = h.tg.user(250, { language_code: "en" });
    await u.send("/start");
    expect(u.replyKeyboard()).toEqual([["📅 Today", "⏱ Now"], ["🎤 Speakers", "⭐ My agenda"], ["👥 People", "🤝 Meetings"], ["👤 Profile", "❓ Help", "🌐 Language"]]);
    const en = h.tg.commands.map((c) => c.params).find((p) => p.language_code === undefined);
    expect(en?.commands).toEqual(expect.arrayContaining([{ command: "today", description: "Today's programme" }, { command: "my", description: "My agenda and its calendar file" }]));
  });
});
