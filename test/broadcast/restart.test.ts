import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { FakeTelegram, sleep } from "../fake-telegram/server.js";
import { previewBroadcast } from "../helpers/broadcast-flow.js";
import { People } from "../helpers/people.js";

const root = new URL("../../", import.meta.url).pathname;
const ORGANISER = 7301;
const PEOPLE = 200;
const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
let tg: FakeTelegram;
let redis: Redis;
const children: ChildProcess[] = [];

interface Bot {
  child: ChildProcess;
  output: () => string;
}

/** Starts the bot (src/main.ts) in a child process and resolves once it takes updates. */
async function startBot(): Promise<Bot> {
  // `npm start`, but node itself with tsx's loader: the tsx command runs the script in a child process
  // of its own, which a SIGKILL to tsx would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      REDIS_URL: inject("redisUrl"),
      REDIS_KEY_PREFIX: prefix,
      ORGANISER_IDS: String(ORGANISER),
      TELEGRAM_TIME_SCALE: "4",
      // A worker that died frees its jobs a second later.
      BROADCAST_LOCK_MS: "1000",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!out.includes('"msg":"long polling started"')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the bot did not start:\n${out}`);
    await sleep(20);
  }
  return { child, output: () => out };
}

function acceptedSends(): number {
  return tg.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && Number(c.params.chat_id) <= PEOPLE).length;
}

beforeAll(async () => {
  tg = await FakeTelegram.start({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1, perChatBurst: 5, timeScale: 4 } });
  redis = new Redis(inject("redisUrl"));
  const people = new People(redis, prefix);
  for (let id = 1; id <= PEOPLE; id++) {
    await people.add({ id, locale: id % 2 === 1 ? "ru" : "en" });
    tg.started.add(id);
    // Slow answers for some, so that sends are in flight when the bot is killed.
    if (id % 7 === 0) tg.chatLatency.set(id, 300);
  }
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  const found = await redis.keys(`${prefix}*`);
  if (found.length > 0) await redis.del(...found);
  redis.disconnect();
  await tg.stop();
});

describe("a bot killed mid-broadcast", () => {
  it("resumes by itself on start: nobody is skipped, and only a message in flight at the kill may come twice", async () => {
    const first = await startBot();
    const org = tg.user(ORGANISER, { language_code: "en" });
    await previewBroadcast(org, "Dinner at 19:00 in the hotel", "Ужин в 19:00 в гостинице");
    await org.press("✅ Send");
    while (acceptedSends() < 60) await sleep(5);
    first.child.kill("SIGKILL");
    await once(first.child, "exit");

    const states = await redis.hgetall(`${prefix}bc:1:d`);
    const inFlight = Object.entries(states).filter(([, s]) => s === "sending").map(([chat]) => Number(chat));
    // The kill came mid-broadcast, with sends on their way (the slow chats see to that).
    expect(acceptedSends()).toBeLessThan(PEOPLE);
    expect(inFlight.length).toBeGreaterThan(0);

    const second = await startBot();
    await org.waitForText(/has gone out/, 20_000).catch((err: unknown) => {
      throw new Error(`${String(err)}\nfirst:\n${first.output()}\nsecond:\n${second.output()}`);
    });
    await sleep(200);

    const twice: number[] = [];
    for (let id = 1; id <= PEOPLE; id++) {
      const got = tg.messagesIn(id).map((m) => m.text);
      expect(got.length, `participant ${id}`).toBeGreaterThanOrEqual(1);
      expect(new Set(got), `participant ${id}`).toEqual(new Set([id % 2 === 1 ? "Ужин в 19:00 в гостинице" : "Dinner at 19:00 in the hotel"]));
      if (got.length > 1) twice.push(id);
    }
    // A duplicate is possible only where Telegram took the message but the dead process had not yet
    // recorded it: those recipients were in `sending` at the kill.
    for (const id of twice) expect(inFlight).toContain(id);
    expect(twice.length).toBeLessThanOrEqual(inFlight.length);
    expect(org.lastText()).toBe("✅ Announcement #1 has gone out: 200 of 200 received it.\n🚫 Unreachable (blocked the bot or never opened it): 0.\n⚠️ Failed after retries: 0.");
    expect(Object.values(await redis.hgetall(`${prefix}bc:1:d`)).every((s) => s === "sent")).toBe(true);
    expect(tg.retryAfterIgnored).toBe(0);

    second.child.kill("SIGTERM");
    await once(second.child, "exit");
  });
});
