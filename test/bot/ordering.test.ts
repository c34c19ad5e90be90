import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe("concurrency under the runner", () => {
  it("handles one chat's updates in order while another chat is not held up", async () => {
    const slow = h.tg.user(301, { language_code: "en" });
    const fast = h.tg.user(302, { language_code: "en" });
    // Every answer to the slow user takes Telegram 300 ms to acknowledge.
    h.tg.chatLatency.set(slow.id, 300);
    slow.push("/help");
    slow.push("/start");
    slow.push("/cancel");
    await fast.send("/help");
    const fastReplyAt = h.tg.calls.findIndex((c) => c.method === "sendMessage" && c.params.chat_id === fast.id);

    await slow.waitForText(/nothing to cancel/);
    const slowReplies = h.tg.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === slow.id);
    expect(slowReplies.map((c) => String(c.params.text).split("\n")[0])).toEqual([
      "<b>What I can do</b>",
      "Hello, User301! 👋",
      "Register to arrange business meetings and appear in the participant directory — it takes about a minute. The mission programme is open without registering.",
      "There is nothing to cancel. You are at the main menu.",
    ]);
    // The fast user's answer went out before the slow user's second update was even started.
    const slowSecondAt = h.tg.calls.indexOf(slowReplies[1] ?? slowReplies[0]!);
    expect(fastReplyAt).toBeGreaterThan(-1);
    expect(fastReplyAt).toBeLessThan(slowSecondAt);
  });
});
