import { createServer, type Server } from "node:http";
import { BotError, webhookCallback, type Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { ConsoleHandler } from "./console/http.js";
import { ChatBusy } from "../bot/chat-lease.js";

export interface WebhookServerDeps {
  bot: Bot<BotContext>;
  /** The path part of WEBHOOK_URL; only POSTs to it reach the bot. */
  path: string;
  secret: string;
  isHealthy: () => boolean;
  /** An error past the bot's error boundary (long polling hands these to `bot.catch`). */
  onError: (err: unknown) => void;
  /** The organisers' console (server/console), when CONSOLE_URL is set: it answers the requests under its path. */
  console?: ConsoleHandler;
}

/**
 * A small node:http server: POST <path> goes to grammY's webhook handler, which answers 401 unless
 * X-Telegram-Bot-Api-Secret-Token matches; GET /healthz says whether storage is reachable.
 *
 * Telegram is answered 200 only once the update has been handled, so that a process dying mid-update
 * means Telegram delivers it again. Hence no webhook reply (grammY would write it, and with it the 200,
 * the moment a handler asks, before the rest of the handling) and no timeout of our own: an update that
 * outlasts Telegram's patience is delivered again, and that delivery waits for the chat's lease and then
 * finds the update handled (bot/chat-lease.ts), instead of Telegram being told "done" while it is not.
 */
export function createWebhookServer({ bot, path, secret, isHealthy, onError, console }: WebhookServerDeps): Server {
  const handleUpdate = webhookCallback(bot, "http", { secretToken: secret, timeoutMilliseconds: Infinity });
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") {
      const healthy = isHealthy();
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: healthy }));
      return;
    }
    if (req.method === "POST" && url.pathname === path) {
      handleUpdate(req, res).catch((err: unknown) => {
        if (res.headersSent) return;
        // Another process had this chat's update in hand all the while: Telegram delivers this one again later.
        if (err instanceof BotError && err.error instanceof ChatBusy) {
          res.writeHead(503, { "retry-after": "1" }).end();
          return;
        }
        // Handlers' errors are answered by the bot's error boundary; what gets here is logged as under
        // long polling, and Telegram is told the update was taken: a non-2xx would have it delivered
        // again and again, holding up that chat's later updates behind it.
        onError(err);
        res.writeHead(200).end();
      });
      return;
    }
    // After the bot's own paths, so that a console mounted at "/" cannot take Telegram's updates.
    if (console?.(req, res)) return;
    res.writeHead(404).end();
  });
}
