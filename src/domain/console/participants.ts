/**
 * The console's participants list: search and filters over the registered participants. Pure.
 */
import { z } from "zod";
import { idSchema } from "../mission/schema.js";
import { ROLES, type Participant } from "../participant.js";

const yesNo = z.enum(["yes", "no"]).optional();

/** What the organiser typed and picked; every field optional, parsed from the query string. */
export const participantFilterSchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    role: z.enum(ROLES).optional(),
    region: z.string().trim().min(1).max(100).optional(),
    tag: idSchema.optional(),
    /** "no": people who wrote to the bot but never registered (no profile: only their id is known). */
    registered: z.enum(["yes", "no"]).default("yes"),
    reachable: yesNo,
    meetings: yesNo,
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ParticipantFilter = z.infer<typeof participantFilterSchema>;

/** Regions as /stats groups them: ignoring case and runs of spaces. */
export function regionKey(region: string): string {
  return region.trim().replace(/\s+/g, " ").toLocaleLowerCase();
}

/**
 * The participants matching every filter, in order of registration; `meetings` counts each one's
 * requests (sent or received). The search matches any word of name, company, position or region.
 */
export function filterParticipants(all: readonly Participant[], f: ParticipantFilter, meetings: ReadonlyMap<number, number>): Participant[] {
  const q = f.q?.toLocaleLowerCase() ?? "";
  const region = f.region === undefined ? undefined : regionKey(f.region);
  return all
    .filter((p) => {
      if (f.role !== undefined && p.role !== f.role) return false;
      if (region !== undefined && regionKey(p.region) !== region) return false;
      if (f.tag !== undefined && !p.tags.includes(f.tag)) return false;
      if (f.reachable !== undefined && p.reachable !== (f.reachable === "yes")) return false;
      if (f.meetings !== undefined && (meetings.get(p.id) ?? 0) > 0 !== (f.meetings === "yes")) return false;
      if (q !== "" && ![p.fullName, p.company, p.position, p.region].some((s) => s.toLocaleLowerCase().includes(q))) return false;
      return true;
    })
    .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.id - b.id);
}
