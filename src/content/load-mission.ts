import { readFile } from "node:fs/promises";
import { isMap, isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { formatPath, problemOf, unionBranchIssues, type MissionProblem } from "../domain/mission/problems.js";
import { FORMATS, missionSchema, type Mission } from "../domain/mission/schema.js";

/**
 * A programme file that cannot be used, with every problem as data: the bot words them in the
 * organiser's language, `main` in English. The message names them by code, for logs.
 */
export class MissionFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly MissionProblem[],
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p.path || "(file)"}: ${p.code}${p.line === undefined ? "" : ` (line ${p.line})`}`).join("\n")}`);
    this.name = "MissionFileError";
  }
}

/** A programme with the YAML it came from (kept so an organiser gets their own file back, comments and all). */
export interface MissionSource {
  mission: Mission;
  source: string;
}

type Path = readonly PropertyKey[];

/**
 * The line of the deepest node on `path` that exists in the document: the value itself, or for a
 * missing field the object that lacks it.
 */
function lineOf(doc: Document, lines: LineCounter, path: Path): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** The line of a key inside the mapping at `path` (for fields that should not be there). */
function lineOfKey(doc: Document, lines: LineCounter, path: Path, key: string): number | undefined {
  const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (isMap(node)) {
    const pair = node.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === key);
    if (pair && isNode(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]).line;
  }
  return lineOf(doc, lines, path);
}

const at = (line: number | undefined) => (line === undefined ? {} : { line });

function describeIssues(issues: readonly z.core.$ZodIssue[], doc: Document, lines: LineCounter): MissionProblem[] {
  return issues.flatMap((issue): MissionProblem[] => {
    const inside = unionBranchIssues(issue);
    if (inside) return describeIssues(inside, doc, lines);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), ...at(lineOfKey(doc, lines, issue.path, key)), code: "unknown-field" }));
    }
    return [{ path: formatPath(issue.path), ...at(lineOf(doc, lines, issue.path)), ...problemOf(issue, FORMATS) }];
  });
}

// The most aliases (`*name`) a file may use; see parseMission.
const MAX_ALIASES = 50;

/** Parses and validates a programme (YAML text); every problem names the field path and its line. */
export function parseMission(source: string, file = "mission.yaml"): Mission {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    // The parser's messages are English; its error codes are what the organiser is told about.
    throw new MissionFileError(
      file,
      doc.errors.map((e) => ({ path: "", line: lines.linePos(e.pos[0]).line, code: "yaml", yaml: e.code })),
    );
  }
  let raw: unknown;
  try {
    // A small alias budget: an uploaded file must not be able to expand into gigabytes.
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    // toJS throws for aliases only: one with no anchor before it, or more of them than the budget.
    const unresolved = err instanceof Error && err.message.startsWith("Unresolved alias");
    throw new MissionFileError(file, [unresolved ? { path: "", code: "yaml", yaml: "BAD_ALIAS" } : { path: "", code: "yaml-aliases", max: MAX_ALIASES }]);
  }
  // With the input in every issue: a missing field is one whose input is undefined (problems.ts).
  const parsed = missionSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new MissionFileError(file, describeIssues(parsed.error.issues, doc, lines));
  return parsed.data;
}

export async function readMissionFile(path: string): Promise<MissionSource> {
  const source = await readFile(path, "utf8");
  return { mission: parseMission(source, path), source };
}

export async function loadMissionFile(path: string): Promise<Mission> {
  return (await readMissionFile(path)).mission;
}
