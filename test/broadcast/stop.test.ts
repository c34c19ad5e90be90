import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep } from "../fake-telegram/server.js";
import { previewBroadcast } from "../helpers/broadcast-flow.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { People } from "../helpers/people.js";

const ORGANISER = 7101;
const OTHER_ORGANISER = 7102;
let h: Harness;

beforeAll(async () => {
  // Slow on purpose (1 message a Telegram second, 5 a real one) so there is time to press Stop.
  h = await startHarness({
    env: { ORGANISER_IDS: `${ORGANISER},${OTHER_ORGANISER}`, BROADCAST_RATE_PER_SECOND: "1", TELEGRAM_TIME_SCALE: "5" },
  });
  const people = new People(h.redis, h.prefix);
  for (let id = 1; id <= 40; id++) {
    await people.add({ id, locale: id % 2 === 1 ? "ru" : "en" });
    h.tg.started.add(id);
  }
});
afterAll(async () => {
  await h.stop();
});

function received(): number[] {
  return Array.from({ length: 40 }, (_, i) => i + 1).filter((id) => h.tg.messagesIn(id).length > 0);
}

describe("stopping a broadcast", () => {
  it("stops it: nobody still waiting gets it, the counts add up, and the report says so", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    const summaryId = await previewBroadcast(org, "Dinner is moved to 20:00", "Ужин переносится на 20:00");
    await org.press("✅ Send");
    await org.waitForText(/Announcement #1: sending…\n✅ sent [1-9]/);

    // Another organiser may stop it too; the button is on the first organiser's line, so forge it.
    const other = h.tg.user(OTHER_ORGANISER, { language_code: "ru" });
    await other.send("/start");
    await other.pressData("bcstop:1");
    expect(other.toasts.at(-1)).toBe("Останавливаем: больше никто его не получит.");
    await org.waitForText(/stopped: \d+ of 40 received it/);
    await sleep(300);

    const got = received();
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(40);
    for (const id of got) expect(h.tg.messagesIn(id)).toHaveLength(1);
    const b = await h.redis.hgetall(`${h.prefix}bc:1`);
    expect(b).toMatchObject({ status: "cancelled", total: "40", sent: String(got.length), unreachable: "0", failed: "0", cancelled: String(40 - got.length) });
    const line = org.messages.find((m) => m.message_id === summaryId);
    expect(line?.text).toBe(`📣 Announcement #1: stopped.\n✅ sent ${got.length} · 🚫 blocked the bot 0 · 👻 never opened it 0 · 🗑 deleted their account 0 · ⚠️ failed 0 · ✖️ not sent ${40 - got.length}`);
    expect(line?.reply_markup).toBeUndefined();
    expect(org.lastText()).toBe(
      `⏹ Announcement #1 was stopped: ${got.length} of 40 received it (${Math.round((100 * got.length) / 40)}%), ${40 - got.length} were not sent it.\n🚫 Blocked the bot: 0.\n👻 Never opened the bot: 0.\n🗑 Deleted their account: 0.\n⚠️ Failed after retries: 0.`,
    );

    // Nothing more goes out, and the queue holds nothing for it.
    await sleep(500);
    expect(received()).toEqual(got);
    const queued = await h.redis.zcard(`${h.prefix}q:broadcast-delivery:delayed`);
    expect(queued + (await h.redis.llen(`${h.prefix}q:broadcast-delivery:wait`))).toBe(0);

    // Pressing Stop again, or on a finished broadcast, changes nothing.
    await org.pressData("bcstop:1");
    expect(org.toasts.at(-1)).toBe("This announcement is already stopped.");
    await org.send("/broadcasts");
    expect(org.lastText()).toContain("#1 · ");
    expect(org.lastText()).toContain("⏹ stopped");
  });
});
