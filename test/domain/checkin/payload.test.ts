import { describe, expect, it } from "vitest";
import { checkinPayload, companyKey, placeOf, targetsOfDay, verifyCheckinPayload, type CheckinTarget } from "../../../src/domain/checkin/payload.js";
import { parseStartPayload } from "../../../src/domain/invite.js";
import { loadMissionFile } from "../../../src/content/load-mission.js";

const SECRET = "a-secret-of-the-bot-0123456789";
const MISSION = "kaluga-krasnoyarsk";
const TARGETS: CheckinTarget[] = [
  { kind: "day", date: "2026-12-11" },
  { kind: "item", itemId: "d2-visit" },
  { kind: "stop", stopId: "zh-industrial-park" },
  // The longest ids the programme file allows.
  { kind: "item", itemId: "a".repeat(32) },
  { kind: "stop", stopId: `z${"-".repeat(31)}` },
];

describe("check-in payloads", () => {
  it("read back as the target they were made for, within Telegram's 64 characters of A-Za-z0-9_-", () => {
    for (const target of TARGETS) {
      const payload = checkinPayload(target, MISSION, SECRET);
      expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(verifyCheckinPayload(payload, MISSION, SECRET)).toEqual({ kind: "valid", target });
      // Never mistaken for an invite (the /start payload's other kind).
      expect(parseStartPayload(payload)).toEqual({ kind: "unknown" });
    }
    expect(checkinPayload({ kind: "day", date: "2026-12-11" }, MISSION, SECRET)).toMatch(/^cd_20261211_[A-Za-z0-9_-]{16}$/);
  });

  it("cannot be turned into another target, another mission's or another secret's", () => {
    const payload = checkinPayload({ kind: "stop", stopId: "zh-admin" }, MISSION, SECRET);
    const signature = payload.slice(-16);
    // The id changed, the kind changed, a character of the signature changed, cut, lengthened.
    const forged = [
      `cs_zh-industrial-park_${signature}`,
      `ci_zh-admin_${signature}`,
      `${payload.slice(0, -1)}${payload.endsWith("A") ? "B" : "A"}`,
      payload.slice(0, -1),
      `${payload}x`,
      "cs_zh-admin_",
      "cd_2026121_aaaaaaaaaaaaaaaa",
    ];
    for (const f of forged) expect(verifyCheckinPayload(f, MISSION, SECRET)).toEqual({ kind: "forged" });
    expect(verifyCheckinPayload(payload, "kalibr-visit", SECRET)).toEqual({ kind: "forged" });
    expect(verifyCheckinPayload(payload, MISSION, `${SECRET}!`)).toEqual({ kind: "forged" });
  });

  it("leaves what is not shaped like a check-in to the other readers of /start", () => {
    for (const other of ["", "i_AbCdEfGhIjKlMnOpQr_-12", "hello", "cx_1_2"]) expect(verifyCheckinPayload(other, MISSION, SECRET)).toEqual({ kind: "none" });
  });

  it("finds its day, item or stop in the programme, and nothing once it is gone", async () => {
    const mission = await loadMissionFile(new URL("../../../content/mission.yaml", import.meta.url).pathname);
    expect(placeOf(mission, { kind: "stop", stopId: "zh-industrial-park" })).toMatchObject({ kind: "stop", item: { id: "d2-visit" }, day: { date: "2026-12-11" } });
    expect(placeOf(mission, { kind: "item", itemId: "d2-visit" })).toMatchObject({ kind: "item", day: { date: "2026-12-11" } });
    expect(placeOf(mission, { kind: "day", date: "2026-12-12" })).toMatchObject({ kind: "day" });
    expect(placeOf(mission, { kind: "stop", stopId: "d2-visit" })).toBeUndefined();
    expect(placeOf(mission, { kind: "item", itemId: "zh-admin" })).toBeUndefined();
    expect(placeOf(mission, { kind: "day", date: "2026-12-13" })).toBeUndefined();
    const day = mission.days[1];
    expect(day && targetsOfDay(day).map((p) => (p.kind === "day" ? p.day.date : p.kind === "item" ? p.item.id : `↳${p.stop.id}`))).toEqual([
      "2026-12-11",
      "d2-bus",
      "d2-welcome",
      "d2-visit",
      "↳zh-admin",
      "↳zh-industrial-park",
      "d2-lunch",
      "d2-b2b",
      "d2-bus-back",
      "d2-mining",
    ]);
  });

  it("matches a resident's company to a host's as people write it", () => {
    expect(companyKey("ООО «Наукасофт»")).toBe(companyKey("Наукасофт"));
    expect(companyKey("Feal-Technology LLC")).toBe(companyKey("feal technology"));
    expect(companyKey("Solstudio Textile Group")).toBe(companyKey("SOLSTUDIO  textile-group"));
    expect(companyKey("Evocargo")).not.toBe(companyKey("Evocargo Lidar"));
  });
});
