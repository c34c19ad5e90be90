import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../../../../src/bot/i18n.js";
import type { ViewEnv } from "../../../../src/bot/features/people/views.js";
import { outcomeChartInput } from "../../../../src/bot/features/reports/views.js";
import { agreementsListView, byWhenView, cardView, questionView, savedText } from "../../../../src/bot/features/outcomes/views.js";
import { readMissionFile } from "../../../../src/content/load-mission.js";
import { LOCALES, type Locale } from "../../../../src/domain/locale.js";
import type { PublicProfile } from "../../../../src/domain/meetings/privacy.js";
import { newRequest, transition, type MeetingRequest } from "../../../../src/domain/meetings/request.js";
import { emptyOutcome, type SideOutcome } from "../../../../src/domain/outcomes/outcome.js";
import type { MissionStats } from "../../../../src/services/reports.js";

const i18n = createI18n(new URL("../../../../locales", import.meta.url).pathname);
const { mission } = await readMissionFile("content/mission.yaml");
const env = (locale: Locale): ViewEnv => ({ t: translator(i18n, locale), locale, mission });

const at = (iso: string) => Date.parse(`${iso}+07:00`);
const them: PublicProfile = { id: 2, role: "host", fullName: "Kristina <Zarubina>", company: "Kalibr & Co", position: "Head", region: "Moscow", tags: ["it"], offer: "Space", lookingFor: "Lidars" };
function accepted(): MeetingRequest {
  const r = newRequest({ id: "abcdef123456", from: 1, to: 2, slot: { start: at("2026-12-10T14:10:00"), end: at("2026-12-10T14:30:00") }, message: "hi", now: at("2026-12-09T12:00:00"), delivered: true });
  const t = transition(r, 2, { type: "accept" }, at("2026-12-09T13:00:00"));
  if (!t.ok) throw new Error(t.reason);
  return t.request;
}
const mine = (fields: Partial<SideOutcome>): SideOutcome => ({ ...emptyOutcome("abcdef123456", 1, at("2026-12-10T15:00:00")), ...fields });

// A key the locales lack comes back as the key itself.
const RAW_KEY = /\b(?:outcome|agreements|stats|export)-[a-z-]+/;

describe("outcome views", () => {
  it("escape the other side's name and note, and leave no key untranslated, in both languages", () => {
    for (const locale of LOCALES) {
      const e = env(locale);
      const o = mine({ met: "yes", result: { kind: "agreement", type: "joint-project" }, note: "<b>bold</b> & co", byWhen: "2027-03", agreedAt: at("2026-12-10T15:01:00"), progress: [{ at: at("2027-01-09T15:00:00"), state: "not-done", reason: "terms", days: 30 }] });
      const views = [
        questionView(e, { kind: "ask", request: accepted(), other: them, rev: 3 }),
        questionView(e, { kind: "follow-up", request: accepted(), other: them, outcome: o, days: 30 }),
        cardView(e, { request: accepted(), other: them, mine: o, theirs: mine({ userId: 2, met: "no" }) }, at("2026-12-11T00:00:00")),
        agreementsListView(e, [{ request: accepted(), other: them, mine: o }], 0),
        byWhenView(e, at("2026-12-31T23:30:00")),
        { text: savedText(e, o, [30, 60, 90]), keyboard: undefined },
      ];
      for (const view of views) {
        expect(view.text).not.toMatch(RAW_KEY);
        expect(view.text).not.toMatch(/<(?!\/?[bi]>)/);
        expect(JSON.stringify(view.keyboard ?? {})).not.toMatch(RAW_KEY);
      }
      expect(views[0]?.text).toContain("<b>Kristina &lt;Zarubina&gt;</b>, Kalibr &amp; Co");
      expect(views[2]?.text).toContain("<i>&lt;b&gt;bold&lt;/b&gt; &amp; co</i>");
    }
    // Buttons carry ids and the revision, never text.
    expect(JSON.stringify(questionView(env("ru"), { kind: "ask", request: accepted(), other: them, rev: 3 }).keyboard)).toContain('"callback_data":"oq:abcdef123456:y:3"');
  });

  it("offer months from the current one in the mission's zone, and say the follow-up days as a list", () => {
    // 1 January 00:30 in Krasnoyarsk is still 31 December in Moscow: the mission's zone decides.
    const view = byWhenView(env("en"), at("2027-01-01T00:30:00"));
    expect(JSON.stringify(view.keyboard)).toContain('"text":"Jan 2027","callback_data":"omon:202701"');
    expect(savedText(env("ru"), mine({ met: "yes", result: { kind: "agreement", type: "supply" } }), [30, 60, 90])).toContain("через 30, 60 и 90 дней");
    expect(savedText(env("en"), mine({ met: "yes", result: { kind: "agreement", type: "supply" } }), [1])).toContain("in 1 day.");
  });
});

describe("the /stats chart's data", () => {
  const stats = {
    outcomes: {
      funnel: { requests: 40, accepted: 25, held: 18, agreements: 9, carriedOut: 5, inProgress: 2, notCarriedOut: 1, asked: 25, answered: 20, followUpsAsked: 9, followUpsAnswered: 8 },
      perDay: [
        { date: "2026-12-10", count: 11 },
        { date: "2026-12-11", count: 7 },
      ],
    },
  } as Pick<MissionStats, "outcomes"> as MissionStats;

  it("is the funnel and the meetings held per day, labelled in the organiser's language", () => {
    expect(outcomeChartInput(translator(i18n, "en"), stats, "en")).toEqual({
      title: "After the meetings",
      funnelTitle: "Funnel",
      funnel: [
        { label: "Requests", value: 40 },
        { label: "Accepted", value: 25 },
        { label: "Held", value: 18 },
        { label: "Agreements", value: 9 },
        { label: "Carried out", value: 5 },
      ],
      perDayTitle: "Meetings held per day",
      perDay: [
        { label: "10 Dec", value: 11 },
        { label: "11 Dec", value: 7 },
      ],
    });
    expect(outcomeChartInput(translator(i18n, "ru"), stats, "ru")).toEqual({
      title: "После встреч",
      funnelTitle: "Воронка",
      funnel: [
        { label: "Запросы", value: 40 },
        { label: "Согласовано", value: 25 },
        { label: "Состоялось", value: 18 },
        { label: "Договорённости", value: 9 },
        { label: "Выполнено", value: 5 },
      ],
      perDayTitle: "Состоявшиеся встречи по дням",
      perDay: [
        { label: "10 дек.", value: 11 },
        { label: "11 дек.", value: 7 },
      ],
    });
  });
});
