import { isDeepStrictEqual } from "node:util";
import { Document, isMap, parseDocument } from "yaml";
import { MissionFileError, parseMission } from "../content/load-mission.js";
import { leftOf, type Counts } from "../domain/broadcast/broadcast.js";
import { meetingsPerDay, meetingsPerSession, registrationSeries, type MeetingDay, type RegistrationSeries, type SessionMeetings } from "../domain/console/figures.js";
import { filterParticipants, regionKey, type ParticipantFilter } from "../domain/console/participants.js";
import type { Locale } from "../domain/locale.js";
import { ERASED, type MeetingRequest, type RequestState } from "../domain/meetings/request.js";
import type { MissionProblem } from "../domain/mission/problems.js";
import type { Text } from "../domain/mission/schema.js";
import type { OutcomeFunnel } from "../domain/outcomes/funnel.js";
import type { MetAnswer } from "../domain/outcomes/outcome.js";
import type { Participant } from "../domain/participant.js";
import type { ProgrammeDiff } from "../domain/programme/diff.js";
import type { Programme } from "../domain/programme/programme.js";
import type { ParticipantStats } from "../domain/reports/participants-stats.js";
import type { MeetingStats } from "../domain/reports/meetings-stats.js";
import type { Broadcast } from "../storage/broadcasts-repo.js";
import type { StoredProgramme } from "../storage/programme-repository.js";
import type { MissionService } from "./mission-service.js";
import type { OutcomeService } from "./outcomes.js";
import type { ProgrammePublisher } from "./programme-publisher.js";
import type { ReportsService } from "./reports.js";
import type { AttendanceRow as CheckinAttendance } from "./checkins.js";

/**
 * Who checked in at a day, an item or a stop of a visit (QR check-in), in programme order: what the
 * dashboard's attendance table shows.
 */
export interface AttendanceRow {
  kind: "day" | "item" | "stop";
  /** The day (YYYY-MM-DD, mission time). */
  date: string;
  /** The item's start (HH:mm, mission time), for items and their stops. */
  start?: string;
  title: Text;
  /** People who checked in there. */
  present: number;
}

/**
 * The check-ins (as /stats reads them) as the dashboard's rows: every day, item and stop once anyone
 * checked in anywhere (a stop nobody came to is worth seeing then), none before, as /stats shows them.
 */
export function attendanceRows(rows: readonly CheckinAttendance[]): AttendanceRow[] {
  if (rows.every((row) => row.people.length === 0)) return [];
  return rows.map(({ place, people }) => ({
    kind: place.kind,
    date: place.day.date,
    ...(place.kind === "day" ? {} : { start: place.item.start }),
    title: place.kind === "stop" ? place.stop.name : place.kind === "item" ? place.item.title : (place.day.title ?? { ru: place.day.date, en: place.day.date }),
    present: people.length,
  }));
}

export interface RunningBroadcast {
  id: number;
  summary: string;
  counts: Counts;
  left: number;
  createdAt: number;
}

export interface Dashboard {
  /** The mission's IANA zone: every date below is a day there. */
  zone: string;
  participants: ParticipantStats;
  meetings: MeetingStats;
  registrations: RegistrationSeries;
  meetingsPerDay: MeetingDay[];
  sessions: SessionMeetings[];
  funnel: OutcomeFunnel;
  attendance: AttendanceRow[];
  broadcasts: RunningBroadcast[];
}

/** Someone who wrote to the bot and never registered: only the id and the language are known. */
export interface UnregisteredRow {
  id: number;
  registered: false;
  language?: Locale;
}

export interface ParticipantRow {
  registered: true;
  id: number;
  role: Participant["role"];
  fullName: string;
  company: string;
  position: string;
  region: string;
  tags: readonly string[];
  reachable: boolean;
  registeredAt: string;
  meetings: number;
}

/** A meeting request as the organiser sees it on a participant's card: the other side by name, no contacts. */
export interface CardMeeting {
  id: string;
  direction: "sent" | "received";
  state: RequestState;
  slot: { start: number; end: number } | null;
  /** Undefined when the other side deleted their data. */
  other?: { id: number; fullName: string; company: string };
  met?: MetAnswer;
  createdAt: number;
}

/**
 * A participant's card. Organisers see what /export gives them (phone, e-mail, username included);
 * the other sides of their meetings only by name and company, as the meetings sheet names them.
 */
export interface ParticipantCard {
  participant: Participant;
  meetings: CardMeeting[];
}

export interface ProgrammeSnapshot {
  /** The publication the editor opened; sent back with a publish, which is refused if another came since. */
  revision: string;
  /** The programme file as data (what the YAML says, defaults not filled in). */
  raw: unknown;
  source: string;
}

