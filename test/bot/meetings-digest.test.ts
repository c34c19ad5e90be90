import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, texts } from "../fake-telegram/server.js";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { buttonsOf, GORYNIN, KOLPAKOV } from "../helpers/meetings.js";
import { FYODOR, seedParticipant } from "../helpers/registration.js";

// The bot's clock runs at real speed from wherever the test moves it: the day before the mission.
const clock = testClock("2026-12-09T09:00:00+07:00");
const at = (hours: number) => new Date(Date.parse("2026-12-09T09:00:00+07:00") + hours * 3600_000).toISOString();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: clock.now, digestEveryMs: 50 });
});
afterAll(async () => {
  await h.stop();
});


async function ask(fromId: number, toId: number): Promise<void> {
  const from = h.tg.user(fromId, { language_code: "ru" });
  await from.send("/start");
  await from.pressData(`pcard:${toId}`);
  await from.press("🤝 Запросить встречу");
  await from.press("🤝 В любое время — договоримся");
  await from.send("Здравствуйте! Обсудим сотрудничество?");
  await from.press("📨 Отправить");
}

describe("the digest of unanswered requests", () => {
  it("sends a host one message listing the requests unanswered for 12 hours, once, then only newer ones", async () => {
    const host = h.tg.user(71_000, { language_code: "en" });
    await seedParticipant(h, host.id, KOLPAKOV, { language: "en", role: "host" });
    await host.send("/start");
    await seedParticipant(h, 71_001, GORYNIN, { language: "ru" });
    await seedParticipant(h, 71_002, FYODOR, { language: "en" });
    await seedParticipant(h, 71_003, GORYNIN, { language: "ru", fullName: "Любовь Фаткина", company: "Минцифры Калужской области" });
    await ask(71_001, host.id);
    await ask(71_002, host.id);
    await sleep(200);
    const digests = () => host.messages.filter((m) => m.text.startsWith("⏰"));
    expect(digests()).toEqual([]);

    clock.set(at(12.1));
    const digest = await host.waitForText(/^⏰/);
    expect(digest.text).toBe(
      [
        "⏰ 2 meeting requests are waiting for your answer",
        "For more than 12 hours now. Please accept, decline or propose another time — the other side is waiting.",
        "",
        "1. Константин Горынин, ОбнинскЭнергоТех — any time (to be agreed)",
        "2. Fyodor Pashchenko, Feal-Technology LLC — any time (to be agreed)",
      ].join("\n"),
    );
    expect(buttonsOf(digest.reply_markup)).toEqual(["1. Константин Горынин", "2. Fyodor Pashchenko"]);
    await sleep(300);
    expect(digests()).toHaveLength(1);

    // Those two are not mentioned again; a newer request waits its own 12 hours.
    await ask(71_003, host.id);
    clock.set(at(18.1));
    await sleep(300);
    expect(digests()).toHaveLength(1);
    clock.set(at(24.2));
    const second = await waitForCount(() => digests(), 2);
    expect(second.at(-1)?.text).toBe(
      [
        "⏰ A meeting request is waiting for your answer",
        "For more than 12 hours now. Please accept, decline or propose another time — the other side is waiting.",
        "",
        "1. Любовь Фаткина, Минцифры Калужской области — any time (to be agreed)",
      ].join("\n"),
    );

    // Its button opens the request with the answer buttons.
    const opened = texts(await host.press("1. Любовь Фаткина")).at(-1) ?? "";
    expect(opened).toMatch(/^🤝 Meeting request · waiting for your answer\nFrom: Любовь Фаткина\n/);
    expect(buttonsOf(host.lastMessage().reply_markup)).toEqual(["✅ Accept", "✖️ Decline", "🕒 Propose another time"]);
    await host.press("✅ Accept");
    expect(h.tg.user(71_003).lastText()).toMatch(/^✅ Ваш запрос на встречу принят/);
  });
});

async function waitForCount<T>(read: () => T[], count: number): Promise<T[]> {
  const deadline = Date.now() + 5_000;
  while (read().length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count}, have ${read().length}`);
    await sleep(20);
  }
  return read();
}
