/**
 * Issue 17, "Forum scale": a forum of 50,000 registered participants served by three bot processes
 * (`node dist/main.js`, webhook mode) on one Redis, on this machine.
 *
 * - the mission-day mix (bench/mix.ts) posted round-robin to the processes' webhooks, as a load balancer
 *   would: throughput (closed loop) and p99 (open loop at a fixed rate);
 * - the directory with 50,000 entries: /people and pages anywhere in its 10,000, p95; and the first page
 *   after someone registered (each process builds its index again);
 * - Redis memory (INFO memory) and each process's RSS;
 * - a broadcast to everyone through the organiser's /broadcast, the fake Telegram enforcing 30/s across
 *   chats and 1/s per chat, on a clock TIME_SCALE times faster (see bench/README.md for why).
 *
 * The bench posts updates to the processes itself (it is the balancer and Telegram's delivery): the
 * processes run the code of the checkout, whatever it does around handling (a per-chat lease, update_id
 * dedupe), so the same bench measures it once merged. A Redis of its own (AOF every second, as the
 * docker-compose file runs it), so that INFO memory is the forum's and other work on the machine's shared
 * Redis is not disturbed. `npm run bench` section `forum`, or `node --import tsx bench/forum.ts` alone.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { Redis } from "ioredis";
import { loadMissionFile } from "../src/content/load-mission.js";
import { createLogger } from "../src/logger.js";
import { createKeys } from "../src/storage/keys.js";
import { ParticipantsRepo } from "../src/storage/participants-repo.js";
import { FakeTelegram, sleep } from "../test/fake-telegram/server.js";
import { buildBot, startBotProcess, type BotProcess } from "../test/helpers/bot-process.js";
import { previewBroadcast } from "../test/helpers/broadcast-flow.js";
import { freePort, waitForRedis } from "../test/helpers/redis-server.js";
import { ORGANISER } from "./broadcast.js";
import { closedLoop, openLoop, round, summarize, type LatencySummary } from "./lib.js";
import { FIRST_USER, makeUpdates, NEWCOMER_SHARE, seedParticipants, textUpdate } from "./mix.js";

const silent = createLogger("silent");
const ORIGIN = "https://forum.bench";
const PATH = "/hook";
const SECRET = `forum-${randomUUID()}`;

export interface ForumOptions {
  /** Registered participants (the mix's newcomers come on top: a tenth of all users). */
  participants: number;
  processes: number;
  /** Updates of the mix in the closed loop, and in the open loop at `openRate` a second. */
  updates: number;
  concurrency: number;
  openRate: number;
  openUpdates: number;
  /** Directory requests (/people, then a page of it by its button) measured. */
  directoryRequests: number;
  /** The broadcast: Telegram's clock this many times faster (bot and fake alike), and the bot's bulk rate. */
  broadcastTimeScale: number;
  broadcastRate: number;
  /** The directory and the mix (with memory); false skips them (BENCH_FORUM_MIX=0). */
  mix: boolean;
  /** The broadcast to everyone registered; false skips it (BENCH_FORUM_BROADCAST=0). */
  broadcast: boolean;
}

export const FORUM_DEFAULTS: ForumOptions = {
  participants: 50_000,
  processes: 3,
  updates: 30_000,
  concurrency: 100,
  openRate: 100,
  openUpdates: 5_000,
  directoryRequests: 300,
  broadcastTimeScale: 1,
  broadcastRate: 30,
  mix: true,
  broadcast: true,
};

export interface ForumResult {
  machine: { cpus: number; cpu: string; memGiB: number; node: string };
  loadAverage: { atStart: number[]; beforeMix: number[]; beforeBroadcast: number[]; atEnd: number[] };
  participants: number;
  processes: number;
  seedSeconds: number;
  firstDirectoryPageMs?: number[];
  directory?: Traffic["directory"];
  mix?: Traffic["mix"];
  memory?: Traffic["memory"];
  broadcast?: BroadcastOutcome;
}