export type Checked = { kind: "invalid"; problems: readonly MissionProblem[] } | { kind: "valid"; source: string };

export type ReviewResult = { kind: "invalid"; problems: readonly MissionProblem[] } | { kind: "stale" } | { kind: "ready"; programme: Programme; diff: ProgrammeDiff; unchanged: boolean };

export type ConsolePublishResult = { kind: "invalid"; problems: readonly MissionProblem[] } | { kind: "stale" } | { kind: "published"; notified: number; revision: string };

export interface ConsoleServiceDeps {
  reports: Pick<ReportsService, "stats">;
  outcomes: Pick<OutcomeService, "snapshot">;
  participants: { listAll(): Promise<Participant[]>; get(id: number): Promise<Participant | undefined> };
  broadcasts: { list(limit: number): Promise<Broadcast[]> };
  mission: MissionService;
  programmes: { published(): Promise<StoredProgramme | undefined> };
  publisher: Pick<ProgrammePublisher, "prepare" | "publish">;
  /** Everyone who wrote to the bot, and their language: the "not registered" list. */
  languages: { users(): Promise<number[]>; getMany(ids: readonly number[]): Promise<Map<number, Locale>> };
}

/**
 * What the organisers' console reads and does: the figures of /stats as series, the participants, and
 * the programme editor, which publishes through the same ProgrammePublisher as a YAML upload.
 */
