import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../../helpers/harness.js";
import { People } from "../../helpers/people.js";
import { BroadcastsRepo } from "../../../src/storage/broadcasts-repo.js";
import { createKeys } from "../../../src/storage/keys.js";
import { createLogger } from "../../../src/logger.js";
import { consoleClient, consoleEnv, initDataFor, type ConsoleClient } from "../../helpers/console.js";

const ORGANISER = 9100;
const DELEGATE = 9101;

// Every endpoint of the console's API, with a body good enough to get past validation.
const ENDPOINTS: { method: "GET" | "POST"; path: string; body?: unknown }[] = [
  { method: "GET", path: "session" },
  { method: "GET", path: "dashboard" },
  { method: "GET", path: "participants" },
  { method: "GET", path: `participants/${DELEGATE}` },
  { method: "GET", path: "programme" },
  { method: "POST", path: "programme/validate", body: { raw: {} } },
  { method: "POST", path: "programme/review", body: { revision: "x", raw: {} } },
  { method: "POST", path: "programme/publish", body: { revision: "x", raw: {}, notify: false } },
];

describe("the console's API", () => {
  let h: Harness;
  let api: ConsoleClient;
  let people: People;

  beforeAll(async () => {
    h = await startHarness({ env: await consoleEnv(String(ORGANISER)) });
    api = consoleClient(h.app.consolePort() ?? 0);
    people = new People(h.redis, h.prefix);
    await people.add(
      { id: DELEGATE, locale: "ru", fields: { fullName: "Olga Ivanova", region: "Kaluga Region", phone: "+79991234567" } },
      { id: 9102, locale: "en", role: "host", tags: ["energy"], reachable: false, fields: { fullName: "Fyodor Petrov", region: "Krasnoyarsk Krai" } },
    );
  });
  afterAll(() => h.stop());

  const call = (e: (typeof ENDPOINTS)[number], initData?: string) => (e.method === "GET" ? api.get(e.path, initData) : api.post(e.path, e.body, initData));

  it.each(ENDPOINTS)("$method $path refuses a participant who is not an organiser (403) and says nothing else", async (e) => {
    const res = await call(e, initDataFor(h.tg.token, { id: DELEGATE }));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "forbidden" });
  });

  it.each(ENDPOINTS)("$method $path refuses forged initData (401): signed with another token, or changed after signing", async (e) => {
    const other = await call(e, initDataFor("123456:another-bots-token", { id: ORGANISER }));
    expect(other.status).toBe(401);
    expect(await other.json()).toEqual({ error: "unauthorized" });
    // A participant's own signed initData with the organiser's id put in: the hash no longer matches.
    const tampered = initDataFor(h.tg.token, { id: DELEGATE }).replace(encodeURIComponent(`"id":${DELEGATE}`), encodeURIComponent(`"id":${ORGANISER}`));
    expect(tampered).toContain(encodeURIComponent(`"id":${ORGANISER}`));
    expect((await call(e, tampered)).status).toBe(401);
    expect((await call(e)).status).toBe(401);
  });

  it.each(ENDPOINTS)("$method $path refuses expired initData (401)", async (e) => {
    const yesterday = new Date(Date.now() - 25 * 3600_000);
    const res = await call(e, initDataFor(h.tg.token, { id: ORGANISER }, yesterday));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "unauthorized" });
  });

  it("gives an organiser the figures that are in Redis", async () => {
    const res = await api.get("dashboard", initDataFor(h.tg.token, { id: ORGANISER }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { participants: { total: number; byRole: Record<string, number>; reachable: number }; registrations: { byRole: Record<string, number[]> }; attendance: unknown[]; sessions: unknown[] };
    expect(body.participants.total).toBe(2);
    expect(body.participants.byRole).toMatchObject({ delegate: 1, host: 1 });
    expect(body.participants.reachable).toBe(1);
    expect(body.registrations.byRole.delegate?.at(-1)).toBe(1);
    expect(body.attendance).toEqual([]);
    expect(body.sessions.length).toBeGreaterThan(0);
  });

  it("shows the announcement being sent and how far it has got", async () => {
    const repo = new BroadcastsRepo(h.redis, createKeys(h.prefix), createLogger("silent"));
    const id = await repo.create(
      { audience: { kind: "all" }, versions: { en: { kind: "text", html: "Lunch moves to 13:00" } }, summary: "Lunch moves to 13:00", createdBy: ORGANISER, chatId: ORGANISER, progressMessageId: 1, locale: "en", createdAt: Date.now() },
      [DELEGATE, 9102, 9103].map((chatId) => ({ chatId, locale: "en" as const })),
    );
    await repo.claim(id, DELEGATE);
    await repo.move(id, DELEGATE, "sent");
    const body = (await (await api.get("dashboard", initDataFor(h.tg.token, { id: ORGANISER }))).json()) as { broadcasts: { id: number; summary: string; counts: { total: number; sent: number }; left: number }[] };
    expect(body.broadcasts).toEqual([expect.objectContaining({ id, summary: "Lunch moves to 13:00", counts: expect.objectContaining({ total: 3, sent: 1 }) as unknown, left: 2 })]);
    await repo.cancel(id);
    const after = (await (await api.get("dashboard", initDataFor(h.tg.token, { id: ORGANISER }))).json()) as { broadcasts: unknown[] };
    expect(after.broadcasts).toEqual([]);
  });

  it("lists participants by search and filters, and a card with contacts as /export shows organisers", async () => {
    const o = initDataFor(h.tg.token, { id: ORGANISER });
    const all = (await (await api.get("participants", o)).json()) as { total: number; rows: { id: number }[] };
    expect(all.total).toBe(2);
    const hosts = (await (await api.get("participants?role=host&reachable=no", o)).json()) as { rows: { id: number }[] };
    expect(hosts.rows.map((r) => r.id)).toEqual([9102]);
    const search = (await (await api.get("participants?q=ivanova", o)).json()) as { rows: { id: number }[] };
    expect(search.rows.map((r) => r.id)).toEqual([DELEGATE]);
    const bad = await api.get("participants?role=king", o);
    expect(bad.status).toBe(400);
    // Someone who only wrote to the bot: listed apart, by id and language, and matched by no profile filter.
    await h.tg.user(9150, { language_code: "en" }).send("/start");
    const unregistered = (await (await api.get("participants?registered=no", o)).json()) as { total: number; rows: unknown[] };
    expect(unregistered.rows).toEqual([{ id: 9150, registered: false, language: "en" }]);
    expect(((await (await api.get("participants?registered=no&role=host", o)).json()) as { rows: unknown[] }).rows).toEqual([]);
    expect(((await (await api.get("participants", o)).json()) as { rows: { id: number }[] }).rows.map((r) => r.id)).not.toContain(9150);
    const card = (await (await api.get(`participants/${DELEGATE}`, o)).json()) as { participant: { phone?: string }; meetings: unknown[] };
    expect(card.participant.phone).toBe("+79991234567");
    expect(card.meetings).toEqual([]);
  });

  it("checks an edited programme with the file's schema and names the problems in the organiser's language", async () => {
    const o = initDataFor(h.tg.token, { id: ORGANISER, language_code: "en" });
    const { raw } = (await (await api.get("programme", o)).json()) as { raw: { days: { items: { start: string }[] }[] } };
    const item = raw.days[0]?.items[0];
    if (!item) throw new Error("the sample programme has no item");
    item.start = "25:99";
    const res = (await (await api.post("programme/validate", { raw }, o)).json()) as { ok: boolean; problems: { path: string; text: string }[] };
    expect(res.ok).toBe(false);
    expect(res.problems).toEqual([expect.objectContaining({ path: "days[0].items[0].start", text: expect.stringContaining("HH:mm") as unknown })]);
    const ru = (await (await api.post("programme/validate", { raw }, initDataFor(h.tg.token, { id: ORGANISER, language_code: "ru" }))).json()) as { problems: { text: string }[] };
    expect(ru.problems[0]?.text).toMatch(/[а-я]/);
  });

  it("refuses a publish made against a programme that changed since it was opened, and keeps the current one", async () => {
    const o = initDataFor(h.tg.token, { id: ORGANISER });
    const opened = (await (await api.get("programme", o)).json()) as { revision: string; raw: { days: { items: { id: string; title: { en?: string } }[] }[] } };
    const first = structuredClone(opened.raw);
    const second = structuredClone(opened.raw);
    const a = first.days[0]?.items[0];
    const b = second.days[0]?.items[0];
    if (!a || !b) throw new Error("the sample programme has no item");
    a.title.en = "First organiser's title";
    b.title.en = "Second organiser's title";
    const ok = await api.post("programme/publish", { revision: opened.revision, raw: first, notify: false }, o);
    expect(ok.status).toBe(200);
    const late = await api.post("programme/publish", { revision: opened.revision, raw: second, notify: false }, initDataFor(h.tg.token, { id: ORGANISER, language_code: "en" }));
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({ error: "stale", message: expect.stringContaining("changed since you opened it") as unknown });
    const now = (await (await api.get("programme", o)).json()) as { source: string };
    expect(now.source).toContain("First organiser's title");
    expect(now.source).not.toContain("Second organiser's title");
  });
});
