import { createHmac, timingSafeEqual } from "node:crypto";
import type { Day, Item, Mission, Stop } from "../mission/schema.js";

/**
 * Check-in codes: `https://t.me/<bot>?start=<payload>` printed as a QR code at an item, a stop of a
 * visit, or for a whole day. The payload is `c<kind>_<ref>_<sig>`: kind `d` (day, ref the date as
 * YYYYMMDD), `i` (item id) or `s` (stop id; stop ids are unique in the file), and the first 16
 * characters of the base64url HMAC-SHA256 of the mission id, kind and ref under a secret of the bot's.
 *
 * Why signed rather than ids alone: programme ids are readable and guessable ("d2-visit"), and anyone
 * could then check in everywhere from the hotel by typing links; with the HMAC a code can only come
 * from the printed QR (or an organiser). The mission id in it keeps one mission's codes out of another's.
 * Why ids in it at all: a code whose signature holds but whose item or stop is no longer in the
 * published programme is told apart from a forged one ("this stop is no longer in the programme"), and
 * the payload stays readable in logs. At most 3 + 32 + 1 + 16 = 52 characters of `A-Za-z0-9_-`, under
 * Telegram's 64.
 */

export type CheckinTarget = { kind: "day"; date: string } | { kind: "item"; itemId: string } | { kind: "stop"; stopId: string };

/** What a valid target is in the published programme: its day, and its item and stop when it has them. */
export type CheckinPlace =
  | { kind: "day"; day: Day }
  | { kind: "item"; day: Day; item: Item }
  | { kind: "stop"; day: Day; item: Item; stop: Stop };

export const SIGNATURE_LENGTH = 16;
const PAYLOAD = /^c([dis])_([a-z0-9-]{1,32})_([A-Za-z0-9_-]{16})$/;

/** A target as one string (storage keys, callback data): `d:2026-12-11`, `i:d2-visit`, `s:zh-park`. */
export function targetKey(target: CheckinTarget): string {
  switch (target.kind) {
    case "day":
      return `d:${target.date}`;
    case "item":
      return `i:${target.itemId}`;
    case "stop":
      return `s:${target.stopId}`;
  }
}

function letterAndRef(target: CheckinTarget): [string, string] {
  switch (target.kind) {
    case "day":
      return ["d", target.date.replaceAll("-", "")];
    case "item":
      return ["i", target.itemId];
    case "stop":
      return ["s", target.stopId];
  }
}

function signature(secret: string, missionId: string, letter: string, ref: string): string {
  return createHmac("sha256", secret).update(`${missionId}\n${letter}\n${ref}`).digest("base64url").slice(0, SIGNATURE_LENGTH);
}

export function checkinPayload(target: CheckinTarget, missionId: string, secret: string): string {
  const [letter, ref] = letterAndRef(target);
  return `c${letter}_${ref}_${signature(secret, missionId, letter, ref)}`;
}

export type ParsedCheckin = { kind: "none" } | { kind: "forged" } | { kind: "valid"; target: CheckinTarget };

/**
 * Reads a `/start` payload as a check-in code. `none`: not shaped like one (an invite, or nothing);
 * `forged`: shaped like one, but the signature does not hold (made up, cut, or another mission's).
 */
export function verifyCheckinPayload(payload: string, missionId: string, secret: string): ParsedCheckin {
  const match = PAYLOAD.exec(payload.trim());
  if (!match) return /^c[dis]_/.test(payload.trim()) ? { kind: "forged" } : { kind: "none" };
  const [, letter = "", ref = "", sig = ""] = match;
  const expected = Buffer.from(signature(secret, missionId, letter, ref));
  if (!timingSafeEqual(expected, Buffer.from(sig))) return { kind: "forged" };
  if (letter === "d") {
    if (!/^\d{8}$/.test(ref)) return { kind: "forged" };
    return { kind: "valid", target: { kind: "day", date: `${ref.slice(0, 4)}-${ref.slice(4, 6)}-${ref.slice(6)}` } };
  }
  return { kind: "valid", target: letter === "i" ? { kind: "item", itemId: ref } : { kind: "stop", stopId: ref } };
}

/** Where a target is in this programme; `undefined` once it is gone from it (a stale code). */
export function placeOf(mission: Mission, target: CheckinTarget): CheckinPlace | undefined {
  for (const day of mission.days) {
    if (target.kind === "day") {
      if (day.date === target.date) return { kind: "day", day };
      continue;
    }
    for (const item of day.items) {
      if (target.kind === "item" && item.id === target.itemId) return { kind: "item", day, item };
      if (target.kind === "stop") {
        const stop = item.stops.find((s) => s.id === target.stopId);
        if (stop) return { kind: "stop", day, item, stop };
      }
    }
  }
  return undefined;
}

/** Every target of a day in programme order: the day, then each item followed by its stops. */
export function targetsOfDay(day: Day): CheckinPlace[] {
  return [{ kind: "day", day }, ...day.items.flatMap((item): CheckinPlace[] => [{ kind: "item", day, item }, ...item.stops.map((stop): CheckinPlace => ({ kind: "stop", day, item, stop }))])];
}

export function targetOfPlace(place: CheckinPlace): CheckinTarget {
  switch (place.kind) {
    case "day":
      return { kind: "day", date: place.day.date };
    case "item":
      return { kind: "item", itemId: place.item.id };
    case "stop":
      return { kind: "stop", stopId: place.stop.id };
  }
}

// Legal forms people add or leave out ("ООО «Наукасофт»", "Naukasoft LLC").
const LEGAL_FORMS = new Set(["ооо", "оао", "зао", "пао", "ао", "ип", "нко", "llc", "ltd", "jsc", "inc", "gmbh"]);

/** A company name as matched between the programme file and a host's profile: case, quotes, spacing and legal form aside. */
export function companyKey(name: string): string {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "" && !LEGAL_FORMS.has(word))
    .join("");
}
