import { z } from "zod";
import type { Locale } from "../locale.js";
import type { CustomProblem, Format } from "./problems.js";

/** A refinement's problem, as the issue's params (domain/mission/problems.ts reads it back). */
const problem = (p: CustomProblem) => ({ params: p });

/**
 * The programme file's shape. Every text a participant reads is `{ru, en}`; one language may be
 * missing and falls back to the other.
 */
export const textSchema = z
  .object({ ru: z.string().trim().min(1).optional(), en: z.string().trim().min(1).optional() })
  .strict()
  .refine((t) => t.ru !== undefined || t.en !== undefined, { message: "needs ru or en", ...problem({ code: "needs-ru-or-en" }) });
export type Text = z.infer<typeof textSchema>;

/** A `{ru, en}` text with a length cap, so that pages of the agenda stay under Telegram's limits. */
function boundedText(max: number) {
  const one = z.string().trim().min(1).max(max, `at most ${max} characters`);
  return z
    .object({ ru: one.optional(), en: one.optional() })
    .strict()
    .refine((t) => t.ru !== undefined || t.en !== undefined, { message: "needs ru or en", ...problem({ code: "needs-ru-or-en" }) });
}

export function localize(text: Text, locale: Locale): string {
  return (locale === "ru" ? (text.ru ?? text.en) : (text.en ?? text.ru)) ?? "";
}

/** Short ids used across the programme (tags, speakers, items); also what invites and callback data carry. */
const ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const idSchema = z.string().regex(ID, "expected a short id: lowercase letters, digits and -");
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateSchema = z.string().regex(DATE, "expected YYYY-MM-DD");
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const timeSchema = z.string().regex(TIME, "expected HH:mm");

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// The bot uploads the photo to Telegram, so an organiser's file must not name anything outside the
// content folder (no absolute paths, no `..`).
const PHOTO = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_./-]+\.(jpe?g|png|webp)$/i;
const photoPathSchema = z.string().regex(PHOTO, "expected a relative path to a .jpg, .png or .webp file inside the content folder");
// Texts are matched word by word, so a vocabulary entry is one word.
const WORD = /^[\p{L}\p{N}]+$/u;

/** Each pattern the file is checked with, as zod names it in an issue, and the format it stands for. */
export const FORMATS: ReadonlyMap<string, Format> = new Map([
  [String(ID), "id"],
  [String(DATE), "date"],
  [String(TIME), "time"],
  [String(PHOTO), "photo"],
  [String(WORD), "word"],
]);

