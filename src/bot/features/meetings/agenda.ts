import type { I18n } from "@grammyjs/i18n";
import { ERASED, type MeetingRequest } from "../../../domain/meetings/request.js";
import { LOCALES } from "../../../domain/locale.js";
import type { Text } from "../../../domain/mission/schema.js";
import type { AgendaEntry } from "../../../domain/programme/agenda.js";
import type { Programme } from "../../../domain/programme/programme.js";
import { zonedDate, zonedTime } from "../../../domain/programme/time.js";
import type { AgendaSource } from "../../../services/agenda-service.js";
import type { MeetingCalendar, MeetingsService } from "../../../services/meetings.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { ReminderService } from "../../../services/reminders.js";
import type { ParticipantsRepo } from "../../../storage/participants-repo.js";
import type { ConversationContext } from "../../context.js";
import { translator } from "../../i18n.js";
import { tableText } from "./views.js";

export const MEETING_KEY_PREFIX = "meeting-";

export function meetingKey(requestId: string): string {
  return `${MEETING_KEY_PREFIX}${requestId}`;
}

/**
 * An agreed meeting with a time as a line of one side's personal agenda: titled with the other person's
 * name in both languages, placed where the B2B session of its slot is held. "Any time" meetings have no
 * line: there is no time to put them at.
 */
export function meetingEntry(request: MeetingRequest, title: Text, programme: Programme, table?: Text): AgendaEntry | undefined {
  const slot = request.slot;
  if (request.state !== "accepted" || !slot) return undefined;
  const zone = programme.zone;
  const session = programme.schedule.find((s) => s.item.kind === "b2b" && s.startsAt <= slot.start && slot.end <= s.endsAt);
  const venue = programme.venue(session?.item.venue);
  return {
    key: meetingKey(request.id),
    kind: "meeting",
    date: zonedDate(slot.start, zone),
    start: zonedTime(slot.start, zone),
    end: zonedTime(slot.end, zone),
    startsAt: slot.start,
    endsAt: slot.end,
    title,
    ...(venue ? { venue } : {}),
    ...(table ? { table } : {}),
  };
}

export interface MeetingsAgendaDeps {
  participants: ParticipantsRepo;
  mission: MissionService;
  i18n: I18n<ConversationContext>;
  reminders: ReminderService;
}

/**
 * Accepted meetings in the personal agenda (/my, its .ics, the reminder lookup) and their reminders,
 * 15 minutes before, for both sides.
 */
export function meetingsAgenda(deps: MeetingsAgendaDeps) {
  const titleFor = async (request: MeetingRequest, viewer: number): Promise<Text> => {
    const otherId = request.from === viewer ? request.to : request.from;
    const other = otherId === ERASED ? undefined : await deps.participants.get(otherId);
    const [ru, en] = LOCALES.map((locale) =>
      deps.i18n.t(locale, "meeting-agenda-title", { name: other?.fullName ?? deps.i18n.t(locale, "meeting-someone-left") }),
    );
    return { ru, en };
  };
  const tableFor = (request: MeetingRequest): Text | undefined => {
    const table = request.table;
    if (!table) return undefined;
    const mission = deps.mission.current();
    const [ru, en] = LOCALES.map((locale) => tableText(translator(deps.i18n, locale), mission, locale, table));
    return { ru, en };
  };
  const entryFor = async (request: MeetingRequest, viewer: number) => meetingEntry(request, await titleFor(request, viewer), deps.mission.programme(), tableFor(request));
  const sides = (request: MeetingRequest) => [request.from, request.to].filter((id) => id !== ERASED);

  const calendar: MeetingCalendar = {
    async booked(request) {
      for (const side of sides(request)) {
        const entry = await entryFor(request, side);
        if (entry) await deps.reminders.schedule(side, entry);
      }
    },
    async released(request) {
      if (!request.slot) return;
      for (const side of sides(request)) await deps.reminders.cancel(side, { key: meetingKey(request.id), startsAt: request.slot.start });
    },
  };

  const source = (meetings: MeetingsService): AgendaSource => ({
    async entries(userId) {
      const accepted = await meetings.accepted(userId);
      const entries = await Promise.all(accepted.map((request) => entryFor(request, userId)));
      return entries.filter((e): e is AgendaEntry => e !== undefined);
    },
  });
  return { calendar, source };
}
