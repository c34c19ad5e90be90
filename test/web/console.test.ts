import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { testClock } from "../helpers/clock.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { People } from "../helpers/people.js";
import { CONSOLE_PATH, consoleEnv, initDataFor } from "../helpers/console.js";
import { createKeys } from "../../src/storage/keys.js";
import { createLogger } from "../../src/logger.js";
import { MeetingsRepo } from "../../src/storage/meetings-repo.js";

/**
 * The organisers' console in a real headless Chromium (Debian's package, driven by playwright-core):
 * the page as built by `npm run build`, served by the bot, signed in with initData signed by the test
 * bot's token, as Telegram would sign it.
 */
const CHROMIUM = "/usr/bin/chromium";
const ORGANISER = 9200;
const DELEGATE = 9201;
const SCREENSHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;
const PHONE = { width: 390, height: 844 };
// The page answers within a second here; the whole suite beside it on two shared cores can take longer.
const POLL = { timeout: 15_000 };
const DESKTOP = { width: 1920, height: 1080 };

describe("the organisers' console in Chromium", { timeout: 90_000 }, () => {
  let h: Harness;
  let browser: Browser;
  let people: People;

  // Never a silent skip: without the browser every test here fails, each with this one line.
  const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found: install Debian's package "chromium" (apt-get install -y chromium)`;
  beforeEach(() => {
    if (missing) throw new Error(missing);
  });

  beforeAll(async () => {
    if (missing) return;
    // The page as `npm run build` makes it (web/build.mjs → dist/console).
    execFileSync(process.execPath, ["web/build.mjs"], { cwd: new URL("../../", import.meta.url).pathname, stdio: "inherit" });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    h = await startHarness({ env: await consoleEnv(String(ORGANISER)), clock: testClock("2026-12-03T02:00:00Z").now });
    people = new People(h.redis, h.prefix);
    await people.add(
      { id: DELEGATE, locale: "en", fields: { fullName: "Olga Ivanova", company: "Feal-Technology", region: "Kaluga Region", registeredAt: "2026-11-20T08:00:00Z" } },
      { id: 9202, locale: "ru", fields: { fullName: "Ivan Gorynin", region: "Kaluga Region", registeredAt: "2026-11-21T08:00:00Z" } },
      { id: 9203, locale: "ru", reachable: false, fields: { fullName: "Anna Sokolova", region: "Moscow", registeredAt: "2026-11-22T08:00:00Z" } },
      { id: 9204, locale: "ru", role: "host", fields: { fullName: "Pavel Kolpakov", company: "KRITBI", region: "Krasnoyarsk Krai", registeredAt: "2026-11-22T09:00:00Z" } },
      { id: 9205, locale: "en", role: "host", fields: { fullName: "Maria Lebedeva", company: "Technopark", region: "Krasnoyarsk Krai", registeredAt: "2026-11-23T09:00:00Z" } },
    );
    const meetings = new MeetingsRepo(h.redis, createKeys(h.prefix), createLogger("silent"));
    const at = Date.parse("2026-11-25T05:00:00Z");
    // Two requests waiting, three agreed for the first B2B session (10 Dec, 13:30 Krasnoyarsk time).
    const session = Date.parse("2026-12-10T06:30:00Z");
    const requests: [number, number, number | undefined][] = [
      [DELEGATE, 9204, undefined],
      [9202, 9205, undefined],
      [9202, 9204, session],
      [9203, 9205, session + 20 * 60_000],
      [DELEGATE, 9205, session + 40 * 60_000],
    ];
    for (const [i, [from, to, start]] of requests.entries()) {
      const history = [{ at, by: from, action: "created" as const }, ...(start === undefined ? [] : [{ at: at + 3_600_000, by: to, action: "accept" as const }])];
      const slot = start === undefined ? null : { start, end: start + 20 * 60_000 };
      const created = await meetings.create({ id: `consolereq${i}`, from, to, slot, message: "Let us meet", state: start === undefined ? "pending" : "accepted", delivered: true, createdAt: at, updatedAt: at, history }, at);
      expect(created).toBe("ok");
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  const consoleUrl = (initData: string) => `http://127.0.0.1:${h.app.consolePort()}${CONSOLE_PATH}#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop`;
  async function open(user: { id: number; language_code?: string }, viewport = DESKTOP, initData = initDataFor(h.tg.token, user)): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(consoleUrl(initData));
    return page;
  }
  const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`);

  it("shows the figures that are in Redis, in Russian, and follows them live without a reload", async () => {
    const page = await open({ id: ORGANISER, language_code: "ru" });
    await expect.poll(() => figure(page, "participants").textContent(), POLL).toBe("5");
    expect(await figure(page, "reachable").textContent()).toBe("4");
    expect(await figure(page, "requests").textContent()).toBe("5");
    expect(await figure(page, "agreed").textContent()).toBe("3");
    expect(await page.locator('[data-tab="dashboard"]').textContent()).toBe("Сводка");
    expect(await page.locator('[data-testid="attendance"]').textContent()).toContain("Отметок о приходе пока нет.");
    // The charts are drawn (ECharts renders to a canvas in each box).
    for (const chart of ["registrations", "regions", "meetings-per-day", "meetings-per-session", "funnel"]) await page.locator(`[data-chart="${chart}"] canvas`).first().waitFor();

    await people.add({ id: 9206, locale: "ru", fields: { fullName: "Late Registrant", region: "Tula Region" } });
    await expect.poll(() => figure(page, "participants").textContent(), { timeout: 15_000 }).toBe("6");
    await page.close();
  });

  it("speaks English to an organiser whose Telegram is in English, and lists participants with filters and a card", async () => {
    const page = await open({ id: ORGANISER, language_code: "en" });
    await expect.poll(() => page.locator('[data-tab="dashboard"]').textContent(), POLL).toBe("Dashboard");
    await page.locator('[data-tab="participants"]').click();
    await expect.poll(() => page.locator('[data-testid="found"]').textContent(), POLL).toMatch(/^Found: \d+$/);
    await page.locator('select[name="role"]').selectOption("host");
    await expect.poll(() => page.locator("[data-participant]").count(), POLL).toBe(2);
    await page.locator('input[name="q"]').fill("lebedeva");
    await expect.poll(() => page.locator("[data-participant]").count(), POLL).toBe(1);
    await page.locator('[data-participant="9205"]').click();
    const card = page.locator('[data-testid="participant-card"]');
    await card.waitFor();
    expect(await card.textContent()).toContain("Maria Lebedeva");
    expect(await card.locator(".meetings").textContent()).toContain("Ivan Gorynin");
    expect(await card.locator(".meetings").textContent()).toContain("waiting for an answer");
    // Agreed meetings by their time in the mission's zone; the other side by name, never their contacts.
    expect(await card.locator(".meetings").textContent()).toContain("10 Dec, 14:10 · from Olga Ivanova, Feal-Technology · agreed");
    await page.close();
  });

  it("refuses forged initData and a participant who is not an organiser, and shows nothing of the mission", async () => {
    const forged = await open({ id: ORGANISER, language_code: "en" }, PHONE, initDataFor("123456:not-this-bots-token", { id: ORGANISER, language_code: "en" }));
    const denied = forged.locator('[data-testid="denied"]');
    await denied.waitFor();
    expect(await denied.getAttribute("data-status")).toBe("401");
    expect(await denied.textContent()).toContain("Open the console again from the bot");
    expect(await forged.locator("[data-figure]").count()).toBe(0);
    await forged.close();

    const participant = await open({ id: DELEGATE, language_code: "ru" }, PHONE);
    await participant.locator('[data-testid="denied"]').waitFor();
    expect(await participant.locator('[data-testid="denied"]').getAttribute("data-status")).toBe("403");
    expect(await participant.locator('[data-testid="denied"]').textContent()).toBe("Консоль доступна только организаторам миссии.");
    await participant.close();
  });

  it("writes screenshots of the dashboard and the editor at phone and desktop sizes", async () => {
    for (const [size, viewport] of [
      ["phone", PHONE],
      ["desktop", DESKTOP],
    ] as const) {
      const page = await open({ id: ORGANISER, language_code: "en" }, viewport);
      await page.locator('[data-chart="funnel"] canvas').first().waitFor();
      // ECharts animates the first drawing.
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: `${SCREENSHOTS}dashboard-${size}.png`, fullPage: size === "desktop" });
      await page.locator('[data-tab="programme"]').click();
      await page.locator('[data-path="days[0].items[0].start"]').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}editor-${size}.png` });
      await page.close();
    }
  });

  it("edit → review → publish changes what /today shows a participant; a second organiser's stale publish is refused and keeps the edit", async () => {
    const delegate = h.tg.user(DELEGATE, { language_code: "en" });
    await delegate.send("/today");
    expect(delegate.lastText()).toContain("09:30–10:15 🎤 Opening of the business mission");

    const first = await open({ id: ORGANISER, language_code: "en" });
    const second = await open({ id: ORGANISER, language_code: "en" });
    for (const page of [first, second]) {
      await page.locator('[data-tab="programme"]').click();
      await page.locator('[data-path="days[0].items[2].start"]').waitFor();
    }

    // A mistake first: the server checks the edit with the programme file's schema and names the field.
    await first.locator('[data-path="days[0].items[2].title.en"]').fill("");
    await first.locator('[data-path="days[0].items[2].title.ru"]').fill("");
    await first.locator('[data-action="check"]').click();
    await first.locator('[data-testid="problems"]').waitFor();
    expect(await first.locator('[data-testid="problems"]').textContent()).toContain("days[0].items[2].title");
    expect(await first.locator('[data-path="days[0].items[2].title.en"]').getAttribute("class")).toContain("invalid");

    await first.locator('[data-path="days[0].items[2].title.ru"]').fill("Открытие бизнес-миссии");
    await first.locator('[data-path="days[0].items[2].title.en"]').fill("Opening of the mission, later");
    await first.locator('[data-path="days[0].items[2].start"]').fill("10:00");
    await first.locator('[data-path="days[0].items[2].end"]').fill("10:30");
    await first.locator('[data-action="review"]').click();
    const summary = first.locator('[data-testid="summary"]');
    await summary.waitFor();
    // The same summary the bot gives for an uploaded file.
    expect(await summary.textContent()).toContain("🔁 Moved: 1");
    expect(await summary.textContent()).toContain("Opening of the mission, later: now 10 Dec, 10:00–10:30 (was 10 Dec, 09:30–10:15)");
    await first.locator('[data-action="publish"]').click();
    await first.locator('[data-testid="published"]').waitFor();

    await delegate.send("/today");
    expect(delegate.lastText()).toContain("10:00–10:30 🎤 Opening of the mission, later");

    // The second organiser opened the programme before that publish: their publish is refused, their edit stays.
    await second.locator('[data-path="days[0].items[0].title.en"]').fill("Bus to KRITBI, second organiser");
    await second.locator('[data-action="review"]').click();
    await second.locator('[data-testid="stale"]').waitFor();
    expect(await second.locator('[data-testid="stale"]').textContent()).toContain("The programme changed since you opened it");
    expect(await second.locator('[data-path="days[0].items[0].title.en"]').inputValue()).toBe("Bus to KRITBI, second organiser");
    // Reviewed against the programme in force now, their edit publishes on top of the first one's.
    await second.locator('[data-action="rebase"]').click();
    await second.locator('[data-testid="summary"]').waitFor();
    await second.locator('[data-action="publish"]').click();
    await second.locator('[data-testid="published"]').waitFor();
    await delegate.send("/today");
    expect(delegate.lastText()).toContain("Bus to KRITBI, second organiser");
    expect(delegate.lastText()).toContain("10:00–10:30 🎤 Opening of the mission, later");
    await first.close();
    await second.close();
  });
});
