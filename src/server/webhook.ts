import { createServer, type Server } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { ConsoleHandler } from "./console/http.js";

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
 */
export function createWebhookServer({ bot, path, secret, isHealthy, onError, console }: WebhookServerDeps): Server {
  // Telegram waits ~10 s for an answer; answer before that and let the update finish in the background.
  const handleUpdate = webhookCallback(bot, "http", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9_000 });
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
        // Handlers' errors are answered by the bot's error boundary; what gets here is logged as under long
        // polling, and Telegram is told the update was taken: a non-2xx would have it delivered again and
        // again, holding up that chat's later updates behind it.
        onError(err);
        if (!res.headersSent) res.writeHead(200).end();
      });
      return;
    }
    // After the bot's own paths, so that a console mounted at "/" cannot take Telegram's updates.
    if (console?.(req, res)) return;
    res.writeHead(404).end();
  });
}
