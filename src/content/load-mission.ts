import { readFile } from "node:fs/promises";
import { parse } from "yaml";
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

/** Parses and validates a programme (YAML text); problems name the field path. */
export function parseMission(source: string, file = "mission.yaml"): Mission {
  let raw: unknown;
  try {
    raw = parse(source);
  } catch (err) {
    throw new MissionFileError(file, [err instanceof Error ? err.message : String(err)]);
  }
  const parsed = missionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new MissionFileError(
      file,
      parsed.error.issues.map((i) => `${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "")}: ${i.message}`),
    );
  }
  return parsed.data;
}

export async function loadMissionFile(path: string): Promise<Mission> {
  return parseMission(await readFile(path, "utf8"), path);
}
