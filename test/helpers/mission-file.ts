import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import type { z } from "zod";
import type { missionSchema } from "../../src/domain/mission/schema.js";

export type MissionInput = z.input<typeof missionSchema>;

export const SAMPLE_FILE = new URL("../../content/mission.yaml", import.meta.url).pathname;

export async function sampleMission(): Promise<MissionInput> {
  return parse(await readFile(SAMPLE_FILE, "utf8")) as MissionInput;
}

/** The sample programme changed by `change`, as YAML text. */
export async function sampleYaml(change: (m: MissionInput) => void = () => undefined): Promise<string> {
  const mission = await sampleMission();
  change(mission);
  return stringify(mission);
}

/** Writes a programme into a fresh temporary folder and returns its path. */
export async function writeMissionFile(yaml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mission-"));
  const path = join(dir, "mission.yaml");
  await writeFile(path, yaml);
  return path;
}

/** The sample programme with some `mission:` fields changed, in a temporary file; returns its path. */
export async function missionFileWith(fields: Partial<MissionInput["mission"]>): Promise<string> {
  return writeMissionFile(await sampleYaml((m) => Object.assign(m.mission, fields)));
}

/** An item of a mission file by id, to change in a test. */
export function itemOf(m: MissionInput, id: string) {
  const found = m.days.flatMap((d) => d.items).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}
