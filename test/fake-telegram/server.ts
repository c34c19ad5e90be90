import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EventEmitter } from "node:events";
import type { InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, Update, User } from "grammy/types";
import { parseTelegramHtml } from "./html.js";
import { parseMultipart } from "./multipart.js";

/**
 * A local stand-in for the Telegram Bot API: the real grammY client talks to it over HTTP. It keeps
 * what each chat "sees", validates what Telegram validates (HTML entities, text and callback_data
 * sizes, blocked users, never-started users, optional rate limits) and answers with Telegram's error
 * shapes.
 */

export type Params = Record<string, unknown>;

export interface FileRecord {
  content: Buffer;
  filename: string;
  mimeType?: string;
}

/** What a chat shows for one message the bot sent. */
export interface BotMessage {
  message_id: number;
  chat_id: number;
  kind: "text" | "document" | "photo" | "venue" | "location";
  /** Visible text (HTML tags removed) or caption. */
  text: string;
  /** The raw text as sent, with tags. */
  html: string;
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | { remove_keyboard: true } | { force_reply: true };
  document?: FileRecord;
  venue?: { latitude: number; longitude: number; title: string; address: string };
  edited: number;
  deleted: boolean;
}

export type ChatEvent =
  | { kind: "message"; message: BotMessage }
  | { kind: "edit"; message: BotMessage }
  | { kind: "delete"; message_id: number }
  | { kind: "toast"; text: string; show_alert: boolean };

export interface ApiCall {
  method: string;
  params: Params;
  at: number;
  status: number;
  description?: string;
  /** Made by the bot's answer to a webhook delivery, not by a request of its own (see `deliverUpdate`). */
  webhookReply?: true;
}

export interface RateLimit {
  /** Messages a second to one chat (Telegram: about 1, short bursts pass). */
  perChatPerSecond: number;
  /** Messages a second across chats (Telegram: about 30). */
  globalPerSecond: number;
  /** How many messages one chat may take at once before the per-chat rate applies. */
  perChatBurst?: number;
  /** Messages a minute to one group or channel (Telegram: about 20); unset, groups are like other chats. */
  groupPerMinute?: number;
  /**
   * Runs Telegram's clock this many times faster, so a test can send "seconds" of traffic in
   * milliseconds: rates are multiplied and retry_after waits divided by it (retry_after itself stays
   * whole Telegram seconds). The bot must run with the same TELEGRAM_TIME_SCALE. Default 1.
   */
  timeScale?: number;
  /**
   * Sends that reach the fake this soon after the 429 that started a retry_after were already on
   * their way when the bot got the 429; they count in `retryAfterViolations` but not in
   * `retryAfterIgnored`. Default 20 ms.
   */
  inFlightGraceMs?: number;
}

export interface FakeTelegramOptions {
  token?: string;
  rateLimit?: RateLimit;
  /** Listen on this port (a bot started before Telegram was reachable); a free one when absent. */
  port?: number;
  /**
   * How long a webhook delivery waits for the bot's answer before Telegram gives up on it and delivers
   * the update again later (the first request may still be being handled). Telegram does not publish
   * its figure; no limit when absent.
   */
  webhookTimeoutMs?: number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const SEND_METHODS = new Set(["sendMessage", "sendDocument", "sendPhoto", "sendVenue", "sendLocation"]);
const BOT_ID = 7_000_000_001;

export class FakeTelegram {
  readonly token: string;
  readonly botInfo = {
    id: BOT_ID,
    is_bot: true as const,
    first_name: "Mission Bot",
    username: "mission_test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
  };
  readonly calls: ApiCall[] = [];
  readonly events = new EventEmitter();
  /** What each chat shows, by chat id. */
  readonly chats = new Map<number, BotMessage[]>();
  readonly chatEvents = new Map<number, ChatEvent[]>();
  readonly commands: { params: Params }[] = [];
  readonly files = new Map<string, FileRecord>();
  readonly blocked = new Set<number>();
  /** Users who have written to the bot; Telegram refuses a bot's first message to anyone else. */
  readonly started = new Set<number>();
  webhook: { url: string; secret?: string } | undefined;
  /** Sends made while a 429's retry_after was still running. */
  retryAfterViolations = 0;
  /** Of those, the ones made after the bot had time to learn of the 429 (see `inFlightGraceMs`). */
  retryAfterIgnored = 0;
  tooManyRequests = 0;
  rateLimit: RateLimit | undefined;
  /** Extra latency of Telegram's answers to calls about a chat (slow network to one user). */
  readonly chatLatency = new Map<number, number>();
  /** Telegram's own trouble: the next sends to a chat fail with this error (see `failSends`). */
  private readonly failing = new Map<number, { status: number; description: string; times: number; parameters?: Record<string, unknown> }>();
  /**
   * Set by the harness: true while the bot is still handling an update. A user's action then resolves
   * only when the bot is done, not merely quiet for a moment (a reply that follows slow work would
   * otherwise be counted with the next action).
   */
  busy: (() => boolean) | undefined;
  /** How long a FakeUser waits for the bot's answer (benchmarks on a loaded machine give it longer). */
  answerTimeoutMs = ANSWER_TIMEOUT_MS;

  private server: Server | undefined;
  private updates: Update[] = [];
  private nextUpdateId = 1;
  private confirmedOffset = 0;
  private nextMessageId = new Map<number, number>();
  private pendingPoll: { resolve: (u: Update[]) => void; reject: (e: ApiError) => void } | undefined;
  private callbackQueries = new Map<string, { userId: number; answered: boolean }>();
  private nextFileId = 1;
  private lockedUntil = 0;
  private lockedAt = 0;
  private chatBuckets = new Map<number, { tokens: number; at: number }>();
  private globalBucket = { tokens: 0, at: 0 };
  private revoked = false;
  private readonly webhookTimeoutMs: number | undefined;

