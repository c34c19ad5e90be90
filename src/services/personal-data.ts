import type { ParticipantsRepo } from "../storage/participants-repo.js";

/**
 * Another store of personal data (meeting requests, …) that must be emptied for a user. Returns the
 * items it removed; each item has a locale key `deleted-<item>` so the user is told exactly.
 */
export type Eraser = (userId: number) => Promise<string[]>;

/** Deletes everything personal the bot keeps about one person. */
export class PersonalDataService {
  private readonly erasers: Eraser[] = [];

  constructor(private readonly participants: ParticipantsRepo) {}

  /** Adds a store to empty on deletion (meetings, broadcast receipts…). */
  addEraser(eraser: Eraser): void {
    this.erasers.push(eraser);
  }

  /** Deletes and returns what was deleted (empty: nothing was kept about them). */
  async deleteAll(userId: number): Promise<string[]> {
    const deleted: string[] = [];
    // Other stores first: they may still need the profile to withdraw what refers to it.
    for (const erase of this.erasers) deleted.push(...(await erase(userId)));
    const profile = await this.participants.delete(userId);
    if (profile.existed) {
      deleted.push("profile");
      if (profile.participant?.phone) deleted.push("phone");
      if (profile.participant?.email) deleted.push("email");
    }
    if (await this.participants.deleteDraft(userId)) deleted.push("draft");
    if (await this.participants.deleteGrant(userId)) deleted.push("role");
    return deleted;
  }
}
