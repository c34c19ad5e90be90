import { z } from "zod";
import { LOCALES, type Locale, type StoredLanguage } from "../domain/locale.js";
import type { Logger } from "../logger.js";
import type { Keys } from "./keys.js";
import type { Result } from "ioredis";
import { defineCommands } from "./lua.js";
import type { Redis } from "./redis.js";

// How a value says where the language came from: the user's /language choice, or Telegram's
// language_code seen on one of their updates. A prefix, so the Lua below can tell a choice from the rest.
const CHOSEN = "chosen:";
const SPOKEN = "spoken:";

const storedValue = z.enum(LOCALES.flatMap((l) => [`${CHOSEN}${l}`, `${SPOKEN}${l}`])).transform(
  (value): StoredLanguage => ({ locale: value.slice(value.indexOf(":") + 1) as Locale, chosen: value.startsWith(CHOSEN) }),
);
const userIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// A derived language replaces an older derived one (the user switched Telegram's language) but never a
// choice; read and write in one script so a /language choice landing in between is not overwritten.
// Writes only on a change: most updates find the same value, and a no-op HSET would still be propagated.
const NOTE_SPOKEN_LUA = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current == ARGV[2] then return 0 end
if current and string.sub(current, 1, string.len(ARGV[3])) == ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;
const COMMANDS = { mbLanguageNoteSpoken: { numberOfKeys: 1, lua: NOTE_SPOKEN_LUA } };

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** languages-repo.ts: NOTE_SPOKEN_LUA. */
    mbLanguageNoteSpoken(key: string, userId: string, value: string, chosenPrefix: string): Result<unknown, Context>;
  }
}

/**
 * The one record of the language each user is spoken to in: one hash, user id → locale and whether the
 * user chose it. Messages sent outside a user's own update (reminders, programme notices, meeting requests,
 * broadcasts) have no Telegram language_code at hand, so they read it here; and its fields are everyone
 * who ever talked to the bot in private, the audience of "notify everyone". Every read is zod-parsed: a
 * value that does not parse is logged and treated as absent.
 */
export class LanguagesRepo {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {
    defineCommands(redis, COMMANDS);
  }

  async get(userId: number): Promise<StoredLanguage | undefined> {
    return this.parse(userId, await this.redis.hget(this.keys.languages, String(userId)));
  }

  /** The stored locale of each user that has one, in one HMGET; users without a record are absent. */
  async getMany(userIds: readonly number[]): Promise<Map<number, Locale>> {
    const found = new Map<number, Locale>();
    if (userIds.length === 0) return found;
    const values = await this.redis.hmget(this.keys.languages, ...userIds.map(String));
    userIds.forEach((userId, i) => {
      const stored = this.parse(userId, values[i] ?? null);
      if (stored) found.set(userId, stored.locale);
    });
    return found;
  }

  /** The user's /language choice: wins over Telegram's language_code from now on. */
  async choose(userId: number, locale: Locale): Promise<void> {
    await this.redis.hset(this.keys.languages, String(userId), `${CHOSEN}${locale}`);
  }

  /**
   * The language derived from Telegram's language_code on one of the user's updates. Atomic: never
   * replaces a choice, even one made by another process at the same moment.
   */
  async noteSpoken(userId: number, locale: Locale): Promise<void> {
    await this.redis.mbLanguageNoteSpoken(this.keys.languages, String(userId), `${SPOKEN}${locale}`, CHOSEN);
  }

  /** Everyone who ever talked to the bot in private (and was not forgotten since), in id order. */
  async users(): Promise<number[]> {
    const ids: number[] = [];
    for (const field of await this.redis.hkeys(this.keys.languages)) {
      const parsed = userIdSchema.safeParse(field);
      if (parsed.success) ids.push(parsed.data);
      else this.logger.warn({ field }, "stored language user id failed validation; ignored");
    }
    return ids.sort((a, b) => a - b);
  }

  /** For /deletemydata. */
  async forget(userId: number): Promise<void> {
    await this.redis.hdel(this.keys.languages, String(userId));
  }

  private parse(userId: number, raw: string | null): StoredLanguage | undefined {
    if (raw === null) return undefined;
    const parsed = storedValue.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.logger.warn({ user: userId, value: raw }, "stored language failed validation; ignored");
    return undefined;
  }
}
