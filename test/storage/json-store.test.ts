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
type Value = z.infer<typeof schema>;
const TTL = 5_000;
const store = (shareable?: (v: Value) => boolean) => redisJsonStore(t.redis, schema, createLogger("silent"), "test", TTL, shareable ? { shareable } : {});

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
    value?.saved?.ids.push("y"); // not shared: a value of its own, changed in place
    await s.read(key("a"));
    await s.write(key("a"), value ?? {});
    expect(JSON.parse((await t.redis.get(key("a"))) ?? "")).toEqual({ language: "ru", saved: { ids: ["x", "y"] } });
    expect(await written("a")).toBe(true);
  });

  it("hands out shareable values as copies of one frozen value, without writing them back unchanged", async () => {
    const s = store((v) => v.busy === undefined);
    await put("b", { language: "en", saved: { ids: ["x"] } });
    const first = await s.read(key("b"));
    const second = await s.read(key("b"));
    expect(second).toEqual({ language: "en", saved: { ids: ["x"] } });
    expect(second).not.toBe(first);
    expect(second?.saved).toBe(first?.saved);
    expect(Object.isFrozen(second?.saved?.ids)).toBe(true);
    expect(() => second?.saved?.ids.push("y")).toThrow(TypeError);
    // Looked at, or a field set to what it was: nothing written.
    if (second) second.language = "en";
    await s.write(key("b"), second ?? {});
    expect(await written("b")).toBe(false);
    // The same text in a new object: nothing written either.
    await s.read(key("b"));
    await s.write(key("b"), { language: "en", saved: { ids: ["x"] } });
    expect(await written("b")).toBe(false);
  });

  it("writes a shareable value whose fields were replaced, removed or added, and reads what another process wrote", async () => {
    const s = store((v) => v.busy === undefined);
    for (const [name, change] of [
      ["c1", (v: Value) => void (v.saved = { ids: ["x", "z"] })],
      ["c2", (v: Value) => void delete v.language],
      ["c3", (v: Value) => void (v.busy = true)],
    ] as const) {
      await put(name, { language: "en", saved: { ids: ["x"] } });
      const value = (await s.read(key(name))) ?? {};
      change(value);
      await s.write(key(name), value);
      expect(await written(name)).toBe(true);
      expect(JSON.parse((await t.redis.get(key(name))) ?? "")).toEqual(value);
    }
    // c3 now holds a value that is not shareable: it comes back as a value of its own.
    const own = await s.read(key("c3"));
    expect(Object.isFrozen(own?.saved)).toBe(false);
    // Another process changes c1: the next read sees it, not what was kept.
    await put("c1", { language: "ru" });
    expect(await s.read(key("c1"))).toEqual({ language: "ru" });
    await t.redis.del(key("c1"));
    expect(await s.read(key("c1"))).toBeUndefined();
  });
});
