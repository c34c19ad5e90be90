import { z } from "zod";

/**
 * What is wrong with a programme file, as data: the bot says it in the organiser's language
 * (bot/mission-problems.ts), so nothing here is wording. zod's own messages are English sentences
 * about types ("Invalid option: expected one of …" for a field that is simply missing), so its
 * issues are read by their code and their facts instead.
 */

/** Problems the schema's own checks report (refinements), carried in the zod issue's `params`. */
export const customProblemSchema = z.discriminatedUnion("code", [
  z.object({ code: z.literal("needs-ru-or-en") }),
  z.object({ code: z.literal("timezone") }),
  z.object({ code: z.literal("end-before-start") }),
  z.object({ code: z.literal("duplicate-id"), what: z.enum(["tag", "venue", "speaker", "item", "stop"]), id: z.string() }),
  z.object({ code: z.literal("dates-reversed") }),
  z.object({ code: z.literal("outside-dates"), date: z.string(), start: z.string(), end: z.string() }),
  z.object({ code: z.literal("days-order") }),
  z.object({ code: z.literal("tables-not-b2b") }),
  z.object({ code: z.literal("unknown-venue"), id: z.string() }),
  z.object({ code: z.literal("unknown-speaker"), id: z.string() }),
  z.object({ code: z.literal("follow-up-days-order") }),
  z.object({ code: z.literal("stops-not-visit") }),
]);
export type CustomProblem = z.infer<typeof customProblemSchema>;

/** The formats the schema checks with a pattern (schema.ts `FORMATS`), and web addresses. */
export type Format = "time" | "date" | "id" | "photo" | "url" | "word";

export type ProblemDetail =
  /** The YAML itself does not parse; `yaml` is the parser's error code (BAD_INDENT, MISSING_CHAR, …). */
  | { code: "yaml"; yaml: string }
  | { code: "yaml-aliases"; max: number }
  /** A required field is not there at all. */
  | { code: "missing" }
  /** The field is there with nothing in it (`title:`, or only spaces). */
  | { code: "empty" }
  | { code: "unknown-field" }
  /**
   * `expected` and `received` are zod's type names: string, number, int, boolean, object, array; where
   * either of several would do, joined by `-or-` (`int-or-array`).
   */
  | { code: "wrong-type"; expected: string; received: string }
  | { code: "not-one-of"; value: string; options: readonly string[] }
  | { code: "too-short"; min: number; length: number }
  | { code: "too-long"; max: number; length: number }
  | { code: "too-few"; min: number }
  | { code: "too-many"; max: number }
  | { code: "too-small"; min: number }
  | { code: "too-big"; max: number }
  | { code: "format"; format: Format }
  | CustomProblem
  /** Anything the schema may report that has no more precise wording (kept so nothing is dropped). */
  | { code: "invalid" };

/** One problem of a file: where (`days[1].items[3].start`; "" for the file as a whole), its line, what. */
export type MissionProblem = { path: string; line?: number } & ProblemDetail;

/** `days[1].items[3].start` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

/** zod's name for the type of a value it did not expect. */
function typeName(value: unknown): string {
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** How many characters a person counts (not UTF-16 units). */
const charCount = (value: unknown) => (typeof value === "string" ? [...value].length : 0);

/** A value as quoted back to the organiser: short, one line. */
function quoted(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  const chars = [...text.replace(/\s+/g, " ")];
  return chars.length <= 40 ? chars.join("") : `${chars.slice(0, 39).join("")}…`;
}

/**
 * The issues of the one alternative of a union that took the value's type (`tables: [A1, 2]` is a list,
 * so what is wrong is inside the list), with their full paths; `undefined` when none or several did.
 */
export function unionBranchIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | undefined {
  if (issue.code !== "invalid_union") return undefined;
  const typed = issue.errors.filter((branch) => !(branch.length === 1 && branch[0]?.code === "invalid_type" && branch[0].path.length === 0));
  const [only] = typed;
  if (typed.length !== 1 || !only) return undefined;
  return only.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
}

/**
 * What one zod issue says, in those terms. The issue must come from a parse with `reportInput: true`:
 * a field that is missing is told from one that is wrong by its input being undefined, whatever the
 * field's type (an enum reports a missing value as "invalid option", a text as "expected string").
 * `formats` maps each checked pattern (as `String(regex)`, how zod reports it) to its format.
 */
export function problemOf(issue: z.core.$ZodIssue, formats: ReadonlyMap<string, Format>): ProblemDetail {
  switch (issue.code) {
    case "invalid_type":
    case "invalid_value":
      if (issue.input === undefined) return { code: "missing" };
      if (issue.input === null) return { code: "empty" };
      if (issue.code === "invalid_value") return { code: "not-one-of", value: quoted(issue.input), options: issue.values.map((v) => String(v)) };
      return { code: "wrong-type", expected: issue.expected, received: typeName(issue.input) };
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? { code: "empty" } : { code: "too-short", min, length: charCount(issue.input) };
      if (issue.origin === "array" || issue.origin === "set") return { code: "too-few", min };
      return { code: "too-small", min };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { code: "too-long", max, length: charCount(issue.input) };
      if (issue.origin === "array" || issue.origin === "set") return { code: "too-many", max };
      return { code: "too-big", max };
    }
    case "invalid_format": {
      if (issue.format === "url") return { code: "format", format: "url" };
      const format = issue.format === "regex" && issue.pattern !== undefined ? formats.get(issue.pattern) : undefined;
      return format ? { code: "format", format } : { code: "invalid" };
    }
    case "invalid_union": {
      // A value none of the alternatives takes (`tables: twelve`): when every alternative refused its
      // type outright, that is a wrong type, named by all the types that would do.
      const expected = issue.errors.map((branch) => (branch.length === 1 && branch[0]?.code === "invalid_type" && branch[0].path.length === 0 ? branch[0].expected : undefined));
      if (issue.input === undefined) return { code: "missing" };
      if (expected.every((e) => e !== undefined)) return { code: "wrong-type", expected: [...new Set(expected)].join("-or-"), received: typeName(issue.input) };
      return { code: "invalid" };
    }
    case "custom": {
      const parsed = customProblemSchema.safeParse(issue.params);
      return parsed.success ? parsed.data : { code: "invalid" };
    }
    default:
      return { code: "invalid" };
  }
}
