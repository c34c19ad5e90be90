import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { parseMission } from "../../src/content/load-mission.js";
import type { Mission } from "../../src/domain/mission/schema.js";
import { createLogger } from "../../src/logger.js";
import { MissionService } from "../../src/services/mission-service.js";
import { ChangeFeed } from "../../src/storage/change-feed.js";
import { ProgrammeRepository } from "../../src/storage/programme-repository.js";
import { createRedis, type Redis } from "../../src/storage/redis.js";
import { until } from "../helpers/bot-process.js";
import { itemOf, sampleYaml } from "../helpers/mission-file.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

// Two "processes": each its own Redis connections, its own MissionService; only B listens to the feed.
const silent = createLogger("silent");
let t: TestRedis;
let other: Redis;
let feed: ChangeFeed;
let a: MissionService;
let b: MissionService;
const b2b = (m: Mission) => m.days.flatMap((d) => d.items).find((i) => i.id === "d1-opening")?.start;

async function yamlWithOpeningAt(start: string): Promise<string> {
  return sampleYaml((m) => {
    itemOf(m, "d1-opening").start = start;
    itemOf(m, "d1-opening").end = "11:45";
  });
}

beforeAll(async () => {
  t = await startTestRedis();
  other = createRedis(inject("redisUrl"), silent);
  await other.connect();
  const source = await sampleYaml();
  const mission = parseMission(source, "test");
  a = new MissionService(mission, { source, store: new ProgrammeRepository(t.redis, t.keys, silent), logger: silent });
  b = new MissionService(mission, { source, store: new ProgrammeRepository(other, t.keys, silent), logger: silent });
  await a.load(1);
  await b.load(1);
  feed = new ChangeFeed(other, t.keys, silent);
  feed.on("programme", () => b.refresh());
  await feed.start();
});
afterAll(async () => {
  await feed.stop();
  other.disconnect();
  await t.stop();
});

describe("the change feed", () => {
  it("brings a programme published by one process to another within a second", async () => {
    expect(b2b(b.current())).toBe("09:30");
    const source = await yamlWithOpeningAt("11:00");
    await a.publish({ mission: parseMission(source, "test"), source }, 900, 2);
    const published = Date.now();
    await until(() => b2b(b.current()) === "11:00", "B to take the new programme", 1_000);
    expect(Date.now() - published).toBeLessThan(1_000);
    expect(b.revision()).toBe(a.revision());
    expect(b.source()).toBe(source);
  });

  it("re-reads after a reconnect what was published while it was disconnected", async () => {
    const list = await t.redis.client("LIST");
    const id = new RegExp(`id=(\\d+) [^\\n]*name=${t.keys.changes.replace(/[:]/g, "\\:")} `).exec(String(list))?.[1];
    expect(id).toBeDefined();
    await t.redis.client("KILL", "ID", id ?? "");
    // Published while nobody of B listens: the notice is lost, as it would be in a network cut.
    const source = await yamlWithOpeningAt("11:15");
    await a.publish({ mission: parseMission(source, "test"), source }, 900, 3);
    const [, listeners] = (await t.redis.pubsub("NUMSUB", t.keys.changes)) as [string, number];
    expect(listeners).toBe(0);
    await until(() => b2b(b.current()) === "11:15", "B to re-read after reconnecting", 3_000);
    // And it listens again.
    const next = await yamlWithOpeningAt("10:45");
    await a.publish({ mission: parseMission(next, "test"), source: next }, 900, 4);
    await until(() => b2b(b.current()) === "10:45", "B to take the next programme", 1_000);
  });

  it("publishes over a revision only while it is the one in force: of two organisers who opened the same, the second is refused", async () => {
    await until(() => b.revision() === a.revision(), "both on one publication", 3_000);
    const opened = a.revision();
    const first = await yamlWithOpeningAt("11:20");
    const second = await yamlWithOpeningAt("11:30");
    // Milliseconds since the epoch, as in production: the check prints them as integers, not as 1.7e+12.
    expect(await b.publish({ mission: parseMission(first, "test"), source: first }, 901, 1_796_475_894_365, opened)).toBe(true);
    expect(await a.publish({ mission: parseMission(second, "test"), source: second }, 902, 1_796_475_894_366, opened)).toBe(false);
    const stored = await new ProgrammeRepository(t.redis, t.keys, silent).published();
    expect(stored).toMatchObject({ source: first, publishedBy: 901, publishedAt: 1_796_475_894_365 });
    expect(b2b(a.current())).not.toBe("11:30");
    // Over the revision now in force it goes.
    expect(await a.publish({ mission: parseMission(second, "test"), source: second }, 902, 1_796_475_894_367, b.revision())).toBe(true);
    expect((await new ProgrammeRepository(t.redis, t.keys, silent).published())?.source).toBe(second);
    await until(() => b.revision() === a.revision(), "B to take it", 1_000);
  });

  it("ignores a notice it does not know, and one that names no change", async () => {
    const before = b.revision();
    await t.redis.publish(t.keys.changes, "nonsense");
    await t.redis.publish(t.keys.changes, "programme");
    await new Promise((r) => setTimeout(r, 100));
    expect(b.revision()).toBe(before);
    expect(parse(b.source())).toBeTruthy();
  });
});
