import { DEFAULT_LOCALE, type Locale } from "../domain/locale.js";
import { sessionSchema } from "../bot/session.js";
import type { AgendaRepository } from "../storage/agenda-repository.js";
import type { ParticipantsRepo } from "../storage/participants-repo.js";
import type { Keys } from "../storage/keys.js";
import type { Redis } from "../storage/redis.js";

/**
 * Who hears about programme changes and in which language: registered participants, and whoever else
 * talked to the bot (a session, saved items), since the programme needs no registration.
 */
export interface Audience {
  everyone(): Promise<number[]>;
  localeOf(userId: number): Promise<Locale>;
}

export function botAudience(redis: Redis, keys: Keys, agenda: AgendaRepository, participants: Pick<ParticipantsRepo, "get">): Audience {
  return {
    async everyone() {
      const ids = new Set(await agenda.users());
      for (const id of await redis.smembers(keys.participantsAll)) {
        const n = Number(id);
        if (Number.isSafeInteger(n) && n > 0) ids.add(n);
      }
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
      const participant = await participants.get(userId);
      if (participant) return participant.language;
      // The language chosen with /language wins; then the one the user was last spoken to in.
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