export class ConsoleService {
  // Publishes from this process one at a time: the revision check and the publication must not interleave.
  private publishing: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ConsoleServiceDeps) {}

  async dashboard(): Promise<Dashboard> {
    const [stats, outcomes, participants] = await Promise.all([this.deps.reports.stats(), this.deps.outcomes.snapshot(), this.deps.participants.listAll()]);
    const programme = this.deps.mission.programme();
    const zone = programme.mission.mission.timezone;
    return {
      zone,
      participants: stats.participants,
      meetings: stats.meetings,
      registrations: registrationSeries(participants, zone),
      meetingsPerDay: meetingsPerDay(outcomes, zone),
      sessions: meetingsPerSession(outcomes, programme),
      funnel: stats.outcomes.funnel,
      attendance: attendanceRows(stats.attendance),
      broadcasts: stats.broadcasts
        .filter((b) => b.status === "sending")
        .map((b) => ({ id: b.id, summary: b.spec.summary, counts: b.counts, left: leftOf(b.counts), createdAt: b.spec.createdAt })),
    };
  }

  async participants(filter: ParticipantFilter): Promise<{ total: number; rows: (ParticipantRow | UnregisteredRow)[]; regions: string[] }> {
    const [all, outcomes] = await Promise.all([this.deps.participants.listAll(), this.deps.outcomes.snapshot()]);
    const regions = [...new Map(all.map((p) => [regionKey(p.region), p.region.trim().replace(/\s+/g, " ")])).values()].sort((a, b) => a.localeCompare(b));
    if (filter.registered === "no") {
      const known = new Set(all.map((p) => p.id));
      // A filter about a profile matches nobody without one; the search matches the id.
      const profileFilter = filter.role ?? filter.region ?? filter.tag ?? filter.reachable ?? filter.meetings;
      const ids = profileFilter !== undefined ? [] : (await this.deps.languages.users()).filter((id) => !known.has(id) && (filter.q === undefined || String(id).includes(filter.q)));
      const page = ids.slice(filter.offset, filter.offset + filter.limit);
      const languages = await this.deps.languages.getMany(page);
      return { total: ids.length, regions, rows: page.map((id) => ({ id, registered: false, ...(languages.has(id) ? { language: languages.get(id) } : {}) })) };
    }
    const counts = new Map<number, number>();
    for (const { request } of outcomes) for (const id of [request.from, request.to]) if (id !== ERASED) counts.set(id, (counts.get(id) ?? 0) + 1);
    const found = filterParticipants(all, filter, counts);
    return {
      total: found.length,
      regions,
      rows: found.slice(filter.offset, filter.offset + filter.limit).map((p) => ({
        registered: true as const,
        id: p.id,
        role: p.role,
        fullName: p.fullName,
        company: p.company,
        position: p.position,
        region: p.region,
        tags: p.tags,
        reachable: p.reachable,
        registeredAt: p.registeredAt,
        meetings: counts.get(p.id) ?? 0,
      })),
    };
  }

  async participant(id: number): Promise<ParticipantCard | undefined> {
    const participant = await this.deps.participants.get(id);
    if (!participant) return undefined;
    const mine = (await this.deps.outcomes.snapshot()).filter(({ request }) => request.from === id || request.to === id);
    const others = new Map<number, Participant | undefined>();
    for (const { request } of mine) {
      const otherId = otherSide(request, id);
      if (otherId !== ERASED && !others.has(otherId)) others.set(otherId, await this.deps.participants.get(otherId));
    }
    const meetings = mine
      .map(({ request, sides }): CardMeeting => {
        const other = others.get(otherSide(request, id));
        const met = sides.find((s) => s.userId === id)?.met;
        return {
          id: request.id,
          direction: request.from === id ? "sent" : "received",
          state: request.state,
          slot: request.slot,
          ...(other ? { other: { id: other.id, fullName: other.fullName, company: other.company } } : {}),
          ...(met ? { met } : {}),
          createdAt: request.createdAt,
        };
      })
      .sort((a, b) => (a.slot?.start ?? Infinity) - (b.slot?.start ?? Infinity) || a.createdAt - b.createdAt);
    return { participant, meetings };
  }

  // ---- the programme editor ---------------------------------------------------------------------------

  /** The publication in force as every process sees it (the store), so a publish from elsewhere counts. */
  async revision(): Promise<string> {
    const stored = await this.deps.programmes.published();
    return stored ? `${stored.version}@${stored.publishedAt}` : this.deps.mission.revision();
  }

  async programme(): Promise<ProgrammeSnapshot> {
    const stored = await this.deps.programmes.published();
    const source = stored?.source ?? this.deps.mission.source();
    return { revision: await this.revision(), raw: parseDocument(source).toJS({ maxAliasCount: 50 }) as unknown, source };
  }

  /**
   * The edited programme as a file, checked by the same schema as an upload. Top-level sections the
   * editor left as they were keep their YAML as written, comments included.
   */
  async check(raw: unknown): Promise<Checked> {
    const source = await this.toSource(raw);
    try {
      parseMission(source, "console");
    } catch (err) {
      if (err instanceof MissionFileError) return { kind: "invalid", problems: err.problems };
      throw err;
    }
    return { kind: "valid", source };
  }

  /** What publishing the edit would change: the summary an uploaded file gets. Saves it as the organiser's draft. */
  async review(organiserId: number, revision: string, raw: unknown): Promise<ReviewResult> {
    const checked = await this.check(raw);
    if (checked.kind === "invalid") return checked;
    if (revision !== (await this.revision())) return { kind: "stale" };
    const prepared = await this.deps.publisher.prepare(organiserId, checked.source);
    if (prepared.kind === "invalid") return prepared;
    return { kind: "ready", programme: prepared.programme, diff: prepared.diff, unchanged: prepared.unchanged };
  }

  /** Publishes the edit exactly as an uploaded file is published, unless another publication came since `revision`. */
  publish(organiserId: number, revision: string, raw: unknown, notifyEveryone: boolean): Promise<ConsolePublishResult> {
    const run = this.publishing.then(async (): Promise<ConsolePublishResult> => {
      const checked = await this.check(raw);
      if (checked.kind === "invalid") return checked;
      if (revision !== (await this.revision())) return { kind: "stale" };
      const prepared = await this.deps.publisher.prepare(organiserId, checked.source);
      if (prepared.kind === "invalid") return prepared;
      // Checked above for a clear answer, and again in the write itself: another process may publish in between.
      const published = await this.deps.publisher.publish(organiserId, prepared.token, notifyEveryone, revision);
      if (published.kind !== "published") return { kind: "stale" };
      return { kind: "published", notified: published.notified, revision: await this.revision() };
    });
    this.publishing = run.catch(() => undefined);
    return run;
  }

  private async toSource(raw: unknown): Promise<string> {
    const current = (await this.deps.programmes.published())?.source ?? this.deps.mission.source();
    const doc = parseDocument(current);
    const before: unknown = doc.toJS({ maxAliasCount: 50 });
    if (!isMap(doc.contents) || typeof raw !== "object" || raw === null || Array.isArray(raw) || typeof before !== "object" || before === null) {
      return new Document(raw).toString();
    }
    const edited = raw as Record<string, unknown>;
    const old = before as Record<string, unknown>;
    for (const key of Object.keys(old)) if (!(key in edited)) doc.delete(key);
    for (const [key, value] of Object.entries(edited)) if (!isDeepStrictEqual(old[key], value)) doc.set(key, value);
    return doc.toString();
  }
}

function otherSide(request: MeetingRequest, id: number): number {
  return request.from === id ? request.to : request.from;
}