interface Traffic {
  /** Each process's first /people, which reads everyone. */
  firstDirectoryPageMs: number[];
  directory: { people: LatencySummary; page: LatencySummary; farthestPage: number; afterARegistrationMs: number[] };
  mix: { updates: number; updatesPerSecond: number; closed: LatencySummary; openRate: number; open: LatencySummary; failed: number };
  memory: { redisUsedMiB: number; redisRssMiB: number; redisKeys: number; redisBytesPerParticipant: number; rssMiB: number[] };
}

export interface BroadcastOutcome {
  recipients: number;
  blocked: number;
  timeScale: number;
  ratePerSecond: number;
  /** recipients ÷ rate: what it should take, in Telegram's seconds. */
  expectedTelegramSeconds: number;
  /** From "Send" to the last delivery, in Telegram's seconds (real seconds × scale) and real seconds. */
  telegramSeconds: number;
  realSeconds: number;
  achievedPerSecond: number;
  tooManyRequests: number;
  duplicates: number;
  lost: number;
  maxPerSecond: number;
}

// ---- infrastructure -----------------------------------------------------------------------------------

interface OwnRedis {
  url: string;
  stop(): Promise<void>;
}

async function ownRedis(): Promise<OwnRedis> {
  const dir = await mkdtemp(join(tmpdir(), "forum-redis-"));
  const port = await freePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes", "--appendfsync", "everysec"], { stdio: "ignore" });
  children.add(child);
  const url = `redis://127.0.0.1:${port}`;
  await waitForRedis(url);
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface Replica {
  bot: BotProcess;
  port: number;
}

// Every process the bench started, killed if the bench itself dies: none may outlive it.
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** Starts `count` bot processes into `into` (so that a failed start still leaves the others to stop). */
async function startReplicas(into: Replica[], count: number, env: Record<string, string>): Promise<Replica[]> {
  // One after another, and given time: on a loaded machine three cold starts at once take long.
  const started: Replica[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const bot = await startBotProcess({ ...env, BOT_MODE: "webhook", WEBHOOK_URL: `${ORIGIN}${PATH}`, WEBHOOK_SECRET: SECRET, PORT: String(port) }, 120_000);
    children.add(bot.child);
    into.push({ bot, port });
    started.push({ bot, port });
  }
  return started;
}

async function stopReplicas(replicas: Replica[]): Promise<void> {
  await Promise.all(replicas.map((r) => r.bot.stop()));
}

function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN);
  return round(kb / 1024, 1);
}

/** Posts an update to a process's webhook as Telegram does; resolves once the process answered (after handling). */
async function post(port: number, update: Update): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}

/** Round-robin over the processes, as a balancer without stickiness does. */
function balancer(replicas: Replica[]): { handle: (u: Update) => Promise<void>; failed: () => number } {
  let next = 0;
  let failed = 0;
  return {
    handle: async (u) => {
      const replica = replicas[next++ % replicas.length];
      if (!replica) return;
      try {
        await post(replica.port, u);
      } catch {
        failed += 1;
      }
    },
    failed: () => failed,
  };
}

let nextUpdateId = 50_000_000;
function pageUpdate(userId: number, messageId: number, page: number): Update {
  const from = { id: userId, is_bot: false, first_name: `U${userId}`, language_code: "en" };
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `forum-${nextUpdateId}`,
      from,
      chat_instance: `ci-${userId}`,
      data: `ppl:a:-:-:${page}`,
      message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private", first_name: from.first_name }, text: "…" },
    },
  };
}

async function timed(action: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await action();
  return round(performance.now() - t0, 1);
}

// ---- the bench --------------------------------------------------------------------------------------

