import type { Update } from "grammy/types";

/**
 * The realistic mix of updates 1,000 participants send during a mission day. Each entry is a weight
 * and a way to make that update for a user. Grows with the features.
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
  make: (userId: number) => Update;
}

export const MIX: MixEntry[] = [
  // During a mission day most traffic is the agenda: today, now, item and speaker cards, paging.
  { name: "/today", weight: 15, make: (u) => textUpdate(u, "/today") },
  { name: "/now", weight: 10, make: (u) => textUpdate(u, "/now") },
  { name: "callback: another day", weight: 8, make: (u) => callbackUpdate(u, `pday:${u % 3}:0`) },
  { name: "callback: item card", weight: 10, make: (u) => callbackUpdate(u, ["pitem:d1-opening", "pitem:d1-b2b", "pitem:d1-pitches"][u % 3] ?? "pitem:d1-b2b") },
  { name: "callback: speaker card", weight: 5, make: (u) => callbackUpdate(u, ["spk:pashchenko", "spk:gorynin", "spk:kolpakov"][u % 3] ?? "spk:kolpakov") },
  { name: "/speakers", weight: 4, make: (u) => textUpdate(u, "/speakers") },
  { name: "/my", weight: 4, make: (u) => textUpdate(u, "/my") },
  { name: "/start", weight: 5, make: (u) => textUpdate(u, "/start") },
  { name: "/help", weight: 3, make: (u) => textUpdate(u, "/help") },
  { name: "menu: help", weight: 2, make: (u) => textUpdate(u, u % 2 === 0 ? "❓ Помощь" : "❓ Help") },
  { name: "/language", weight: 2, make: (u) => textUpdate(u, "/language") },
  { name: "callback: language", weight: 2, make: (u) => callbackUpdate(u, u % 2 === 0 ? "lang:ru" : "lang:en") },
  { name: "unknown text", weight: 3, make: (u) => textUpdate(u, "where is the bus?") },
  { name: "stale callback", weight: 2, make: (u) => callbackUpdate(u, "old:button") },
  { name: "/cancel", weight: 2, make: (u) => textUpdate(u, "/cancel") },
  { name: "registration: /register", weight: 5, make: (u) => textUpdate(u, "/register") },
  { name: "registration: consent", weight: 3, make: (u) => callbackUpdate(u, "rconsent:1") },
  { name: "registration: a typed answer", weight: 3, make: (u) => textUpdate(u, "Ольга Рухуллаева") },
  { name: "/profile", weight: 5, make: (u) => textUpdate(u, "/profile") },
];

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
    updates.push(entry.make(1_000 + Math.floor(random() * users)));
  }
  return updates;
}
