import type { ParticipantsRepo } from "../storage/participants-repo.js";

/**
 * What one store did for a deletion. `deleted`: what it removed, each with a locale key
 * `deleted-<item>`. `othersKeep`: what other people may still have in their own chats of what the bot
 * had already sent them (it cannot be taken back there), each with a locale key `others-keep-<item>`:
 * the user is told both, so the summary promises no more than was done.
 */
export interface Erased {
  deleted: string[];
  othersKeep: string[];
}

/**
 * Another store of personal data (meeting requests, …) that must be emptied for a user. Returns the
 * items it removed (or an `Erased` when others may keep something of it) so the user is told exactly.
 */
export type Eraser = (userId: number) => Promise<string[] | Erased>;

/** Deletes everything personal the bot keeps about one person. */
export class PersonalDataService {
  private readonly erasers: Eraser[] = [];

  constructor(private readonly participants: ParticipantsRepo) {}

  /** Adds a store to empty on deletion (meetings, broadcast receipts…). */
  addEraser(eraser: Eraser): void {
    this.erasers.push(eraser);
  }

  /** Deletes and says what was deleted (nothing: nothing was kept about them) and what others may keep. */
  async deleteAll(userId: number): Promise<Erased> {
    const deleted: string[] = [];
    const othersKeep: string[] = [];
    // Other stores first: they may still need the profile to withdraw what refers to it.
    for (const erase of this.erasers) {
      const result = await erase(userId);
      if (Array.isArray(result)) deleted.push(...result);
      else {
        deleted.push(...result.deleted);
        othersKeep.push(...result.othersKeep);
      }
    }
    const profile = await this.participants.delete(userId);
    if (profile.existed) {
      deleted.push("profile");
      if (profile.participant?.phone) deleted.push("phone");
      if (profile.participant?.email) deleted.push("email");
    }
    if (await this.participants.deleteDraft(userId)) deleted.push("draft");
    if (await this.participants.deleteGrant(userId)) deleted.push("role");
    return { deleted, othersKeep };
  }
}