export async function forumBench(options: ForumOptions = FORUM_DEFAULTS, log: (line: string) => void = console.log): Promise<ForumResult> {
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? "?", memGiB: round(totalmem() / 2 ** 30, 1), node: process.version };
  const load = () => loadavg().map((n) => round(n, 2));
  const atStart = load();
  await buildBot();
  const redisServer = await ownRedis();
  const redis = new Redis(redisServer.url);
  const prefix = `mbforum:${randomUUID().slice(0, 8)}:`;
  const keys = createKeys(prefix);
  const users = Math.round(options.participants / (1 - NEWCOMER_SHARE));
  const mission = await loadMissionFile("content/mission.yaml");
  const replicas: Replica[] = [];
  try {
    // Seeding: every record saved through the repository (its index sets and version with it), many at once.
    const emptyBytes = Number(/used_memory:(\d+)/.exec(await redis.info("memory"))?.[1] ?? 0);
    const seedStart = performance.now();
    await seedParticipants(new ParticipantsRepo(redis, keys, silent), mission, users);
    const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
    const registered = await redis.scard(keys.participantsAll);
    log(`   seeded ${registered} participants in ${seedSeconds} s`);

    // The bot processes take the fake Telegram's token and address from each part.
    const env = { REDIS_URL: redisServer.url, REDIS_KEY_PREFIX: prefix, ORGANISER_IDS: String(ORGANISER) };
    let beforeMix: number[] = [];
    const traffic = options.mix ? await measureTraffic() : undefined;
    const beforeBroadcast = load();
    const broadcast = options.broadcast ? await broadcastToForum(options, env, users) : undefined;
    return {
      machine,
      loadAverage: { atStart, beforeMix, beforeBroadcast, atEnd: load() },
      participants: registered,
      processes: options.processes,
      seedSeconds,
      ...traffic,
      ...(broadcast ? { broadcast } : {}),
    };

    async function measureTraffic(): Promise<Traffic> {
      const tg = await FakeTelegram.start();
      for (let id = FIRST_USER; id < FIRST_USER + users; id++) tg.started.add(id);
      await startReplicas(replicas, options.processes, { ...env, BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot });
      log(`   ${replicas.length} bot processes in webhook mode on ports ${replicas.map((r) => r.port).join(", ")}`);

      // The first /people of each process reads the 50,000 records and indexes them.
      const firstDirectoryPageMs: number[] = [];
      for (const [i, replica] of replicas.entries()) firstDirectoryPageMs.push(await timed(() => post(replica.port, textUpdate(FIRST_USER + i, "/people"))));

      // The directory, warm: /people, then its button to a page anywhere in it.
      const pages = Math.ceil(options.participants / 5);
      const peopleMs: number[] = [];
      const pageMs: number[] = [];
      let farthestPage = 0;
      const viewers = Array.from({ length: options.directoryRequests }, (_, i) => FIRST_USER + ((i * 7919) % options.participants));
      let cursor = 0;
      const directoryWorker = async () => {
        while (cursor < viewers.length) {
          const i = cursor++;
          const viewer = viewers[i];
          const replica = replicas[i % replicas.length];
          if (viewer === undefined || !replica) break;
          peopleMs.push(await timed(() => post(replica.port, textUpdate(viewer, "/people"))));
          const shown = tg.messagesIn(viewer).at(-1);
          if (!shown) throw new Error(`/people showed user ${viewer} nothing`);
          const page = (i * 104_729) % pages;
          farthestPage = Math.max(farthestPage, page);
          // A button's answer rides in the webhook's response, which then comes before the page is drawn:
          // the time is to the edit that shows the page asked for.
          const shows = (text: string) => /(?:page|страница) ([\d\s,\u00a0\u202f]+?) (?:of|из) /.exec(text)?.[1]?.replace(/\D/g, "") === String(page + 1);
          pageMs.push(
            await timed(async () => {
              await post(replica.port, pageUpdate(viewer, shown.message_id, page));
              const deadline = performance.now() + 30_000;
              while (!shows(tg.messagesIn(viewer).find((m) => m.message_id === shown.message_id)?.text ?? "")) {
                if (performance.now() > deadline) throw new Error(`page ${page} not shown to ${viewer}: ${tg.messagesIn(viewer).find((m) => m.message_id === shown.message_id)?.text.slice(0, 120) ?? "nothing"}; ${JSON.stringify(tg.calls.filter((c) => Number(c.params.chat_id) === viewer).slice(-2)).slice(0, 600)}`);
                await sleep(1);
              }
            }),
          );
        }
      };
      await Promise.all(Array.from({ length: 8 }, directoryWorker));

      // Someone registers (a save moves the participants' version): each process reads again who changed.
      const repo = new ParticipantsRepo(redis, keys, silent);
      const afterARegistrationMs: number[] = [];
      for (let round_ = 0; round_ < 2; round_++) {
        const p = await repo.get(FIRST_USER + round_);
        if (p) await repo.save({ ...p, position: `Director ${round_}` });
        for (const [i, replica] of replicas.entries()) afterARegistrationMs.push(await timed(() => post(replica.port, textUpdate(FIRST_USER + 100 + i, "/people"))));
      }
      log(`   directory: first page ${firstDirectoryPageMs.join(", ")} ms; after a registration ${afterARegistrationMs.join(", ")} ms`);

      // The mission-day mix, round-robin over the processes.
      beforeMix = load();
      const lb = balancer(replicas);
      const warm = makeUpdates(2_000, users);
      await closedLoop(warm, options.concurrency, lb.handle);
      const updates = makeUpdates(options.updates, users);
      const closed = await closedLoop(updates, options.concurrency, lb.handle);
      const open = await openLoop(makeUpdates(options.openUpdates, users), options.openRate, lb.handle);
      const mix = {
        updates: updates.length,
        updatesPerSecond: Math.round(updates.length / closed.seconds),
        closed: summarize(closed.latencies),
        openRate: options.openRate,
        open: summarize(open.latencies),
        failed: lb.failed(),
      };
      log(`   mix: ${mix.updatesPerSecond} updates/s, p99 ${mix.closed.p99} ms closed, ${mix.open.p99} ms at ${options.openRate}/s; ${mix.failed} failed`);

      const info = await redis.info("memory");
      const usedBytes = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
      const memory = {
        redisUsedMiB: round(usedBytes / 2 ** 20, 1),
        redisRssMiB: round(Number(/used_memory_rss:(\d+)/.exec(info)?.[1] ?? 0) / 2 ** 20, 1),
        redisKeys: await redis.dbsize(),
        redisBytesPerParticipant: Math.round((usedBytes - emptyBytes) / options.participants),
        rssMiB: replicas.map((r) => rssMiB(r.bot.child.pid)),
      };
      await stopReplicas(replicas.splice(0));
      await tg.stop();
      return {
        firstDirectoryPageMs,
        directory: { people: summarize(peopleMs), page: summarize(pageMs), farthestPage, afterARegistrationMs },
        mix,
        memory,
      };
    }

    async function broadcastToForum(o: ForumOptions, base: Record<string, string>, all: number): Promise<BroadcastOutcome> {
      const scale = o.broadcastTimeScale;
      const telegram = await FakeTelegram.start({ rateLimit: { globalPerSecond: o.broadcastRate, perChatPerSecond: 1, perChatBurst: 4, timeScale: scale } });
      const blocked = (id: number) => id % 100 === 0;
      for (let id = FIRST_USER; id < FIRST_USER + all; id++) {
        telegram.started.add(id);
        if (blocked(id)) telegram.blocked.add(id);
      }
      telegram.busy = () => telegram.webhookBusy();
      telegram.answerTimeoutMs = 120_000;
      const bulk: Replica[] = [];
      try {
        await startReplicas(bulk, o.processes, {
          ...base,
          BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          TELEGRAM_TIME_SCALE: String(scale),
          BROADCAST_RATE_PER_SECOND: String(o.broadcastRate),
        });
        // The organiser's updates reach one process (the fake delivers by webhook); the sends are shared
        // by all three through the queue and the one schedule in Redis.
        const first = bulk[0];
        if (!first) throw new Error("no process");
        telegram.routeWebhook(ORIGIN, `http://127.0.0.1:${first.port}`);
        const org = telegram.user(ORGANISER, { language_code: "en" });
        await previewBroadcast(org, "The forum's plenary session moves to hall B at 15:00.", "Пленарное заседание форума переносится в зал B, 15:00.", 120_000);
        const t0 = performance.now();
        // Not awaited: the organiser's chat is answered while the sends go; a slow answer is no failure here.
        org.press("✅ Send").catch(() => undefined);
        const recipients = await redis.scard(keys.participantsAll);
        const deadline = t0 + ((recipients / o.broadcastRate / scale) * 3 + 300) * 1000;
        let logged = performance.now();
        while (!org.messages.some((m) => /has gone out/.test(m.text))) {
          if (performance.now() > deadline) throw new Error("the broadcast did not finish in three times its expected time");
          await sleep(500);
          if (performance.now() - logged > 60_000) {
            logged = performance.now();
            const sent = telegram.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && Number(c.params.chat_id) !== ORGANISER).length;
            log(`   broadcast: ${sent} delivered after ${Math.round((logged - t0) / 1000)} s`);
          }
        }
        const realSeconds = (performance.now() - t0) / 1000;
        const ids = await redis.smembers(keys.participantsAll);
        let duplicates = 0;
        let lost = 0;
        for (const raw of ids) {
          const id = Number(raw);
          const got = telegram.messagesIn(id).filter((m) => /plenary|Пленарное/.test(m.text)).length;
          if (got > 1) duplicates += 1;
          if (got === 0 && !blocked(id)) lost += 1;
        }
        const sends = telegram.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) !== ORGANISER && Number(c.params.chat_id) > 0);
        const span = ((sends.at(-1)?.at ?? 0) - (sends[0]?.at ?? 0)) / 1000;
        return {
          recipients,
          blocked: ids.filter((raw) => blocked(Number(raw))).length,
          timeScale: scale,
          ratePerSecond: o.broadcastRate,
          expectedTelegramSeconds: Math.round(recipients / o.broadcastRate),
          telegramSeconds: Math.round(realSeconds * scale),
          realSeconds: round(realSeconds, 1),
          achievedPerSecond: span > 0 ? round((sends.length - 1) / (span * scale), 1) : 0,
          tooManyRequests: sends.filter((c) => c.status === 429).length,
          duplicates,
          lost,
          maxPerSecond: Math.max(...telegram.sendsPerSecond().values()),
        };
      } finally {
        await stopReplicas(bulk);
        await telegram.stop();
      }
    }
  } finally {
    await stopReplicas(replicas);
    redis.disconnect();
    await redisServer.stop();
  }
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw === undefined || raw === "" ? fallback : Number(raw);
}

/** The options, with BENCH_FORUM_* overriding the defaults (a smaller forum for a quick look). */
export function forumOptions(): ForumOptions {
  const d = FORUM_DEFAULTS;
  return {
    participants: envNumber("BENCH_FORUM_PARTICIPANTS", d.participants),
    processes: envNumber("BENCH_FORUM_PROCESSES", d.processes),
    updates: envNumber("BENCH_FORUM_UPDATES", d.updates),
    concurrency: envNumber("BENCH_FORUM_CONCURRENCY", d.concurrency),
    openRate: envNumber("BENCH_FORUM_OPEN_RATE", d.openRate),
    openUpdates: envNumber("BENCH_FORUM_OPEN_UPDATES", d.openUpdates),
    directoryRequests: envNumber("BENCH_FORUM_DIRECTORY_REQUESTS", d.directoryRequests),
    broadcastTimeScale: envNumber("BENCH_FORUM_TIME_SCALE", d.broadcastTimeScale),
    broadcastRate: envNumber("BENCH_FORUM_RATE", d.broadcastRate),
    mix: process.env.BENCH_FORUM_MIX !== "0",
    broadcast: process.env.BENCH_FORUM_BROADCAST !== "0",
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) {
  forumBench(forumOptions()).then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
