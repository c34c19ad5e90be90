import { z } from "zod";
import { MissionFileError, parseMission } from "../content/load-mission.js";
import { DEFAULT_LOCALE, type Locale } from "../domain/locale.js";
import type { MissionProblem } from "../domain/mission/problems.js";
import { itemEntry, itemKey } from "../domain/programme/agenda.js";
import { affectedItemIds, diffProgrammes, type ProgrammeDiff } from "../domain/programme/diff.js";
import { Programme } from "../domain/programme/programme.js";
import type { DurableQueue } from "../jobs/durable-queue.js";
import type { AgendaRepository } from "../storage/agenda-repository.js";
import type { ProgrammeRepository } from "../storage/programme-repository.js";
import type { Audience } from "./audience.js";
import { programmeVersion, type MissionService } from "./mission-service.js";
import type { ReminderService } from "./reminders.js";

export const noticeJobSchema = z.object({
  userId: z.number().int().positive(),
  /** Rendered when the change was published, in the recipient's language (HTML). */
  html: z.string().min(1).max(4096),
});
export type NoticeJob = z.infer<typeof noticeJobSchema>;

/** What one participant is told about a change. */
export interface NoticeRequest {
  locale: Locale;
  programme: Programme;
  diff: ProgrammeDiff;
  /** Changed items this participant had saved. */
  mine: ReadonlySet<string>;
  /** Whether to list every change, not only theirs. */
  everything: boolean;
}

export type PrepareResult =
  | { kind: "invalid"; problems: readonly MissionProblem[] }
  | { kind: "ready"; token: string; diff: ProgrammeDiff; programme: Programme; unchanged: boolean };

export type PublishResult =
  | { kind: "published"; diff: ProgrammeDiff; notified: number }
  | { kind: "no-draft" }
  /** Published only over a given revision, and another publication came first (the console). */
  | { kind: "changed" };

export interface PublisherDeps {
  mission: MissionService;
  programmes: ProgrammeRepository;
  agenda: AgendaRepository;
  reminders: ReminderService;
  audience: Audience;
  notices: DurableQueue<NoticeJob>;
  renderNotice: (request: NoticeRequest) => string;
  now: () => number;
}

/**
 * An organiser's new programme file: validated and compared with the current one (nothing changes),
 * then, on Publish, made current, with reminders moved and holders of changed items told.
 */
export class ProgrammePublisher {
  constructor(private readonly deps: PublisherDeps) {}

  async prepare(organiserId: number, source: string): Promise<PrepareResult> {
    let programme: Programme;
    try {
      programme = new Programme(parseMission(source, "upload"));
    } catch (err) {
      if (err instanceof MissionFileError) return { kind: "invalid", problems: err.problems };
      throw err;
    }
    const token = programmeVersion(source).slice(0, 10);
    await this.deps.programmes.saveDraft(organiserId, { source, token });
    const diff = diffProgrammes(this.deps.mission.programme(), programme);
    return { kind: "ready", token, diff, programme, unchanged: source === this.deps.mission.source() };
  }

  async cancel(organiserId: number, token: string): Promise<boolean> {
    const draft = await this.deps.programmes.draft(organiserId);
    if (!draft || draft.token !== token) return false;
    await this.deps.programmes.deleteDraft(organiserId);
    return true;
  }

  /** `ifRevision`: publish only while that is the publication in force (MissionService.publish). */
  async publish(organiserId: number, token: string, notifyEveryone: boolean, ifRevision?: string): Promise<PublishResult> {
    const { programmes, mission, agenda, reminders, audience } = this.deps;
    const draft = await programmes.draft(organiserId);
    if (!draft || draft.token !== token) return { kind: "no-draft" };
    const next = parseMission(draft.source, "draft");
    const before = mission.programme();
    const after = new Programme(next);
    // Against the programme current now, not when the file was uploaded: someone may have published since.
    const diff = diffProgrammes(before, after);
    const now = this.deps.now();
    if (!(await mission.publish({ mission: next, source: draft.source }, organiserId, now, ifRevision))) return { kind: "changed" };
    await programmes.deleteDraft(organiserId);

    const mine = new Map<number, Set<string>>();
    for (const id of affectedItemIds(diff)) {
      for (const userId of await agenda.holders(id)) mine.set(userId, (mine.get(userId) ?? new Set<string>()).add(id));
    }
    for (const move of diff.moved) {
      const moved = after.item(move.id);
      for (const [userId, ids] of mine) {
        if (ids.has(move.id) && moved) await reminders.move(userId, { key: itemKey(move.id), startsAt: move.before.startsAt }, itemEntry(moved, after));
      }
    }
    for (const removed of diff.removed) {
      for (const [userId, ids] of mine) if (ids.has(removed.id)) await reminders.cancel(userId, { key: itemKey(removed.id), startsAt: removed.startsAt });
    }
    await agenda.forgetItems(diff.removed.map((r) => r.id));

    const recipients = new Set(mine.keys());
    if (notifyEveryone && (diff.added.length > 0 || diff.removed.length > 0 || diff.moved.length > 0)) {
      for (const id of await audience.everyone()) recipients.add(id);
    }
    const version = mission.version();
    const jobs = [];
    // One read for everyone's language, not a round trip each inside the organiser's "Publish".
    const locales = await audience.localesOf([...recipients]);
    for (const userId of recipients) {
      const locale = locales.get(userId) ?? DEFAULT_LOCALE;
      const html = this.deps.renderNotice({ locale, programme: after, diff, mine: mine.get(userId) ?? new Set(), everything: notifyEveryone });
      // One notice per participant and publication, even if the job is retried or added again.
      jobs.push({ id: `notice-${version}-${now}-${userId}`, data: { userId, html } });
    }
    await this.deps.notices.addMany(jobs);
    return { kind: "published", diff, notified: recipients.size };
  }
}
