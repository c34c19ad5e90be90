import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { newRequest, transition } from "../../src/domain/meetings/request.js";
import type { SideOutcome } from "../../src/domain/outcomes/outcome.js";
import { createLogger } from "../../src/logger.js";
import { createKeys } from "../../src/storage/keys.js";
import { MeetingsRepo } from "../../src/storage/meetings-repo.js";
import { OutcomesRepo } from "../../src/storage/outcomes-repo.js";
import { FakeTelegram, sleep, type FakeUser } from "../fake-telegram/server.js";
import { buildBot, BUILD_TIMEOUT_MS, startBotProcess, until, type BotProcess } from "../helpers/bot-process.js";
import { sampleYaml, writeMissionFile } from "../helpers/mission-file.js";
import { People } from "../helpers/people.js";
import { deleteKeysUnder } from "../helpers/prefix.js";

/**
 * The `kill -9` drill for the question after a meeting: the bot process dies after the meeting's end and
 * before the question went out; the next process asks it, once, and a restart after that asks nothing again.
 */
const prefix = `mbtest:${randomUUID().slice(0, 8)}:`;
const DELEGATE = 3201;
const HOST = 3202;
let tg: FakeTelegram;
let redis: Redis;
let missionFile: string;
let bot: BotProcess | undefined;
const outputs: string[] = [];

async function start(): Promise<void> {
  bot = await startBotProcess({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, REDIS_URL: inject("redisUrl"), REDIS_KEY_PREFIX: prefix, MISSION_FILE: missionFile });
}

function questions(u: FakeUser): string[] {
  return u.messages.map((m) => m.text).filter((text) => /^🤝 (Did you meet|Встреча с )/.test(text));
}

beforeAll(buildBot, BUILD_TIMEOUT_MS);

beforeAll(async () => {
  tg = await FakeTelegram.start();
  redis = new Redis(inject("redisUrl"));
  // Asked as soon as the slot ends, so that the drill runs on the real clock of a bot process.
  missionFile = await writeMissionFile(await sampleYaml((m) => (m.outcomes = { ask_after_minutes: 0 })));
  await start();
});
afterAll(async () => {
  await bot?.kill();
  await deleteKeysUnder(redis, prefix);
  redis.disconnect();
  await tg.stop();
});

describe("the bot killed with SIGKILL between a meeting's end and the question", () => {
  it("asks each side once after the restart, and a later restart asks nothing again", async () => {
    const keys = createKeys(prefix);
    const silent = createLogger("silent");
    await new People(redis, prefix).add({ id: DELEGATE, locale: "ru", fields: { fullName: "Фёдор Пащенко" } }, { id: HOST, locale: "en", role: "host", fields: { fullName: "Nikolay Kolpakov", company: "KRITBI" } });
    const delegate = tg.user(DELEGATE, { language_code: "ru" });
    const host = tg.user(HOST, { language_code: "en" });
    tg.started.add(DELEGATE).add(HOST);

    // A meeting agreed earlier whose slot ends two seconds from now, on the schedule as an accept puts it.
    // The running process swept at its start and sweeps again only in a minute.
    const end = Date.now() + 2_000;
    const request = newRequest({ id: "drill0000001", from: DELEGATE, to: HOST, slot: { start: end - 20 * 60_000, end }, message: "Обсудим нагревательные элементы?", now: end - 3_600_000, delivered: true });
    const agreed = transition(request, HOST, { type: "accept" }, end - 3_000_000);
    if (!agreed.ok) throw new Error(agreed.reason);
    expect(await new MeetingsRepo(redis, keys, silent).create(agreed.request, agreed.request.updatedAt)).toBe("ok");
    const outcomes = new OutcomesRepo(redis, keys, silent);
    await outcomes.schedule([DELEGATE, HOST].map((userId) => ({ kind: "ask" as const, n: 0, at: end, meetingId: "drill0000001", userId })));

    // Past the meeting's end, nothing asked yet: killed here.
    await until(() => Date.now() > end + 500, "the meeting's end");
    expect([...questions(delegate), ...questions(host)]).toEqual([]);
    await bot?.kill();
    outputs.push(bot?.output() ?? "");

    await start();
    await until(() => questions(delegate).length > 0 && questions(host).length > 0, "both questions", 20_000);
    expect(questions(delegate)[0]).toMatch(/^🤝 Встреча с Nikolay Kolpakov, KRITBI состоялась\?\n🕒 .* \(красноярское время, UTC\+7\)$/);
    expect(questions(host)[0]).toMatch(/^🤝 Did you meet Фёдор Пащенко, Feal-Technology LLC\?\n🕒 .* \(Krasnoyarsk time, UTC\+7\)$/);
    const sent = async () => Promise.all([DELEGATE, HOST].map(async (id) => JSON.parse((await redis.get(keys.outcome("drill0000001", id))) ?? "{}") as Partial<SideOutcome>));
    await until(async () => (await sent()).every((o) => o.asks === 1), "the questions noted as sent");
    expect(await outcomes.scheduled()).toBe(0);

    // A graceful restart, and another kill: nothing is asked twice.
    expect(await bot?.stop()).toBe(0);
    outputs.push(bot?.output() ?? "");
    await start();
    await sleep(1_500);
    await bot?.kill();
    outputs.push(bot?.output() ?? "");
    await start();
    await sleep(1_500);
    expect(questions(delegate)).toHaveLength(1);
    expect(questions(host)).toHaveLength(1);
    expect((await sent()).map((o) => o.asks)).toEqual([1, 1]);

    outputs.push(bot?.output() ?? "");
    const errors = outputs.flatMap((out) => out.split("\n")).filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  }, 60_000); // four bot processes started from scratch
});
