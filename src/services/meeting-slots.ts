import type { SlotRange } from "../domain/meetings/request.js";
import { sessionWithTables } from "../domain/meetings/tables.js";
import type { MissionService } from "./mission-service.js";

/**
 * The programme's meeting slots: every B2B item cut into `meetings.slot_minutes` pieces (see
 * `Programme.slots`), in time order. Read from the programme in force, so a published change moves them.
 */
export function programmeSlots(mission: MissionService): SlotRange[] {
  const programme = mission.programme();
  return programme.schedule
    .filter((s) => s.item.kind === "b2b")
    .flatMap((s) => programme.slots(s.item.id))
    .map((slot) => ({ start: slot.startsAt, end: slot.endsAt }));
}

/** The B2B item with tables that a slot lies in, by the programme in force (MeetingsServiceDeps.tables). */
export function programmeTables(mission: MissionService): (slot: SlotRange) => { item: string; count: number } | undefined {
  return (slot) => {
    const session = sessionWithTables(mission.programme(), slot);
    return session ? { item: session.item.id, count: session.count } : undefined;
  };
}
