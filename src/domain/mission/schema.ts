import { z } from "zod";
import type { Locale } from "../locale.js";

/**
 * The programme file's shape. Every text a participant reads is `{ru, en}`; one language may be
 * missing and falls back to the other.
 */
export const textSchema = z
  .object({ ru: z.string().trim().min(1).optional(), en: z.string().trim().min(1).optional() })
  .strict()
  .refine((t) => t.ru !== undefined || t.en !== undefined, { message: "needs ru or en" });
export type Text = z.infer<typeof textSchema>;

export function localize(text: Text, locale: Locale): string {
  return (locale === "ru" ? (text.ru ?? text.en) : (text.en ?? text.ru)) ?? "";
}

/** Short ids used across the programme (tags, speakers, items); also what invites and callback data carry. */
export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "expected a short id: lowercase letters, digits and -");
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const missionSchema = z
  .object({
    mission: z
      .object({
        id: idSchema,
        name: textSchema,
        /** IANA zone of the host city; every time shown is in it. */
        timezone: z.string().refine(isTimeZone, "expected an IANA time zone such as Asia/Krasnoyarsk"),
        /** The delegation's home zone, when it differs (shown as a hint). */
        home_timezone: z.string().refine(isTimeZone, "expected an IANA time zone such as Europe/Moscow").optional(),
        start_date: dateSchema,
        end_date: dateSchema,
        /** The mission's Telegram group or channel, for broadcasts that go there too. */
        group_chat_id: z.number().int().optional(),
      })
      .strict(),
    privacy: z
      .object({
        text: textSchema,
        policy_url: z.url(),
      })
      .strict(),
    /** Interest / industry tags participants pick from. */
    tags: z
      .array(z.object({ id: idSchema, name: textSchema }).strict())
      .min(1)
      .refine((tags) => new Set(tags.map((t) => t.id)).size === tags.length, "tag ids must be unique"),
  })
  .passthrough()
  .refine((m) => m.mission.start_date <= m.mission.end_date, { message: "start_date must not be after end_date", path: ["mission", "end_date"] });

export type Mission = z.infer<typeof missionSchema>;