export const ITEM_KINDS = ["talk", "visit", "transfer", "meal", "b2b"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

const venueSchema = z
  .object({
    id: idSchema,
    name: boundedText(120),
    address: boundedText(250),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .strict();

/**
 * B2B tables (issue 16): a `b2b` item may list the tables its meetings are held at, either as a count
 * (`tables: 12`, numbered 1..12) or as names (`tables: [A1, A2]`, or `{ru, en}` each), in the order
 * they are given out. Agreed meetings with a slot in the item get the first free one.
 */
const TABLES_MAX = 200;
const tableNameSchema = z.union([z.string().trim().min(1).max(40, "at most 40 characters"), boundedText(40)]);
const tablesSchema = z.union([z.number().int().min(1).max(TABLES_MAX), z.array(tableNameSchema).min(1).max(TABLES_MAX)]);

const speakerSchema = z
  .object({
    id: idSchema,
    name: boundedText(120),
    position: boundedText(200),
    company: boundedText(200),
    bio: boundedText(1500),
    /** Relative to the folder of MISSION_FILE. */
    photo: photoPathSchema.optional(),
  })
  .strict();

/**
 * A resident company at a stop of a visit. `host`: the company name a registered host gave (matched
 * without regard to case, spaces or quotes), so the stop's card can offer "Request a meeting" to them.
 */
const residentSchema = z.object({ name: boundedText(120), host: z.string().trim().min(1).max(200).optional() }).strict();

/** A stop of a `visit` item; its id is unique in the whole file (the check-in code names it alone). */
const stopSchema = z
  .object({
    id: idSchema,
    name: boundedText(120),
    venue: idSchema.optional(),
    description: boundedText(1000).optional(),
    residents: z.array(residentSchema).max(20).default([]),
  })
  .strict();

const itemSchema = z
  .object({
    id: idSchema,
    /** Mission-local wall-clock time of the day the item belongs to. */
    start: timeSchema,
    end: timeSchema,
    kind: z.enum(ITEM_KINDS),
    title: boundedText(200),
    description: boundedText(1500).optional(),
    /** B2B tables (see tablesSchema); a `b2b` item's only. */
    tables: tablesSchema.optional(),
    venue: idSchema.optional(),
    speakers: z.array(idSchema).default([]),
    /** Stops of a `visit` (check-in by QR code at each). */
    stops: z.array(stopSchema).max(20).default([]),
  })
  .strict()
  .refine((item) => item.kind === "visit" || item.stops.length === 0, { message: "only a visit has stops", path: ["stops"], ...problem({ code: "stops-not-visit" }) })
  // Only once both times are well formed; a bad one has its own message already.
  .refine((item) => !TIME.test(item.start) || !TIME.test(item.end) || item.start < item.end, {
    message: "end must be after start (items end on the day they start)",
    path: ["end"],
    ...problem({ code: "end-before-start" }),
  });

const daySchema = z
  .object({
    date: dateSchema,
    title: boundedText(120).optional(),
    items: z.array(itemSchema).min(1, "a day needs at least one item"),
  })
  .strict();

/** Settings of the B2B meetings; every field has a default, so the section may be left out. */
const meetingsSchema = z
  .object({
    slot_minutes: z.number().int().min(5).max(240).default(20),
    max_pending_requests: z.number().int().min(1).max(100).default(10),
    decline_cooldown_hours: z.number().int().min(0).max(24 * 30).default(24),
    /** The evening before a day with B2B, at `nudge_at` mission time, those with no meeting in it are nudged. */
    nudges: z.boolean().default(true),
    nudge_at: timeSchema.default("19:00"),
  })
  .strict();

/** One word as suggestions see a text: cut into words at anything but a letter or a digit. */
const wordSchema = z
  .string()
  .trim()
  .min(2, "at least 2 letters")
  .max(40, "at most 40 characters")
  .regex(WORD, "one word: letters and digits, no spaces or hyphens (texts are matched word by word)");

/**
 * An entry of the ru↔en word list of "Suggested for you": a word of it in what one person looks for
 * meets any word of it in what another offers, in either language and any grammatical form. The reason
 * names it by `name`, or by its first word in the viewer's language.
 */
const vocabularyEntrySchema = z
  .object({
    name: boundedText(60).optional(),
    ru: z.array(wordSchema).min(1),
    en: z.array(wordSchema).min(1),
  })
  .strict();

/**
 * After the meetings (the `outcomes:` section): whether the bot asks, how long after a meeting's slot it
 * asks "did you meet?", and how many days after an agreement it asks whether it was carried out.
 */
const outcomesSchema = z
  .object({
    enabled: z.boolean().default(true),
    follow_up_days: z
      .array(z.number().int().min(1).max(730))
      .max(6)
      .default([30, 90])
      .refine((days) => days.every((d, i) => i === 0 || d > (days[i - 1] ?? 0)), {
        message: "follow-up days must be in increasing order, each once",
        ...problem({ code: "follow-up-days-order" }),
      }),
    ask_after_minutes: z.number().int().min(0).max(24 * 60).default(30),
  })
  .strict();

export const missionSchema = z
  .object({
    mission: z
      .object({
        id: idSchema,
        name: textSchema,
        /** IANA zone of the host city; every time shown is in it. */
        timezone: z.string().refine(isTimeZone, { message: "expected an IANA time zone such as Asia/Krasnoyarsk", ...problem({ code: "timezone" }) }),
        /** How participants call that zone ("Krasnoyarsk time"); the platform's name when missing. */
        timezone_name: boundedText(60).optional(),
        /** The delegation's home zone, when it differs (shown as a hint). */
        home_timezone: z.string().refine(isTimeZone, { message: "expected an IANA time zone such as Europe/Moscow", ...problem({ code: "timezone" }) }).optional(),
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
      .superRefine((tags, ctx) => {
        const seen = new Set<string>();
        tags.forEach((tag, i) => {
          if (seen.has(tag.id)) ctx.addIssue({ code: "custom", message: `tag id "${tag.id}" is used twice`, path: [i, "id"], ...problem({ code: "duplicate-id", what: "tag", id: tag.id }) });
          seen.add(tag.id);
        });
      }),
    venues: z.array(venueSchema).default([]),
    speakers: z.array(speakerSchema).default([]),
    days: z.array(daySchema).min(1, "the programme needs at least one day"),
    meetings: meetingsSchema.prefault({}),
    /** The ru↔en word list for "Suggested for you"; without it offers and requests meet in one language only. */
    vocabulary: z.array(vocabularyEntrySchema).default([]),
    outcomes: outcomesSchema.prefault({}),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.mission.start_date > m.mission.end_date) {
      ctx.addIssue({ code: "custom", message: "start_date must not be after end_date", path: ["mission", "end_date"], ...problem({ code: "dates-reversed" }) });
    }
    const unique = (ids: readonly string[], path: (i: number) => (string | number)[], what: "venue" | "speaker" | "item" | "stop") => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: "custom", message: `${what} id "${id}" is used twice`, path: path(i), ...problem({ code: "duplicate-id", what, id }) });
        seen.add(id);
      });
    };
    unique(m.venues.map((v) => v.id), (i) => ["venues", i, "id"], "venue");
    unique(m.speakers.map((s) => s.id), (i) => ["speakers", i, "id"], "speaker");
    const itemPaths = m.days.flatMap((day, d) => day.items.map((item, i) => ({ id: item.id, path: ["days", d, "items", i, "id"] })));
    unique(itemPaths.map((p) => p.id), (i) => itemPaths[i]?.path ?? ["days"], "item");
    const stopPaths = m.days.flatMap((day, d) => day.items.flatMap((item, i) => item.stops.map((stop, s) => ({ id: stop.id, path: ["days", d, "items", i, "stops", s, "id"] }))));
    unique(stopPaths.map((p) => p.id), (i) => stopPaths[i]?.path ?? ["days"], "stop");

    const venues = new Set(m.venues.map((v) => v.id));
    const speakers = new Set(m.speakers.map((s) => s.id));
    let previousDate = "";
    m.days.forEach((day, d) => {
      if (day.date < m.mission.start_date || day.date > m.mission.end_date) {
        ctx.addIssue({
          code: "custom",
          message: `${day.date} is outside the mission dates ${m.mission.start_date}…${m.mission.end_date}`,
          path: ["days", d, "date"],
          ...problem({ code: "outside-dates", date: day.date, start: m.mission.start_date, end: m.mission.end_date }),
        });
      }
      if (day.date <= previousDate) {
        ctx.addIssue({ code: "custom", message: "days must be in date order, one entry per date", path: ["days", d, "date"], ...problem({ code: "days-order" }) });
      }
      previousDate = day.date;
      day.items.forEach((item, i) => {
        if (item.tables !== undefined && item.kind !== "b2b") {
          ctx.addIssue({ code: "custom", message: "tables belong to b2b items only", path: ["days", d, "items", i, "tables"], ...problem({ code: "tables-not-b2b" }) });
        }
        if (item.venue !== undefined && !venues.has(item.venue)) {
          ctx.addIssue({ code: "custom", message: `unknown venue "${item.venue}" (not in venues)`, path: ["days", d, "items", i, "venue"], ...problem({ code: "unknown-venue", id: item.venue }) });
        }
        item.stops.forEach((stop, s) => {
          if (stop.venue !== undefined && !venues.has(stop.venue)) {
            ctx.addIssue({ code: "custom", message: `unknown venue "${stop.venue}" (not in venues)`, path: ["days", d, "items", i, "stops", s, "venue"], ...problem({ code: "unknown-venue", id: stop.venue }) });
          }
        });
        item.speakers.forEach((speaker, s) => {
          if (!speakers.has(speaker)) {
            ctx.addIssue({
              code: "custom",
              message: `unknown speaker "${speaker}" (not in speakers)`,
              path: ["days", d, "items", i, "speakers", s],
              ...problem({ code: "unknown-speaker", id: speaker }),
            });
          }
        });
      });
    });
  });

export type Mission = z.infer<typeof missionSchema>;
export type Venue = Mission["venues"][number];
export type Speaker = Mission["speakers"][number];
export type Day = Mission["days"][number];
export type Item = Day["items"][number];
export type Stop = Item["stops"][number];
export type Resident = Stop["residents"][number];
export type MeetingSettings = Mission["meetings"];
export type VocabularyEntry = Mission["vocabulary"][number];
export type OutcomeSettings = Mission["outcomes"];
