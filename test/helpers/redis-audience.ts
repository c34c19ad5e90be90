import type { Redis } from "ioredis";
import { z } from "zod";
import { ROLES, type Audience, type Role } from "../../src/domain/broadcast/audience.js";
import { LOCALES, type Locale } from "../../src/domain/locale.js";
import type { AudienceMember, AudienceSource } from "../../src/services/broadcasts.js";

export interface Person {
  id: number;
  locale: Locale;
  roles?: Role[];
  tags?: string[];
  reachable?: boolean;
}

const personSchema = z.object({
  id: z.number().int(),
  locale: z.enum(LOCALES),
  roles: z.array(z.enum(ROLES)).default(["delegate"]),
  tags: z.array(z.string()).default([]),
  reachable: z.boolean().default(true),
});

/**
 * A stand-in for the participants repository (being built on the registration branch), in Redis so
 * that a bot in a child process sees the same people: one hash under the test's prefix.
 */
export class RedisAudience implements AudienceSource {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}test:people`;
  }

  async add(...people: Person[]): Promise<void> {
    if (people.length === 0) return;
    await this.redis.hset(this.key, Object.fromEntries(people.map((p) => [p.id, JSON.stringify(personSchema.parse(p))])));
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }

  async all(): Promise<z.infer<typeof personSchema>[]> {
    const raw = await this.redis.hgetall(this.key);
    return Object.values(raw).map((v) => personSchema.parse(JSON.parse(v)));
  }

  async get(id: number): Promise<z.infer<typeof personSchema> | undefined> {
    const raw = await this.redis.hget(this.key, String(id));
    return raw ? personSchema.parse(JSON.parse(raw)) : undefined;
  }

  async resolve(audience: Audience): Promise<AudienceMember[]> {
    const matches = (p: z.infer<typeof personSchema>) =>
      audience.kind === "all" ? true : audience.kind === "role" ? p.roles.includes(audience.role) : p.tags.includes(audience.tag);
    return (await this.all()).filter((p) => p.reachable && matches(p)).map((p) => ({ userId: p.id, locale: p.locale }));
  }

  async markUnreachable(userId: number): Promise<void> {
    const person = await this.get(userId);
    if (person) await this.add({ ...person, reachable: false });
  }
}
