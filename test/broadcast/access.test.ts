import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORGANISER_COMMANDS, PUBLIC_COMMANDS } from "../../src/bot/commands.js";
import { texts } from "../fake-telegram/server.js";
import { previewBroadcast } from "../helpers/broadcast-flow.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { People } from "../helpers/people.js";

const ORGANISER = 7201;
const INTRUDER = 7299;
const DEMOTED = 7202;
let h: Harness;
let people: People;

beforeAll(async () => {
  h = await startHarness({
    env: { ORGANISER_IDS: String(ORGANISER), BROADCAST_RATE_PER_SECOND: "2", TELEGRAM_TIME_SCALE: "5" },
  });
  people = new People(h.redis, h.prefix);
  // An organiser by an invite (their role), who will lose it; known not to be reachable meanwhile (blocked
  // the bot): "everyone" counts them, and sends them nothing.
  await people.add({ id: DEMOTED, locale: "en", role: "organiser", reachable: false, fields: { unreachableReason: "blocked" } });
  for (let id = 1; id <= 20; id++) {
    await people.add({ id, locale: "ru" });
    h.tg.started.add(id);
  }
  await people.add({ id: INTRUDER, locale: "en" });
  h.tg.started.add(INTRUDER);
});
afterAll(async () => {
  await h.stop();
});

// Every button the broadcast feature ever shows, and forged variants of them.
const BUTTONS = ["bca:all", "bca:host", "bca:tags", "bct:mining", "bcb", "bcg:yes", "bcl:en", "bck", "bcs", "bcx", "bcstop:1", "bcstop:999", "bca:evil", "bcstop:-1", "bcstop"];

describe("organiser-only", () => {
  it("refuses a non-organiser every command and every button, and nothing happens", async () => {
    // A broadcast is running (slowly) while the intruder tries.
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    await previewBroadcast(org, "Meeting at 9", "Встреча в 9");
    await org.press("✅ Send");
    await org.waitForText(/Announcement #1: sending…/);
    const seqBefore = await h.redis.get(`${h.prefix}bc:seq`);

    const intruder = h.tg.user(INTRUDER, { language_code: "en" });
    for (const command of ["/broadcast", "/broadcasts"]) {
      expect(texts(await intruder.send(command))).toEqual(["This command is for the mission's organisers."]);
    }
    // Not in a flow: what the intruder sends next is just an unknown text.
    expect(texts(await intruder.send("Everyone, free drinks at the bar!"))).toEqual(["I did not understand that. Use the menu buttons or send /help."]);
    for (const data of BUTTONS) {
      expect(texts(await intruder.pressData(data)), data).toEqual(["Only organisers can use this button."]);
    }

    // The broadcast went on untouched, to its recipients only, and nothing new was stored.
    await org.waitForText(/has gone out: 21 of 22/, 20_000);
    expect(await h.redis.hget(`${h.prefix}bc:1`, "status")).toBe("done");
    expect(await h.redis.get(`${h.prefix}bc:seq`)).toBe(seqBefore);
    expect(await h.redis.zrange(`${h.prefix}bc:index`, 0, -1)).toEqual(["1"]);
    expect((await h.keys()).filter((k) => /:bc:(?!1(:|$))\d/.test(k))).toEqual([]);
    for (let id = 1; id <= 20; id++) expect(h.tg.messagesIn(id).map((m) => m.text)).toEqual(["Встреча в 9"]);
    // The intruder is a participant: they got the announcement, and otherwise only refusals.
    expect(intruder.messages.map((m) => m.text).sort()).toEqual(
      [
        "This command is for the mission's organisers.",
        "This command is for the mission's organisers.",
        "I did not understand that. Use the menu buttons or send /help.",
        "Meeting at 9",
      ].sort(),
    );
  });

  it("ends the flow of an organiser whose role is taken away in the middle of it, sending nothing", async () => {
    const org = h.tg.user(DEMOTED, { language_code: "en" });
    const seqBefore = await h.redis.get(`${h.prefix}bc:seq`);
    await previewBroadcast(org, "Party tonight", "Вечеринка сегодня");
    await people.add({ id: DEMOTED, locale: "en", role: "delegate", reachable: false });
    expect(texts(await org.press("✅ Send"))).toEqual(["Only organisers can use this button."]);
    expect(texts(await org.send("some text"))).toEqual(["I did not understand that. Use the menu buttons or send /help."]);
    expect(await h.redis.get(`${h.prefix}bc:seq`)).toBe(seqBefore);
    for (let id = 1; id <= 20; id++) expect(h.tg.messagesIn(id).map((m) => m.text)).not.toContain("Вечеринка сегодня");
  });

  it("tells an organiser that a button of a finished flow is out of date", async () => {
    const org = h.tg.user(ORGANISER, { language_code: "en" });
    for (const data of ["bca:all", "bcs", "bcx"]) {
      expect(texts(await org.pressData(data)), data).toEqual(["This button is out of date. Open the menu again."]);
    }
    expect(texts(await org.pressData("bcstop:1"))).toEqual(["This announcement has already gone out."]);
  });

  it("shows the organiser commands in organisers' chats only", () => {
    const lists = h.tg.commands.map((c) => c.params);
    const names = (p: Record<string, unknown>) => (p.commands as { command: string }[]).map((c) => c.command);
    const everyone = lists.filter((p) => p.scope === undefined);
    expect(everyone.length).toBeGreaterThan(0);
    for (const p of everyone) expect(names(p)).not.toContain("broadcast");
    const organiser = lists.filter((p) => JSON.stringify(p.scope) === JSON.stringify({ type: "chat", chat_id: ORGANISER }));
    expect(organiser.map((p) => p.language_code ?? "default").sort()).toEqual(["be", "default", "kk", "ru", "uk"]);
    for (const p of organiser) expect(names(p)).toEqual([...PUBLIC_COMMANDS, ...ORGANISER_COMMANDS]);
    expect(organiser.find((p) => p.language_code === "ru")?.commands).toContainEqual({ command: "broadcast", description: "Объявление участникам" });
  });
});
