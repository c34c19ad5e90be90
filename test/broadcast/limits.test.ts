import { afterEach, describe, expect, it } from "vitest";
import { sleep } from "../fake-telegram/server.js";
import { previewBroadcast } from "../helpers/broadcast-flow.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { People } from "../helpers/people.js";

const ORGANISER = 7001;
const EN = "Bus to Zheleznogorsk leaves at 15:00 from the main entrance";
const RU = "Автобус в Железногорск отправляется в 15:00 от главного входа";
let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Participants 1..n: odd ids read Russian, even English; some blocked, some never started the bot. */
async function crowd(harness: Harness, n: number, blocked: (id: number) => boolean, silent: (id: number) => boolean) {
  const people = new People(harness.redis, harness.prefix);
  for (let id = 1; id <= n; id++) {
    await people.add({ id, locale: id % 2 === 1 ? "ru" : "en" });
    if (!silent(id)) harness.tg.started.add(id);
    if (blocked(id)) harness.tg.blocked.add(id);
  }
}

function sendsTo(harness: Harness, from: number, to: number) {
  return harness.tg.calls.filter((c) => ["sendMessage", "sendPhoto", "sendDocument"].includes(c.method) && Number(c.params.chat_id) >= from && Number(c.params.chat_id) <= to);
}

describe("a broadcast under Telegram's rate limits", () => {
  it("reaches 300 participants in two languages exactly once each, without a single 429", async () => {
    // Telegram's limits (30/s, 1/s per chat, short bursts) on a clock 20 times faster.
    h = await startHarness({
      env: { ORGANISER_IDS: String(ORGANISER), TELEGRAM_TIME_SCALE: "20" },
      telegram: { rateLimit: { globalPerSecond: 30, perChatPerSecond: 1, perChatBurst: 4, timeScale: 20 } },
    });
    const blocked = (id: number) => id % 15 === 0;
    const silent = (id: number) => id % 29 === 0;
    await crowd(h, 300, blocked, silent);
    const org = h.tg.user(ORGANISER, { language_code: "en" });

    const summaryId = await previewBroadcast(org, EN, RU);
    expect(org.lastText()).toContain("Recipients: 300 participants.\n🇷🇺 Russian version: 150\n🇬🇧 English version: 150");
    await org.press("✅ Send");
    await org.waitForText(/has gone out/, 20_000);
    await sleep(100);

    const unreachable = Array.from({ length: 300 }, (_, i) => i + 1).filter((id) => blocked(id) || silent(id));
    for (let id = 1; id <= 300; id++) {
      const got = h.tg.messagesIn(id).map((m) => m.text);
      expect(got, `participant ${id}`).toEqual(unreachable.includes(id) ? [] : [id % 2 === 1 ? RU : EN]);
    }
    // Every participant was tried once: no 429, so nothing was ever retried.
    expect(sendsTo(h, 1, 300)).toHaveLength(300);
    expect(h.tg.tooManyRequests).toBe(0);
    expect(h.tg.retryAfterViolations).toBe(0);
    const reached = 300 - unreachable.length;
    const [blockedCount, silentCount] = [unreachable.filter(blocked).length, unreachable.filter((id) => !blocked(id)).length];
    expect(org.lastText()).toBe(
      `✅ Announcement #1 has gone out: ${reached} of 300 received it (${Math.round((100 * reached) / 300)}%).\n🚫 Blocked the bot: ${blockedCount}.\n👻 Never opened the bot: ${silentCount}.\n🗑 Deleted their account: 0.\n⚠️ Failed after retries: 0.`,
    );
    const people = new People(h.redis, h.prefix);
    for (const id of unreachable) expect((await people.get(id))?.reachable, `participant ${id}`).toBe(false);

    // The summary became the progress line, edited along the way, never to what it already showed.
    const edits = org.events.flatMap((e) => (e.kind === "edit" && e.message.message_id === summaryId ? [`${e.message.text}${JSON.stringify(e.message.reply_markup)}`] : []));
    expect(edits.some((t) => /sending…/.test(t))).toBe(true);
    expect(edits.at(-1)).toMatch(/^📣 Announcement #1: done\./);
    expect(edits.every((t, i) => i === 0 || t !== edits[i - 1])).toBe(true);
  });

  it("on a 429 holds every send for retry_after, then delivers to everyone exactly once", async () => {
    // The bot is configured faster (40/s) than this Telegram allows (10/s): 429s are bound to come.
    h = await startHarness({
      env: { ORGANISER_IDS: String(ORGANISER), TELEGRAM_TIME_SCALE: "4", BROADCAST_RATE_PER_SECOND: "40" },
      // A burst of 6 to one chat lets the organiser's own replies and preview through, as Telegram does.
      telegram: { rateLimit: { globalPerSecond: 10, perChatPerSecond: 1, perChatBurst: 6, timeScale: 4 } },
    });
    await crowd(h, 40, () => false, () => false);
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    await previewBroadcast(org, EN, RU);
    await org.press("✅ Send");
    await org.waitForText(/has gone out: 40 of 40/, 20_000);
    await sleep(100);

    for (let id = 1; id <= 40; id++) expect(h.tg.messagesIn(id).map((m) => m.text), `participant ${id}`).toEqual([id % 2 === 1 ? RU : EN]);
    expect(h.tg.tooManyRequests).toBeGreaterThan(0);
    // Sends already on their way when the 429 went out may arrive during it; none started after.
    expect(h.tg.retryAfterIgnored).toBe(0);
    // Refused sends were retried, and only those: one accepted send each.
    const accepted = sendsTo(h, 1, 40).filter((c) => c.status === 200);
    expect(accepted).toHaveLength(40);
  });
});
