import { DEFAULT_LOCALE, type Locale } from "../domain/locale.js";
import { sessionSchema } from "../bot/session.js";
import type { AgendaRepository } from "../storage/agenda-repository.js";
import type { Keys } from "../storage/keys.js";
import type { Redis } from "../storage/redis.js";

/**
 * Who hears about programme changes and in which language. The participants repository (another
 * issue) will answer this properly; until then everyone is whoever has a session or saved items.
 */
export interface Audience {
  everyone(): Promise<number[]>;
  localeOf(userId: number): Promise<Locale>;
}

export function sessionAudience(redis: Redis, keys: Keys, agenda: AgendaRepository): Audience {
  return {
    async everyone() {
      const ids = new Set(await agenda.users());
      let cursor = "0";
      do {
        const [next, batch] = await redis.scan(cursor, "MATCH", `${keys.sessionPrefix}*`, "COUNT", 500);
        cursor = next;
        for (const key of batch) {
          const id = Number(key.slice(keys.sessionPrefix.length));
          // Private chats only: a group's chat id is negative.
          if (Number.isSafeInteger(id) && id > 0) ids.add(id);
        }
      } while (cursor !== "0");
      return [...ids].sort((a, b) => a - b);
    },
    async localeOf(userId) {
      // The language chosen with /language wins; then the one the agenda was last used in.
      const raw = await redis.get(`${keys.sessionPrefix}${userId}`);
      if (raw !== null) {
        try {
          const session = sessionSchema.safeParse(JSON.parse(raw));
          if (session.success && session.data.language) return session.data.language;
        } catch {
          // An unreadable session says nothing about the language.
        }
      }
      return (await agenda.locale(userId)) ?? DEFAULT_LOCALE;
    },
  };
}
