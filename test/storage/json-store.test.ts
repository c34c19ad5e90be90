import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createLogger } from "../../src/logger.js";
import { redisJsonStore } from "../../src/storage/json-store.js";
import { startTestRedis, type TestRedis } from "../helpers/test-redis.js";

let t: TestRedis;
let key: (name: string) => string;
beforeAll(async () => {
  t = await startTestRedis();
  key = (name) => `${t.keys.sessionPrefix}${name}`;
});
afterAll(async () => {
  await t.stop();
});

const schema = z.object({ language: z.enum(["ru", "en"]).optional(), saved: z.object({ ids: z.array(z.string()) }).optional(), busy: z.boolean().optional() });
const TTL = 5_000;
const store = () => redisJsonStore(t.redis, schema, createLogger("silent"), "test", TTL);

/** Stored with a short TTL, so that a write by the store (TTL 5,000 s) shows. */
async function put(name: string, value: unknown): Promise<void> {
  await t.redis.set(key(name), JSON.stringify(value), "EX", 100);
}
const written = async (name: string) => (await t.redis.ttl(key(name))) > 100;

describe("redisJsonStore", () => {
  it("treats what is not JSON or fails the schema as absent", async () => {
    const s = store();
    await t.redis.set(key("bad1"), "{not json");
    await put("bad2", { language: "de" });
    expect(await s.read(key("bad1"))).toBeUndefined();
    expect(await s.read(key("bad2"))).toBeUndefined();
    expect(await s.read(key("none"))).toBeUndefined();
  });

  it("skips writing back exactly what was read, and writes a change", async () => {
    const s = store();
    await put("a", { language: "ru", saved: { ids: ["x"] } });
    const value = await s.read(key("a"));
    await s.write(key("a"), { language: "ru", saved: { ids: ["x"] } });
    expect(await written("a")).toBe(false);
    expect(value).toEqual({ language: "ru", saved: { ids: ["x"] } });
    value?.saved?.ids.push("y"); // changed in place, as handlers may
    await s.read(key("a"));
    await s.write(key("a"), value ?? {});
    expect(JSON.parse((await t.redis.get(key("a"))) ?? "")).toEqual({ language: "ru", saved: { ids: ["x", "y"] } });
    expect(await written("a")).toBe(true);
  });

  it("reads what another process wrote, and a deleted key as absent", async () => {
    const s = store();
    await put("c1", { language: "en" });
    expect(await s.read(key("c1"))).toEqual({ language: "en" });
    await put("c1", { language: "ru" });
    expect(await s.read(key("c1"))).toEqual({ language: "ru" });
    await s.delete(key("c1"));
    expect(await t.redis.exists(key("c1"))).toBe(0);
    expect(await s.read(key("c1"))).toBeUndefined();
  });
});
