import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { loadMissionFile } from "../src/content/load-mission.js";
import { createLogger } from "../src/logger.js";
import { createRedis } from "../src/storage/redis.js";
import { FakeTelegram, sleep } from "../test/fake-telegram/server.js";
import { OwnRedis } from "../test/helpers/redis-server.js";

const silent = createLogger("silent");
const HELP = "What I can do";
const APOLOGY = "The bot is temporarily unavailable. Please try again in a minute.";

export interface OutageResult {
  users: number;
  offeredPerSecond: number;
  outageMs: number;
  /** From starting redis-server again to it taking connections. */
  redisBackMs: number;
  /** From Redis taking connections to the first normal answer, and to every user having had one. */
  firstAnswerMs: number;
  allUsersMs: number;
  apologies: number;
  /** Updates never answered at all (goal 0). */
  unanswered: number;
}

/**
 * 5. The outage drill of `npm test` (test/drills/redis-outage.test.ts), measured: `users` users each send
 * /help every 100 ms to the bot (in process, long polling over HTTP) while its own redis-server (AOF) is
 * stopped for `outageMs`; how soon after Redis returns the bot answers normally again (issue 7: 2 s).
 */
export async function outageBench(users = 20, outageMs = 5_000): Promise<OutageResult> {
  const dir = mkdtempSync(join(tmpdir(), "mb-bench-redis-"));
  const own = await OwnRedis.start(dir);
  const tg = await FakeTelegram.start();
  const config = loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, REDIS_URL: own.url, REDIS_KEY_PREFIX: `mbbench:${randomUUID().slice(0, 8)}:`, LOG_LEVEL: "silent" });
  const redis = createRedis(own.url, silent);
  await redis.connect();
  const app = buildApp(config, { logger: silent, redis, mission: await loadMissionFile(config.missionFile) });
  await app.start();
  const people = Array.from({ length: users }, (_, i) => tg.user(50_000 + i, { language_code: "en" }));
  const normalAt = new Map<number, number[]>();
  let answers = 0;
  let apologies = 0;
  tg.events.on("chat-event", (chatId: number, event: { kind: string; message?: { text: string } }) => {
    if (event.kind !== "message") return;
    answers += 1;
    const text = event.message?.text ?? "";
    if (text === APOLOGY) apologies += 1;
    else if (text.startsWith(HELP)) normalAt.set(chatId, [...(normalAt.get(chatId) ?? []), performance.now()]);
  });
  let pushed = 0;
  let stopped = false;
  const traffic = (async () => {
    while (!stopped) {
      for (const u of people) u.push("/help");
      pushed += people.length;
      await sleep(100);
    }
  })();
  try {
    await sleep(1_000);
    await own.down();
    await sleep(outageMs);
    const upFrom = performance.now();
    await own.up();
    const upAt = performance.now();
    const firstNormal = (chatId: number) => normalAt.get(chatId)?.find((t) => t >= upAt);
    const deadline = upAt + 30_000;
    while (people.some((u) => firstNormal(u.id) === undefined) && performance.now() < deadline) await sleep(10);
    await sleep(1_000);
    stopped = true;
    await traffic;
    const settle = performance.now() + 5_000;
    while (answers < pushed && performance.now() < settle) await sleep(20);
    const firsts = people.map((u) => (firstNormal(u.id) ?? Number.NaN) - upAt);
    return {
      users,
      offeredPerSecond: users * 10,
      outageMs,
      redisBackMs: Math.round(upAt - upFrom),
      firstAnswerMs: Math.round(Math.min(...firsts)),
      allUsersMs: Math.round(Math.max(...firsts)),
      apologies,
      unanswered: pushed - answers,
    };
  } finally {
    stopped = true;
    await app.stop();
    redis.disconnect();
    await own.down();
    rmSync(dir, { recursive: true, force: true });
    await tg.stop();
  }
}
