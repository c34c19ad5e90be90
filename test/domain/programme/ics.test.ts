import ICAL from "ical.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseMission } from "../../../src/content/load-mission.js";
import { itemEntry, type AgendaEntry } from "../../../src/domain/programme/agenda.js";
import { buildCalendar } from "../../../src/domain/programme/ics.js";
import { Programme } from "../../../src/domain/programme/programme.js";
import { zonedInstant } from "../../../src/domain/programme/time.js";
import { sampleYaml } from "../../helpers/mission-file.js";

let programme: Programme;
beforeAll(async () => {
  programme = new Programme(parseMission(await sampleYaml()));
});
afterEach(() => {
  ICAL.TimezoneService.reset();
});

const NOW = Date.parse("2026-12-01T08:00:00Z");

function entries(...ids: string[]): AgendaEntry[] {
  return ids.map((id) => {
    const s = programme.item(id);
    if (!s) throw new Error(`no item ${id}`);
    return itemEntry(s, programme);
  });
}

/** Parses the file with an independent iCalendar implementation and registers its time zones. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e)) };
}

describe("buildCalendar", () => {
  it("writes events that parse back to the right instants with the mission's TZID", () => {
    const list = entries("d1-opening", "d2-mining", "d3-airport");
    const ics = buildCalendar({ name: "Mission", zone: "Asia/Krasnoyarsk", uidDomain: "kaluga-krasnoyarsk.mission-bot", entries: list, locale: "en", now: NOW, alarmMinutes: 15 });
    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBeTruthy();
    expect(events).toHaveLength(3);
    events.forEach((event, i) => {
      const entry = list[i];
      if (!entry) throw new Error("missing entry");
      expect(event.uid).toBe(`${entry.key}@kaluga-krasnoyarsk.mission-bot`);
      expect(event.startDate.zone?.tzid).toBe("Asia/Krasnoyarsk");
      expect(event.startDate.toUnixTime() * 1000).toBe(entry.startsAt);
      expect(event.endDate.toUnixTime() * 1000).toBe(entry.endsAt);
      expect(event.summary).toBe(entry.title.en);
      expect(event.component.getFirstSubcomponent("valarm")?.getFirstPropertyValue("trigger")?.toString()).toBe("-PT15M");
    });
    expect(events[0]?.startDate.toUnixTime()).toBe(Date.parse("2026-12-10T02:30:00Z") / 1000);
    expect(events[0]?.location).toBe("KRITBI business incubator, 2I Akademika Kirenskogo St, Krasnoyarsk");
    expect(events[0]?.component.getFirstPropertyValue("geo")).toEqual([55.9947, 92.7972]);
    expect(events[0]?.component.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-12-01T08:00:00Z");
  });

  it("escapes text and folds long lines at 75 octets without splitting a character", () => {
    const [base] = entries("d1-pitches");
    if (!base) throw new Error("sample changed");
    const title = { ru: "Презентации; компании, технологии \\ проекты — очень длинное название, которое не помещается в одну строку файла" };
    const description = { ru: "Первая строка\nвторая строка, с запятой; и точкой с запятой" };
    const ics = buildCalendar({ name: "Миссия", zone: "Asia/Krasnoyarsk", uidDomain: "x", entries: [{ ...base, title, description }], locale: "ru", now: NOW });
    expect(ics.endsWith("\r\n")).toBe(true);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.split("\r\n").some((l) => l.startsWith(" "))).toBe(true);
    const [event] = parse(ics).events;
    expect(event?.summary).toBe(title.ru);
    expect(event?.description).toBe(description.ru);
  });

  it("describes summer time in a VTIMEZONE so that times across the switch stay right", () => {
    const make = (date: string, start: string, end: string, key: string): AgendaEntry => ({
      key,
      kind: "talk",
      date,
      start,
      end,
      startsAt: zonedInstant(date, start, "Europe/Berlin"),
      endsAt: zonedInstant(date, end, "Europe/Berlin"),
      title: { en: key },
    });
    const list = [make("2026-10-24", "10:00", "11:00", "item-before"), make("2026-10-26", "10:00", "11:00", "item-after")];
    const ics = buildCalendar({ name: "Berlin", zone: "Europe/Berlin", uidDomain: "x", entries: list, locale: "en", now: Date.parse("2026-10-20T00:00:00Z") });
    const { calendar, events } = parse(ics);
    const zone = calendar.getFirstSubcomponent("vtimezone");
    expect(zone?.getAllSubcomponents("standard").length).toBeGreaterThanOrEqual(2);
    expect(events.map((e) => e.startDate.toUnixTime() * 1000)).toEqual([Date.parse("2026-10-24T08:00:00Z"), Date.parse("2026-10-26T09:00:00Z")]);
  });

  it("puts a meeting's B2B table before its venue in LOCATION, in the calendar's language", () => {
    const [session] = entries("d1-b2b");
    if (!session) throw new Error("no session");
    const meeting: AgendaEntry = { ...session, key: "meeting-abc123", kind: "meeting", title: { ru: "Встреча", en: "Meeting" }, table: { ru: "Стол 7", en: "Table 7" } };
    const location = (locale: "ru" | "en") => parse(buildCalendar({ name: "M", zone: "Asia/Krasnoyarsk", uidDomain: "x", entries: [meeting], locale, now: NOW })).events[0]?.location;
    expect(location("en")).toBe("Table 7, KRITBI business incubator, 2I Akademika Kirenskogo St, Krasnoyarsk");
    expect(location("ru")).toBe("Стол 7, Бизнес-инкубатор КРИТБИ, Красноярск, ул. Академика Киренского, 2И");
  });

  it("a personal agenda of no entries is still a valid calendar", () => {
    const { calendar, events } = parse(buildCalendar({ name: "Empty", zone: "Asia/Krasnoyarsk", uidDomain: "x", entries: [], locale: "en", now: NOW }));
    expect(calendar.name).toBe("vcalendar");
    expect(events).toEqual([]);
  });
});
