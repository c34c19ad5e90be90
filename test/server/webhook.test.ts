import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../helpers/harness.js";
import { freePort } from "../helpers/redis-server.js";

const SECRET = "s3cret-token_for-tests";
const LEASE_MS = 600;
let h: Harness;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  h = await startHarness({
    env: { BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/telegram/hook", WEBHOOK_SECRET: SECRET, PORT: String(port), CHAT_LEASE_MS: String(LEASE_MS) },
  });
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await h.stop();
});

function update(id: number, text: string, chat = 401) {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat, type: "private", first_name: "Kristina" },
      from: { id: chat, is_bot: false, first_name: "Kristina", language_code: "en" },
      text,
      entities: [{ type: "bot_command", offset: 0, length: text.length }],
    },
  };
}

describe("webhook mode", () => {
  it("registers the webhook with its secret and without dropping pending updates", () => {
    expect(h.tg.webhook).toEqual({ url: "https://bot.example.org/telegram/hook", secret: SECRET });
    const call = h.tg.calls.find((c) => c.method === "setWebhook");
    expect(call?.params.drop_pending_updates).toBeUndefined();
  });

  it("serves GET /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers 401 without the right secret header and handles nothing", async () => {
    const before = h.tg.calls.length;
    const variants: Record<string, string>[] = [{}, { "X-Telegram-Bot-Api-Secret-Token": "wrong-secret-value" }];
    for (const headers of variants) {
      const res = await fetch(`${base}/telegram/hook`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(update(1, "/start")) });
      expect(res.status).toBe(401);
    }
    expect(h.tg.calls.slice(before).filter((c) => c.method === "sendMessage")).toEqual([]);
  });

  it("handles an update posted with the secret", async () => {
    h.tg.started.add(401);
    const res = await fetch(`${base}/telegram/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(update(2, "/start")),
    });
    expect(res.status).toBe(200);
    expect(h.tg.messagesIn(401).map((m) => m.text)).toContainEqual(expect.stringContaining("Hello, Kristina!"));
  });

  it("answers 404 elsewhere", async () => {
    expect((await fetch(`${base}/other`, { method: "POST" })).status).toBe(404);
  });
});

function post(body: unknown): Promise<Response> {
  return fetch(`${base}/telegram/hook`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
    body: JSON.stringify(body),
  });
}
const greetings = (chat: number) => h.tg.messagesIn(chat).filter((m) => m.text.includes("Hello, Kristina!")).length;

describe("an update delivered more than once (webhook mode, several processes)", () => {
  it("is handled once: a redelivery after it was handled is answered 200 and does nothing; the record is kept a day", async () => {
    h.tg.started.add(411);
    expect((await post(update(1001, "/start", 411))).status).toBe(200);
    expect(greetings(411)).toBe(1);
    expect((await post(update(1001, "/start", 411))).status).toBe(200);
    expect(greetings(411)).toBe(1);
    // A later update of the chat is not taken for the one handled.
    expect((await post(update(1002, "/start", 411))).status).toBe(200);
    expect(greetings(411)).toBe(2);
    const ttl = await h.redis.ttl(`${h.prefix}update:1001`);
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
    // The chat's lease went with the handling.
    expect(await h.redis.exists(`${h.prefix}lease:chat:411`)).toBe(0);
  });

  it("is handled once when the redelivery comes while the first delivery is still being handled", async () => {
    h.tg.started.add(412);
    const answers = await Promise.all([post(update(1011, "/start", 412)), post(update(1011, "/start", 412)), post(update(1011, "/start", 412))]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(greetings(412)).toBe(1);
  });

  it("waits while another process holds the chat's lease, and answers 503 after the bounded wait so that Telegram delivers it again", async () => {
    h.tg.started.add(413);
    await h.redis.set(`${h.prefix}lease:chat:413`, "another-process", "PX", 60_000);
    const started = Date.now();
    const res = await post(update(1021, "/start", 413));
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LEASE_MS - 50);
    expect(greetings(413)).toBe(0);
    // Another chat is not held up meanwhile, and the other process's lease was left alone.
    expect(await h.redis.get(`${h.prefix}lease:chat:413`)).toBe("another-process");
    // Its holder finishes: the redelivery goes through.
    await h.redis.del(`${h.prefix}lease:chat:413`);
    expect((await post(update(1021, "/start", 413))).status).toBe(200);
    expect(greetings(413)).toBe(1);
  });

  it("goes through once the lease of a process that died mid-update runs out", async () => {
    h.tg.started.add(414);
    await h.redis.set(`${h.prefix}lease:chat:414`, "a-dead-process", "PX", 300);
    expect((await post(update(1031, "/start", 414))).status).toBe(200);
    expect(greetings(414)).toBe(1);
  });
});

// A button pressed through the real webhook server, with Telegram (the fake) delivering the update.
describe("a button pressed through the webhook", () => {
  let w: Harness;
  beforeAll(async () => {
    w = await startHarness({ transport: "webhook" });
  });
  afterAll(async () => {
    await w.stop();
  });

  it("is answered by a request of its own: no webhook reply, which would tell Telegram \"handled\" before the rest of the press is done", async () => {
    expect(w.transport).toBe("webhook");
    const u = w.tg.user(402, { language_code: "en" });
    await u.send("/language");
    const pressedFrom = w.tg.calls.length;
    const events = await u.pressAndSee(/Русский/, 2);
    expect(events.map((e) => e.kind).sort()).toEqual(["edit", "message", "toast"]);
    expect(u.lastText()).toMatch(/меню/i);

    const press = w.tg.webhookDeliveries.find((d) => d.update_id === w.tg.lastUpdateId);
    expect(press).toMatchObject({ status: 200 });
    expect(press?.reply).toBeUndefined();
    const calls = w.tg.calls.slice(pressedFrom);
    expect(calls.map((c) => [c.method, c.webhookReply ?? false])).toEqual([
      ["answerCallbackQuery", false],
      ["editMessageText", false],
      ["sendMessage", false],
    ]);
    expect(w.tg.calls.filter((c) => c.webhookReply)).toEqual([]);
    expect(w.errors()).toEqual([]);
  });
});
