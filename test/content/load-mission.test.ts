import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../../src/bot/i18n.js";
import { missionProblemLine } from "../../src/bot/mission-problems.js";
import { loadMissionFile, MissionFileError, parseMission } from "../../src/content/load-mission.js";
import type { MissionProblem } from "../../src/domain/mission/problems.js";
import { itemOf, sampleYaml } from "../helpers/mission-file.js";

const contentDir = new URL("../../content/", import.meta.url).pathname;
const i18n = createI18n(new URL("../../locales", import.meta.url).pathname);

/** The problems a programme text is rejected with, as data. */
function rejected(source: string): readonly MissionProblem[] {
  try {
    parseMission(source);
  } catch (err) {
    if (err instanceof MissionFileError) return err.problems;
    throw err;
  }
  throw new Error("the programme was accepted");
}

/** The problems a programme text is rejected with, as an organiser reads them (English unless told). */
function problems(source: string, locale: "ru" | "en" = "en"): readonly string[] {
  const t = translator(i18n, locale);
  return rejected(source).map((p) => missionProblemLine(t, p, (text) => text));
}

/** 1-based line of the `nth` line containing `needle`, counting from the line containing `after`. */
function lineOf(source: string, needle: string, after = "", nth = 1): number {
  const lines = source.split("\n");
  const start = after === "" ? 0 : lines.findIndex((l) => l.includes(after));
  const found = lines.flatMap((l, i) => (i >= start && l.includes(needle) ? [i + 1] : []))[nth - 1];
  if (found === undefined) throw new Error(`no line ${needle}`);
  return found;
}

describe("the shipped programmes", () => {
  it("every file in content/ validates", async () => {
    const files = (await readdir(contentDir)).filter((f) => /\.ya?ml$/.test(f));
    expect(files).toEqual(expect.arrayContaining(["mission.yaml", "kalibr-visit.yaml"]));
    for (const file of files) await expect(loadMissionFile(`${contentDir}${file}`)).resolves.toBeDefined();
  });

  it("the default is the three-day Kaluga → Krasnoyarsk mission with KRITBI, B2B and Zheleznogorsk", async () => {
    const m = await loadMissionFile(`${contentDir}mission.yaml`);
    expect(m.mission.timezone).toBe("Asia/Krasnoyarsk");
    expect(m.days.map((d) => d.date)).toEqual(["2026-12-10", "2026-12-11", "2026-12-12"]);
    const items = m.days.flatMap((d) => d.items);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(["talk", "visit", "transfer", "meal", "b2b"]));
    expect(m.venues.map((v) => v.id)).toEqual(expect.arrayContaining(["kritbi", "zheleznogorsk"]));
    expect(m.speakers.map((s) => s.name.en)).toEqual(
      expect.arrayContaining(["Olga Rukhullaeva", "Lyubov Fatkina", "Fyodor Pashchenko", "Konstantin Gorynin", "Nikolay Kolpakov"]),
    );
    expect(m.meetings).toEqual({ slot_minutes: 20, max_pending_requests: 10, decline_cooldown_hours: 24, nudges: true, nudge_at: "19:00" });
  });

  it("the Kalibr visit is one day in Moscow with the IT house, residents' floors and the Evocargo demo", async () => {
    const m = await loadMissionFile(`${contentDir}kalibr-visit.yaml`);
    expect(m.mission.timezone).toBe("Europe/Moscow");
    expect(m.days).toHaveLength(1);
    const titles = m.days[0]?.items.map((i) => i.title.en).join("\n");
    expect(titles).toMatch(/IT house/);
    expect(titles).toMatch(/Solstudio/);
    expect(titles).toMatch(/Naukasoft/);
    expect(titles).toMatch(/Evocargo/);
    // The tour's stops, each checked in to by its own QR code; the residents' hosts are named by company.
    const tour = m.days[0]?.items.find((i) => i.kind === "visit");
    expect(tour?.stops.map((s) => s.id)).toEqual(["it-house", "solstudio", "naukasoft", "evocargo"]);
    expect(tour?.stops.flatMap((s) => s.residents.flatMap((r) => (r.host ? [r.host] : [])))).toEqual(["Solstudio Textile Group", "Наукасофт", "Evocargo"]);
  });
});

