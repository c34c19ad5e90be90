import { createHmac } from "node:crypto";
import { z } from "zod";

const DEFAULT_API_ROOT = "https://api.telegram.org";

const idList = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const ids: number[] = [];
    for (const part of raw.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
      if (!/^\d{1,15}$/.test(part)) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not a Telegram user id` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return ids;
  });

/** Where Redis is: one server (`redis://`, or `rediss://` for TLS) or a Sentinel set naming its master. */
export type RedisTarget =
  | { kind: "server"; url: string }
  | {
      kind: "sentinel";
      sentinels: { host: string; port: number }[];
      /** The master's name, as the sentinels know it. */
      name: string;
      username?: string;
      password?: string;
      sentinelPassword?: string;
      db: number;
      tls: boolean;
    };

const SENTINEL_URL = /^(rediss?)-sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#@]+)\/([^/?#]+)\/?(?:\?([^#]*))?$/;
const hostPort = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;

/**
 * REDIS_URL: `redis://[user:password@]host:port[/db]` and `rediss://…` (TLS) as ioredis reads them, or a
 * Sentinel set: `redis-sentinel://[user:password@]host1:26379,host2:26379/mymaster[?db=0&sentinelPassword=…]`
 * (`rediss-sentinel://` for TLS to the sentinels and the master). The user and password are the master's;
 * a sentinel's port defaults to 26379.
 */
export const redisUrlSchema = z.string().transform((raw, ctx): RedisTarget => {
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  const sentinel = SENTINEL_URL.exec(raw);
  if (sentinel) {
    const [, scheme, user, password, hosts = "", name = "", query = ""] = sentinel;
    const sentinels: { host: string; port: number }[] = [];
    for (const part of hosts.split(",")) {
      const m = hostPort.exec(part.trim());
      const port = Number(m?.[2] ?? 26379);
      if (!m?.[1] || port < 1 || port > 65535) return fail(`"${part}" is not host:port of a sentinel`);
      sentinels.push({ host: m[1].replace(/^\[|\]$/g, ""), port });
    }
    const params = new URLSearchParams(query);
    for (const key of params.keys()) if (key !== "db" && key !== "sentinelPassword") return fail(`unknown parameter "${key}" (db, sentinelPassword)`);
    const db = Number(params.get("db") ?? 0);
    if (!Number.isInteger(db) || db < 0) return fail("db must be a whole number ≥ 0");
    const sentinelPassword = params.get("sentinelPassword");
    return {
      kind: "sentinel",
      sentinels,
      name: decodeURIComponent(name),
      ...(user ? { username: decodeURIComponent(user) } : {}),
      ...(password ? { password: decodeURIComponent(password) } : {}),
      ...(sentinelPassword ? { sentinelPassword } : {}),
      db,
      tls: scheme === "rediss",
    };
  }
  if (/^rediss?-sentinel:/.test(raw)) return fail("must look like redis-sentinel://host1:26379,host2:26379/mastername");
  if (!/^rediss?:\/\/[^/?#]/.test(raw) || !URL.canParse(raw)) {
    return fail("must start with redis:// or rediss:// (TLS), or name a Sentinel set: redis-sentinel://host1:26379,host2:26379/mastername");
  }
  return { kind: "server", url: raw };
});

const base = z.object({
  BOT_TOKEN: z
    .string({ error: "is required (get one from @BotFather)" })
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456:ABC-DEF… (from @BotFather)"),
  TELEGRAM_API_ROOT: z
    .url({ error: "must be a URL such as https://api.telegram.org" })
    .default(DEFAULT_API_ROOT)
    // grammY appends `/bot<token>/<method>`; a trailing slash would double it.
    .transform((s) => s.replace(/\/+$/, "")),
  // Unset: the Redis on this machine at LOCAL_REDIS_PORT, which the bot starts itself if nothing answers.
  REDIS_URL: redisUrlSchema.optional(),
  LOCAL_REDIS_PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(6379),
  LOCAL_REDIS_DIR: z.string().min(1).default("data/redis"),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,40}$/, "letters, digits and _ : . - only, up to 40")
    .default("mb:"),
  MISSION_FILE: z.string().min(1).default("content/mission.yaml"),
  ORGANISER_IDS: idList,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Every bulk send together (broadcasts, notices, reminders, digests); below Telegram's ~30/s, so that
  // replies find room even at the start of a second, before the bulk schedule has seen them.
  BROADCAST_RATE_PER_SECOND: z.coerce.number({ error: "must be a number" }).positive().max(1000).default(25),
  BROADCAST_CHAT_RATE_PER_SECOND: z.coerce.number({ error: "must be a number" }).positive().max(30).default(1),
  BROADCAST_LOCK_MS: z.coerce.number({ error: "must be a number" }).int().min(200).max(600_000).default(15_000),
  // Telegram's one budget for everything the bot sends: bulk sends take what replies leave of it.
  TELEGRAM_BUDGET_PER_SECOND: z.coerce.number({ error: "must be a number" }).int().positive().max(1000).default(30),
  /** Key of the check-in codes' signatures; unset: derived from BOT_TOKEN (a new token makes new codes). */
  CHECKIN_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  TELEGRAM_TIME_SCALE: z.coerce.number({ error: "must be a number" }).min(1).max(1000).default(1),
});

