import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram, sleep } from "./server.js";
import { until } from "../helpers/bot-process.js";

/**
 * The fake Telegram's webhook delivery, against a stub bot whose answers the test controls: the
 * feature suites only show that the real bot works through it, not that it delivers as Telegram does.
 */

interface Received {
  update: Update;
  secret: string | undefined;
  res: ServerResponse;
}

let tg: FakeTelegram;
let stub: Server;
let received: Received[];
/** How the stub answers each POST; by default it holds the request until the test answers it. */
let answer: ((r: Received) => void) | undefined;

beforeEach(async () => {
  tg = await FakeTelegram.start();
  received = [];
  answer = undefined;
  stub = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const header = req.headers["x-telegram-bot-api-secret-token"];
      const r = { update: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update, secret: typeof header === "string" ? header : undefined, res };
      received.push(r);
      answer?.(r);
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  tg.routeWebhook("https://bot.example.org", `http://127.0.0.1:${(stub.address() as AddressInfo).port}`);
});
afterEach(async () => {
  await tg.stop();
  stub.closeAllConnections();
  await new Promise<void>((resolve) => stub.close(() => resolve()));
});

async function api(method: string, params: Record<string, unknown> = {}): Promise<{ ok: boolean; error_code?: number; description?: string; result?: unknown }> {
  const res = await fetch(`${tg.apiRoot}/bot${tg.token}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) });
  return (await res.json()) as { ok: boolean };
}

const ok = (r: Received, body?: unknown) => {
  if (body === undefined) r.res.writeHead(200).end();
  else r.res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
};
const text = (r: Received) => r.update.message?.text;

describe("the fake Telegram's webhook delivery", () => {
  it("takes only https URLs, as Telegram does, and refuses getUpdates while a webhook is set", async () => {
    expect(await api("setWebhook", { url: "http://bot.example.org/hook" })).toMatchObject({ ok: false, error_code: 400 });
    expect(await api("setWebhook", { url: "https://bot.example.org/hook", secret_token: "secret-123456" })).toMatchObject({ ok: true });
    expect(await api("getUpdates")).toMatchObject({ ok: false, error_code: 409 });
  });

  it("posts one chat's updates one at a time and in order, other chats' alongside, with the secret header", async () => {
    await api("setWebhook", { url: "https://bot.example.org/hook", secret_token: "secret-123456" });
    const a = tg.user(1);
    const b = tg.user(2);
    a.push("a1");
    a.push("a2");
    b.push("b1");
    await until(() => received.length === 2, "the first update of each chat");
    expect(received.map(text).sort()).toEqual(["a1", "b1"]);
    expect(received.map((r) => r.secret)).toEqual(["secret-123456", "secret-123456"]);
    expect(tg.webhookBusy()).toBe(true);
    // a2 waits for a1's answer, however long it takes.
    await sleep(100);
    expect(received).toHaveLength(2);
    const a1 = received.find((r) => text(r) === "a1");
    if (a1) ok(a1);
    await until(() => received.length === 3, "a2 after a1 was answered");
    expect(text(received[2]!)).toBe("a2");
    for (const r of received.slice(1)) ok(r);
    await until(() => !tg.webhookBusy(), "every delivery answered");
    expect(tg.isConfirmed(received[0]!.update.update_id)).toBe(true);
  });

  it("keeps to max_connections across chats", async () => {
    await api("setWebhook", { url: "https://bot.example.org/hook", max_connections: 1 });
    tg.user(1).push("a1");
    tg.user(2).push("b1");
    await until(() => received.length === 1, "the first delivery");
    await sleep(100);
    expect(received).toHaveLength(1);
    ok(received[0]!);
    await until(() => received.length === 2, "the second chat's update");
    ok(received[1]!);
  });

  it("sends an update again after a non-2xx answer or a failed connection, the chat's next one behind it", async () => {
    await api("setWebhook", { url: "https://bot.example.org/hook" });
    let calls = 0;
    answer = (r) => {
      calls += 1;
      if (calls === 1) r.res.writeHead(500).end();
      else if (calls === 2) r.res.destroy();
      else ok(r);
    };
    const u = tg.user(1);
    u.push("first");
    u.push("second");
    await until(() => received.length === 4, "both updates through");
    expect(received.map(text)).toEqual(["first", "first", "first", "second"]);
    // The fake notes a delivery's status when the answer is back, a moment after the bot got the update.
    await until(() => tg.webhookDeliveries.length === 4, "the last answer noted");
    expect(tg.webhookDeliveries.map((d) => d.status)).toEqual([500, "failed", 200, 200]);
  });

  it("runs a webhook reply's method and keeps its error from the bot, which already had its 200", async () => {
    await api("setWebhook", { url: "https://bot.example.org/hook" });
    const u = tg.user(1);
    answer = (r) => ok(r, text(r) === "hi" ? { method: "sendMessage", chat_id: u.id, text: "<b>hello</b>", parse_mode: "HTML" } : { method: "answerCallbackQuery", callback_query_id: "no-such-query" });
    u.push("hi");
    await until(() => u.messages.length === 1, "the reply's message");
    expect(u.lastMessage()).toMatchObject({ text: "hello", html: "<b>hello</b>" });
    u.push("again");
    await until(() => tg.webhookDeliveries.length === 2 && !tg.webhookBusy(), "the second delivery");
    expect(tg.calls.filter((c) => c.webhookReply)).toMatchObject([
      { method: "sendMessage", status: 200 },
      { method: "answerCallbackQuery", status: 400 },
    ]);
    // Answered 200 and not sent again, whatever became of the reply.
    expect(tg.webhookDeliveries).toMatchObject([
      { status: 200, reply: "sendMessage" },
      { status: 200, reply: "answerCallbackQuery" },
    ]);
  });

  it("sends only the kinds of update in allowed_updates, and holds updates for getUpdates once the webhook is gone", async () => {
    await api("setWebhook", { url: "https://bot.example.org/hook", allowed_updates: ["callback_query"] });
    answer = (r) => ok(r);
    const u = tg.user(1);
    const skipped = u.push("not a callback");
    await sleep(100);
    expect(received).toHaveLength(0);
    expect(tg.isConfirmed(skipped)).toBe(true);
    await api("deleteWebhook");
    u.push("polled");
    const polled = await api("getUpdates");
    expect((polled.result as Update[]).map((x) => x.message?.text)).toEqual(["polled"]);
  });

  it("gives up on a delivery not answered within webhookTimeoutMs and posts the update again, the first still open", async () => {
    const impatient = await FakeTelegram.start({ webhookTimeoutMs: 200 });
    try {
      impatient.routeWebhook("https://bot.example.org", `http://127.0.0.1:${(stub.address() as AddressInfo).port}`);
      await fetch(`${impatient.apiRoot}/bot${impatient.token}/setWebhook`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: "https://bot.example.org/hook" }),
      });
      const id = impatient.user(5).push("slow");
      // The stub answers nothing until told: the first delivery times out and the update comes again.
      await until(() => received.length === 2, "the update to be posted again");
      expect(received.map((r) => r.update.update_id)).toEqual([id, id]);
      expect(impatient.isConfirmed(id)).toBe(false);
      const second = received[1];
      if (second === undefined) throw new Error("two deliveries");
      ok(second);
      await until(() => impatient.isConfirmed(id), "the second delivery's 200");
      expect(impatient.webhookDeliveries.map((d) => d.status)).toEqual(["failed", 200]);
    } finally {
      await impatient.stop();
    }
  });
});
