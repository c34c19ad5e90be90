import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { sequentialize } from "../../src/bot/sequentialize.js";

const ctxOf = (chat: string) => ({ chat }) as unknown as Context;
const keyOf = (ctx: Context) => (ctx as unknown as { chat: string }).chat;

describe("sequentialize", () => {
  it("runs one chat's updates one after another, even after a failure, while other chats go ahead", async () => {
    const lane = sequentialize(keyOf);
    const log: string[] = [];
    let releaseFirst = () => {};
    const first = lane(ctxOf("a"), async () => {
      log.push("a1 start");
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push("a1 end");
      throw new Error("a1 failed");
    });
    const second = lane(ctxOf("a"), () => {
      log.push("a2");
      return Promise.resolve();
    });
    const other = lane(ctxOf("b"), () => {
      log.push("b1");
      return Promise.resolve();
    });
    await other;
    expect(log).toEqual(["a1 start", "b1"]);
    releaseFirst();
    await expect(first).rejects.toThrow("a1 failed");
    await second;
    expect(log).toEqual(["a1 start", "b1", "a1 end", "a2"]);
    // A chat with nothing in flight starts at once.
    await lane(ctxOf("a"), () => {
      log.push("a3");
      return Promise.resolve();
    });
    expect(log.at(-1)).toBe("a3");
  });
});