const mode = z.object({
  BOT_MODE: z.enum(["polling", "webhook"], { error: 'must be "polling" or "webhook"' }).default("polling"),
});
const webhook = z.object({
  WEBHOOK_URL: z.url({ error: "is required in webhook mode and must be an https URL" }).startsWith("https://", "must be an https URL"),
  WEBHOOK_SECRET: z
    .string({ error: "is required in webhook mode (12+ characters of A-Z a-z 0-9 _ -)" })
    .regex(/^[A-Za-z0-9_-]{12,256}$/, "must be 12–256 characters of A-Z a-z 0-9 _ -"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  // How long a process that died mid-update holds its chat up; renewed while an update is handled.
  CHAT_LEASE_MS: z.coerce.number({ error: "must be a number" }).int().min(500).max(60_000).default(5_000),
});

// The organisers' console (a Telegram Mini App): Telegram opens Mini Apps only over https.
const consoleVars = z.object({
  CONSOLE_URL: z
    .url({ error: "must be the console's public https URL, such as https://bot.example.org/console/" })
    .startsWith("https://", "must be an https URL (Telegram opens Mini Apps only over https)")
    .optional(),
  CONSOLE_PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(8081),
});

type Raw = z.infer<typeof base>;

export interface Config {
  botToken: string;
  apiRoot: string;
  /** REDIS_URL as given (or the local Redis's); every connection is made from it (storage/redis.ts). */
  redisUrl: string;
  /**
   * Set when REDIS_URL is not: `redisUrl` is then this machine's port, and the bot starts redis-server
   * there (data in `dir`) if nothing answers. With REDIS_URL set the bot never starts one.
   */
  localRedis: { port: number; dir: string } | undefined;
  redisKeyPrefix: string;
  missionFile: string;
  organiserIds: readonly number[];
  logLevel: Raw["LOG_LEVEL"];
  broadcast: {
    /** Bulk messages a second across chats, every kind and every process together (jobs/pacing). */
    perSecond: number;
    /** Bulk messages a second to one chat. */
    perChatPerSecond: number;
    /** How soon the jobs of a worker that died mid-send are picked up again. */
    lockMs: number;
    /** Runs Telegram's clock faster (tests and benchmarks against the fake Telegram only): 1 in production. */
    timeScale: number;
  };
  telegram: {
    /** Messages a second Telegram takes from the bot, replies and bulk sends together. */
    budgetPerSecond: number;
  };
  mode: { kind: "polling" } | { kind: "webhook"; url: string; secret: string; port: number; chatLeaseMs: number };
  /** HMAC key of the check-in codes printed as QR codes (domain/checkin/payload.ts). */
  checkinSecret: string;
  /**
   * The organisers' console, when CONSOLE_URL is set: served under `path` by the webhook server in
   * webhook mode, on a server of its own at `port` under long polling.
   */
  console: { url: string; path: string; port: number } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads the config from an environment-like record; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as in a .env file with `KEY=`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = base.safeParse(cleaned);
  const parsedMode = mode.safeParse(cleaned);
  const isWebhook = parsedMode.success && parsedMode.data.BOT_MODE === "webhook";
  const parsedWebhook = isWebhook ? webhook.safeParse(cleaned) : undefined;
  const parsedConsole = consoleVars.safeParse(cleaned);
  // Collect the problems of every part so one start names every bad variable at once.
  const issues = [parsed, parsedMode, parsedWebhook, parsedConsole].flatMap((r) => (r && !r.success ? r.error.issues : []));
  if (!parsed.success || !parsedConsole.success || issues.length > 0) {
    throw new ConfigError(issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const c = parsed.data;
  const w = parsedWebhook?.success ? parsedWebhook.data : undefined;
  return {
    botToken: c.BOT_TOKEN,
    apiRoot: c.TELEGRAM_API_ROOT,
    redisUrl: cleaned.REDIS_URL ?? `redis://127.0.0.1:${c.LOCAL_REDIS_PORT}`,
    localRedis: c.REDIS_URL === undefined ? { port: c.LOCAL_REDIS_PORT, dir: c.LOCAL_REDIS_DIR } : undefined,
    redisKeyPrefix: c.REDIS_KEY_PREFIX,
    missionFile: c.MISSION_FILE,
    organiserIds: c.ORGANISER_IDS,
    logLevel: c.LOG_LEVEL,
    broadcast: {
      perSecond: c.BROADCAST_RATE_PER_SECOND,
      perChatPerSecond: c.BROADCAST_CHAT_RATE_PER_SECOND,
      lockMs: c.BROADCAST_LOCK_MS,
      timeScale: c.TELEGRAM_TIME_SCALE,
    },
    telegram: { budgetPerSecond: c.TELEGRAM_BUDGET_PER_SECOND },
    checkinSecret: c.CHECKIN_SECRET ?? createHmac("sha256", "mission-bot check-in codes").update(c.BOT_TOKEN).digest("base64url"),
    mode: w ? { kind: "webhook", url: w.WEBHOOK_URL, secret: w.WEBHOOK_SECRET, port: w.PORT, chatLeaseMs: w.CHAT_LEASE_MS } : { kind: "polling" },
    console: consoleOf(parsedConsole.data),
  };
}

function consoleOf(c: z.infer<typeof consoleVars>): Config["console"] {
  if (c.CONSOLE_URL === undefined) return undefined;
  // Served under the URL's path, always with a trailing slash so that the page's relative links resolve.
  const path = new URL(c.CONSOLE_URL).pathname.replace(/\/*$/, "/");
  return { url: c.CONSOLE_URL, path, port: c.CONSOLE_PORT };
}
