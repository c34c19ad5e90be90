import { randomBytes } from "node:crypto";
import { z } from "zod";
import { invitePayload, TOKEN_BYTES, type Invite, type InviteRole } from "../domain/invite.js";
import type { Mission } from "../domain/mission/schema.js";
import { withRole } from "../domain/participant.js";
import type { InvitesRepo } from "../storage/invites-repo.js";
import type { ParticipantsRepo } from "../storage/participants-repo.js";

const DAY_MS = 24 * 3600 * 1000;

export interface NewInvite {
  role: InviteRole;
  speakerId?: string;
  uses: number;
  days: number;
  createdBy: number;
}

export type RedeemResult =
  /** The role is theirs now (or still: they had opened this link before). */
  | { kind: "granted"; role: InviteRole; speakerId?: string }
  /** Organisers keep their role; opening a link only shows what it gives and uses nothing up. */
  | { kind: "organiser-preview"; invite: Invite }
  | { kind: "invalid" }
  | { kind: "revoked" }
  | { kind: "expired" }
  | { kind: "used-up" };

export interface InviteServiceDeps {
  invites: InvitesRepo;
  participants: ParticipantsRepo;
  now?: () => number;
  token?: () => string;
}

/** The deep link Telegram opens as `/start <payload>` in a private chat with the bot. */
export function inviteLink(botUsername: string, token: string): string {
  return `https://t.me/${botUsername}?start=${invitePayload(token)}`;
}

/**
 * The programme's speaker ids, when it lists speakers; `undefined` while it does not (then any id of the
 * right shape is accepted).
 */
export function speakerIds(mission: Mission): string[] | undefined {
  const parsed = z.array(z.looseObject({ id: z.string() })).safeParse((mission as Record<string, unknown>).speakers);
  return parsed.success ? parsed.data.map((s) => s.id) : undefined;
}

/** Making, redeeming, listing and revoking invite links. */
export class InviteService {
  private readonly now: () => number;
  private readonly token: () => string;

  constructor(private readonly deps: InviteServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.token = deps.token ?? (() => randomBytes(TOKEN_BYTES).toString("base64url"));
  }

  async create(spec: NewInvite): Promise<Invite> {
    const createdAt = this.now();
    const invite: Invite = {
      token: this.token(),
      role: spec.role,
      ...(spec.role === "speaker" && spec.speakerId ? { speakerId: spec.speakerId } : {}),
      maxUses: spec.uses,
      uses: 0,
      expiresAt: createdAt + spec.days * DAY_MS,
      createdBy: spec.createdBy,
      createdAt,
      revoked: false,
    };
    await this.deps.invites.create(invite);
    return invite;
  }

  /**
   * Opens a link for a user: consumes a use atomically, then gives the role — on their record when
   * registered, otherwise as a grant their registration picks up.
   */
  async redeem(token: string, user: { id: number; isOrganiser: boolean }): Promise<RedeemResult> {
    const invite = await this.deps.invites.get(token);
    if (!invite) return { kind: "invalid" };
    // Organisers test the links they make; that must not spend the one use a company was given.
    if (user.isOrganiser) return { kind: "organiser-preview", invite };
    const outcome = await this.deps.invites.redeem(token, user.id, this.now());
    switch (outcome) {
      case "missing":
        return { kind: "invalid" };
      case "revoked":
      case "expired":
      case "used-up":
        return { kind: outcome };
      case "ok":
      case "again":
        break;
    }
    const { participants } = this.deps;
    const participant = await participants.get(user.id);
    if (participant) await participants.save(withRole(participant, invite.role, invite.speakerId));
    else await participants.grantRole(user.id, { role: invite.role, ...(invite.speakerId ? { speakerId: invite.speakerId } : {}), token, at: this.now() });
    return { kind: "granted", role: invite.role, ...(invite.speakerId ? { speakerId: invite.speakerId } : {}) };
  }

  list(): Promise<Invite[]> {
    return this.deps.invites.list();
  }

  revoke(token: string): Promise<boolean> {
    return this.deps.invites.revoke(token);
  }

  /** For /deletemydata: the links' use counts stay, who used them goes. */
  forget(userId: number): Promise<void> {
    return this.deps.invites.forgetRedeemer(userId);
  }
}
