import { ITEM_KEY_PREFIX, itemEntry, sortAgenda, type AgendaEntry } from "../domain/programme/agenda.js";
import type { AgendaRepository } from "../storage/agenda-repository.js";
import type { MissionService } from "./mission-service.js";
import type { ReminderService } from "./reminders.js";

/**
 * More entries for a personal agenda than the saved programme items: the meetings work adds accepted
 * meetings through one of these.
 */
export interface AgendaSource {
  entries(userId: number): Promise<AgendaEntry[]>;
}

export type ToggleResult = { kind: "saved"; entry: AgendaEntry } | { kind: "removed" } | { kind: "unknown-item" };

/** A participant's personal agenda: saved items (with their reminders) and entries from other sources. */
export class AgendaService {
  private readonly sources: AgendaSource[] = [];

  constructor(
    private readonly repo: AgendaRepository,
    private readonly mission: MissionService,
    private readonly reminders: ReminderService,
  ) {}

  /** Lets later work (accepted meetings) add its entries to `/my`, the .ics and the reminder lookup. */
  addSource(source: AgendaSource): void {
    this.sources.push(source);
  }

  /** For /deletemydata: the saved items and their reminders. */
  async forget(userId: number): Promise<string[]> {
    const programme = this.mission.programme();
    for (const id of await this.repo.savedItemIds(userId)) {
      const scheduled = programme.item(id);
      if (scheduled) await this.reminders.cancel(userId, itemEntry(scheduled, programme));
    }
    const itemIds = await this.repo.forget(userId);
    return itemIds.length > 0 ? ["agenda"] : [];
  }

  savedItemIds(userId: number): Promise<string[]> {
    return this.repo.savedItemIds(userId);
  }

  isSaved(userId: number, itemId: string): Promise<boolean> {
    return this.repo.isSaved(userId, itemId);
  }

  async toggle(userId: number, itemId: string): Promise<ToggleResult> {
    const programme = this.mission.programme();
    const scheduled = programme.item(itemId);
    if (!scheduled) return { kind: "unknown-item" };
    const entry = itemEntry(scheduled, programme);
    if (await this.repo.isSaved(userId, itemId)) {
      await this.repo.unsave(userId, itemId);
      await this.reminders.cancel(userId, entry);
      return { kind: "removed" };
    }
    await this.repo.save(userId, itemId);
    await this.reminders.schedule(userId, entry);
    return { kind: "saved", entry };
  }

  /**
   * The whole personal agenda in time order; saved items that left the programme are skipped.
   * `savedIds`: the user's saved item ids when the caller already knows them (no read of its own).
   */
  async entries(userId: number, savedIds?: Iterable<string>): Promise<AgendaEntry[]> {
    const programme = this.mission.programme();
    const ids = savedIds ? [...savedIds] : await this.repo.savedItemIds(userId);
    const saved = ids.flatMap((id) => {
      const scheduled = programme.item(id);
      return scheduled ? [itemEntry(scheduled, programme)] : [];
    });
    const others = await Promise.all(this.sources.map((s) => s.entries(userId)));
    return sortAgenda([...saved, ...others.flat()]);
  }

  /** One entry of a user's agenda as it is now (a reminder checks it is still there and still at that time). */
  async entry(userId: number, key: string): Promise<AgendaEntry | undefined> {
    const programme = this.mission.programme();
    if (key.startsWith(ITEM_KEY_PREFIX)) {
      const scheduled = programme.item(key.slice(ITEM_KEY_PREFIX.length));
      if (!scheduled) return undefined;
      return (await this.repo.isSaved(userId, scheduled.item.id)) ? itemEntry(scheduled, programme) : undefined;
    }
    for (const source of this.sources) {
      const found = (await source.entries(userId)).find((e) => e.key === key);
      if (found) return found;
    }
    return undefined;
  }
}
