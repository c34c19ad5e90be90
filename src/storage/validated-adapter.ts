import type { StorageAdapter } from "grammy";
import type { z } from "zod";
import type { Logger } from "../logger.js";

/**
 * Wraps a storage adapter so that every read is parsed by a zod schema: a stored value that no longer
 * fits (an old format, a hand edit) is logged and treated as absent instead of crashing a handler.
 */
export function validatedAdapter<T>(
  inner: StorageAdapter<unknown>,
  schema: z.ZodType<T>,
  logger: Logger,
  what: string,
): StorageAdapter<T> {
  return {
    read: async (key) => {
      const raw = await inner.read(key);
      if (raw === undefined) return undefined;
      const parsed = schema.safeParse(raw);
      if (parsed.success) return parsed.data;
      logger.warn({ key, what, issues: parsed.error.issues.slice(0, 3) }, "stored value failed validation; ignored");
      return undefined;
    },
    write: (key, value) => inner.write(key, value),
    delete: (key) => inner.delete(key),
  };
}
