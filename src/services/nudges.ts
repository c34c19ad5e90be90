import { z } from "zod";
import { b2bSessions, hasMeetingIn, nudgeable, NUDGE_SUGGESTIONS, nudgeWindow, openCounterparts, pickSuggestions, sessionToNudge, type B2bSession } from "../domain/meetings/nudges.js";
import type { PublicProfile } from "../domain/meetings/privacy.js";
import type { Suggestion } from "../domain/meetings/suggestions.js";
import type { DurableQueue } from "../jobs/durable-queue.js";
import type { MeetingsRepo } from "../storage/meetings-repo.js";
import type { NudgesRepo } from "../storage/nudges-repo.js";
import type { ParticipantsRepo } from "../storage/participants-repo.js";
import type { DirectoryService } from "./directory.js";
import type { MissionService } from "./mission-service.js";

/** One person's nudge before one B2B day. */
export const nudgeJobSchema = z.object({
  userId: z.number().int().positive(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type NudgeJob = z.infer<typeof nudgeJobSchema>;

/** One job per person and day: a second sweep (another process, a restart) adds nothing. */
export function nudgeJobId(job: NudgeJob): string {
  return `nudge-${job.date}-${job.userId}`;
}

/** What a nudge says when it goes out. */
export interface PreparedNudge {
  session: B2bSession;
  suggestions: { profile: PublicProfile; suggestion: Suggestion }[];
}

export interface NudgeServiceDeps {
  repo: NudgesRepo;
  participants: Pick<ParticipantsRepo, "get" | "snapshot">;
  meetings: Pick<MeetingsRepo, "involving">;
  /** "Suggested for you", the ranking /people shows. */
  directory: Pick<DirectoryService, "snapshot">;
  mission: MissionService;
  queue: Pick<DurableQueue<NudgeJob>, "addMany">;
  now: () => number;
}

/**
 * "Tomorrow's B2B session starts at …; you have no meetings yet": the evening before each B2B day
 * (domain/meetings/nudges.ts decides who and when). A sweep puts one job per registered participant in a
 * durable queue under an id per person and day, and notes them in Redis so that later sweeps that
 * evening add only people registered since; the job decides at its turn whether there is anything to
 * say (a meeting booked meanwhile, "don't remind me" pressed) and the bot sends it through the bulk pacing.
 */
export class NudgeService {
  constructor(private readonly deps: NudgeServiceDeps) {}

  private sessions(): B2bSession[] {
    return b2bSessions(this.deps.mission.programme());
  }

  /** Queues the nudges of the session due now, for everyone not queued yet; how many were queued. */
  async sweep(): Promise<number> {
    const mission = this.deps.mission.current();
    const session = sessionToNudge(this.sessions(), mission.meetings, mission.mission.timezone, this.deps.now());
    if (!session) return 0;
    const [everyone, queued, off] = await Promise.all([this.deps.participants.snapshot(), this.deps.repo.queued(session.date), this.deps.repo.allOff()]);
    const ids = everyone.all.filter((p) => !queued.has(p.id) && nudgeable(p, off.has(p.id))).map((p) => p.id);
    if (ids.length === 0) return 0;
    // Queued first, noted second: a crash in between adds the same job ids again next time, a no-op.
    await this.deps.queue.addMany(ids.map((userId) => ({ id: nudgeJobId({ userId, date: session.date }), data: { userId, date: session.date } })));
    await this.deps.repo.markQueued(session.date, ids);
    return ids.length;
  }

  /** What the nudge says, or undefined when there is nothing to say (a meeting booked, opted out, too late). */
  async prepare(job: NudgeJob): Promise<PreparedNudge | undefined> {
    const mission = this.deps.mission.current();
    const session = this.sessions().find((s) => s.date === job.date);
    const window = session && nudgeWindow(session, mission.meetings, mission.mission.timezone);
    const now = this.deps.now();
    if (!session || !window || now < window.from || now >= window.until) return undefined;
    const me = await this.deps.participants.get(job.userId);
    if (!me || !nudgeable(me, await this.deps.repo.isOff(me.id))) return undefined;
    const requests = (await this.deps.meetings.involving(me.id)).map((s) => s.request);
    if (hasMeetingIn(me.id, requests, session)) return undefined;
    const open = openCounterparts(me.id, requests);
    const ranked = (await this.deps.directory.snapshot()).suggestions(me, NUDGE_SUGGESTIONS + open.size);
    return { session, suggestions: pickSuggestions(ranked.map((r) => ({ ...r, id: r.profile.id })), open) };
  }

  /** "Don't remind me" (or "remind me again"); false for someone not registered. */
  async setOff(userId: number, off: boolean): Promise<boolean> {
    if (!(await this.deps.participants.get(userId))) return false;
    await this.deps.repo.setOff(userId, off);
    return true;
  }

  /** For /deletemydata. */
  async erase(userId: number): Promise<void> {
    await this.deps.repo.forget(userId, this.sessions().map((s) => s.date));
  }
}
