import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sleep, texts, type FakeUser } from "../fake-telegram/server.js";
import { until } from "../helpers/bot-process.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { OwnRedis } from "../helpers/redis-server.js";
import { FYODOR, LABELS } from "../helpers/registration.js";

/**
 * The Redis outage drill: users keep writing while the bot's Redis is stopped for five seconds and
 * started again (append-only file on, as in production). Nobody is left without an answer, the bot
 * neither crashes nor needs a restart, and what was stored before the outage is there after it.
 */
const OUTAGE_MS = 5_000;
const UNAVAILABLE = { ru: "Бот временно недоступен. Попробуйте через минуту.", en: "The bot is temporarily unavailable. Please try again in a minute." };
const HELP = { ru: "Что я умею", en: "What I can do" };

// A redis-server of this file's own, which it stops and starts; the shared one is never touched.
let own: OwnRedis;
let h: Harness;
let dir: string;
let stopped = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mb-redis-"));
  own = await OwnRedis.start(dir);
  h = await startHarness({ redisUrl: own.url });
});
afterAll(async () => {
  stopped = true;
  await h.stop();
  await own.down();
  rmSync(dir, { recursive: true, force: true });
});

interface Exchange {
  sentAt: number;
  answeredAt: number;
  texts: string[];
}

/** One user sending /help over and over, a little apart, until told to stop; every answer kept. */
function steadyTraffic(u: FakeUser, stopped: () => boolean): { log: Exchange[]; done: Promise<void> } {
  const log: Exchange[] = [];
  const done = (async () => {
    while (!stopped()) {
      const sentAt = Date.now();
      const answer = await u.send("/help").then(texts, (err: unknown) => [`no answer: ${String(err)}`]);
      log.push({ sentAt, answeredAt: Date.now(), texts: answer });
      await sleep(50);
    }
  })();
  return { log, done };
}

describe("Redis stopped for five seconds under steady traffic", () => {
  it("tells users to retry meanwhile, serves them again once Redis is back without a bot restart, and loses no session", async () => {
    const app = h.app;
    // Libraries print to the console what nobody listens for; the bot's own log is pino JSON.
    const consoleErrors = vi.spyOn(console, "error");
    // Sessions written before the outage: a language chosen against Telegram's, and a registration half done.
    const chose = h.tg.user(301, { language_code: "ru" });
    await chose.send("/language");
    expect(texts(await chose.press("🇬🇧 English"))).toContain("Menu updated.");
    const registering = h.tg.user(304, { language_code: "en" });
    await registering.send("/register");
    await registering.press(LABELS.en.agree);
    await registering.send(FYODOR.fullName);
    expect(texts(await registering.send(FYODOR.company))).toEqual(["Step 3 of 9\nWhat is your position?"]);

    // What each steady user should see: help in the language of their session, and, while Redis is
    // down (their session unreadable), the apology in Telegram's language.
    const users = [
      { u: chose, normal: HELP.en, apology: UNAVAILABLE.ru },
      { u: h.tg.user(302, { language_code: "en" }), normal: HELP.en, apology: UNAVAILABLE.en },
      { u: h.tg.user(303, { language_code: "ru" }), normal: HELP.ru, apology: UNAVAILABLE.ru },
    ];
    const traffic = users.map(({ u }) => steadyTraffic(u, () => stopped));
    const isNormal = (e: Exchange, i: number) => e.texts.length === 1 && (e.texts[0] ?? "").startsWith(users[i]?.normal ?? "?");
    await until(() => traffic.every((t, i) => t.log.filter((e) => isNormal(e, i)).length >= 2), "steady traffic to be answered");

    await own.down();
    const downAt = Date.now();
    // A registration answer during the outage is not taken, and says so.
    expect(texts(await registering.send(FYODOR.position))).toEqual([UNAVAILABLE.en]);
    await sleep(Math.max(0, downAt + OUTAGE_MS - Date.now()));
    const upFrom = Date.now();
    await own.up();
    const upAt = Date.now();

    const firstNormalAfter = (i: number) => traffic[i]?.log.find((e) => e.sentAt >= upAt && isNormal(e, i));
    await until(() => users.every((_, i) => firstNormalAfter(i) !== undefined), "every user to be served again", 20_000);
    // A few more rounds after recovery, to see it stays recovered.
    const counts = traffic.map((t) => t.log.length);
    await until(() => traffic.every((t, i) => t.log.length >= (counts[i] ?? 0) + 3), "more traffic after recovery");
    stopped = true;
    await Promise.all(traffic.map((t) => t.done));

    // Measured, not asserted (issue 7 asks for full service within 2 s of Redis returning).
    const recovery = users.map((_, i) => (firstNormalAfter(i)?.answeredAt ?? NaN) - upAt);
    console.info(`redis outage drill: Redis accepted connections again ${upAt - upFrom} ms after being started; first normal answer ${recovery.join(", ")} ms after that`);

    users.forEach(({ u, normal, apology }, i) => {
      const log = traffic[i]?.log ?? [];
      // Every update got an answer: the normal one or the apology, nothing else, never silence. Only one
      // being handled as Redis went away may have had its answer sent and then failed to save.
      for (const e of log) {
        const straddled = e.sentAt < downAt && e.answeredAt >= downAt;
        const expected = straddled ? e.texts.length >= 1 && e.texts.length <= 2 : e.texts.length === 1;
        const known = e.texts.every((text) => text.startsWith(normal) || text === apology);
        expect(expected && known, `user ${u.id}: ${JSON.stringify(e.texts)}`).toBe(true);
      }
      const duringOutage = log.filter((e) => e.sentAt >= downAt && e.answeredAt <= upFrom);
      expect(duringOutage.length, `user ${u.id}'s updates during the outage`).toBeGreaterThan(0);
      for (const e of duringOutage) expect(e.texts, `user ${u.id}`).toEqual([apology]);
      // Once served again, always served: no relapse.
      const recovered = firstNormalAfter(i);
      for (const e of log.filter((x) => recovered !== undefined && x.sentAt >= recovered.sentAt)) expect(e.texts[0] ?? "", `user ${u.id}`).toContain(normal);
    });

    // The half-done registration goes on at the step it was on; the chosen language was kept (above).
    expect(texts(await registering.send(FYODOR.position))).toEqual(["Step 4 of 9\nWhich city or region are you from?"]);
    expect(texts(await registering.send(FYODOR.region))).toEqual(["Step 5 of 9\nChoose your industries and interests — as many as you like. Then press “Done”."]);
    expect(JSON.parse((await h.redis.get(`${h.prefix}regdraft:${registering.id}`)) ?? "{}")).toMatchObject({ fullName: FYODOR.fullName, company: FYODOR.company, position: FYODOR.position, region: FYODOR.region });

    // The same app throughout, and nothing unhandled.
    expect(h.app).toBe(app);
    expect(h.errors()).toEqual([]);
    expect(consoleErrors.mock.calls.map((args) => args.map(String).join(" "))).toEqual([]);
    consoleErrors.mockRestore();
  });
});
