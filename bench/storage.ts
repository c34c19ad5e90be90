/**
 * Section 4 of `npm run bench`: a restart with `npm start`, the compiled bot's cold start and memory, and what a mission's data costs
 * in Redis. 10,000 participants and 20,000 meeting requests are written through the real repositories
 * under a throwaway prefix, measured key by key (MEMORY USAGE: INFO memory's used_memory moves with every
 * other client of a shared Redis, and went negative here), then served by the compiled bot while
 * registered participants page the directory and open their requests. Every key is removed afterwards.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { markDelivered, newRequest, transition, type MeetingRequest } from "../src/domain/meetings/request.js";
import { createLogger } from "../src/logger.js";
import { createKeys } from "../src/storage/keys.js";
import { MeetingsRepo } from "../src/storage/meetings-repo.js";
import { ParticipantsRepo } from "../src/storage/participants-repo.js";
import { createRedis, type Redis } from "../src/storage/redis.js";
import { FakeTelegram, sleep, type FakeUser } from "../test/fake-telegram/server.js";
import { keysUnder } from "../test/helpers/prefix.js";
import { dropPrefix } from "./broadcast.js";
import { person, round, summarize, type LatencySummary } from "./lib.js";

const silent = createLogger("silent");
const root = new URL("../", import.meta.url).pathname;

export interface StorageResult {
  participants: number;
  requests: number;
  /** Sum of MEMORY USAGE of the keys each kind of data adds, divided by how many were stored. */
  bytesPerParticipant: number;
  bytesPerRequest: number;
  /** Of those, the record itself (participant hash, request JSON); the rest is index and guard keys. */
  participantRecordBytes: number;
  requestRecordBytes: number;
  keys: number;
  secondsToWrite: number;
}

export interface ProcessResult {
  /** `npm start` (its build up to date: a restart) to the first getUpdates, on an empty prefix; median of three, and the range. */
  npmStartMs: number;
  npmStartRangeMs: string;
  /** CPU time its processes had used by then (median): on a loaded machine the wall time is this spread over the share of a core it gets. */
  npmStartCpuMs: number;
  /** Against an empty Redis prefix. */
  coldStartMs: number;
  rssAtStartMiB: number;
  /** Against the prefix holding the participants and requests. */
  coldStartWithDataMs: number;
  rssWithDataAtStartMiB: number;
  /** After 3,000 /start from 1,000 registered participants; then after directory pages and "my requests" from 50 of them. */
  rssAfterStartsMiB: number;
  rssAfterUpdatesMiB: number;
  updates: number;
  /** From a directory page's request to the bot's first answer, as the fake user saw it; one user at a time. */
  directoryPage: LatencySummary;
  myRequests: LatencySummary;
}

/**
 * Bytes Redis attributes to the keys under the prefix (SAMPLES 0: every element counted), in total and
 * for the records alone (`participant:<id>`, `meeting:<id>`).
 */
async function bytesUnder(redis: Redis, prefix: string): Promise<{ bytes: number; participantRecords: number; requestRecords: number; keys: number }> {
  const keys = await keysUnder(redis, prefix);
  const found = { bytes: 0, participantRecords: 0, requestRecords: 0, keys: keys.length };
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000);
    const pipeline = redis.pipeline();
    for (const key of chunk) pipeline.call("MEMORY", "USAGE", key, "SAMPLES", "0");
    ((await pipeline.exec()) ?? []).forEach(([err, value], j) => {
      if (err) return;
      const bytes = Number(value ?? 0);
      const name = (chunk[j] ?? "").slice(prefix.length);
      found.bytes += bytes;
      if (/^participant:\d+$/.test(name)) found.participantRecords += bytes;
      if (/^meeting:[a-z0-9]+$/.test(name)) found.requestRecords += bytes;
    });
  }
  return found;
}

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

const MISSION_START = Date.parse("2026-12-08T02:00:00Z");
const MESSAGE = "Good afternoon! We make power electronics for mining excavators and would like to discuss supplies to your sites.";

/**
 * Requests from delegates to hosts, each pair once, taken through the domain's own transitions: all were
 * shown to their host; 3 in 10 accepted, 2 in 10 declined, the rest waiting for an answer.
 */
