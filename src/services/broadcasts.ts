import type { Audience } from "../domain/broadcast/audience.js";
import { cancelBroadcast } from "../domain/broadcast/broadcast.js";
import { versionFor, type Versions } from "../domain/broadcast/content.js";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../domain/locale.js";
import type { Participant, Role } from "../domain/participant.js";
import type { UnreachableReason } from "../domain/telegram/reachability.js";
import type { Broadcast, BroadcastsRepo, Recipient } from "../storage/broadcasts-repo.js";
import type { LanguagesRepo } from "../storage/languages-repo.js";
import type { MissionService } from "./mission-service.js";

/** A participant an audience names, in the language they read. */
export interface AudienceMember {
  userId: number;
  locale: Locale;
  /** Telegram refused them before and said why: they are counted, not written to again. */
  unreachable?: UnreachableReason;
}

/**
 * Where recipients come from: the participants repository (registration) provides it. `resolve`
 * returns everyone in an audience, those known to be unreachable included (marked so); `markUnreachable`
 * records a 403 and its reason.
 */
export interface AudienceSource {
  resolve(audience: Audience): Promise<AudienceMember[]>;
  markUnreachable(userId: number, reason: UnreachableReason): Promise<void>;
}

/** The participants repository, as much of it as broadcasts need. */
export interface ParticipantsForBroadcasts {
  listAll(): Promise<Participant[]>;
  listByRole(role: Role): Promise<Participant[]>;
  listByTag(tag: string): Promise<Participant[]>;
  setReachable(id: number, reachable: boolean, reason?: UnreachableReason): Promise<boolean>;
}

/**
 * Registered participants of an audience, each in the language the bot speaks to them in. Whoever
 * Telegram refused with a reason is known unreachable: the broadcast counts them under it. Someone
 * marked unreachable without one (by a path that did not say why) is sent to: Telegram's answer says.
 */
export function participantsAudience(participants: ParticipantsForBroadcasts, languages: Pick<LanguagesRepo, "getMany">): AudienceSource {
  return {
    async resolve(audience) {
      const list =
        audience.kind === "all" ? await participants.listAll() : audience.kind === "role" ? await participants.listByRole(audience.role) : await participants.listByTag(audience.tag);
      // One read for the whole audience; someone without a record gets the default, as a reply would.
      const locales = await languages.getMany(list.map((p) => p.id));
      return list.map((p) => ({
        userId: p.id,
        locale: locales.get(p.id) ?? DEFAULT_LOCALE,
        ...(!p.reachable && p.unreachableReason ? { unreachable: p.unreachableReason } : {}),
      }));
    },
    async markUnreachable(userId, reason) {
      await participants.setReachable(userId, false, reason);
    },
  };
}

/** The delivery side, implemented by the queue engine (jobs/broadcast/engine.ts). */
export interface BroadcastLauncher {
  /** Starts (or resumes) delivery and progress reporting of a created broadcast. */
  launch(id: number): Promise<void>;
  /** Takes queued deliveries of a stopped broadcast off the queue, and hurries its final report. */
  withdraw(id: number, chatIds: readonly number[]): Promise<void>;
}

export interface Draft {
  audience: Audience;
  includeGroup: boolean;
  versions: Versions;
  summary: string;
}

export interface Reach {
  /** Participants the audience names, reachable or not. */
  people: number;
  /** Those of them it will be sent to. */
  sendable: number;
  /** How many of those read each version (after the fallback to the other language). */
  byVersion: Record<Locale, number>;
  /** Those known to be unreachable, by reason: counted in the report, not sent to. */
  unreachable: Record<UnreachableReason, number>;
  /** The mission group gets it too. */
  group: boolean;
}

export interface Organiser {
  userId: number;
  chatId: number;
  locale: Locale;
  /** The preview's summary message, which becomes the live progress line. */
  progressMessageId: number;
}

export type StopResult = { ok: true; broadcast: Broadcast } | { ok: false; reason: "unknown" | "already-cancelled" | "finished" };

export class BroadcastService {
  constructor(
    private readonly deps: {
      repo: BroadcastsRepo;
      launcher: BroadcastLauncher;
      audience: AudienceSource;
      mission: MissionService;
      now?: () => number;
    },
  ) {}

  /** The mission group's chat id, when the programme names one. */
  groupChatId(): number | undefined {
    return this.deps.mission.current().mission.group_chat_id;
  }

  async reach(audience: Audience, includeGroup: boolean, versions?: Versions): Promise<Reach> {
    const members = await this.deps.audience.resolve(audience);
    const byVersion: Record<Locale, number> = { ru: 0, en: 0 };
    const unreachable: Record<UnreachableReason, number> = { blocked: 0, notStarted: 0, deactivated: 0 };
    let sendable = 0;
    for (const m of members) {
      if (m.unreachable) {
        unreachable[m.unreachable] += 1;
        continue;
      }
      sendable += 1;
      byVersion[versions ? versionLocale(versions, m.locale) : m.locale] += 1;
    }
    return { people: members.length, sendable, byVersion, unreachable, group: includeGroup && this.groupChatId() !== undefined };
  }

  /** Creates the broadcast with the audience as it is now, and hands it to the queue. */
  async start(draft: Draft, organiser: Organiser): Promise<Broadcast> {
    const members = await this.deps.audience.resolve(draft.audience);
    const recipients: Recipient[] = members.map((m) => ({ chatId: m.userId, locale: m.locale, ...(m.unreachable ? { unreachable: m.unreachable } : {}) }));
    const group = draft.includeGroup ? this.groupChatId() : undefined;
    // The group is read by everyone: it gets the mission's default language.
    if (group !== undefined) recipients.push({ chatId: group, locale: DEFAULT_LOCALE });
    const id = await this.deps.repo.create(
      {
        audience: draft.audience,
        ...(group !== undefined ? { groupChatId: group } : {}),
        versions: draft.versions,
        summary: draft.summary,
        createdBy: organiser.userId,
        chatId: organiser.chatId,
        progressMessageId: organiser.progressMessageId,
        locale: organiser.locale,
        createdAt: (this.deps.now ?? Date.now)(),
      },
      recipients,
    );
    await this.deps.launcher.launch(id);
    const created = await this.deps.repo.get(id);
    if (!created) throw new Error(`broadcast ${id} vanished right after it was created`);
    return created;
  }

  async stop(id: number): Promise<StopResult> {
    const current = await this.deps.repo.get(id);
    if (!current) return { ok: false, reason: "unknown" };
    const allowed = cancelBroadcast(current.status);
    if (!allowed.ok) return { ok: false, reason: allowed.reason };
    const result = await this.deps.repo.cancel(id);
    if (!result.ok) return { ok: false, reason: result.status === "cancelled" ? "already-cancelled" : "finished" };
    await this.deps.launcher.withdraw(id, result.cancelled);
    const after = await this.deps.repo.get(id);
    return after ? { ok: true, broadcast: after } : { ok: false, reason: "unknown" };
  }

  get(id: number): Promise<Broadcast | undefined> {
    return this.deps.repo.get(id);
  }

  history(limit = 10): Promise<Broadcast[]> {
    return this.deps.repo.list(limit);
  }
}

/** Which version a reader of `locale` gets. */
export function versionLocale(versions: Versions, locale: Locale): Locale {
  const content = versionFor(versions, locale);
  return LOCALES.find((l) => versions[l] === content) ?? locale;
}
