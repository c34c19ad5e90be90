import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, redisUrlSchema } from "../src/config.js";

const token = "123456:ABC-def_1";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("has defaults for everything but the token", () => {
    const { checkinSecret, ...config } = loadConfig({ BOT_TOKEN: token });
    expect(checkinSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(config).toEqual({
      botToken: token,
      apiRoot: "https://api.telegram.org",
      redisUrl: "redis://127.0.0.1:6379",
      localRedis: { port: 6379, dir: "data/redis" },
      redisKeyPrefix: "mb:",
      missionFile: "content/mission.yaml",
      organiserIds: [],
      logLevel: "info",
      broadcast: { perSecond: 25, perChatPerSecond: 1, lockMs: 15_000, timeScale: 1 },
      telegram: { budgetPerSecond: 30 },
      mode: { kind: "polling" },
    });
  });

  it("keys the check-in codes by CHECKIN_SECRET, or by a secret derived from the token that changes with it", () => {
    const derived = loadConfig({ BOT_TOKEN: token }).checkinSecret;
    expect(derived).not.toContain(token);
    expect(loadConfig({ BOT_TOKEN: token }).checkinSecret).toBe(derived);
    expect(loadConfig({ BOT_TOKEN: "123456:ABCDEFabcdef_-012345678901234567" }).checkinSecret).not.toBe(derived);
    expect(loadConfig({ BOT_TOKEN: token, CHECKIN_SECRET: "sixteen-chars-at-least" }).checkinSecret).toBe("sixteen-chars-at-least");
    expect(() => loadConfig({ BOT_TOKEN: token, CHECKIN_SECRET: "short" })).toThrow(/CHECKIN_SECRET: must be at least 16 characters/);
  });

  it("names every bad or missing variable at once", () => {
    const found = problems({ ORGANISER_IDS: "12, abc", REDIS_URL: "localhost:6379", BOT_MODE: "hook", LOG_LEVEL: "loud" });
    expect(found).toHaveLength(5);
    expect(found.join("\n")).toMatch(/^BOT_TOKEN: is required/m);
    expect(found.join("\n")).toMatch(/^ORGANISER_IDS: "abc" is not a Telegram user id/m);
    expect(found.join("\n")).toMatch(/^REDIS_URL: must start with redis:\/\//m);
    expect(found.join("\n")).toMatch(/^BOT_MODE: must be "polling" or "webhook"/m);
    expect(found.join("\n")).toMatch(/^LOG_LEVEL: /m);
  });

  it("treats empty values as unset and strips a trailing slash from the API root", () => {
    const config = loadConfig({ BOT_TOKEN: token, REDIS_URL: "", TELEGRAM_API_ROOT: "http://127.0.0.1:8081/", ORGANISER_IDS: " 1 ,2 " });
    expect(config.apiRoot).toBe("http://127.0.0.1:8081");
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379");
    expect(config.organiserIds).toEqual([1, 2]);
  });

  it("starts a Redis of its own only without REDIS_URL, on LOCAL_REDIS_PORT with data in LOCAL_REDIS_DIR", () => {
    const local = loadConfig({ BOT_TOKEN: token, LOCAL_REDIS_PORT: "6390", LOCAL_REDIS_DIR: "/srv/bot/redis" });
    expect(local.redisUrl).toBe("redis://127.0.0.1:6390");
    expect(local.localRedis).toEqual({ port: 6390, dir: "/srv/bot/redis" });
    const given = loadConfig({ BOT_TOKEN: token, REDIS_URL: "redis://10.0.0.5:6379", LOCAL_REDIS_PORT: "6390" });
    expect(given.redisUrl).toBe("redis://10.0.0.5:6379");
    expect(given.localRedis).toBeUndefined();
    expect(problems({ BOT_TOKEN: token, LOCAL_REDIS_PORT: "70000" })).toEqual([expect.stringMatching(/^LOCAL_REDIS_PORT: /)]);
  });

  it("requires an https URL and a 12+ character secret in webhook mode", () => {
    expect(problems({ BOT_TOKEN: token, BOT_MODE: "webhook", WEBHOOK_URL: "http://x.org/h", WEBHOOK_SECRET: "short" })).toEqual([
      "WEBHOOK_URL: must be an https URL",
      "WEBHOOK_SECRET: must be 12–256 characters of A-Z a-z 0-9 _ -",
    ]);
    const config = loadConfig({ BOT_TOKEN: token, BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/tg", WEBHOOK_SECRET: "abcdefghijkl", PORT: "9000" });
    expect(config.mode).toEqual({ kind: "webhook", url: "https://bot.example.org/tg", secret: "abcdefghijkl", port: 9000, chatLeaseMs: 5_000 });
    const leased = { BOT_TOKEN: token, BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/tg", WEBHOOK_SECRET: "abcdefghijkl" };
    expect(loadConfig({ ...leased, CHAT_LEASE_MS: "2000" }).mode).toMatchObject({ chatLeaseMs: 2_000 });
    expect(problems({ ...leased, CHAT_LEASE_MS: "100" })).toEqual([expect.stringMatching(/^CHAT_LEASE_MS: /)]);
  });

  it("rejects a malformed token", () => {
    expect(problems({ BOT_TOKEN: "not a token" })).toEqual([expect.stringMatching(/^BOT_TOKEN: must look like/)]);
  });

  it("reads the broadcast rates and names a bad one", () => {
    const config = loadConfig({ BOT_TOKEN: token, BROADCAST_RATE_PER_SECOND: "30", BROADCAST_CHAT_RATE_PER_SECOND: "0.5", TELEGRAM_TIME_SCALE: "20" });
    expect(config.broadcast).toEqual({ perSecond: 30, perChatPerSecond: 0.5, lockMs: 15_000, timeScale: 20 });
    expect(loadConfig({ BOT_TOKEN: token, TELEGRAM_BUDGET_PER_SECOND: "28" }).telegram).toEqual({ budgetPerSecond: 28 });
    expect(problems({ BOT_TOKEN: token, TELEGRAM_BUDGET_PER_SECOND: "0" }).join("\n")).toMatch(/^TELEGRAM_BUDGET_PER_SECOND: /m);
    const found = problems({ BOT_TOKEN: token, BROADCAST_RATE_PER_SECOND: "fast", BROADCAST_CHAT_RATE_PER_SECOND: "0", BROADCAST_LOCK_MS: "10" });
    expect(found).toHaveLength(3);
    expect(found.join("\n")).toMatch(/^BROADCAST_RATE_PER_SECOND: must be a number/m);
    expect(found.join("\n")).toMatch(/^BROADCAST_CHAT_RATE_PER_SECOND: /m);
    expect(found.join("\n")).toMatch(/^BROADCAST_LOCK_MS: /m);
  });

  it("turns the organisers' console on with an https CONSOLE_URL, served under its path", () => {
    expect(loadConfig({ BOT_TOKEN: token }).console).toBeUndefined();
    expect(loadConfig({ BOT_TOKEN: token, CONSOLE_URL: "https://bot.example.org/console" }).console).toEqual({ url: "https://bot.example.org/console", path: "/console/", port: 8081 });
    expect(loadConfig({ BOT_TOKEN: token, CONSOLE_URL: "https://bot.example.org/", CONSOLE_PORT: "9090" }).console).toEqual({ url: "https://bot.example.org/", path: "/", port: 9090 });
    expect(problems({ BOT_TOKEN: token, CONSOLE_URL: "http://bot.example.org/console/", CONSOLE_PORT: "99999" })).toEqual([
      "CONSOLE_URL: must be an https URL (Telegram opens Mini Apps only over https)",
      "CONSOLE_PORT: must be a port number",
    ]);
  });

  describe("REDIS_URL", () => {
    const target = (url: string) => redisUrlSchema.parse(url);

    it("takes one server by redis://, or rediss:// for TLS, as ioredis reads them", () => {
      expect(loadConfig({ BOT_TOKEN: token, REDIS_URL: "rediss://:s3cret@redis.example.org:6380/2" }).redisUrl).toBe("rediss://:s3cret@redis.example.org:6380/2");
      expect(target("rediss://:s3cret@redis.example.org:6380/2")).toEqual({ kind: "server", url: "rediss://:s3cret@redis.example.org:6380/2" });
      expect(target("redis://10.0.0.5")).toEqual({ kind: "server", url: "redis://10.0.0.5" });
    });

    it("takes a Sentinel set: the sentinels, the master's name, its password, db and the sentinels' password", () => {
      const url = "redis-sentinel://:m%40ster@10.0.0.1:26379,10.0.0.2:26380,sentinel-3/mymaster?db=3&sentinelPassword=guard";
      expect(loadConfig({ BOT_TOKEN: token, REDIS_URL: url })).toMatchObject({ redisUrl: url, localRedis: undefined });
      expect(target(url)).toEqual({
        kind: "sentinel",
        sentinels: [
          { host: "10.0.0.1", port: 26379 },
          { host: "10.0.0.2", port: 26380 },
          { host: "sentinel-3", port: 26379 },
        ],
        name: "mymaster",
        password: "m@ster",
        sentinelPassword: "guard",
        db: 3,
        tls: false,
      });
      expect(target("rediss-sentinel://s1.example.org:26379/forum")).toEqual({
        kind: "sentinel",
        sentinels: [{ host: "s1.example.org", port: 26379 }],
        name: "forum",
        db: 0,
        tls: true,
      });
    });

    it("names what is wrong with a Sentinel URL or any other", () => {
      expect(problems({ BOT_TOKEN: token, REDIS_URL: "redis-sentinel://h1:26379,h2:26379" })).toEqual([
        "REDIS_URL: must look like redis-sentinel://host1:26379,host2:26379/mastername",
      ]);
      expect(problems({ BOT_TOKEN: token, REDIS_URL: "redis-sentinel://h1:99999/mymaster" })).toEqual(['REDIS_URL: "h1:99999" is not host:port of a sentinel']);
      expect(problems({ BOT_TOKEN: token, REDIS_URL: "redis-sentinel://h1/mymaster?database=1" })).toEqual(['REDIS_URL: unknown parameter "database" (db, sentinelPassword)']);
      expect(problems({ BOT_TOKEN: token, REDIS_URL: "http://h1:6379" })).toEqual([expect.stringMatching(/^REDIS_URL: must start with redis:\/\/ or rediss:\/\/ \(TLS\)/)]);
    });
  });
});
