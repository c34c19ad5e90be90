import type { MeetingSettings } from "../mission/schema.js";
import type { RequestLimits } from "./request.js";

/**
 * The limits of the programme file's `meetings:` section (the mission schema gives its defaults: 10
 * pending requests, 24 hours after a decline), as the request rules use them.
 */
export function requestLimits(settings: MeetingSettings): RequestLimits {
  return { maxPendingRequests: settings.max_pending_requests, declineCooldownMs: settings.decline_cooldown_hours * 3600_000 };
}
