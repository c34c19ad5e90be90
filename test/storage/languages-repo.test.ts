import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { LanguagesRepo } from "../../src/storage/languages-repo.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

let t: TestRedis;
let repo: LanguagesRepo;
beforeAll(async () => {
  t = await startTestRedis();
  repo = new LanguagesRepo(t.redis, t.keys, createLogger("silent"));
});
afterAll(async () => {
  await t.stop();
});

describe("LanguagesRepo", () => {
  it("knows nothing of a user who never talked to the bot", async () => {
    expect(await repo.get(100)).toBeUndefined();
    expect(await repo.getMany([100, 101])).toEqual(new Map());
    expect(await repo.getMany([])).toEqual(new Map());
  });

  it("records the language derived from Telegram and follows it when it changes", async () => {
    await repo.noteSpoken(110, "en");
    expect(await repo.get(110)).toEqual({ locale: "en", chosen: false });
    await repo.noteSpoken(110, "ru");
    expect(await repo.get(110)).toEqual({ locale: "ru", chosen: false });
  });

  it("keeps a /language choice over any language derived later, and lets a new choice replace it", async () => {
    await repo.noteSpoken(120, "ru");
    await repo.choose(120, "en");
    expect(await repo.get(120)).toEqual({ locale: "en", chosen: true });
    await repo.noteSpoken(120, "ru");
    expect(await repo.get(120)).toEqual({ locale: "en", chosen: true });
    await repo.choose(120, "ru");
    expect(await repo.get(120)).toEqual({ locale: "ru", chosen: true });
  });

  it("keeps a choice when another process notes a derived language at the same moment", async () => {
    // A second client, as another bot process has: the command is defined on each client.
    const client = t.redis.duplicate();
    await client.connect();
    try {
      const other = new LanguagesRepo(client, t.keys, createLogger("silent"));
      await Promise.all([repo.choose(125, "en"), ...Array.from({ length: 20 }, () => other.noteSpoken(125, "ru"))]);
      expect(await repo.get(125)).toEqual({ locale: "en", chosen: true });
    } finally {
      client.disconnect();
    }
  });

  it("reads many users' locales in one go, leaving out those without one", async () => {
    await repo.noteSpoken(130, "en");
    await repo.choose(131, "ru");
    expect(await repo.getMany([130, 131, 132])).toEqual(
      new Map([
        [130, "en"],
        [131, "ru"],
      ]),
    );
  });

  it("ignores a stored value that does not parse", async () => {
    await t.redis.hset(t.keys.languages, "140", "fr", "141", "chosen:de", "142", "spoken:en");
    expect(await repo.get(140)).toBeUndefined();
    expect(await repo.get(141)).toBeUndefined();
    expect(await repo.getMany([140, 141, 142])).toEqual(new Map([[142, "en"]]));
    // A value that is not a choice is replaced by the next derived one.
    await repo.noteSpoken(140, "ru");
    expect(await repo.get(140)).toEqual({ locale: "ru", chosen: false });
  });

  it("lists everyone who talked to the bot, and forgets a user", async () => {
    await t.redis.hset(t.keys.languages, "not-a-user", "spoken:en");
    const users = await repo.users();
    expect(users).toEqual(expect.arrayContaining([110, 120, 125, 130, 131]));
    expect(users).not.toContain(Number.NaN);
    expect(users).toEqual([...users].sort((a, b) => a - b));
    await repo.forget(110);
    expect(await repo.get(110)).toBeUndefined();
    expect(await repo.users()).not.toContain(110);
    // Forgetting someone unknown is no error.
    await repo.forget(999);
  });

  it("keeps its hash under the key prefix", async () => {
    expect(await t.all()).toContain(t.keys.languages);
  });
});
