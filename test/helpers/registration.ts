import type { Locale, StoredLanguage } from "../../src/domain/locale.js";
import type { Participant } from "../../src/domain/participant.js";
import { createLogger } from "../../src/logger.js";
import { createKeys } from "../../src/storage/keys.js";
import { LanguagesRepo } from "../../src/storage/languages-repo.js";
import { ParticipantsRepo } from "../../src/storage/participants-repo.js";
import type { Redis } from "../../src/storage/redis.js";
import type { FakeUser } from "../fake-telegram/server.js";
import type { Harness } from "./harness.js";

/** Button labels of the registration, as the user sees them. */
export const LABELS = {
  ru: {
    register: "📝 Зарегистрироваться",
    agree: "✅ Даю согласие",
    decline: "✖️ Отказаться",
    done: "Готово ➡️",
    skip: "⏭ Пропустить",
    confirm: "✅ Всё верно",
    edit: "✏️ Исправить поле…",
    back: "← Назад",
  },
  en: {
    register: "📝 Register",
    agree: "✅ I agree",
    decline: "✖️ Decline",
    done: "Done ➡️",
    skip: "⏭ Skip",
    confirm: "✅ All correct",
    edit: "✏️ Edit a field…",
    back: "← Back",
  },
} as const;

export interface Answers {
  fullName: string;
  company: string;
  position: string;
  region: string;
  companyDescription?: string;
  /** Tag button labels. */
  tags: string[];
  /** The same tags' ids. */
  tagIds: string[];
  offer: string;
  lookingFor: string;
  /** Shared as the user's own contact; skipped when absent. */
  phone?: string;
  /** Skipped when absent. */
  email?: string;
}

export const OLGA: Answers = {
  fullName: "Ольга Рухуллаева",
  company: "Минист. инвестиций и инноваций",
  position: "И. о. министра",
  region: "Красноярский край",
  tags: ["Металлургия и новые материалы", "Горная добыча"],
  tagIds: ["metallurgy", "mining"],
  offer: "Поддержка проектов и знакомство с компаниями края",
  lookingFor: "Партнёров для цепочек поставок",
  phone: "+79131234567",
  email: "olga@krasinvest.example",
};

export const FYODOR: Answers = {
  fullName: "Fyodor Pashchenko",
  company: "Feal-Technology LLC",
  position: "Director",
  region: "Kaluga Region",
  tags: ["Metallurgy and new materials", "Energy and power electronics"],
  tagIds: ["metallurgy", "energy"],
  offer: "Thin-layer heating elements, precision alloys",
  lookingFor: "Mining companies of Krasnoyarsk",
  phone: "79101112233",
  email: "fp@feal.example",
};

/** Answers every question after consent, in order, without checking the texts. */
export async function answerAll(u: FakeUser, a: Answers, locale: "ru" | "en"): Promise<void> {
  const l = LABELS[locale];
  for (const text of [a.fullName, a.company, a.position, a.region]) await u.send(text);
  if (a.companyDescription !== undefined) await u.send(a.companyDescription);
  for (const tag of a.tags) await u.press(tag);
  await u.press(l.done);
  await u.send(a.offer);
  await u.send(a.lookingFor);
  if (a.phone !== undefined) await u.shareContact(a.phone);
  else await u.send(l.skip);
  await u.send(a.email ?? l.skip);
}

/** A whole registration from /register to the confirmation. */
export async function register(u: FakeUser, a: Answers, locale: "ru" | "en"): Promise<void> {
  await u.send("/register");
  await u.press(LABELS[locale].agree);
  await answerAll(u, a, locale);
  await u.press(LABELS[locale].confirm);
}

/** Every value stored under the prefix (strings, hashes, sets, sorted sets, lists, streams), as text. */
export async function dumpValues(redis: Redis, keys: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    let value: unknown;
    if (type === "string") value = await redis.get(key);
    else if (type === "hash") value = await redis.hgetall(key);
    else if (type === "set") value = await redis.smembers(key);
    else if (type === "zset") value = await redis.zrange(key, 0, -1);
    else if (type === "list") value = await redis.lrange(key, 0, -1);
    else if (type === "stream") value = await redis.xrange(key, "-", "+");
    parts.push(`${key} ${JSON.stringify(value)}`);
  }
  return parts.join("\n");
}

/**
 * Stores a registered participant directly, for tests about what comes after registration (the
 * registration itself is tested through the bot in registration.test.ts).
 */
export async function seedParticipant(
  h: Harness,
  id: number,
  a: Answers,
  { language = "ru", ...overrides }: Partial<Participant> & { /** Spoken to in it, as if they had written in it. */ language?: Locale } = {},
): Promise<Participant> {
  const now = new Date().toISOString();
  const participant: Participant = {
    id,
    role: "delegate",
    fullName: a.fullName,
    company: a.company,
    position: a.position,
    region: a.region,
    tags: a.tagIds,
    offer: a.offer,
    lookingFor: a.lookingFor,
    ...(a.phone ? { phone: `+${a.phone.replace(/\D/g, "")}` } : {}),
    ...(a.email ? { email: a.email } : {}),
    ...(a.companyDescription ? { companyDescription: a.companyDescription } : {}),
    reachable: true,
    visible: true,
    registeredAt: now,
    consentAt: now,
    ...overrides,
  };
  const keys = createKeys(h.prefix);
  await new ParticipantsRepo(h.redis, keys, createLogger("silent")).save(participant);
  await new LanguagesRepo(h.redis, keys, createLogger("silent")).noteSpoken(id, language);
  return participant;
}

/** The language on record for a user (LanguagesRepo), for tests about what the bot stored. */
export function storedLanguage(h: Harness, id: number): Promise<StoredLanguage | undefined> {
  return new LanguagesRepo(h.redis, createKeys(h.prefix), createLogger("silent")).get(id);
}