  constructor(options: FakeTelegramOptions = {}) {
    this.token = options.token ?? "123456:TEST-token_for-fake";
    this.rateLimit = options.rateLimit;
    this.webhookTimeoutMs = options.webhookTimeoutMs;
  }

  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const tg = new FakeTelegram(options);
    await tg.listen(options.port ?? 0);
    return tg;
  }

  /**
   * The owner revoked the token in @BotFather: from now on every call with it is refused with 401, as
   * any well-formed token Telegram does not know. A long poll waiting now ends empty first.
   */
  revokeToken(): void {
    this.revoked = true;
    this.pendingPoll?.resolve([]);
    this.pendingPoll = undefined;
  }

  get apiRoot(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error("fake Telegram is not listening");
    return `http://127.0.0.1:${address.port}`;
  }

  private async listen(port: number): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    this.stopWebhookDelivery();
    this.pendingPoll?.resolve([]);
    this.pendingPoll = undefined;
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- the user side ---------------------------------------------------------------------------

  user(id: number, profile: Partial<Omit<User, "id" | "is_bot">> = {}): FakeUser {
    return new FakeUser(this, { id, is_bot: false, first_name: `User${id}`, ...profile });
  }

  /** Queues an update as Telegram would and wakes a waiting getUpdates. */
  pushUpdate(update: Omit<Update, "update_id">): number {
    const full = { ...update, update_id: this.nextUpdateId++ };
    const from = full.message?.from ?? full.callback_query?.from;
    if (from) this.started.add(from.id);
    this.updates.push(full);
    if (this.pendingPoll) {
      const poll = this.pendingPoll;
      this.pendingPoll = undefined;
      poll.resolve(this.takeUpdates(100));
    }
    this.pumpWebhook();
    return full.update_id;
  }

  /** The id of the newest update queued so far (0 before any). */
  get lastUpdateId(): number {
    return this.nextUpdateId - 1;
  }

  /**
   * True once a getUpdates has confirmed this update (asked for a later offset): Telegram would not
   * hand it out again, to this bot process or the next one.
   */
  isConfirmed(updateId: number): boolean {
    return this.confirmedOffset > updateId || this.webhookDelivered.has(updateId);
  }

  newMessageId(chatId: number): number {
    const id = this.nextMessageId.get(chatId) ?? 1;
    this.nextMessageId.set(chatId, id + 1);
    return id;
  }

  registerCallbackQuery(id: string, userId: number): void {
    this.callbackQueries.set(id, { userId, answered: false });
  }

  storeFile(content: Buffer, filename: string, mimeType?: string): string {
    const fileId = `file-${this.nextFileId++}`;
    this.files.set(fileId, { content, filename, ...(mimeType ? { mimeType } : {}) });
    return fileId;
  }

  messagesIn(chatId: number): BotMessage[] {
    return this.chats.get(chatId) ?? [];
  }

  eventsIn(chatId: number): ChatEvent[] {
    return this.chatEvents.get(chatId) ?? [];
  }

