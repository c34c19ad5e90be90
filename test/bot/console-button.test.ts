import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../helpers/harness.js";
import { consoleEnv } from "../helpers/console.js";

const ORGANISER = 9300;
const URL = "https://mission-bot.test/console/";

describe("the console's buttons", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: await consoleEnv(String(ORGANISER)) });
  });
  afterAll(() => h.stop());

  // Never the default menu button of every chat (setChatMenuButton without a chat_id).
  const everyonesButton = () => h.tg.calls.filter((c) => c.method === "setChatMenuButton" && c.params.chat_id === undefined);
  const menuButtons = (chatId: number) => h.tg.calls.filter((c) => c.method === "setChatMenuButton" && Number(c.params.chat_id) === chatId && c.status === 200).map((c) => c.params.menu_button);

  it("puts the console on each configured organiser's menu button at start, and again in their language on /start", async () => {
    expect(menuButtons(ORGANISER)).toEqual([{ type: "web_app", text: "🖥 Консоль", web_app: { url: URL } }]);
    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    await organiser.send("/start");
    expect(menuButtons(ORGANISER).at(-1)).toEqual({ type: "web_app", text: "🖥 Console", web_app: { url: URL } });
  });

  it("gives it to someone who becomes an organiser by invite, and never to a participant", async () => {
    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    await organiser.send("/invite organiser");
    const payload = /start=(i_[A-Za-z0-9_-]{22})/.exec(organiser.lastText())?.[1];
    expect(payload).toBeDefined();
    const participant = h.tg.user(9301, { language_code: "en" });
    await participant.send("/start");
    expect(menuButtons(9301)).toEqual([]);
    const colleague = h.tg.user(9302, { language_code: "ru" });
    await colleague.send(`/start ${payload}`);
    expect(menuButtons(9302)).toEqual([{ type: "web_app", text: "🖥 Консоль", web_app: { url: URL } }]);
    expect(everyonesButton()).toEqual([]);
  });

  it("ends /stats with a button that opens the console", async () => {
    const organiser = h.tg.user(ORGANISER, { language_code: "en" });
    await organiser.send("/stats");
    const stats = organiser.messages.findLast((m) => m.text.startsWith("📊 Mission statistics"));
    expect(stats?.reply_markup).toEqual({ inline_keyboard: [[{ text: "🖥 Console", web_app: { url: URL } }]] });
  });
});
