import {
  DirectoryIndex,
  paginate,
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
  /** The same object for as long as the participants have not changed (views may be kept by it). */
  snapshot: object;
  /**
   * Who sees exactly this page: every viewer not among the people ("outside"), every viewer among them
   * but after this page ("after": they are left out of the list, which changes only what follows them),
   * or this viewer alone.
   */
  sameFor: "outside" | "after" | `viewer:${number}`;
  /** Regions of the people the role and tag filters leave, for the region picker. */
  regions: RegionOption[];
  /** The name of the region filtered by, among everyone listed (it may have nobody left under the other filters). */
  regionName?: string;
}

/** The participant directory, cards and "Suggested for you": public profiles only, never contacts. */
export class DirectoryService {
  /**
   * Everyone, indexed, as of a version of the participants (see ParticipantsRepo.version): a directory
   * page read every record from Redis (900 participants: ~900 HGETALLs and 27 ms of CPU a page, npm run
   * bench), now one GET of the version. Shared by concurrent readers while it loads.
   */
  private everyone: { version: string; index: Promise<DirectoryIndex<Participant>> } | undefined;

  constructor(private readonly deps: { participants: ParticipantsRepo; access: Access }) {}

  private async index(): Promise<DirectoryIndex<Participant>> {
    const version = await this.deps.participants.version();
    if (this.everyone?.version !== version) {
      const index = this.deps.participants.listAll().then((all) => new DirectoryIndex(all));
      this.everyone = { version, index };
      // A failed read is not kept: the next page tries again.
      index.catch(() => {
        if (this.everyone?.index === index) this.everyone = undefined;
      });
    }
    return this.everyone.index;
  }

  async viewer(userId: number): Promise<Viewer> {
    const me = (await this.index()).get(userId) ?? (await this.deps.participants.get(userId));
    if (me) return { kind: "participant", me };
    return (await this.deps.access.isOrganiser(userId)) ? { kind: "organiser" } : { kind: "stranger" };
  }

  async page(viewerId: number, filters: DirectoryFilters, page: number): Promise<DirectoryPage> {
    const index = await this.index();
    const { matching, regions, regionName, viewerAt } = index.find(viewerId, filters);
    const shown = paginate(matching, page, DIRECTORY_PAGE_SIZE);
    const sameFor = viewerAt < 0 ? "outside" : viewerAt >= (shown.page + 1) * DIRECTORY_PAGE_SIZE ? "after" : (`viewer:${viewerId}` as const);
    return { page: { ...shown, items: shown.items.map(publicProfile) }, snapshot: index, sameFor, regions, ...(regionName ? { regionName } : {}) };
  }

  /** A listed participant's card; one's own too. Hidden people have none for others. */
  async card(viewerId: number, targetId: number): Promise<PublicProfile | undefined> {
    // The index holds listed (visible) people only; one's own card, hidden or not, may come from Redis.
    const target = (await this.index()).get(targetId) ?? (targetId === viewerId ? await this.deps.participants.get(targetId) : undefined);
    return target ? publicProfile(target) : undefined;
  }

  /** The best matches among the listed people of the roles worth meeting, with the reasons. */
  async suggestions(me: Participant): Promise<{ profile: PublicProfile; suggestion: Suggestion }[]> {
    const roles = suggestionRoles(me.role);
    const candidates = (await this.index()).listedFor(me.id).filter((p) => roles.includes(p.role));
    const byId = new Map(candidates.map((p) => [p.id, p]));
    return rank(me, candidates, SUGGESTIONS_SHOWN).flatMap((suggestion) => {
      const p = byId.get(suggestion.id);
      return p ? [{ profile: publicProfile(p), suggestion }] : [];
    });
  }
}
