import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FakeTelegram, texts, type FakeUser } from "../fake-telegram/server.js";
import { buildBot, BUILD_TIMEOUT_MS, startBotProcess, type BotProcess } from "../helpers/bot-process.js";
import { itemOf, sampleYaml } from "../helpers/mission-file.js";
import { freePort } from "../helpers/redis-server.js";

// Two bot processes (node dist/main.js) in webhook mode on one Redis prefix, as behind a load balancer:
// the fake Telegram is the balancer here, sending each user action to the process the test names. What
// one process changes that the other keeps in memory, or reads, must be seen there within a second.
const ORGANISER = 7100;
const ORIGIN = "https://forum.test";
const LINK = /https:\/\/t\.me\/mission_test_bot\?start=(i_[A-Za-z0-9_-]{22})/;
const ORGANISERS_ONLY = "This command is for the mission's organisers only.";

let tg: FakeTelegram;
let redis: Redis;
const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
const bots: { process: BotProcess; port: number }[] = [];
let organiser: FakeUser;

/** The balancer sends what comes next to process `i`. */
function via(i: 0 | 1): void {
  const bot = bots[i];
  if (!bot) throw new Error(`no process ${i}`);
  tg.routeWebhook(ORIGIN, `http://127.0.0.1:${bot.port}`);
}

beforeAll(buildBot, BUILD_TIMEOUT_MS);
beforeAll(async () => {
  tg = await FakeTelegram.start();
  tg.busy = () => tg.webhookBusy();
  redis = new Redis(inject("redisUrl"));
  const secret = `secret-${randomUUID()}`;
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const process = await startBotProcess({
      BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      REDIS_URL: inject("redisUrl"),
      REDIS_KEY_PREFIX: prefix,
      ORGANISER_IDS: String(ORGANISER),
      BOT_MODE: "webhook",
      WEBHOOK_URL: `${ORIGIN}/hook`,
      WEBHOOK_SECRET: secret,
      PORT: String(port),
    });
    bots.push({ process, port });
  }
  organiser = tg.user(ORGANISER, { language_code: "en" });
}, 60_000);
afterAll(async () => {
  for (const { process } of bots) await process.stop();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await tg.stop();
});

/** Makes a link with `/invite <args>` as the organiser (on the process `via` chose) and returns its payload. */
async function invite(args: string): Promise<string> {
  await organiser.send(`/invite ${args}`);
  const payload = LINK.exec(organiser.lastText())?.[1];
  if (!payload) throw new Error(`no link in: ${organiser.lastText()}`);
  return payload;
}

describe("two bot processes on one Redis", () => {
  it("a programme published on A: a participant on B sees the new /today within a second", async () => {
    const participant = tg.user(7101, { language_code: "en" });
    via(1);
    await participant.send("/start");
    await participant.send("/today");
    // Both processes have the programme in memory; B answers from its copy.
    const todayBefore = participant.lastText();
    expect(todayBefore).toContain("09:30–10:15 🎤 Opening of the business mission");

    via(0);
    await organiser.sendDocument("mission.yaml", await sampleYaml((m) => void Object.assign(itemOf(m, "d1-opening"), { start: "10:00", end: "10:30" })));
    await organiser.pressAndSee("✅ Publish", 2);
    expect(organiser.lastText()).toMatch(/^✅ Published\./);
    const published = Date.now();

    via(1);
    let today = "";
    while (!today.includes("10:00–10:30 🎤 Opening") && Date.now() - published < 1_000) {
      await participant.send("/today");
      today = participant.lastText();
    }
    expect(today).toContain("10:00–10:30 🎤 Opening of the business mission");
    expect(Date.now() - published).toBeLessThan(1_000);
    expect(bots[1]?.process.output()).toContain('"msg":"programme published by another process taken"');
  });

  it("an invite revoked on A is refused on B", async () => {
    via(0);
    const payload = await invite("host 3");
    await organiser.send("/invites");
    const listed = organiser.lastMessage();
    const button = (listed.reply_markup && "inline_keyboard" in listed.reply_markup ? listed.reply_markup.inline_keyboard.flat() : []).find(
      (b) => "callback_data" in b && b.callback_data?.includes(payload.slice(2)),
    );
    const data = button && "callback_data" in button ? (button.callback_data ?? "") : "";
    expect(data).not.toBe("");
    // Still good on B before it is revoked on A.
    via(1);
    const early = tg.user(7102, { language_code: "en" });
    expect(texts(await early.send(`/start ${payload}`))[0]).toMatch(/^🎫 Invitation accepted/);

    via(0);
    await organiser.pressData(data, listed.message_id);
    expect(organiser.toasts.at(-1)).toBe("The link is revoked: it no longer works.");
    via(1);
    const late = tg.user(7103, { language_code: "en" });
    expect(texts(await late.send(`/start ${payload}`))[0]).toMatch(/withdrawn this invite link/);
  });

  it("an organiser added on A uses organiser commands on B", async () => {
    via(1);
    const newcomer = tg.user(7104, { language_code: "en" });
    expect(texts(await newcomer.send("/invites"))).toEqual([ORGANISERS_ONLY]);
    via(0);
    const payload = await invite("organiser");
    expect(texts(await newcomer.send(`/start ${payload}`))[0]).toBe("🎫 Invitation accepted: you are now an organiser of the mission.");
    via(1);
    await newcomer.send("/invites");
    expect(newcomer.lastText()).not.toBe(ORGANISERS_ONLY);
    expect(newcomer.lastText()).toContain("invite links");
  });
});
