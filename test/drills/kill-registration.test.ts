import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { FakeTelegram, texts, type FakeUser } from "../fake-telegram/server.js";
import { buildBot, BUILD_TIMEOUT_MS, startBotProcess, until, type BotProcess } from "../helpers/bot-process.js";
import { deleteKeysUnder } from "../helpers/prefix.js";
import { FYODOR, LABELS } from "../helpers/registration.js";

/**
 * The `kill -9` drill for registration: the real bot process is killed between two answers, a new one
 * is started, and the user goes on from the question they were at: nothing asked twice, nothing lost.
 */
const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
const USER = 3101;
let tg: FakeTelegram;
let redis: Redis;
let bot: BotProcess | undefined;
const outputs: string[] = [];

const QUESTIONS = [
  "What is your name? Send your first and last name, as other participants will see it.",
  "Which company or organisation do you represent?",
  "What is your position?",
  "Which city or region are you from?",
  "Choose your industries and interests — as many as you like. Then press “Done”.",
  "What do you offer the mission's participants? For example products, a technology or services. Up to 300 characters.",
  "What or whom are you looking for? For example suppliers, customers or partners for a joint project. Up to 300 characters.",
  "Share your phone number with the button below. Only people you agree to meet will see it. You may skip this.",
  "Your e-mail? Again, only people you agree to meet will see it. You may skip this.",
];
const question = (step: number) => `Step ${step} of 9\n${QUESTIONS[step - 1] ?? ""}`;

async function start(): Promise<void> {
  bot = await startBotProcess({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, REDIS_URL: inject("redisUrl"), REDIS_KEY_PREFIX: prefix });
}

const session = () => redis.get(`${prefix}session:${USER}`);

/**
 * Does one user action and waits until the bot is through with it: the session (which holds the
 * conversation's state) is written and Telegram has been told the update arrived. Only then is the
 * process "between steps". (A kill during an update is another matter: @grammyjs/runner confirms an
 * update to Telegram when it fetches it, so one being handled at the kill is not handed out again.)
 */
async function act(u: FakeUser, action: () => Promise<unknown>): Promise<string[]> {
  const before = await session();
  const seen = u.events.length;
  await action();
  const update = tg.lastUpdateId;
  await until(async () => tg.isConfirmed(update) && (await session()) !== before, "the update to be handled and confirmed");
  // A button answered without a toast shows nothing: left out.
  return texts(u.events.slice(seen)).filter((text) => text !== "");
}

/** `kill -9`, then a new process; `whileDown` runs in between, when nobody takes updates. */
async function crashAndRestart(whileDown: () => void = () => undefined): Promise<void> {
  await bot?.kill();
  outputs.push(bot?.output() ?? "");
  whileDown();
  await start();
}

// The bot process runs the compiled bot, as npm start does.
beforeAll(buildBot, BUILD_TIMEOUT_MS);

beforeAll(async () => {
  tg = await FakeTelegram.start();
  redis = new Redis(inject("redisUrl"));
  await start();
});
afterAll(async () => {
  await bot?.kill();
  await deleteKeysUnder(redis, prefix);
  redis.disconnect();
  await tg.stop();
});

describe("the bot killed with SIGKILL mid-registration", () => {
  it("resumes at the step the user was on after each restart, answers what came while it was down, and stores every answer", async () => {
    const u = tg.user(USER, { language_code: "en", first_name: "Fyodor", username: "fyodor_p" });
    const en = LABELS.en;
    await act(u, () => u.send("/start"));
    await act(u, () => u.press(en.register));
    expect((await act(u, () => u.press(en.agree))).at(-1)).toBe(question(1));
    expect(await act(u, () => u.send(FYODOR.fullName))).toEqual([question(2)]);

    // Killed waiting for step 2; the answer is sent while no bot runs, and Telegram keeps it.
    const seen = u.events.length;
    await crashAndRestart(() => u.push(FYODOR.company));
    expect(texts(await u.waitForEvents(seen, 15_000))).toEqual([question(3)]);

    expect(await act(u, () => u.send(FYODOR.position))).toEqual([question(4)]);
    expect(await act(u, () => u.send(FYODOR.region))).toEqual([question(5)]);
    const [first, second] = FYODOR.tags;
    if (first === undefined || second === undefined) throw new Error("FYODOR has two tags");
    await act(u, () => u.press(first));

    // Killed mid-question: the first tag is chosen but not yet confirmed with Done. It is kept only in
    // the conversation's state, which must come back with the new process.
    await crashAndRestart();
    await act(u, () => u.press(second));
    const tagButtons = JSON.stringify(u.lastMessage().reply_markup);
    expect(tagButtons).toContain(`✅ ${first}`);
    expect(tagButtons).toContain(`✅ ${second}`);
    const afterTags = await act(u, () => u.press(en.done));
    expect(afterTags).toEqual([`${question(5)}\n\nChosen: ${first}, ${second}`, question(6)]);
    expect(await act(u, () => u.send(FYODOR.offer))).toEqual([question(7)]);
    expect(await act(u, () => u.send(FYODOR.lookingFor))).toEqual([question(8)]);

    // Killed at the phone step, whose reply keyboard the user still has.
    await crashAndRestart();
    expect(await act(u, () => u.shareContact(FYODOR.phone ?? ""))).toEqual([question(9)]);
    const summary = await act(u, () => u.send(FYODOR.email ?? ""));
    expect(summary[0]).toBe("Almost done! Please check your details:");

    // Killed at the summary: the confirmation button still works and saves everything.
    await crashAndRestart();
    expect((await act(u, () => u.press(en.confirm))).at(-1)).toBe("🎉 Done, you are registered! See and change your profile with /profile.");

    // Every question was asked once, in order: nothing repeated, nothing skipped.
    const asked = u.messages.map((m) => m.text).filter((text) => /^Step \d of 9\n/.test(text));
    expect(asked.map((text) => text.split("\n", 1)[0])).toEqual(QUESTIONS.map((_, i) => `Step ${i + 1} of 9`));

    const stored = await redis.hgetall(`${prefix}participant:${USER}`);
    expect(stored).toMatchObject({
      id: String(USER),
      role: "delegate",
      fullName: FYODOR.fullName,
      company: FYODOR.company,
      position: FYODOR.position,
      region: FYODOR.region,
      tags: JSON.stringify(FYODOR.tagIds),
      offer: FYODOR.offer,
      lookingFor: FYODOR.lookingFor,
      phone: `+${(FYODOR.phone ?? "").replace(/\D/g, "")}`,
      email: FYODOR.email,
      username: "fyodor_p",
    });
    // The language is on record beside the profile, derived from the user's Telegram (LanguagesRepo).
    expect(await redis.hget(`${prefix}languages`, String(USER))).toBe("spoken:en");
    expect(await redis.exists(`${prefix}regdraft:${USER}`)).toBe(0);

    // No process logged an error, before or after a kill.
    outputs.push(bot?.output() ?? "");
    const errors = outputs.flatMap((out) => out.split("\n")).filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  }, 60_000); // four bot processes started from scratch, each a cold start of tsx
});