describe("problems name the field path and its line", () => {
  it("a bad time", async () => {
    const source = (await sampleYaml()).replace("start: 17:00", "start: 5pm");
    const line = lineOf(source, "start: 5pm");
    expect(line).toBeGreaterThan(0);
    expect(problems(source)).toEqual([`days[1].items[6].start: expected HH:mm (line ${line})`]);
  });

  it("an unknown venue or speaker id (cross-references)", async () => {
    const source = await sampleYaml((m) => {
      const item = m.days[1]?.items[2];
      if (!item) throw new Error("sample changed");
      item.venue = "nowhere";
      item.speakers = ["kolpakov", "nobody"];
    });
    const id = "id: d2-visit";
    expect(problems(source)).toEqual([
      `days[1].items[2].venue: unknown venue "nowhere" (not in venues) (line ${lineOf(source, "venue: nowhere", id)})`,
      `days[1].items[2].speakers[1]: unknown speaker "nobody" (not in speakers) (line ${lineOf(source, "- nobody", id)})`,
    ]);
  });

  it("stops: only on a visit, ids unique in the file, venues known, in either language", async () => {
    const source = await sampleYaml((m) => {
      const [bus] = m.days[1]?.items ?? [];
      if (!bus) throw new Error("sample changed");
      bus.stops = [{ id: "zh-admin", name: { en: "Bus stop" }, venue: "nowhere" }];
    });
    // The second stop of one id is the one named (the bus's comes first in the file).
    expect(problems(source)).toEqual([
      `days[1].items[0].stops: only an item of kind visit may list stops (line ${lineOf(source, "- id: zh-admin")})`,
      `days[1].items[2].stops[0].id: stop id "zh-admin" is used twice (line ${lineOf(source, "id: zh-admin", "id: d2-visit")})`,
      `days[1].items[0].stops[0].venue: unknown venue "nowhere" (not in venues) (line ${lineOf(source, "venue: nowhere")})`,
    ]);
    expect(problems(source, "ru")[0]).toBe(`days[1].items[0].stops: остановки (stops) бывают только у пункта вида visit (строка ${lineOf(source, "- id: zh-admin")})`);
    expect(problems(source, "ru")[1]).toMatch(/^days\[1\]\.items\[2\]\.stops\[0\]\.id: id остановки «zh-admin» встречается дважды/);
  });

  it("an unknown field, a bad kind, a missing field, an end before the start", async () => {
    const source = await sampleYaml((m) => {
      const [first, second] = m.days[0]?.items ?? [];
      if (!first || !second) throw new Error("sample changed");
      Object.assign(first, { spekers: ["kolpakov"], kind: "party" });
      delete (second as { title?: unknown }).title;
      second.end = "08:00";
    });
    const found = problems(source);
    expect(found).toContain(`days[0].items[0].kind: “party” is not allowed here; expected one of: talk, visit, transfer, meal, b2b (line ${lineOf(source, "kind: party")})`);
    expect(found).toContain(`days[0].items[0].spekers: unknown field (line ${lineOf(source, "spekers:")})`);
    // A missing field is said to be missing, and points at the item that lacks it.
    expect(found).toContain(`days[0].items[1].title: missing: this field is required (line ${lineOf(source, "id: d1-coffee")})`);
  });

  it("a missing field is missing whatever its type: a choice, a time, an id, a list", async () => {
    const source = await sampleYaml((m) => {
      const item = m.days[0]?.items[1];
      if (!item) throw new Error("sample changed");
      const fields = item as { kind?: unknown; start?: unknown; id?: unknown };
      delete fields.kind;
      delete fields.start;
      delete fields.id;
      delete (m as { days?: unknown }).days;
    });
    const line = lineOf(source, "mission:");
    expect(rejected(source)).toEqual([{ path: "days", line, code: "missing" }]);
    const item = await sampleYaml((m) => {
      const fields = (m.days[0]?.items[1] ?? {}) as { kind?: unknown; start?: unknown; id?: unknown };
      delete fields.kind;
      delete fields.start;
      delete fields.id;
    });
    // The item that lacks them: it now starts at its `end`.
    const at = lineOf(item, "- end: 09:30");
    expect(problems(item)).toEqual([
      `days[0].items[1].id: missing: this field is required (line ${at})`,
      `days[0].items[1].start: missing: this field is required (line ${at})`,
      `days[0].items[1].kind: missing: this field is required (line ${at})`,
    ]);
    expect(problems(item, "ru")).toEqual([
      `days[0].items[1].id: не заполнено: это обязательное поле (строка ${at})`,
      `days[0].items[1].start: не заполнено: это обязательное поле (строка ${at})`,
      `days[0].items[1].kind: не заполнено: это обязательное поле (строка ${at})`,
    ]);
  });

  it("every kind of problem in Russian, with the path and the line", async () => {
    const source = await sampleYaml((m) => {
      const [first, second] = m.days[0]?.items ?? [];
      const [tag, other] = m.tags;
      if (!first || !second || !tag || !other) throw new Error("sample changed");
      Object.assign(first, { spekers: ["kolpakov"], kind: "party", start: "5pm" });
      Object.assign(second, { title: { de: "Kaffee" } });
      other.id = tag.id;
      m.mission.timezone = "Mars/Olympus";
      Object.assign(m.meetings ?? {}, { slot_minutes: 2.5 });
    });
    expect(problems(source, "ru")).toEqual([
      `mission.timezone: ожидается часовой пояс IANA, например Asia/Krasnoyarsk или Europe/Moscow (строка ${lineOf(source, "Mars/Olympus")})`,
      `tags[1].id: id интереса «${"metallurgy"}» встречается дважды (строка ${lineOf(source, "id: metallurgy", "tags:", 2)})`,
      `days[0].items[0].start: ожидается время в виде ЧЧ:ММ (строка ${lineOf(source, "start: 5pm")})`,
      `days[0].items[0].kind: «party» здесь недопустимо; можно одно из: talk, visit, transfer, meal, b2b (строка ${lineOf(source, "kind: party")})`,
      `days[0].items[0].spekers: неизвестное поле (строка ${lineOf(source, "spekers:")})`,
      `days[0].items[1].title.de: неизвестное поле (строка ${lineOf(source, "de: Kaffee")})`,
      `days[0].items[1].title: нужен текст хотя бы на одном языке: ru или en (строка ${lineOf(source, "de: Kaffee")})`,
      `meetings.slot_minutes: ожидается целое число, а указано: дробное число (строка ${lineOf(source, "slot_minutes: 2.5")})`,
    ]);
  });

  it("an end before the start, a duplicate id, a day outside the mission", async () => {
    const source = await sampleYaml((m) => {
      const day = m.days[2];
      const [first, second] = day?.items ?? [];
      if (!day || !first || !second) throw new Error("sample changed");
      first.end = "09:00";
      second.id = first.id;
      day.date = "2026-12-14";
    });
    expect(problems(source)).toEqual([
      `days[2].items[0].end: end must be after start (items end on the day they start) (line ${lineOf(source, "end: 09:00", "2026-12-14")})`,
      `days[2].items[1].id: item id "d3-b2b" is used twice (line ${lineOf(source, "id: d3-b2b", "2026-12-14", 2)})`,
      `days[2].date: 2026-12-14 is outside the mission dates 2026-12-10…2026-12-12 (line ${lineOf(source, "2026-12-14")})`,
    ]);
  });

  it("a YAML syntax error, with its line", () => {
    const found = problems("mission:\n  id: x\n  name: { ru: a\ndays: [\n");
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^YAML: .+\(line \d+\)$/);
  });

  it("a YAML syntax error in the organiser's language", () => {
    expect(problems("days:\n\t- 1\n", "ru")).toEqual(["YAML: отступ табуляцией; делайте отступы пробелами (строка 2)"]);
    expect(problems("days:\n\t- 1\n")).toEqual(["YAML: a tab used for indentation; indent with spaces (line 2)"]);
    expect(problems("a: *nowhere\n", "ru")).toEqual(["YAML: ссылка (*имя) без метки (&имя) перед ней"]);
  });

  it("a file that is not a mapping at all", () => {
    expect(problems("- just\n- a list\n")).toEqual(["(the file): expected a set of fields, found a list (line 1)"]);
    expect(problems("- just\n- a list\n", "ru")).toEqual(["(весь файл): ожидается набор полей, а указано: список (строка 1)"]);
  });

  it("a speaker photo must be a relative image path inside the content folder", async () => {
    for (const photo of ["/etc/passwd.jpg", "../secret.png", "photos/../../x.jpg", "photo.txt"]) {
      const source = await sampleYaml((m) => {
        const speaker = m.speakers?.[0];
        if (!speaker) throw new Error("sample changed");
        speaker.photo = photo;
      });
      expect(problems(source)[0]).toMatch(/^speakers\[0\]\.photo: expected a relative path/);
    }
    const ok = await sampleYaml((m) => {
      const speaker = m.speakers?.[0];
      if (speaker) speaker.photo = "photos/rukhullaeva.jpg";
    });
    expect(parseMission(ok).speakers[0]?.photo).toBe("photos/rukhullaeva.jpg");
  });

  it("meetings settings default when the section is missing", async () => {
    const source = await sampleYaml((m) => {
      delete m.meetings;
    });
    expect(parseMission(source).meetings).toEqual({ slot_minutes: 20, max_pending_requests: 10, decline_cooldown_hours: 24, nudges: true, nudge_at: "19:00" });
  });

  it("the B2B nudge's time and switch", async () => {
    const source = await sampleYaml((m) => Object.assign(m.meetings ?? {}, { nudges: "sometimes", nudge_at: "7pm" }));
    expect(problems(source)).toEqual([
      `meetings.nudges: expected true or false, found a text (line ${lineOf(source, "nudges:")})`,
      `meetings.nudge_at: expected HH:mm (line ${lineOf(source, "nudge_at:")})`,
    ]);
    const off = await sampleYaml((m) => Object.assign(m.meetings ?? {}, { nudges: false, nudge_at: "20:30" }));
    expect(parseMission(off).meetings).toMatchObject({ nudges: false, nudge_at: "20:30" });
  });

  it("the ru↔en vocabulary: single words in both languages, and none at all when the section is missing", async () => {
    const withVocabulary = (vocabulary: unknown) =>
      sampleYaml((m) => {
        (m as Record<string, unknown>).vocabulary = vocabulary;
      });
    expect(problems(await withVocabulary([{ ru: ["силовая электроника"], en: ["power electronics"] }]))).toEqual([
      expect.stringMatching(/^vocabulary\[0\]\.ru\[0\]: one word: letters and digits, no spaces or hyphens/),
      expect.stringMatching(/^vocabulary\[0\]\.en\[0\]: one word/),
    ]);
    expect(problems(await withVocabulary([{ ru: ["силовая электроника"], en: ["lidar"] }]), "ru")[0]).toMatch(
      /^vocabulary\[0\]\.ru\[0\]: одно слово: буквы и цифры, без пробелов и дефисов/,
    );
    expect(problems(await withVocabulary([{ ru: ["лидар"], en: [] }]))[0]).toMatch(/^vocabulary\[0\]\.en: needs at least 1/);
    expect(problems(await withVocabulary([{ ru: ["лидар"] }]))[0]).toMatch(/^vocabulary\[0\]\.en: missing: this field is required/);
    expect(problems(await withVocabulary([{ ru: ["лидар"], en: ["lidar"], de: ["Lidar"] }]))[0]).toMatch(/^vocabulary\[0\]\.de: unknown field/);
    const named = parseMission(await withVocabulary([{ name: { ru: "горная добыча", en: "mining" }, ru: ["добыча"], en: ["mining"] }]));
    expect(named.vocabulary).toEqual([{ name: { ru: "горная добыча", en: "mining" }, ru: ["добыча"], en: ["mining"] }]);
    const without = await sampleYaml((m) => {
      delete (m as Record<string, unknown>).vocabulary;
    });
    expect(parseMission(without).vocabulary).toEqual([]);
  });

  it("B2B tables: a count or a list of names (plain or ru/en), on b2b items only, each problem in the organiser's language", async () => {
    const withTables = (id: string, tables: unknown) =>
      sampleYaml((m) => {
        (itemOf(m, id) as Record<string, unknown>).tables = tables;
      });
    const tablesOf = (source: string, id: string) => parseMission(source).days.flatMap((d) => d.items).find((i) => i.id === id)?.tables;
    expect(tablesOf(await withTables("d1-b2b", 8), "d1-b2b")).toBe(8);
    expect(tablesOf(await withTables("d1-b2b", ["A1", { ru: "Синий стол", en: "Blue table" }]), "d1-b2b")).toEqual(["A1", { ru: "Синий стол", en: "Blue table" }]);
    expect(tablesOf(await withTables("d1-b2b", undefined), "d1-b2b")).toBeUndefined();
    // The shipped sample seats the KRITBI sessions.
    expect(tablesOf(await sampleYaml(), "d1-b2b")).toBe(12);

    const at = /^days\[0\]\.items\[\d+\]\.tables/;
    expect(problems(await withTables("d1-b2b", 0))).toEqual([expect.stringMatching(new RegExp(`${at.source}: must be at least 1 \\(line \\d+\\)$`))]);
    expect(problems(await withTables("d1-b2b", 201))[0]).toMatch(new RegExp(`${at.source}: must be at most 200`));
    expect(problems(await withTables("d1-b2b", "twelve"))).toEqual([expect.stringMatching(new RegExp(`${at.source}: expected a number or a list, found a text`))]);
    expect(problems(await withTables("d1-b2b", "twelve"), "ru")).toEqual([expect.stringMatching(new RegExp(`${at.source}: ожидается число или список, а указано: текст`))]);
    expect(problems(await withTables("d1-b2b", 2.5))[0]).toMatch(new RegExp(`${at.source}: expected a whole number or a list, found a fraction`));
    expect(problems(await withTables("d1-b2b", []))[0]).toMatch(new RegExp(`${at.source}: needs at least 1`));
    expect(problems(await withTables("d1-b2b", ["A1", 2]))[0]).toMatch(new RegExp(`${at.source}\\[1\\]: expected a text or a set of fields ru/en, found a number`));
    expect(problems(await withTables("d1-b2b", [{ de: "Tisch" }]))[0]).toMatch(new RegExp(`${at.source}\\[0\\]\\.de: unknown field`));
    expect(problems(await withTables("d1-opening", 4))).toEqual([expect.stringMatching(/^days\[0\]\.items\[\d+\]\.tables: tables belong to items of kind b2b only \(line \d+\)$/)]);
    expect(problems(await withTables("d1-opening", 4), "ru")).toEqual([expect.stringMatching(/: столы \(tables\) бывают только у пунктов вида b2b \(строка \d+\)$/)]);
  });
});