function requests(count: number, ids: readonly number[]): MeetingRequest[] {
  const hosts = ids.filter((id) => person(id).role === "host");
  const delegates = ids.filter((id) => person(id).role === "delegate");
  const out: MeetingRequest[] = [];
  for (let i = 0; i < count; i++) {
    const from = delegates[i % delegates.length] ?? 0;
    const round = Math.floor(i / delegates.length);
    const to = hosts[(from * 31 + round * 977) % hosts.length] ?? 0;
    const at = MISSION_START - 86_400_000 + i * 1_000;
    const slotStart = MISSION_START + (i % 40) * 20 * 60_000;
    let r = newRequest({ id: `bench${i.toString(36).padStart(5, "0")}`, from, to, slot: i % 3 === 0 ? null : { start: slotStart, end: slotStart + 20 * 60_000 }, message: MESSAGE, now: at, delivered: false });
    r = markDelivered(r, 100 + i, at + 2_000) ?? r;
    const answer = i % 10 < 3 ? transition(r, to, { type: "accept" }, at + 60_000) : i % 10 < 5 ? transition(r, to, { type: "decline", reason: "busy" }, at + 60_000) : undefined;
    if (answer?.ok) r = answer.request;
    out.push(r);
  }
  return out;
}

/** Writes participants, then requests, through the repositories; measures each kind's bytes. */
async function seed(redis: Redis, prefix: string, participants: number, count: number): Promise<StorageResult> {
  const keys = createKeys(prefix);
  const people = new ParticipantsRepo(redis, keys, silent);
  const meetings = new MeetingsRepo(redis, keys, silent);
  const ids = Array.from({ length: participants }, (_, i) => i + 1);
  const t0 = performance.now();
  await inBatches(ids, 500, (id) => people.save(person(id)));
  const afterPeople = await bytesUnder(redis, prefix);
  await inBatches(requests(count, ids), 500, async (r) => {
    if ((await meetings.create(r, r.updatedAt)) !== "ok") throw new Error(`request ${r.id} not stored`);
  });
  const afterRequests = await bytesUnder(redis, prefix);
  return {
    participants,
    requests: count,
    bytesPerParticipant: Math.round(afterPeople.bytes / participants),
    bytesPerRequest: Math.round((afterRequests.bytes - afterPeople.bytes) / count),
    participantRecordBytes: Math.round(afterPeople.participantRecords / participants),
    requestRecordBytes: Math.round(afterRequests.requestRecords / count),
    keys: afterRequests.keys,
    secondsToWrite: round((performance.now() - t0) / 1000, 1),
  };
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

interface Running {
  child: ChildProcess;
  tg: FakeTelegram;
  ms: number;
  stop: () => Promise<void>;
}

/** Starts the compiled bot (`node dist/main.js`) on a prefix; resolves at its first getUpdates. */
async function startBot(redisUrl: string, prefix: string): Promise<Running> {
  const tg = await FakeTelegram.start();
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--max-semi-space-size=32", "dist/main.js"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: "silent" },
    stdio: "ignore",
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    await tg.stop();
  };
  try {
    while (!tg.calls.some((c) => c.method === "getUpdates")) {
      if (child.exitCode !== null) throw new Error("the bot exited during the cold start");
      await sleep(2);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { child, tg, ms: Math.round(performance.now() - t0), stop };
}

/**
 * `npm start` as an operator runs it, from the spawn to the bot's first getUpdates (when users get
 * answers again), on an empty prefix; then a SIGTERM to its process group, as a terminal's Ctrl+C or
 * systemd would send. `cwd` is the checkout to start (another one measures the code before a change).
 */
export async function npmStartToPolling(redisUrl: string, cwd = root): Promise<{ ms: number; cpuMs: number }> {
  const tg = await FakeTelegram.start();
  const prefix = `mbbench:${randomUUID().slice(0, 8)}:`;
  const t0 = performance.now();
  const child = spawn("npm", ["start"], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: "silent" },
    stdio: "ignore",
    detached: true,
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    while (!tg.calls.some((c) => c.method === "getUpdates")) {
      if (child.exitCode !== null) throw new Error("npm start exited before polling");
      await sleep(2);
    }
    return { ms: Math.round(performance.now() - t0), cpuMs: groupCpuMs(child.pid ?? 0) };
  } finally {
    if (child.exitCode === null) process.kill(-(child.pid ?? 0), "SIGTERM");
    // npm exits once the bot has (it passes the signal on and waits).
    await exited;
    await tg.stop();
    const redis = createRedis(redisUrl, silent);
    await redis.connect();
    await dropPrefix(redis, prefix);
    redis.disconnect();
  }
}

/**
 * CPU time (user + system) of the processes in a process group, and of the children they waited for
 * (tsc's build, under npm start), from /proc; NaN where there is no /proc.
 */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      try {
        // After the ")" that ends the command: state, ppid, pgrp, … utime (14th field of the line), stime, cutime, cstime.
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").at(-1)?.trim().split(" ") ?? [];
        if (Number(fields[2]) !== pgid) continue;
        ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
      } catch {
        // exited meanwhile
      }
    }
  } catch {
    return Number.NaN;
  }
  return Math.round((ticks * 1000) / CLOCK_TICKS_PER_SECOND);
}
// USER_HZ, 100 on Linux.
const CLOCK_TICKS_PER_SECOND = 100;

