import type { SlotRange } from "../domain/meetings/request.js";
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
