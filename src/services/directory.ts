import {
  DirectoryIndex,
  suggestionRoles,
  type DirectoryFilters,
  type Page,
  type RegionOption,
} from "../domain/meetings/directory.js";
import { publicProfile, type PublicProfile } from "../domain/meetings/privacy.js";
import { matchTexts, rank, Vocabulary, type MatchProfile, type MatchTexts, type Suggestion } from "../domain/meetings/suggestions.js";
import type { VocabularyEntry } from "../domain/mission/schema.js";
import type { Participant } from "../domain/participant.js";
import type { Access } from "./access.js";
import type { ParticipantsRepo, ParticipantsSnapshot } from "../storage/participants-repo.js";

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

/**
 * The directory as of one read of the participants' version: everything one update needs (who is
 * looking, then a page or a card) answers from it, so an update reads the version once.
 */
export class DirectorySnapshot {
  constructor(
    private readonly everyone: ParticipantsSnapshot,
    /** The listed people, indexed. The same object for as long as the participants have not changed. */
    readonly index: DirectoryIndex<Participant>,
    private readonly access: Access,
    /** The programme's ru↔en vocabulary in force. */
    private readonly vocabulary: () => Vocabulary,
    /** Each record's offer and request cut into words and stemmed (DirectoryService.texts). */
    private readonly texts: WeakMap<MatchProfile, MatchTexts>,
  ) {}

  async viewer(userId: number): Promise<Viewer> {
    const me = this.everyone.get(userId);
    if (me) return { kind: "participant", me };
    return (await this.access.isOrganiser(userId)) ? { kind: "organiser" } : { kind: "stranger" };
  }

  page(viewerId: number, filters: DirectoryFilters, page: number): DirectoryPage {
    const found = this.index.page(viewerId, filters, page, DIRECTORY_PAGE_SIZE);
    const shown = found.page;
    return {
      page: { ...shown, items: shown.items.map(publicProfile) },
      regions: found.regions,
      ...(found.regionName ? { regionName: found.regionName } : {}),
    };
  }

  /** A listed participant's card; one's own too. Hidden people have none for others. */
  card(viewerId: number, targetId: number): PublicProfile | undefined {
    const target = this.index.get(targetId) ?? (targetId === viewerId ? this.everyone.get(targetId) : undefined);
    return target ? publicProfile(target) : undefined;
  }

  /**
   * The best matches among the listed people of the roles worth meeting, with the reasons; offers and
   * requests meet across Russian and English through the programme's vocabulary.
   */
  suggestions(me: Participant, limit = SUGGESTIONS_SHOWN): { profile: PublicProfile; suggestion: Suggestion }[] {
    const roles = suggestionRoles(me.role);
    const candidates = this.index.listedFor(me.id).filter((p) => roles.includes(p.role));
    const byId = new Map(candidates.map((p) => [p.id, p]));
    const textsOf = (p: MatchProfile): MatchTexts => {
      let texts = this.texts.get(p);
      if (!texts) {
        texts = matchTexts(p);
        this.texts.set(p, texts);
      }
      return texts;
    };
    return rank(me, candidates, { vocabulary: this.vocabulary(), limit, textsOf }).flatMap((suggestion) => {
      const p = byId.get(suggestion.id);
      return p ? [{ profile: publicProfile(p), suggestion }] : [];
    });
  }
}

/** The participant directory, cards and "Suggested for you": public profiles only, never contacts. */
export class DirectoryService {
  /**
   * The index of everyone as of a version of the participants (see ParticipantsRepo.snapshot), so that
   * a page does not read every record from Redis; built again when the version moves.
   */
  private readonly indexes = new WeakMap<ParticipantsSnapshot, DirectorySnapshot>();
  /**
   * Everyone's offer and request cut into words and stemmed, on the first suggestions that need them:
   * stemming is most of a suggestion list's time (with 300 people a list took six times as long without
   * these, bench/suggestions.ts). Kept by record, across snapshots: a change reads again only who changed
   * (ParticipantsRepo.snapshot), and everyone else's records, and so their stems, stay.
   */
  private readonly texts = new WeakMap<MatchProfile, MatchTexts>();
  /** The vocabulary stemmed once per programme published, not per suggestion list. */
  private readonly vocabularies = new WeakMap<readonly VocabularyEntry[], Vocabulary>();

  constructor(
    private readonly deps: {
      participants: ParticipantsRepo;
      access: Access;
      /** The ru↔en vocabulary of the programme in force (MissionService). */
      vocabulary: () => readonly VocabularyEntry[];
    },
  ) {}

  private vocabulary(): Vocabulary {
    const entries = this.deps.vocabulary();
    let vocabulary = this.vocabularies.get(entries);
    if (!vocabulary) {
      vocabulary = new Vocabulary(entries);
      this.vocabularies.set(entries, vocabulary);
    }
    return vocabulary;
  }

  /** The directory as it is now: its index is built again only after someone changed. */
  async snapshot(): Promise<DirectorySnapshot> {
    const everyone = await this.deps.participants.snapshot();
    let snapshot = this.indexes.get(everyone);
    if (!snapshot) {
      snapshot = new DirectorySnapshot(everyone, new DirectoryIndex(everyone.all), this.deps.access, () => this.vocabulary(), this.texts);
      this.indexes.set(everyone, snapshot);
    }
    return snapshot;
  }
}
