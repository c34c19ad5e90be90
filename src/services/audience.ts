import { DEFAULT_LOCALE, effectiveLocale, type Locale } from "../domain/locale.js";
import type { LanguagesRepo } from "../storage/languages-repo.js";
import type { ParticipantsRepo } from "../storage/participants-repo.js";

/**
 * Who hears about programme changes and in which language: registered participants, and whoever else
 * talked to the bot in private, since the programme needs no registration.
 */
export interface Audience {
  everyone(): Promise<number[]>;
  localeOf(userId: number): Promise<Locale>;
  /** `localeOf` for many users in one read. */
  localesOf(userIds: readonly number[]): Promise<Map<number, Locale>>;
}

export function botAudience(languages: Pick<LanguagesRepo, "users" | "get" | "getMany">, participants: Pick<ParticipantsRepo, "ids">): Audience {
  return {
    async everyone() {
      // Everyone who talked to the bot in private has a language on record, participants included; the
      // participants are added all the same, for records made before the languages hash existed.
      const ids = new Set(await languages.users());
      for (const id of await participants.ids()) ids.add(id);
      return [...ids].sort((a, b) => a - b);
    },
    async localeOf(userId) {
      // Sent outside the user's own update: no Telegram language_code at hand.
      return effectiveLocale(await languages.get(userId), undefined);
    },
    async localesOf(userIds) {
      // What effectiveLocale gives without a language_code: the stored language, else the default.
      const stored = await languages.getMany(userIds);
      return new Map(userIds.map((id) => [id, stored.get(id) ?? DEFAULT_LOCALE]));
    },
  };
}
