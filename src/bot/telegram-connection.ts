import { Api, GrammyError, HttpError, type Bot, type Context, type Transformer } from "grammy";
import type { Logger } from "../logger.js";

/** Telegram will not serve the bot as configured (a refused token, another poller): retrying cannot help. */
export class TelegramRefused extends Error {
  override name = "TelegramRefused";
}

/** What to tell the operator when Telegram's answer means "stop", or undefined when it is worth retrying. */
export function refusal(err: unknown): string | undefined {
  if (!(err instanceof GrammyError)) return undefined;
  switch (err.error_code) {
    case 401:
      return "Telegram refused BOT_TOKEN (401 Unauthorized): the token is wrong or was revoked; copy the current one from @BotFather (/mybots → API Token)";
    case 404:
      return `Telegram answered ${err.method} with 404 Not Found: check TELEGRAM_API_ROOT and that BOT_TOKEN is whole`;
    case 409:
      return `Telegram refused updates (409 ${err.description}): another process takes this bot's updates; run one bot process per token`;
    default:
      return undefined;
  }
}

/**
 * Why a call to Telegram failed, in a few words for the log. Never the token: node-fetch's messages
 * carry the request URL, and the URL carries the token.
 */
export function failureReason(err: unknown, token: string): string {
  let text: string;
  if (err instanceof GrammyError) text = `${err.error_code} ${err.description}`;
  else if (err instanceof HttpError) text = networkReason(err.error);
  else text = err instanceof Error ? err.message : String(err);
  return text.split(token).join("<BOT_TOKEN>");
}

function networkReason(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // "request to https://…/bot<token>/getMe failed, reason: connect ECONNREFUSED 127.0.0.1:9": the reason is the news.
  return /, reason: (.*)$/s.exec(cause.message)?.[1] ?? cause.message;
}

function retryAfter(err: unknown): number | undefined {
  return err instanceof GrammyError && err.error_code === 429 ? err.parameters.retry_after : undefined;
}

/**
 * `retry` (auto-retry) for every method but getUpdates. auto-retry retries a network error forever and
 * says nothing (its waits grow to an hour); the runner retries getUpdates every few seconds instead and
 * pollingMonitor logs each failure.
 */
export function exceptPolling(retry: Transformer): Transformer {
  return (prev, method, payload, signal) => (method === "getUpdates" ? prev(method, payload, signal) : retry(prev, method, payload, signal));
}

// Waits between tries of getMe at start: quick at first (a blip), then every half minute.
const CONNECT_RETRY_SECONDS = [1, 2, 4, 8, 15, 30];
const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * Gets the bot's identity (getMe) before anything else talks to Telegram, saying where it connects, and
 * on each failure why and when it tries again, until Telegram answers. A refusal (401 and the like)
 * throws TelegramRefused. Does nothing when the bot already knows itself (tests and benchmarks give it).
 */
export async function connectToTelegram<C extends Context>(
  bot: Bot<C>,
  { apiRoot, logger, attemptTimeoutMs = ATTEMPT_TIMEOUT_MS }: { apiRoot: string; logger: Logger; attemptTimeoutMs?: number },
): Promise<void> {
  if (bot.isInited()) return;
  logger.info({ apiRoot }, `connecting to Telegram at ${apiRoot}`);
  // An Api of its own: none of the bot's transformers (auto-retry would retry in silence), and a timeout
  // of its own (a network that drops packets would hold the call for grammY's default 500 s).
  const api = new Api(bot.token, { apiRoot, timeoutSeconds: attemptTimeoutMs / 1000 });
  for (let attempt = 1; ; attempt++) {
    try {
      bot.botInfo = await api.getMe();
      logger.info({ apiRoot, bot: bot.botInfo.username, attempt }, `connected to Telegram as @${bot.botInfo.username}`);
      return;
    } catch (err) {
      const refused = refusal(err);
      if (refused) throw new TelegramRefused(refused, { cause: err });
      const reason = failureReason(err, bot.token);
      const seconds = retryAfter(err) ?? CONNECT_RETRY_SECONDS[Math.min(attempt, CONNECT_RETRY_SECONDS.length) - 1] ?? 30;
      logger.warn({ apiRoot, reason, attempt, retryInSeconds: seconds }, `cannot reach Telegram at ${apiRoot}: ${reason}; next try in ${seconds} s`);
      await new Promise((r) => setTimeout(r, seconds * 1000));
    }
  }
}

/** How long the runner waits before calling getUpdates again after a failure (grammY's own bot.start waits 3 s). */
export const POLL_RETRY_MS = 3_000;

/**
 * Logs each failed getUpdates with its reason and the runner's next try (the runner itself is silent:
 * its own messages print the error with the request URL, token included), and the first success after.
 * 401 and 409 are not retried: the runner stops and the app reports it (see refusal).
 */
export function pollingMonitor({ apiRoot, token, logger }: { apiRoot: string; token: string; logger: Logger }): Transformer {
  let failing = false;
  const failed = (reason: string, seconds: number) => {
    failing = true;
    logger.warn({ apiRoot, reason, retryInSeconds: seconds }, `cannot reach Telegram at ${apiRoot}: ${reason}; next try in ${seconds} s`);
  };
  return async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    let result;
    try {
      result = await prev(method, payload, signal);
    } catch (err) {
      // Aborted: the runner is stopping, nothing failed.
      if (!signal?.aborted) failed(failureReason(err, token), POLL_RETRY_MS / 1000);
      throw err;
    }
    if (!result.ok) {
      const fatal = result.error_code === 401 || result.error_code === 409;
      // The runner waits out a 429's retry_after before its own interval.
      if (!fatal) failed(`${result.error_code} ${result.description}`, (result.parameters?.retry_after ?? 0) + POLL_RETRY_MS / 1000);
    } else if (failing) {
      failing = false;
      logger.info({ apiRoot }, "Telegram answers again; long polling goes on");
    }
    return result;
  };
}