// A bot paging 10,000 people for several users at once can take longer than FakeUser's 5 s to answer.
const ANSWER_DEADLINE_MS = 60_000;
let callbacks = 0;

/**
 * A user's message or button press, as FakeUser's send / pressData but with a longer deadline; returns
 * the time to the bot's first answer (a reply, an edit or a toast), then waits for it to go quiet.
 */
async function act(user: FakeUser, what: { text: string } | { data: string }): Promise<number> {
  const before = user.events.length;
  const t0 = performance.now();
  if ("text" in what) {
    user.push(what.text);
  } else {
    const id = `bench-${++callbacks}`;
    user.tg.registerCallbackQuery(id, user.id);
    const message = user.messages.at(-1);
    user.tg.pushUpdate({
      callback_query: { id, from: user.profile, chat_instance: `ci-${user.id}`, data: what.data, ...(message ? { message: user.tg.toTelegramMessage(message) } : {}) },
    });
  }
  const deadline = Date.now() + ANSWER_DEADLINE_MS;
  while (user.events.length === before) {
    if (Date.now() > deadline) throw new Error(`user ${user.id}: no answer to ${JSON.stringify(what)} within ${ANSWER_DEADLINE_MS} ms`);
    await sleep(1);
  }
  const ms = performance.now() - t0;
  await user.waitForEvents(before, ANSWER_DEADLINE_MS);
  return ms;
}

async function browse(user: FakeUser, pages: number[], mine: number[]): Promise<void> {
  pages.push(await act(user, { text: "/people" }));
  pages.push(await act(user, { data: "ppl:a:-:-:1" }));
  pages.push(await act(user, { data: "ppl:h:-:-:2" }));
  mine.push(await act(user, { text: "/meetings" }));
}

export async function processBench(redisUrl: string, participants = 10_000, count = 20_000): Promise<{ process: ProcessResult; storage: StorageResult }> {
  // What npm start does first: brings dist/ up to date (nothing to do when it is).
  execFileSync(`${root}node_modules/.bin/tsc`, ["-b", "tsconfig.build.json"], { cwd: root });
  const npmStarts: number[] = [];
  const npmCpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { ms, cpuMs } = await npmStartToPolling(redisUrl);
    npmStarts.push(ms);
    npmCpu.push(cpuMs);
  }
  npmStarts.sort((a, b) => a - b);
  npmCpu.sort((a, b) => a - b);
  const redis = createRedis(redisUrl, silent);
  await redis.connect();
  const empty = `mbbench:${randomUUID().slice(0, 8)}:`;
  const full = `mbbench:${randomUUID().slice(0, 8)}:`;
  try {
    // The cold start as before: nothing stored yet.
    const bare = await startBot(redisUrl, empty);
    await sleep(200);
    const rssAtStart = rssMiB(bare.child.pid ?? 0);
    await bare.stop();

    const storage = await seed(redis, full, participants, count);
    const bot = await startBot(redisUrl, full);
    try {
      await sleep(200);
      const pid = bot.child.pid ?? 0;
      const rssWithData = rssMiB(pid);
      const users = Array.from({ length: 1_000 }, (_, i) => bot.tg.user(i + 1, { language_code: i % 2 ? "en" : "ru" }));
      const before = bot.tg.calls.length;
      for (let r = 0; r < 3; r++) for (const u of users) u.push("/start");
      while (bot.tg.calls.filter((c, i) => i >= before && c.method === "sendMessage").length < users.length * 3) await sleep(20);
      const rssAfterStarts = rssMiB(pid);
      // Participants browsing: /people, two more pages, /meetings. Ten of them one after another (the
      // latencies), then forty more ten at a time (the memory of pages built side by side).
      const pages: number[] = [];
      const mine: number[] = [];
      await inBatches(users.slice(0, 10), 1, (u) => browse(u, pages, mine));
      await inBatches(users.slice(10, 50), 10, (u) => browse(u, [], []));
      const rssAfter = rssMiB(pid);
      return {
        storage,
        process: {
          npmStartMs: npmStarts[1] ?? 0,
          npmStartRangeMs: `${npmStarts[0]}–${npmStarts[2]}`,
          npmStartCpuMs: npmCpu[1] ?? 0,
          coldStartMs: bare.ms,
          rssAtStartMiB: rssAtStart,
          coldStartWithDataMs: bot.ms,
          rssWithDataAtStartMiB: rssWithData,
          rssAfterStartsMiB: rssAfterStarts,
          rssAfterUpdatesMiB: rssAfter,
          updates: users.length * 3 + 50 * 4,
          directoryPage: summarize(pages),
          myRequests: summarize(mine),
        },
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await dropPrefix(redis, empty);
    await dropPrefix(redis, full);
    redis.disconnect();
  }
}

