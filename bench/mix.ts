import type { Update } from "grammy/types";
import type { Mission } from "../src/domain/mission/schema.js";
import type { ParticipantsRepo } from "../src/storage/participants-repo.js";

/**
 * The realistic mix of updates the bench's users send during a mission day (MIX below). Each entry is a
 * weight and a way to make that update for a user. Grows with the features.
 */
let nextUpdateId = 1;
let nextMessageId = 1;

function from(userId: number) {
  return { id: userId, is_bot: false, first_name: `U${userId}`, language_code: userId % 2 === 0 ? "ru" : "en" };
}

export function textUpdate(userId: number, text: string): Update {
  const command = /^\/[a-z_]+/.exec(text);
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private", first_name: `U${userId}` },
      from: from(userId),
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

export function callbackUpdate(userId: number, data: string): Update {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cb-${nextUpdateId}`,
      from: from(userId),
      chat_instance: `ci-${userId}`,
      data,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: "private", first_name: `U${userId}` },
        text: "…",
      },
    },
  };
}

export interface MixEntry {
  name: string;
  weight: number;
  /** Sent by someone still registering (the last tenth of the users) instead of a participant. */
  newcomer?: boolean;
  make: (userId: number) => Update;
}

/** The first user id of the bench; users FIRST_USER … FIRST_USER + users − 1. */
export const FIRST_USER = 1_000;
/** Of the users, the share still registering; the others are registered participants (see seedParticipants). */
export const NEWCOMER_SHARE = 0.1;

/**
 * A mission day, as organisers describe it: the programme most of all (today, now, item and speaker
 * cards, other days), then the directory and the menus. Registration happens mostly before the trip
 * (at the invite), so it is a small share here, sent by the newcomers; everyone else is registered.
 */
export const MIX: MixEntry[] = [
  { name: "/today", weight: 15, make: (u) => textUpdate(u, "/today") },
  { name: "/now", weight: 10, make: (u) => textUpdate(u, "/now") },
  { name: "callback: another day", weight: 8, make: (u) => callbackUpdate(u, `pday:${u % 3}:0`) },
  { name: "callback: item card", weight: 10, make: (u) => callbackUpdate(u, ["pitem:d1-opening", "pitem:d1-b2b", "pitem:d1-pitches"][u % 3] ?? "pitem:d1-b2b") },
  { name: "callback: speaker card", weight: 5, make: (u) => callbackUpdate(u, ["spk:pashchenko", "spk:gorynin", "spk:kolpakov"][u % 3] ?? "spk:kolpakov") },
  { name: "/speakers", weight: 4, make: (u) => textUpdate(u, "/speakers") },
  { name: "/my", weight: 4, make: (u) => textUpdate(u, "/my") },
  { name: "/people", weight: 4, make: (u) => textUpdate(u, "/people") },
  { name: "callback: directory page", weight: 4, make: (u) => callbackUpdate(u, `ppl:a:-:-:${u % 3}`) },
  { name: "callback: participant card", weight: 3, make: (u) => callbackUpdate(u, `pcard:${FIRST_USER + ((u * 7) % 800)}`) },
  { name: "/start", weight: 5, make: (u) => textUpdate(u, "/start") },
  { name: "/help", weight: 3, make: (u) => textUpdate(u, "/help") },
  { name: "menu: help", weight: 2, make: (u) => textUpdate(u, u % 2 === 0 ? "❓ Помощь" : "❓ Help") },
  { name: "/language", weight: 2, make: (u) => textUpdate(u, "/language") },
  { name: "callback: language", weight: 2, make: (u) => callbackUpdate(u, u % 2 === 0 ? "lang:ru" : "lang:en") },
  { name: "unknown text", weight: 3, make: (u) => textUpdate(u, "where is the bus?") },
  { name: "stale callback", weight: 2, make: (u) => callbackUpdate(u, "old:button") },
  { name: "/cancel", weight: 2, make: (u) => textUpdate(u, "/cancel") },
  { name: "/profile", weight: 4, make: (u) => textUpdate(u, "/profile") },
  { name: "registration: /register", weight: 2, newcomer: true, make: (u) => textUpdate(u, "/register") },
  { name: "registration: consent", weight: 1, newcomer: true, make: (u) => callbackUpdate(u, "rconsent:1") },
  { name: "registration: a typed answer", weight: 2, newcomer: true, make: (u) => textUpdate(u, "Ольга Рухуллаева") },
];

/** Users who send `entry`: participants, or the newcomers. */
export function userOf(entry: MixEntry, users: number, pick: number): number {
  const newcomers = Math.max(1, Math.round(users * NEWCOMER_SHARE));
  const participants = users - newcomers;
  return entry.newcomer ? FIRST_USER + participants + (pick % newcomers) : FIRST_USER + (pick % participants);
}

/** `count` updates from `users` users, drawn by weight with a fixed seed (same mix every run). */
export function makeUpdates(count: number, users: number, mix: MixEntry[] = MIX): Update[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const total = mix.reduce((s, e) => s + e.weight, 0);
  const updates: Update[] = [];
  for (let i = 0; i < count; i++) {
    let pick = random() * total;
    const entry = mix.find((e) => (pick -= e.weight) < 0) ?? mix[0];
    if (!entry) break;
    updates.push(entry.make(userOf(entry, users, Math.floor(random() * users))));
  }
  return updates;
}

/** Registers the participants of the bench (all users but the newcomers), as they are on a mission day. */
export async function seedParticipants(repo: ParticipantsRepo, mission: Mission, users: number): Promise<void> {
  const newcomers = Math.max(1, Math.round(users * NEWCOMER_SHARE));
  const tags = mission.tags.map((t) => t.id);
  const at = new Date(0).toISOString();
  const saves: Promise<void>[] = [];
  for (let i = 0; i < users - newcomers; i++) {
    const id = FIRST_USER + i;
    saves.push(
      repo.save({
        id,
        role: i % 5 === 0 ? "host" : "delegate",
        fullName: `Участник ${i}`,
        company: `Компания ${i % 97}`,
        position: "Директор",
        region: ["Красноярский край", "Калужская область", "Москва"][i % 3] ?? "Москва",
        tags: [tags[i % tags.length] ?? "it", tags[(i * 3 + 1) % tags.length] ?? "it"],
        offer: "Поставки и сервис",
        lookingFor: "Партнёров и заказчиков",
        ...(i % 5 === 0 ? { companyDescription: "Резидент технопарка" } : {}),
        phone: `+7913${String(1_000_000 + i)}`,
        email: `p${i}@example.org`,
        reachable: true,
        visible: true,
        registeredAt: at,
        consentAt: at,
      }),
    );
  }
  await Promise.all(saves);
}
