import { z } from "zod";
import type { RequestLimits } from "./request.js";

/**
 * The programme file's `meetings:` section. Every field has a default, so a file without the section
 * gets 20-minute slots, 10 pending requests and a 24-hour pause after a decline.
 */
export const meetingSettingsSchema = z.object({
  slot_minutes: z.number().int().min(5).max(240).default(20),
  max_pending_requests: z.number().int().min(1).max(100).default(10),
  decline_cooldown_hours: z.number().int().min(0).max(24 * 30).default(24),
});
export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;

export const DEFAULT_MEETING_SETTINGS: MeetingSettings = meetingSettingsSchema.parse({});

/**
 * The settings of a programme. The mission schema checks the section when it has one; this reads it
 * leniently (a missing or odd section gives the defaults) so the meetings never stop for it.
 */
export function meetingSettingsOf(mission: unknown): MeetingSettings {
  const section = typeof mission === "object" && mission !== null ? (mission as Record<string, unknown>).meetings : undefined;
  const parsed = meetingSettingsSchema.safeParse(section ?? {});
  return parsed.success ? parsed.data : DEFAULT_MEETING_SETTINGS;
}

export function requestLimits(settings: MeetingSettings): RequestLimits {
  return { maxPendingRequests: settings.max_pending_requests, declineCooldownMs: settings.decline_cooldown_hours * 3600_000 };
}
