import type { Redis } from "ioredis";
import type { Role, Participant } from "../../src/domain/participant.js";
import { createLogger } from "../../src/logger.js";
import { createKeys } from "../../src/storage/keys.js";
import { LanguagesRepo } from "../../src/storage/languages-repo.js";
import { ParticipantsRepo } from "../../src/storage/participants-repo.js";

export interface Person {
  id: number;
  locale: "ru" | "en";
  role?: Role;
  tags?: string[];
  reachable?: boolean;
  /** Any other field of the record. */
  fields?: Partial<Participant>;
}

/**
 * Registered participants stored straight into the participants repository under a test's prefix,
 * for tests about broadcasts (registration itself is tested through the bot elsewhere).
 */
export class People {
  private readonly repo: ParticipantsRepo;
  private readonly languages: LanguagesRepo;

  constructor(redis: Redis, prefix: string) {
    this.repo = new ParticipantsRepo(redis, createKeys(prefix), createLogger("silent"));
    this.languages = new LanguagesRepo(redis, createKeys(prefix), createLogger("silent"));
  }

  async add(...people: Person[]): Promise<void> {
    const now = new Date().toISOString();
    for (const p of people) {
      await this.repo.save({
        id: p.id,
        role: p.role ?? "delegate",
        fullName: `Participant ${p.id}`,
        company: "Feal-Technology LLC",
        position: "Director",
        region: "Kaluga Region",
        tags: p.tags ?? ["metallurgy"],
        offer: "Precision alloys",
        lookingFor: "Mining companies",
        reachable: p.reachable ?? true,
        visible: true,
        registeredAt: now,
        consentAt: now,
        ...p.fields,
      });
      // Spoken to in their locale, as if they had written to the bot in it.
      await this.languages.noteSpoken(p.id, p.locale);
    }
  }

  get(id: number): Promise<Participant | undefined> {
    return this.repo.get(id);
  }

  async clear(): Promise<void> {
    for (const p of await this.repo.listAll()) {
      await this.repo.delete(p.id);
      await this.languages.forget(p.id);
    }
  }
}
