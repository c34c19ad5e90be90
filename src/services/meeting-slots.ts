import type { SlotRange } from "../domain/meetings/request.js";
import type { MissionService } from "./mission-service.js";

/**
 * The programme's meeting slots: its B2B items cut into `slot_minutes` pieces. Until the programme has
 * B2B items (the programme work), there are none and every request is for "any time"; this is the one
 * place that switches to `Programme.slots` then.
 */
export function programmeSlots(_mission: MissionService): SlotRange[] {
  return [];
}
