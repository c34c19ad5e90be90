import {
  applyFilters,
  listed,
  paginate,
  regionOptions,
  suggestionRoles,
  type DirectoryFilters,
  type Page,
  type RegionOption,
} from "../domain/meetings/directory.js";
import { publicProfile, type PublicProfile } from "../domain/meetings/privacy.js";
import { rank, type Suggestion } from "../domain/meetings/suggestions.js";
import type { Participant } from "../domain/participant.js";
import type { Access } from "./access.js";
import type { ParticipantsRepo } from "../storage/participants-repo.js";

export const DIRECTORY_PAGE_SIZE = 5;
export const SUGGESTIONS_SHOWN = 5;

/**
 * Who may look: registered participants (they are in it themselves) and organisers. A stranger who
 * found the bot sees nobody: the directory is the mission's, not the public's.
 */
export type Viewer = { kind: "participant"; me: Participant } | { kind: "organiser" } | { kind: "stranger" };

export interface DirectoryPage {
  page: Page<PublicProfile>;
  /** Regions of the people the role and tag filters leave, for the region picker. */
  regions: RegionOption[];
  /** The name of the region filtered by, among everyone listed (it may have nobody left under the other filters). */
  regionName?: string;
}

/** The participant directory, cards and "Suggested for you": public profiles only, never contacts. */
export class DirectoryService {
  constructor(private readonly deps: { participants: ParticipantsRepo; access: Access }) {}

  async viewer(userId: number): Promise<Viewer> {
    const me = await this.deps.participants.get(userId);
    if (me) return { kind: "participant", me };
    return (await this.deps.access.isOrganiser(userId)) ? { kind: "organiser" } : { kind: "stranger" };
  }

  async page(viewerId: number, filters: DirectoryFilters, page: number): Promise<DirectoryPage> {
    const people = listed(await this.deps.participants.listAll(), viewerId);
    const matching = applyFilters(people, filters);
    const regions = regionOptions(applyFilters(people, { ...filters, region: undefined }));
    const regionName = filters.region ? regionOptions(people).find((r) => r.id === filters.region)?.name : undefined;
    return { page: paginate(matching.map(publicProfile), page, DIRECTORY_PAGE_SIZE), regions, ...(regionName ? { regionName } : {}) };
  }

  /** A listed participant's card; one's own too. Hidden people have none for others. */
  async card(viewerId: number, targetId: number): Promise<PublicProfile | undefined> {
    const target = await this.deps.participants.get(targetId);
    if (!target || (!target.visible && target.id !== viewerId)) return undefined;
    return publicProfile(target);
  }

  /** The best matches among the listed people of the roles worth meeting, with the reasons. */
  async suggestions(me: Participant): Promise<{ profile: PublicProfile; suggestion: Suggestion }[]> {
    const roles = suggestionRoles(me.role);
    const candidates = listed(await this.deps.participants.listAll(), me.id).filter((p) => roles.includes(p.role));
    const byId = new Map(candidates.map((p) => [p.id, p]));
    return rank(me, candidates, SUGGESTIONS_SHOWN).flatMap((suggestion) => {
      const p = byId.get(suggestion.id);
      return p ? [{ profile: publicProfile(p), suggestion }] : [];
    });
  }
}
