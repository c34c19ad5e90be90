import { describe, expect, it } from "vitest";
import { contactsFor, publicProfile } from "../../../src/domain/meetings/privacy.js";
import { newRequest } from "../../../src/domain/meetings/request.js";
import type { Participant } from "../../../src/domain/participant.js";

const host: Participant = {
  id: 2,
  role: "host",
  fullName: "Kristina Zarubina",
  company: "Kalibr technopark",
  position: "Head",
  region: "Moscow",
  tags: ["it"],
  offer: "Space for residents",
  lookingFor: "Lidar makers",
  phone: "+79990001122",
  email: "kz@kalibr.example",
  username: "kz_kalibr",
  companyDescription: "Technopark",
  reachable: true,
  visible: true,
  registeredAt: "2026-02-08T09:00:00.000Z",
  consentAt: "2026-02-08T09:00:00.000Z",
};

describe("what others see of a participant", () => {
  it("is the public profile, never a contact field, whatever the record holds", () => {
    const withExtra: Participant = Object.assign({}, host, { secret: "x" });
    const shown = publicProfile(withExtra);
    expect(Object.keys(shown).sort()).toEqual(["company", "companyDescription", "fullName", "id", "lookingFor", "offer", "position", "region", "role", "tags"]);
    expect(JSON.stringify(shown)).not.toMatch(/79990001122|kz@|kz_kalibr|secret/);
    expect(publicProfile({ ...host, role: "delegate" }).companyDescription).toBeUndefined();
  });

  it("gives contacts only to a meeting both agreed to, and only the person's own", () => {
    const request = newRequest({ id: "r1", from: 1, to: 2, slot: null, message: "Hi", now: 0, delivered: true });
    expect(contactsFor(host, request)).toBeUndefined();
    expect(contactsFor(host, { ...request, state: "declined" })).toBeUndefined();
    expect(contactsFor(host, { ...request, state: "accepted" })).toEqual({
      id: 2,
      fullName: "Kristina Zarubina",
      company: "Kalibr technopark",
      position: "Head",
      username: "kz_kalibr",
      phone: "+79990001122",
      email: "kz@kalibr.example",
    });
    expect(contactsFor({ ...host, id: 9 }, { ...request, state: "accepted" })).toBeUndefined();
    const bare: Participant = { ...host };
    delete bare.phone;
    delete bare.email;
    delete bare.username;
    expect(contactsFor(bare, { ...request, state: "accepted" })).toEqual({ id: 2, fullName: "Kristina Zarubina", company: "Kalibr technopark", position: "Head" });
  });
});
