import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";

const root = new URL("../../", import.meta.url).pathname;

/** The sample programme with some `mission:` fields changed, written to a temp file; returns its path. */
export function missionFileWith(fields: Record<string, unknown>): string {
  const mission = parse(readFileSync(join(root, "content/mission.yaml"), "utf8")) as { mission: Record<string, unknown> };
  mission.mission = { ...mission.mission, ...fields };
  const path = join(mkdtempSync(join(tmpdir(), "mission-")), "mission.yaml");
  writeFileSync(path, stringify(mission));
  return path;
}
