import { z } from "zod";
import type { Logger } from "../logger.js";
import type { Keys } from "./keys.js";
import { execAll } from "./lua.js";
import type { Redis } from "./redis.js";

const itemIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);
const userIdSchema = z.coerce.number().int().positive();

/**
 * Saved programme items: a set of item ids per user, with the reverse set per item (who must hear when
 * it moves) kept in step in one MULTI.
 */
export class AgendaRepository {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {}

  private valid<T>(values: readonly string[], schema: z.ZodType<T>, what: string): T[] {
    return values.flatMap((value) => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return [parsed.data];
      this.logger.warn({ value, what }, "stored agenda value failed validation; ignored");
      return [];
    });
  }

  async savedItemIds(userId: number): Promise<string[]> {
    return this.valid(await this.redis.smembers(this.keys.savedItems(userId)), itemIdSchema, "saved item");
  }

  async isSaved(userId: number, itemId: string): Promise<boolean> {
    return (await this.redis.sismember(this.keys.savedItems(userId), itemId)) === 1;
  }

  async save(userId: number, itemId: string): Promise<void> {
    await execAll(this.redis.multi().sadd(this.keys.savedItems(userId), itemId).sadd(this.keys.itemHolders(itemId), String(userId)));
  }

  async unsave(userId: number, itemId: string): Promise<void> {
    await execAll(this.redis.multi().srem(this.keys.savedItems(userId), itemId).srem(this.keys.itemHolders(itemId), String(userId)));
  }

  async holders(itemId: string): Promise<number[]> {
    return this.valid(await this.redis.smembers(this.keys.itemHolders(itemId)), userIdSchema, "item holder");
  }

  /** Forgets items that left the programme, for everyone who had saved them. */
  async forgetItems(itemIds: readonly string[]): Promise<void> {
    for (const itemId of itemIds) {
      const holders = await this.holders(itemId);
      const multi = this.redis.multi();
      for (const userId of holders) multi.srem(this.keys.savedItems(userId), itemId);
      multi.del(this.keys.itemHolders(itemId));
      await multi.exec();
    }
  }

  /** Erases everything kept about a user here; returns the item ids they had saved. */
  async forget(userId: number): Promise<string[]> {
    const itemIds = await this.savedItemIds(userId);
    const multi = this.redis.multi();
    for (const itemId of itemIds) multi.srem(this.keys.itemHolders(itemId), String(userId));
    await multi.del(this.keys.savedItems(userId)).exec();
    return itemIds;
  }
}