  /** Every text the bot ever showed anywhere (messages as first sent and every edit). */
  allShownTexts(): string[] {
    return [...this.chatEvents.values()].flatMap((events) =>
      events.flatMap((e) => (e.kind === "message" || e.kind === "edit" ? [e.message.text] : e.kind === "toast" ? [e.text] : [])),
    );
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (req.method === "GET" && fileMatch) {
      const file = fileMatch[1] === this.token ? this.files.get(decodeURIComponent(fileMatch[2] ?? "")) : undefined;
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": file.mimeType ?? "application/octet-stream" }).end(file.content);
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    // Telegram: a token of the right shape that it does not know (wrong, or revoked) is 401; anything else 404.
    if (match && /^\d+:[A-Za-z0-9_-]+$/.test(match[1] ?? "") && (match[1] !== this.token || this.revoked)) {
      this.send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      return;
    }
    if (!match || match[1] !== this.token) {
      this.send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const method = match[2] ?? "";
    const body = await readBody(req);
    let params: Params;
    try {
      params = parseParams(req.headers["content-type"] ?? "", body, url);
    } catch {
      this.send(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid request body" });
      return;
    }
    const call: ApiCall = { method, params, at: Date.now(), status: 200 };
    this.calls.push(call);
    try {
      const result = await this.dispatch(method, params, req);
      this.send(res, 200, { ok: true, result });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      call.status = err.status;
      call.description = err.description;
      this.send(res, err.status, {
        ok: false,
        error_code: err.status,
        description: err.description,
        ...(err.parameters ? { parameters: err.parameters } : {}),
      });
    } finally {
      this.events.emit("call", call);
    }
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  /** `req` is absent for a method the bot asked for in a webhook reply (see `executeWebhookReply`). */
  private async dispatch(method: string, p: Params, req?: IncomingMessage): Promise<unknown> {
    const latency = this.chatLatency.get(Number(p.chat_id));
    if (latency !== undefined) await sleep(latency);
    if (SEND_METHODS.has(method)) {
      this.checkLimits(Number(p.chat_id));
      this.checkFailing(Number(p.chat_id));
    }
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "getUpdates":
        if (!req) throw new ApiError(400, "Bad Request: getUpdates can't be used in a webhook reply");
        return this.getUpdates(p, req);
      case "setWebhook":
        return this.setWebhook(p);
      case "deleteWebhook":
        return this.deleteWebhook(p);
      case "setMyCommands":
      case "deleteMyCommands":
        this.commands.push({ params: { ...p, method } });
        return true;
      case "setChatMenuButton": {
        const button = p.menu_button as { type?: string; web_app?: { url?: string } } | undefined;
        if (button?.type === "web_app" && !/^https:\/\//.test(button.web_app?.url ?? "")) throw new ApiError(400, "Bad Request: BUTTON_URL_INVALID");
        return true;
      }
      case "sendChatAction":
        return true;
      case "sendMessage":
        return this.sendMessage(p);
      case "sendDocument":
      case "sendPhoto":
        return this.sendFile(method === "sendDocument" ? "document" : "photo", p);
      case "sendVenue":
      case "sendLocation":
        return this.sendPlace(method === "sendVenue" ? "venue" : "location", p);
      case "editMessageText":
        return this.editMessageText(p);
      case "editMessageReplyMarkup":
        return this.editMessageReplyMarkup(p);
      case "deleteMessage":
        return this.deleteMessage(p);
      case "answerCallbackQuery":
        return this.answerCallbackQuery(p);
      case "getFile":
        return this.getFile(p);
      default:
        throw new ApiError(404, "Not Found: method not found");
    }
  }

  // ---- webhook delivery ------------------------------------------------------------------------
  //
  // After setWebhook, Telegram POSTs each update to the URL instead of holding it for getUpdates: one
  // request at a time per chat (in order), chats concurrently up to max_connections, again and again
  // until the bot answers 2xx. A JSON body with `method` in that answer is a Bot API call of its own
  // (a webhook reply): Telegram runs it and tells the bot nothing, neither its result nor its error.

  /** Every POST of an update to the webhook, in the order they ended. */
  readonly webhookDeliveries: WebhookDelivery[] = [];
  /**
   * Telegram only calls https URLs; a test bot listens on plain HTTP on a local port. Like the TLS proxy
   * in front of a deployed bot, this maps the public origin of WEBHOOK_URL to the local one.
   */
  readonly webhookRoutes = new Map<string, string>();
  private webhookOptions: { allowedUpdates?: string[]; maxConnections: number } = { maxConnections: 40 };
  private readonly webhookDelivered = new Set<number>();
  /** Chats with a delivery on the wire or waiting to be retried: their next update waits. */
  private readonly webhookChats = new Set<number | string>();
  private webhookActive = 0;
  private readonly webhookAttempts = new Map<number, number>();
  private readonly webhookTimers = new Set<NodeJS.Timeout>();
  private webhookAbort = new AbortController();

  /** Delivers updates for `publicOrigin` (https://host) to `localOrigin` (http://127.0.0.1:port). */
  routeWebhook(publicOrigin: string, localOrigin: string): void {
    this.webhookRoutes.set(new URL(publicOrigin).origin, localOrigin.replace(/\/+$/, ""));
    this.pumpWebhook();
  }

  /**
   * True while an update waits for webhook delivery or one is being delivered (its webhook reply
   * included): the bot has not finished with that user action yet, though it may not have started.
   */
  webhookBusy(): boolean {
    return this.webhook !== undefined && (this.webhookActive > 0 || this.webhookChats.size > 0 || this.updates.length > 0);
  }

  private setWebhook(p: Params): true {
    const url = str(p.url);
    if (!url.startsWith("https://")) throw new ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    const maxConnections = p.max_connections === undefined ? 40 : Number(p.max_connections);
    if (!(Number.isInteger(maxConnections) && maxConnections >= 1 && maxConnections <= 100)) {
      throw new ApiError(400, "Bad Request: bad webhook: max_connections must be between 1 and 100");
    }
    if (p.allowed_updates !== undefined && !Array.isArray(p.allowed_updates)) throw new ApiError(400, "Bad Request: can't parse allowed updates");
    this.webhook = { url, ...(p.secret_token ? { secret: str(p.secret_token) } : {}) };
    this.webhookOptions = { maxConnections, ...(Array.isArray(p.allowed_updates) ? { allowedUpdates: p.allowed_updates.map(str) } : {}) };
    if (p.drop_pending_updates === true) this.updates = [];
    // The reply to setWebhook goes out first; delivery starts after it, as on Telegram.
    setImmediate(() => this.pumpWebhook());
    return true;
  }

  private deleteWebhook(p: Params): true {
    this.webhook = undefined;
    if (p.drop_pending_updates === true) this.updates = [];
    return true;
  }

  private stopWebhookDelivery(): void {
    this.webhook = undefined;
    this.webhookAbort.abort();
    this.webhookAbort = new AbortController();
    for (const timer of this.webhookTimers) clearTimeout(timer);
    this.webhookTimers.clear();
  }

  /** Starts every delivery that may start now: per chat in update order, up to max_connections at once. */
  private pumpWebhook(): void {
    const hook = this.webhook;
    if (!hook) return;
    const target = this.webhookTarget(hook.url);
    // An https URL with no local route is a host the test did not provide: nothing is sent anywhere.
    if (!target) return;
    const allowed = this.webhookOptions.allowedUpdates;
    // Updates of types not in allowed_updates are never sent (an empty list means "all but a few").
    if (allowed && allowed.length > 0) {
      for (const update of this.updates.filter((u) => !allowed.includes(updateType(u)))) this.confirmDelivered(update.update_id);
    }
    const passed = new Set<number | string>();
    for (const update of this.updates) {
      if (this.webhookActive >= this.webhookOptions.maxConnections) break;
      const key = updateChat(update);
      // Only the oldest update of a chat may go, and only once that chat has nothing on the wire.
      if (passed.has(key) || this.webhookChats.has(key)) {
        passed.add(key);
        continue;
      }
      passed.add(key);
      void this.deliverUpdate(update, key, hook, target);
    }
  }

  private webhookTarget(url: string): string | undefined {
    const parsed = new URL(url);
    const local = this.webhookRoutes.get(parsed.origin);
    return local === undefined ? undefined : `${local}${parsed.pathname}${parsed.search}`;
  }

  private async deliverUpdate(update: Update, key: number | string, hook: { url: string; secret?: string }, target: string): Promise<void> {
    this.webhookChats.add(key);
    this.webhookActive += 1;
    const delivery: WebhookDelivery = { update_id: update.update_id, status: "failed", at: Date.now() };
    try {
      const res = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json", ...(hook.secret ? { "X-Telegram-Bot-Api-Secret-Token": hook.secret } : {}) },
        body: JSON.stringify(update),
        signal: this.webhookTimeoutMs === undefined ? this.webhookAbort.signal : AbortSignal.any([this.webhookAbort.signal, AbortSignal.timeout(this.webhookTimeoutMs)]),
      });
      const body = await res.text();
      delivery.status = res.status;
      if (res.ok) {
        this.confirmDelivered(update.update_id);
        const method = await this.executeWebhookReply(res.headers.get("content-type") ?? "", body);
        if (method) delivery.reply = method;
      }
    } catch {
      // Connection refused or reset, no answer in time, or the fake stopping: the update stays queued (status "failed").
    } finally {
      this.webhookActive -= 1;
      this.webhookDeliveries.push(delivery);
      this.events.emit("webhook-delivery", delivery);
    }
    if (delivery.status !== "failed" && delivery.status >= 200 && delivery.status < 300) {
      this.webhookChats.delete(key);
      this.pumpWebhook();
      return;
    }
    // Telegram retries a failed delivery later, the chat's next updates behind it. Its waits grow to
    // minutes; here they grow from 50 ms to 1 s so a test that restarts the bot goes on promptly.
    const attempts = (this.webhookAttempts.get(update.update_id) ?? 0) + 1;
    this.webhookAttempts.set(update.update_id, attempts);
    const timer = setTimeout(() => {
      this.webhookTimers.delete(timer);
      this.webhookChats.delete(key);
      this.pumpWebhook();
    }, Math.min(1_000, 50 * 2 ** (attempts - 1)));
    this.webhookTimers.add(timer);
  }

  private confirmDelivered(updateId: number): void {
    this.webhookDelivered.add(updateId);
    this.updates = this.updates.filter((u) => u.update_id !== updateId);
  }

  /** Runs the Bot API call in a webhook answer, if there is one; returns its method. */
  private async executeWebhookReply(contentType: string, body: string): Promise<string | undefined> {
    if (!contentType.startsWith("application/json") || body.trim() === "") return undefined;
    let params: Params;
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
      params = { ...(parsed as Params) };
    } catch {
      return undefined;
    }
    const method = params.method;
    if (typeof method !== "string") return undefined;
    delete params.method;
    const call: ApiCall = { method, params, at: Date.now(), status: 200, webhookReply: true };
    this.calls.push(call);
    try {
      await this.dispatch(method, params);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // Recorded for tests; the bot never hears of it, as on Telegram.
      call.status = err.status;
      call.description = err.description;
    } finally {
      this.events.emit("call", call);
    }
    return method;
  }

  // ---- methods ---------------------------------------------------------------------------------

  private getUpdates(p: Params, req: IncomingMessage): Promise<Update[]> | Update[] {
    if (this.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = Number(p.offset ?? 0);
    if (offset > this.confirmedOffset) this.confirmedOffset = offset;
    this.updates = this.updates.filter((u) => u.update_id >= this.confirmedOffset);
    const limit = Math.min(Number(p.limit ?? 100), 100);
    if (this.updates.length > 0) return this.takeUpdates(limit);
    const timeout = Number(p.timeout ?? 0);
    if (timeout <= 0) return [];
    if (this.pendingPoll) {
      this.pendingPoll.reject(new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
    }
    return new Promise((resolve, reject) => {
      // Keep-alive sockets carry many polls: each poll's close listener goes when the poll ends.
      const onClose = () => {
        clearTimeout(timer);
        if (this.pendingPoll === poll) this.pendingPoll = undefined;
      };
      const settle = () => {
        clearTimeout(timer);
        req.socket.off("close", onClose);
      };
      const poll = {
        resolve: (updates: Update[]) => {
          settle();
          resolve(updates);
        },
        reject: (err: ApiError) => {
          settle();
          reject(err);
        },
      };
      this.pendingPoll = poll;
      const timer = setTimeout(() => {
        if (this.pendingPoll === poll) this.pendingPoll = undefined;
        poll.resolve([]);
      }, timeout * 1000);
      req.socket.once("close", onClose);
    });
  }

  private takeUpdates(limit: number): Update[] {
    return this.updates.filter((u) => u.update_id >= this.confirmedOffset).slice(0, limit);
  }

  private checkLimits(chatId: number): void {
    const now = Date.now();
    const limit = this.rateLimit;
    const scale = limit?.timeScale ?? 1;
    if (now < this.lockedUntil) {
      this.retryAfterViolations += 1;
      if (now - this.lockedAt > (limit?.inFlightGraceMs ?? 20)) this.retryAfterIgnored += 1;
      throw this.tooMany(Math.max(1, Math.ceil(((this.lockedUntil - now) * scale) / 1000)));
    }
    if (!limit) return;
    // Token buckets, in Telegram seconds (`scale` of them pass every real second).
    const refill = (bucket: { tokens: number; at: number }, rate: number, capacity: number) => {
      bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate * scale);
      bucket.at = now;
    };
    const burst = limit.perChatBurst ?? 1;
    const chatRate = chatId < 0 && limit.groupPerMinute !== undefined ? Math.min(limit.perChatPerSecond, limit.groupPerMinute / 60) : limit.perChatPerSecond;
    const chat = this.chatBuckets.get(chatId) ?? { tokens: burst, at: now };
    this.chatBuckets.set(chatId, chat);
    refill(chat, chatRate, burst);
    if (this.globalBucket.at === 0) this.globalBucket = { tokens: limit.globalPerSecond, at: now };
    refill(this.globalBucket, limit.globalPerSecond, limit.globalPerSecond);
    const short = chat.tokens < 1 ? (1 - chat.tokens) / chatRate : this.globalBucket.tokens < 1 ? (1 - this.globalBucket.tokens) / limit.globalPerSecond : 0;
    if (short > 0) {
      const retryAfter = Math.max(1, Math.ceil(short));
      this.lockedAt = now;
      this.lockedUntil = now + (retryAfter * 1000) / scale;
      throw this.tooMany(retryAfter);
    }
    chat.tokens -= 1;
    this.globalBucket.tokens -= 1;
  }

  /**
   * How many calls reached the fake in each of Telegram's seconds (`timeScale` of them per real second),
   * by second since the epoch: by default the sends its rate limits count (messages and files, accepted
   * or refused alike); `which` picks others (some chats only, edits too).
   */
  sendsPerSecond(which: (call: ApiCall) => boolean = (call) => SEND_METHODS.has(call.method)): Map<number, number> {
    const scale = this.rateLimit?.timeScale ?? 1;
    const counts = new Map<number, number>();
    for (const call of this.calls) {
      if (!which(call)) continue;
      const second = Math.floor((call.at * scale) / 1000);
      counts.set(second, (counts.get(second) ?? 0) + 1);
    }
    return counts;
  }

  /** Makes the next `times` sends to a chat fail as Telegram does when it is in trouble (5xx) or refuses. */
  failSends(chatId: number, times: number, status = 502, description = "Bad Gateway", parameters?: Record<string, unknown>): void {
    this.failing.set(chatId, { status, description, times, ...(parameters ? { parameters } : {}) });
  }

  private checkFailing(chatId: number): void {
    const failure = this.failing.get(chatId);
    if (!failure || failure.times <= 0) return;
    failure.times -= 1;
    throw new ApiError(failure.status, failure.description, failure.parameters);
  }

  private tooMany(retryAfter: number): ApiError {
    this.tooManyRequests += 1;
    return new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
  }

  private checkRecipient(chatId: number): void {
    if (!Number.isSafeInteger(chatId) || chatId === 0) throw new ApiError(400, "Bad Request: chat not found");
    if (chatId > 0 && this.blocked.has(chatId)) throw new ApiError(403, "Forbidden: bot was blocked by the user");
    if (chatId > 0 && !this.started.has(chatId)) throw new ApiError(403, "Forbidden: bot can't initiate conversation with a user");
  }

  private renderText(raw: unknown, parseMode: unknown, max: number, what: "text" | "caption"): { text: string; html: string } {
    const html = typeof raw === "string" ? raw : "";
    let text = html;
    if (parseMode === "HTML") {
      const parsed = parseTelegramHtml(html);
      if (!parsed.ok) throw new ApiError(400, parsed.description);
      text = parsed.text;
    } else if (parseMode !== undefined) {
      throw new ApiError(400, `Bad Request: unsupported parse_mode ${str(parseMode)} in the fake`);
    }
    if (what === "text" && text.trim().length === 0) throw new ApiError(400, "Bad Request: message text is empty");
    if (text.length > max) throw new ApiError(400, what === "text" ? "Bad Request: message is too long" : "Bad Request: message caption is too long");
    return { text, html };
  }

  private checkMarkup(markup: unknown): BotMessage["reply_markup"] {
    if (markup === undefined) return undefined;
    const m = markup as Record<string, unknown>;
    if (Array.isArray(m.inline_keyboard)) {
      for (const row of m.inline_keyboard as unknown[][]) {
        for (const button of row as Record<string, unknown>[]) {
          if (typeof button.text !== "string" || button.text === "") throw new ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard");
          // Telegram opens Mini Apps over https only.
          if (button.web_app !== undefined && !/^https:\/\//.test(str((button.web_app as Record<string, unknown>).url))) throw new ApiError(400, "Bad Request: BUTTON_TYPE_INVALID");
          if (button.callback_data !== undefined) {
            const bytes = Buffer.byteLength(str(button.callback_data));
            if (bytes < 1 || bytes > 64) throw new ApiError(400, "Bad Request: BUTTON_DATA_INVALID");
          }
        }
      }
    } else if (Array.isArray(m.keyboard)) {
      for (const row of m.keyboard as unknown[][]) {
        for (const button of row) {
          const text = typeof button === "string" ? button : (button as Record<string, unknown>).text;
          if (typeof text !== "string" || text === "") throw new ApiError(400, "Bad Request: keyboard button text is empty");
        }
      }
    }
    return markup as BotMessage["reply_markup"];
  }

  private record(chatId: number, message: BotMessage): Message {
    const list = this.chats.get(chatId) ?? [];
    list.push(message);
    this.chats.set(chatId, list);
    this.pushEvent(chatId, { kind: "message", message: { ...message } });
    return this.toTelegramMessage(message);
  }

  private pushEvent(chatId: number, event: ChatEvent): void {
    const list = this.chatEvents.get(chatId) ?? [];
    list.push(event);
    this.chatEvents.set(chatId, list);
    this.events.emit("chat-event", chatId, event);
  }

  toTelegramMessage(m: BotMessage): Message {
    const base = {
      message_id: m.message_id,
      date: Math.floor(Date.now() / 1000),
      chat: m.chat_id > 0 ? { id: m.chat_id, type: "private" as const, first_name: "User" } : { id: m.chat_id, type: "group" as const, title: "Group" },
      from: { id: BOT_ID, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username },
      ...(m.reply_markup && "inline_keyboard" in m.reply_markup ? { reply_markup: m.reply_markup } : {}),
    };
    if (m.kind === "text") return { ...base, text: m.text };
    return { ...base, caption: m.text };
  }

  private sendMessage(p: Params): Message {
    const chatId = Number(p.chat_id);
    this.checkRecipient(chatId);
    const { text, html } = this.renderText(p.text, p.parse_mode, 4096, "text");
    const reply_markup = this.checkMarkup(p.reply_markup);
    return this.record(chatId, { message_id: this.newMessageId(chatId), chat_id: chatId, kind: "text", text, html, ...(reply_markup ? { reply_markup } : {}), edited: 0, deleted: false });
  }

  private sendFile(kind: "document" | "photo", p: Params): Message {
    const chatId = Number(p.chat_id);
    this.checkRecipient(chatId);
    const file = p[kind];
    let record: FileRecord | undefined;
    if (file && typeof file === "object" && "content" in file) record = file as FileRecord;
    else if (typeof file === "string") record = this.files.get(file);
    if (!record) throw new ApiError(400, `Bad Request: wrong file identifier/HTTP URL specified`);
    const { text, html } = this.renderText(p.caption, p.parse_mode, 1024, "caption");
    const reply_markup = this.checkMarkup(p.reply_markup);
    return this.record(chatId, { message_id: this.newMessageId(chatId), chat_id: chatId, kind, text, html, document: record, ...(reply_markup ? { reply_markup } : {}), edited: 0, deleted: false });
  }

  private sendPlace(kind: "venue" | "location", p: Params): Message {
    const chatId = Number(p.chat_id);
    this.checkRecipient(chatId);
    const latitude = Number(p.latitude);
    const longitude = Number(p.longitude);
    if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) throw new ApiError(400, "Bad Request: wrong coordinates");
    const title = str(p.title);
    const address = str(p.address);
    if (kind === "venue" && (title === "" || address === "")) throw new ApiError(400, "Bad Request: venue title and address must be non-empty");
    const reply_markup = this.checkMarkup(p.reply_markup);
    return this.record(chatId, {
      message_id: this.newMessageId(chatId), chat_id: chatId, kind, text: title ? `${title}\n${address}` : "", html: "",
      venue: { latitude, longitude, title, address }, ...(reply_markup ? { reply_markup } : {}), edited: 0, deleted: false,
    });
  }

  private findMessage(p: Params): BotMessage {
    const chatId = Number(p.chat_id);
    const message = this.messagesIn(chatId).find((m) => m.message_id === Number(p.message_id) && !m.deleted);
    if (!message) throw new ApiError(400, "Bad Request: message to edit not found");
    return message;
  }

  private editMessageText(p: Params): Message {
    const message = this.findMessage(p);
    const { text, html } = this.renderText(p.text, p.parse_mode, 4096, "text");
    const reply_markup = this.checkMarkup(p.reply_markup);
    if (html === message.html && JSON.stringify(reply_markup) === JSON.stringify(message.reply_markup)) {
      throw new ApiError(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
    }
    message.text = text;
    message.html = html;
    if (reply_markup) message.reply_markup = reply_markup;
    else delete message.reply_markup;
    message.edited += 1;
    this.pushEvent(message.chat_id, { kind: "edit", message: { ...message } });
    return this.toTelegramMessage(message);
  }

  private editMessageReplyMarkup(p: Params): Message {
    const message = this.findMessage(p);
    const reply_markup = this.checkMarkup(p.reply_markup);
    if (JSON.stringify(reply_markup) === JSON.stringify(message.reply_markup)) {
      throw new ApiError(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
    }
    if (reply_markup) message.reply_markup = reply_markup;
    else delete message.reply_markup;
    message.edited += 1;
    this.pushEvent(message.chat_id, { kind: "edit", message: { ...message } });
    return this.toTelegramMessage(message);
  }

  private deleteMessage(p: Params): true {
    const message = this.messagesIn(Number(p.chat_id)).find((m) => m.message_id === Number(p.message_id) && !m.deleted);
    if (!message) throw new ApiError(400, "Bad Request: message to delete not found");
    message.deleted = true;
    this.pushEvent(message.chat_id, { kind: "delete", message_id: message.message_id });
    return true;
  }

  private answerCallbackQuery(p: Params): true {
    const query = this.callbackQueries.get(String(p.callback_query_id));
    if (!query || query.answered) {
      throw new ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
    }
    query.answered = true;
    const text = typeof p.text === "string" ? p.text : "";
    if (text.length > 200) throw new ApiError(400, "Bad Request: MESSAGE_TOO_LONG");
    this.pushEvent(query.userId, { kind: "toast", text, show_alert: p.show_alert === true });
    return true;
  }

  private getFile(p: Params): unknown {
    const fileId = String(p.file_id);
    const file = this.files.get(fileId);
    if (!file) throw new ApiError(400, "Bad Request: invalid file_id");
    return { file_id: fileId, file_unique_id: `u-${fileId}`, file_size: file.content.length, file_path: fileId };
  }
}

// ---- helpers -------------------------------------------------------------------------------------

/** One POST of an update to the bot's webhook. */
export interface WebhookDelivery {
  update_id: number;
  /** The bot's HTTP status, or "failed" when no answer came (connection refused, reset, aborted). */
  status: number | "failed";
  at: number;
  /** The method of the webhook reply the answer carried, if any. */
  reply?: string;
}

/** The update's kind, as allowed_updates names it ("message", "callback_query"…). */
function updateType(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "";
}

/**
 * The chat an update belongs to, for delivering one chat's updates in order: the chat, else the user
 * (a button under an inline message has no chat), else the update alone.
 */
function updateChat(update: Update): number | string {
  const chat = update.message?.chat ?? update.edited_message?.chat ?? update.callback_query?.message?.chat ?? update.my_chat_member?.chat ?? update.chat_member?.chat;
  return chat?.id ?? update.callback_query?.from.id ?? update.inline_query?.from.id ?? `update-${update.update_id}`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const JSON_FIELDS = new Set(["reply_markup", "entities", "caption_entities", "allowed_updates", "commands", "scope", "link_preview_options", "reply_parameters"]);

function parseParams(contentType: string, body: Buffer, url: URL): Params {
  const params: Params = Object.fromEntries(url.searchParams.entries());
  if (body.length === 0) return params;
  if (contentType.startsWith("application/json")) return { ...params, ...(JSON.parse(body.toString("utf8")) as Params) };
  if (contentType.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
    const parts = parseMultipart(body, boundary?.[1] ?? boundary?.[2] ?? "");
    const files = new Map<string, FileRecord>();
    for (const part of parts) {
      if (part.filename !== undefined) files.set(part.name, { content: part.data, filename: part.filename, ...(part.contentType ? { mimeType: part.contentType } : {}) });
    }
    for (const part of parts) {
      if (part.filename !== undefined) continue;
      const value = part.data.toString("utf8");
      const attached = /^attach:\/\/(.+)$/.exec(value);
      if (attached) params[part.name] = files.get(attached[1] ?? "");
      else params[part.name] = JSON_FIELDS.has(part.name) ? JSON.parse(value) : coerce(value);
    }
    // A file sent directly in its own field (not through attach://).
    for (const [name, file] of files) if (!(name in params)) params[name] = file;
    return params;
  }
  return params;
}

/** A parameter as a string, the way Telegram reads scalars. */
function str(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return `${value}`;
  return JSON.stringify(value) ?? "";
}

function coerce(value: string): unknown {
  if (value === "true") return true;
  if (value === "false") return false;
  return value;
}

// ---- a simulated user ------------------------------------------------------------------------------

const QUIET_MS = 40;
const ANSWER_TIMEOUT_MS = 5_000;

export class FakeUser {
  private callbackCounter = 0;

  constructor(
    readonly tg: FakeTelegram,
    readonly profile: User,
  ) {}

  get id(): number {
    return this.profile.id;
  }

  /** Messages currently in this user's private chat with the bot (deleted ones left out). */
  get messages(): BotMessage[] {
    return this.tg.messagesIn(this.id).filter((m) => !m.deleted);
  }

  get events(): ChatEvent[] {
    return this.tg.eventsIn(this.id);
  }

  get toasts(): string[] {
    return this.events.flatMap((e) => (e.kind === "toast" ? [e.text] : []));
  }

  lastMessage(): BotMessage {
    const last = this.messages.at(-1);
    if (!last) throw new Error(`user ${this.id} has received nothing`);
    return last;
  }

  lastText(): string {
    return this.lastMessage().text;
  }

  /** Labels of the reply keyboard the user currently sees, row by row. */
  replyKeyboard(): string[][] | undefined {
    for (const m of [...this.messages].reverse()) {
      const markup = m.reply_markup;
      if (!markup) continue;
      if ("remove_keyboard" in markup) return undefined;
      if ("keyboard" in markup) return markup.keyboard.map((row) => row.map((b) => (typeof b === "string" ? b : b.text)));
    }
    return undefined;
  }

  private baseMessage() {
    return {
      message_id: this.tg.newMessageId(this.id),
      date: Math.floor(Date.now() / 1000),
      chat: { id: this.id, type: "private" as const, first_name: this.profile.first_name },
      from: this.profile,
    };
  }

  /** Sends a text message (commands get their bot_command entity) and waits for the bot's answer. */
  send(text: string): Promise<ChatEvent[]> {
    return this.act(() => this.push(text));
  }

  /** Queues a text message without waiting for an answer; returns its update id. */
  push(text: string): number {
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    return this.tg.pushUpdate({
      message: {
        ...this.baseMessage(),
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      },
    });
  }

  /** Sends any other kind of message (sticker, photo, voice, location, contact…) given its fields. */
  sendRaw(fields: Record<string, unknown>): Promise<ChatEvent[]> {
    return this.act(() => this.tg.pushUpdate({ message: { ...this.baseMessage(), ...fields } }));
  }

  sendSticker(): Promise<ChatEvent[]> {
    return this.sendRaw({ sticker: { file_id: "sticker-1", file_unique_id: "s1", type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "👍" } });
  }

  sendPhoto(): Promise<ChatEvent[]> {
    return this.sendRaw({ photo: [{ file_id: "photo-1", file_unique_id: "p1", width: 90, height: 90 }] });
  }

  sendVoice(): Promise<ChatEvent[]> {
    return this.sendRaw({ voice: { file_id: "voice-1", file_unique_id: "v1", duration: 2 } });
  }

  sendLocation(latitude = 56.01, longitude = 92.87): Promise<ChatEvent[]> {
    return this.sendRaw({ location: { latitude, longitude } });
  }

  /** Shares a contact; by default the user's own (what a request_contact button sends). */
  shareContact(phone_number: string, owner: number | undefined = this.id): Promise<ChatEvent[]> {
    return this.sendRaw({ contact: { phone_number, first_name: this.profile.first_name, ...(owner === undefined ? {} : { user_id: owner }) } });
  }

  sendDocument(filename: string, content: string | Buffer, mimeType = "application/octet-stream"): Promise<ChatEvent[]> {
    return this.act(() => this.pushDocument(filename, content, mimeType));
  }

  /** `sendDocument` without waiting for an answer; returns the update id. */
  pushDocument(filename: string, content: string | Buffer, mimeType = "application/octet-stream"): number {
    const data = typeof content === "string" ? Buffer.from(content) : content;
    const fileId = this.tg.storeFile(data, filename, mimeType);
    return this.tg.pushUpdate({ message: { ...this.baseMessage(), document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: filename, mime_type: mimeType, file_size: data.length } } });
  }

  /**
   * Blocks the bot (or unblocks it) as from the Telegram app: sends go 403 and the bot gets the
   * `my_chat_member` update Telegram sends. It shows nothing in the chat, so nothing is awaited here.
   */
  setBlocked(blocked: boolean): void {
    if (blocked) this.tg.blocked.add(this.id);
    else this.tg.blocked.delete(this.id);
    const bot = { id: this.tg.botInfo.id, is_bot: true as const, first_name: this.tg.botInfo.first_name, username: this.tg.botInfo.username };
    const member = { status: "member" as const, user: bot };
    const kicked = { status: "kicked" as const, user: bot, until_date: 0 };
    this.tg.pushUpdate({
      my_chat_member: {
        chat: { id: this.id, type: "private", first_name: this.profile.first_name },
        from: this.profile,
        date: Math.floor(Date.now() / 1000),
        old_chat_member: blocked ? member : kicked,
        new_chat_member: blocked ? kicked : member,
      },
    });
  }

  /** Presses the inline button with this label on the newest message that shows one. */
  press(label: string | RegExp): Promise<ChatEvent[]> {
    const { data, messageId } = this.button(label);
    return this.pressData(data, messageId);
  }

  /** Presses a button like `press` without waiting for an answer; returns the update id. */
  pushPress(label: string | RegExp): number {
    const { data, messageId } = this.button(label);
    return this.pushData(data, messageId);
  }

  private button(label: string | RegExp): { data: string; messageId: number } {
    const matches = (text: string) => (typeof label === "string" ? text === label : label.test(text));
    for (const message of [...this.messages].reverse()) {
      const markup = message.reply_markup;
      if (!markup || !("inline_keyboard" in markup)) continue;
      const button = markup.inline_keyboard.flat().find((b) => matches(b.text));
      if (button && "callback_data" in button && button.callback_data !== undefined) return { data: button.callback_data, messageId: message.message_id };
    }
    const seen = this.messages.flatMap((m) => (m.reply_markup && "inline_keyboard" in m.reply_markup ? m.reply_markup.inline_keyboard.flat().map((b) => b.text) : []));
    throw new Error(`user ${this.id} sees no button ${String(label)}; buttons: ${JSON.stringify(seen)}`);
  }

  /** Sends a callback query with any data, as a forged or stale client would. */
  pressData(data: string, messageId?: number): Promise<ChatEvent[]> {
    return this.act(() => this.pushData(data, messageId));
  }

  /** `pressData` without waiting for an answer; returns the update id. */
  pushData(data: string, messageId?: number): number {
    const message = messageId === undefined ? this.messages.at(-1) : this.messages.find((m) => m.message_id === messageId);
    const id = `${this.id}-${++this.callbackCounter}`;
    this.tg.registerCallbackQuery(id, this.id);
    return this.tg.pushUpdate({
      callback_query: {
        id,
        from: this.profile,
        chat_instance: `ci-${this.id}`,
        data,
        ...(message ? { message: this.tg.toTelegramMessage(message) } : {}),
      },
    });
  }

  /**
   * Presses a button and waits until the bot has also shown `visible` messages or edits besides its
   * toast. A handler answers the button first and then shows something; on a loaded machine the two
   * can come further apart than the quiet period `press` waits for.
   */
  async pressAndSee(label: string | RegExp, visible = 1): Promise<ChatEvent[]> {
    const before = this.events.length;
    await this.press(label);
    return this.seen(before, visible);
  }

  /** `pressData`, then waits like `pressAndSee`. */
  async pressDataAndSee(data: string, messageId?: number, visible = 1): Promise<ChatEvent[]> {
    const before = this.events.length;
    await this.pressData(data, messageId);
    return this.seen(before, visible);
  }

  private async seen(before: number, visible: number): Promise<ChatEvent[]> {
    const deadline = Date.now() + this.tg.answerTimeoutMs;
    while (this.events.slice(before).filter((e) => e.kind !== "toast").length < visible) {
      if (Date.now() > deadline) throw new Error(`user ${this.id}: the bot showed fewer than ${visible} messages or edits within ${this.tg.answerTimeoutMs} ms`);
      await sleep(5);
    }
    return this.waitForEvents(this.events.length - 1).then(() => this.events.slice(before));
  }

  /** Runs an action and resolves with the chat events it caused, once the bot has gone quiet. */
  private async act(action: () => unknown): Promise<ChatEvent[]> {
    const before = this.events.length;
    action();
    return this.waitForEvents(before);
  }

  async waitForEvents(before: number, timeoutMs = this.tg.answerTimeoutMs): Promise<ChatEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length === before) {
      if (Date.now() > deadline) throw new Error(`user ${this.id}: the bot did not answer within ${timeoutMs} ms`);
      await sleep(5);
    }
    let count = this.events.length;
    for (;;) {
      await sleep(QUIET_MS);
      while (this.tg.busy?.() && Date.now() < deadline) await sleep(2);
      if (this.events.length === count) break;
      count = this.events.length;
    }
    return this.events.slice(before);
  }

  /** Waits until a message (or edit) whose text matches arrives; for answers that come later. */
  async waitForText(pattern: RegExp, timeoutMs = this.tg.answerTimeoutMs): Promise<BotMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => pattern.test(m.text));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`user ${this.id}: no message matching ${pattern} (last: ${this.messages.at(-1)?.text ?? "none"})`);
      await sleep(10);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Texts of the messages and edits among some chat events. */
export function texts(events: ChatEvent[]): string[] {
  return events.flatMap((e) => (e.kind === "message" || e.kind === "edit" ? [e.message.text] : e.kind === "toast" ? [e.text] : []));
}
