import { readFile } from "node:fs/promises";
import { isMap, isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { missionSchema, type Mission } from "../domain/mission/schema.js";

export class MissionFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "MissionFileError";
  }
}

/** A programme with the YAML it came from (kept so an organiser gets their own file back, comments and all). */
export interface MissionSource {
  mission: Mission;
  source: string;
}

type Path = readonly PropertyKey[];

/** `days[1].items[3].start` */
export function formatPath(path: Path): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

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

const withLine = (text: string, line: number | undefined) => (line === undefined ? text : `${text} (line ${line})`);

function describeIssues(issues: readonly z.core.$ZodIssue[], doc: Document, lines: LineCounter): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => withLine(`${formatPath([...issue.path, key])}: unknown field`, lineOfKey(doc, lines, issue.path, key)));
    }
    const where = issue.path.length === 0 ? "(file)" : formatPath(issue.path);
    return [withLine(`${where}: ${issue.message}`, lineOf(doc, lines, issue.path))];
  });
}

/** Parses and validates a programme (YAML text); every problem names the field path and its line. */
export function parseMission(source: string, file = "mission.yaml"): Mission {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new MissionFileError(
      file,
      doc.errors.map((e) => withLine(`YAML: ${(e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")}`, lines.linePos(e.pos[0]).line)),
    );
  }
  let raw: unknown;
  try {
    // A small alias budget: an uploaded file must not be able to expand into gigabytes.
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    throw new MissionFileError(file, [`YAML: ${err instanceof Error ? err.message : String(err)}`]);
  }
  const parsed = missionSchema.safeParse(raw);
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
