import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../helpers/harness.js";
import { freePort } from "../helpers/redis-server.js";

const SECRET = "s3cret-token_for-tests";
let h: Harness;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  h = await startHarness({
    env: { BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/telegram/hook", WEBHOOK_SECRET: SECRET, PORT: String(port) },
  });
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await h.stop();
});

function update(id: number, text: string) {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 401, type: "private", first_name: "Kristina" },
      from: { id: 401, is_bot: false, first_name: "Kristina", language_code: "en" },
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

// A button's answer rides in the webhook reply: through the real webhook server, with Telegram (the fake)
// delivering the update and reading the reply.
describe("a button pressed through the webhook", () => {
  let w: Harness;
  beforeAll(async () => {
    w = await startHarness({ transport: "webhook" });
  });
  afterAll(async () => {
    await w.stop();
  });

  it("is answered in the webhook reply; what follows it goes out as requests of their own", async () => {
    expect(w.transport).toBe("webhook");
    const u = w.tg.user(402, { language_code: "en" });
    await u.send("/language");
    const pressedFrom = w.tg.calls.length;
    const events = await u.pressAndSee(/Русский/, 2);
    expect(events.map((e) => e.kind).sort()).toEqual(["edit", "message", "toast"]);
    expect(u.lastText()).toMatch(/меню/i);

    const press = w.tg.webhookDeliveries.find((d) => d.update_id === w.tg.lastUpdateId);
    expect(press).toMatchObject({ status: 200, reply: "answerCallbackQuery" });
    const calls = w.tg.calls.slice(pressedFrom);
    // The answer came back in the HTTP response of the delivery, and only there.
    expect(calls.filter((c) => c.method === "answerCallbackQuery")).toMatchObject([{ webhookReply: true, status: 200 }]);
    expect(calls.filter((c) => c.method !== "answerCallbackQuery").map((c) => [c.method, c.webhookReply ?? false])).toEqual([
      ["editMessageText", false],
      ["sendMessage", false],
    ]);
    // A message's reply is a result the bot may need (its message id), so /language was sent by a request.
    expect(w.tg.calls.filter((c) => c.webhookReply && c.method !== "answerCallbackQuery")).toEqual([]);
    expect(w.errors()).toEqual([]);
  });
});
