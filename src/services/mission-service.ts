import { createHash } from "node:crypto";
import { parseMission, type MissionSource } from "../content/load-mission.js";
import type { Mission } from "../domain/mission/schema.js";
import { Programme } from "../domain/programme/programme.js";
import type { Logger } from "../logger.js";
import type { StoredProgramme } from "../storage/programme-repository.js";
import { stringify } from "yaml";

/** Where the published programme is kept between restarts (Redis in the app). */
export interface ProgrammeStore {
  published(): Promise<StoredProgramme | undefined>;
  publish(record: StoredProgramme, ifRevision?: string): Promise<boolean>;
  publishIfAbsent(record: StoredProgramme): Promise<boolean>;
}

export function programmeVersion(source: string): string {
  return createHash("sha256").update(source).digest("hex").slice(0, 12);
}

interface State {
  programme: Programme;
  source: string;
  version: string;
  revision: string;
}

/**
 * A publication, as every process that loaded it from the store names it: the same source published
 * again (an organiser undoing a change) is a new revision, though its version (the source's hash) is not.
 */
function revisionOf(version: string, publishedAt: number | undefined): string {
  return publishedAt === undefined ? version : `${version}@${publishedAt}`;
}

/**
 * The programme in memory: hot paths (agenda, cards) read it from here, never from Redis. It starts as
 * MISSION_FILE, is replaced by the one in Redis on `load()` (an organiser may have published since),
 * and by every `publish()`.
 */
export class MissionService {
  private state: State;
  private refreshing: Promise<unknown> = Promise.resolve();

  constructor(
    mission: Mission,
    private readonly options: { source?: string; store?: ProgrammeStore; logger?: Logger } = {},
  ) {
    const source = options.source ?? stringify(mission);
    const version = programmeVersion(source);
    this.state = { programme: new Programme(mission), source, version, revision: revisionOf(version, undefined) };
  }

  current(): Mission {
    return this.state.programme.mission;
  }

  programme(): Programme {
    return this.state.programme;
  }

  /** The YAML the current programme came from, comments and all. */
  source(): string {
    return this.state.source;
  }

  version(): string {
    return this.state.version;
  }

  /**
   * Names the programme in force across processes and restarts: what is remembered against one
   * programme (a copy of someone's saved items) is trusted only while the same publication is in force.
   */
  revision(): string {
    return this.state.revision;
  }

  /** Takes the programme from the store; when the store has none, stores the file's. */
  async load(now: number = Date.now()): Promise<"store" | "file"> {
    const { store, logger } = this.options;
    if (!store) return "file";
    const stored = await store.published();
    if (stored) {
      try {
        this.adopt(stored);
        return "store";
      } catch (err) {
        // The stored file no longer fits the schema (an upgrade changed it): run on MISSION_FILE until an
        // organiser publishes again, and keep the stored one for them to download and fix.
        logger?.error({ err }, "the published programme in Redis is not valid any more; using MISSION_FILE");
        return "file";
      }
    }
    const record = { source: this.state.source, version: this.state.version, publishedAt: now };
    if (await store.publishIfAbsent(record)) {
      this.state = { ...this.state, revision: revisionOf(record.version, record.publishedAt) };
      return "file";
    }
    return this.load(now);
  }

  /**
   * Takes the programme from the store when another process published since (the change feed calls it
   * on that process's notice, and after every reconnect, when a notice may have been missed).
   * Says whether the programme changed.
   */
  refresh(): Promise<boolean> {
    // One at a time: two notices close together must not let the older read land last.
    const next = this.refreshing.then(() => this.reread());
    this.refreshing = next.catch(() => false);
    return next;
  }

  private async reread(): Promise<boolean> {
    const stored = await this.options.store?.published();
    if (!stored || revisionOf(stored.version, stored.publishedAt) === this.state.revision) return false;
    try {
      this.adopt(stored);
    } catch (err) {
      this.options.logger?.error({ err }, "the programme published in Redis is not valid; keeping the one in force");
      return false;
    }
    this.options.logger?.info({ version: stored.version, publishedAt: stored.publishedAt }, "programme published by another process taken");
    return true;
  }

  private adopt(stored: StoredProgramme): void {
    this.state = {
      programme: new Programme(parseMission(stored.source, "stored programme")),
      source: stored.source,
      version: stored.version,
      revision: revisionOf(stored.version, stored.publishedAt),
    };
  }

  /**
   * Replaces the programme, in the store first so that a restart keeps it. With `ifRevision` (see
   * revision()), only if that is still the publication in force in the store: false, and nothing changed,
   * when someone published in between.
   */
  async publish(next: MissionSource, by: number | undefined, now: number, ifRevision?: string): Promise<boolean> {
    const version = programmeVersion(next.source);
    const stored = await this.options.store?.publish({ source: next.source, version, publishedAt: now, ...(by === undefined ? {} : { publishedBy: by }) }, ifRevision);
    if (stored === false) return false;
    this.state = { programme: new Programme(next.mission), source: next.source, version, revision: revisionOf(version, now) };
    return true;
  }
}
