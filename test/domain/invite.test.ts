import { describe, expect, it } from "vitest";
import { invitePayload, parseInviteCommand, parseStartPayload } from "../../src/domain/invite.js";

const TOKEN = "AbCdEfGhIjKlMnOpQr_-12";

describe("parseStartPayload", () => {
  it("recognises an invite payload exactly and nothing else", () => {
    expect(invitePayload(TOKEN)).toBe(`i_${TOKEN}`);
    expect(invitePayload(TOKEN).length).toBeLessThanOrEqual(64);
    expect(parseStartPayload(`i_${TOKEN}`)).toEqual({ kind: "invite", token: TOKEN });
    expect(parseStartPayload("")).toEqual({ kind: "none" });
    for (const forged of [`i_${TOKEN.slice(1)}`, `i_${TOKEN}x`, "i_", "hello", `x_${TOKEN}`, `i_${TOKEN.slice(2)}<>`]) {
      expect(parseStartPayload(forged)).toEqual({ kind: "unknown" });
    }
  });
});

describe("parseInviteCommand", () => {
  it("defaults to one use for 14 days", () => {
    expect(parseInviteCommand("host")).toEqual({ ok: true, role: "host", uses: 1, days: 14 });
    expect(parseInviteCommand(" Organizer 5 ")).toEqual({ ok: true, role: "organiser", uses: 5, days: 14 });
    expect(parseInviteCommand("organiser 3 30")).toEqual({ ok: true, role: "organiser", uses: 3, days: 30 });
  });

  it("needs a speaker id of the programme's shape, checked against its speakers when it lists them", () => {
    expect(parseInviteCommand("speaker pashchenko 2")).toEqual({ ok: true, role: "speaker", speakerId: "pashchenko", uses: 2, days: 14 });
    expect(parseInviteCommand("speaker")).toEqual({ ok: false, error: "speaker-id" });
    expect(parseInviteCommand("speaker Bad_Id")).toEqual({ ok: false, error: "speaker-id", given: "Bad_Id" });
    expect(parseInviteCommand("speaker pashchenko", ["gorynin"])).toEqual({ ok: false, error: "unknown-speaker", given: "pashchenko" });
    expect(parseInviteCommand("speaker gorynin", ["gorynin"])).toMatchObject({ ok: true, speakerId: "gorynin" });
  });

  it("refuses unknown roles, bad numbers and extra words", () => {
    expect(parseInviteCommand("")).toEqual({ ok: false, error: "usage" });
    expect(parseInviteCommand("delegate")).toEqual({ ok: false, error: "usage" });
    expect(parseInviteCommand("host 0")).toEqual({ ok: false, error: "uses", max: 500 });
    expect(parseInviteCommand("host 501")).toEqual({ ok: false, error: "uses", max: 500 });
    expect(parseInviteCommand("host -1")).toEqual({ ok: false, error: "uses", max: 500 });
    expect(parseInviteCommand("host 1 91")).toEqual({ ok: false, error: "days", max: 90 });
    expect(parseInviteCommand("host 1 x")).toEqual({ ok: false, error: "days", max: 90 });
    expect(parseInviteCommand("host 1 2 3")).toEqual({ ok: false, error: "usage" });
  });
});
