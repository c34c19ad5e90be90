import { z } from "zod";

const MAX_BYTES = 64; // Telegram's limit on callback_data, in bytes.

// Every prefix a button of the bot can have, declared as the modules that make buttons load (callbackData,
// buttonFamily). A button whose prefix nobody declared can have no handler: routing.ts sends it to the
// fallback straight away instead of through every feature. So every button handler matches data made here.
const declaredPrefixes = new Set<string>();
const declaredFamilies: RegExp[] = [];

/** Whether some button of the bot can have this prefix (see buttonPrefix). */
export function isDeclaredPrefix(prefix: string): boolean {
  return declaredPrefixes.has(prefix) || declaredFamilies.some((family) => family.test(prefix));
}

/**
 * Declares a family of prefixes (a pattern such as `bc[a-z]*`) for a handler that answers every button of a
 * feature, and returns the filter of their data for `callbackQuery`.
 */
export function buttonFamily(prefixPattern: string): RegExp {
  declaredFamilies.push(new RegExp(`^(?:${prefixPattern})$`));
  return new RegExp(`^(?:${prefixPattern})(:|$)`);
}

/**
 * Typed callback data: `prefix:field1:field2`, ids only. `unpack` validates every field with zod, so
 * forged or stale data is `undefined`, never an exception.
 */
export function callbackData<const S extends z.ZodRawShape>(prefix: string, shape: S) {
  const schema = z.object(shape);
  const fields = Object.keys(shape);
  type Value = z.output<typeof schema>;
  type Input = z.input<typeof schema>;
  const filter = new RegExp(`^${prefix}(:|$)`);
  declaredPrefixes.add(prefix);
  const parse = (data: string): Readonly<Value> | null => {
    if (!filter.test(data)) return null;
    const parts = data.split(":").slice(1);
    if (parts.length !== fields.length) return null;
    const parsed = schema.safeParse(Object.fromEntries(fields.map((f, i) => [f, parts[i]])));
    return parsed.success ? parsed.data : null;
  };
  return {
    /** What the data starts with, up to the first `:` (routing.ts routes buttons by it). */
    prefix,
    filter,
    pack(value: Input): string {
      const record = value as Record<string, unknown>;
      const data = [prefix, ...fields.map((f) => String(record[f]))].join(":");
      if (Buffer.byteLength(data) > MAX_BYTES) throw new Error(`callback data over ${MAX_BYTES} bytes: ${data}`);
      return data;
    },
    unpack(data: string | undefined): Readonly<Value> | undefined {
      return data === undefined ? undefined : (parse(data) ?? undefined);
    },
  };
}

/** The prefix of any callback data: what it starts with, up to the first `:`. */
export function buttonPrefix(data: string): string {
  const colon = data.indexOf(":");
  return colon === -1 ? data : data.slice(0, colon);
}
