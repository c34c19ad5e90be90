import {
  checkinPayload,
  companyKey,
  placeOf,
  targetKey,
  targetOfPlace,
  targetsOfDay,
  verifyCheckinPayload,
  type CheckinPlace,
  type CheckinTarget,
} from "../domain/checkin/payload.js";
import type { Resident } from "../domain/mission/schema.js";
import type { Participant } from "../domain/participant.js";
import type { CheckinsRepo } from "../storage/checkins-repo.js";
import type { ParticipantsSnapshot } from "../storage/participants-repo.js";
import type { MissionService } from "./mission-service.js";

export type ScanResult =
  /** Not a check-in code at all (an invite, or no payload): the caller goes on as before. */
  | { kind: "none" }
  | { kind: "forged" }
  /** Signed by us, but its day, item or stop is not in the published programme any more. */
  | { kind: "stale" }
  | { kind: "valid"; target: CheckinTarget; place: CheckinPlace };

/** One target's attendance, in programme order, for /stats and /export. */
export interface AttendanceRow {
  place: CheckinPlace;
  /** Who checked in and when (ms), earliest first. */
  people: { userId: number; at: number }[];
}

/** Check-in by QR code: the codes' links, reading a scanned code, recording check-ins, attendance. */
export class CheckinService {
  constructor(
    private readonly deps: {
      repo: CheckinsRepo;
      mission: MissionService;
      participants: { snapshot(): Promise<ParticipantsSnapshot> };
      /** HMAC key of the codes (config: CHECKIN_SECRET, or derived from the bot token). */
      secret: string;
      now: () => number;
    },
  ) {}

  link(botUsername: string, place: CheckinPlace): string {
    return `https://t.me/${botUsername}?start=${checkinPayload(targetOfPlace(place), this.deps.mission.current().mission.id, this.deps.secret)}`;
  }

  scan(payload: string): ScanResult {
    const mission = this.deps.mission.current();
    const parsed = verifyCheckinPayload(payload, mission.mission.id, this.deps.secret);
    if (parsed.kind !== "valid") return parsed;
    const place = placeOf(mission, parsed.target);
    return place ? { kind: "valid", target: parsed.target, place } : { kind: "stale" };
  }

  checkIn(userId: number, target: CheckinTarget): Promise<{ first: boolean; at: number }> {
    return this.deps.repo.checkIn(targetKey(target), userId, this.deps.now());
  }

  /** Kept until the person finishes registering (see `completePending`). */
  async holdUntilRegistered(userId: number, target: CheckinTarget): Promise<void> {
    await this.deps.repo.setPending(userId, { target: targetKey(target), at: this.deps.now() });
  }

  /**
   * After a registration: the check-in scanned before it, if its place is still in the programme. It
   * counts from the scan, not from the end of the form.
   */
  async completePending(userId: number): Promise<{ place: CheckinPlace; first: boolean; at: number } | undefined> {
    const pending = await this.deps.repo.takePending(userId);
    if (!pending) return undefined;
    const mission = this.deps.mission.current();
    const place = this.targets(mission.days).find((p) => targetKey(targetOfPlace(p)) === pending.target);
    if (!place) return undefined;
    const result = await this.deps.repo.checkIn(pending.target, userId, pending.at);
    return { place, ...result };
  }

  /** The registered hosts a resident of a stop names (`host:` in the file, matched by company). */
  async hostsOf(residents: readonly Resident[]): Promise<Map<Resident, Participant[]>> {
    const wanted = residents.filter((r) => r.host !== undefined);
    const out = new Map<Resident, Participant[]>();
    if (wanted.length === 0) return out;
    const { all } = await this.deps.participants.snapshot();
    for (const resident of wanted) {
      const key = companyKey(resident.host ?? "");
      out.set(
        resident,
        all.filter((p) => p.role === "host" && p.visible && companyKey(p.company) === key),
      );
    }
    return out;
  }

  /** Every day, item and stop of the published programme with who checked in there. */
  async attendance(): Promise<AttendanceRow[]> {
    const places = this.targets(this.deps.mission.current().days);
    const found = await this.deps.repo.attendance(places.map((p) => targetKey(targetOfPlace(p))));
    return places.map((place) => {
      const entries = found.get(targetKey(targetOfPlace(place))) ?? new Map<number, number>();
      return { place, people: [...entries].map(([userId, at]) => ({ userId, at })).sort((a, b) => a.at - b.at || a.userId - b.userId) };
    });
  }

  deleteUser(userId: number): Promise<number> {
    return this.deps.repo.deleteUser(userId);
  }

  private targets(days: readonly CheckinPlace["day"][]): CheckinPlace[] {
    return days.flatMap((day) => targetsOfDay(day));
  }
}
