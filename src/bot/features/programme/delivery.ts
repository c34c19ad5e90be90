import type { I18n } from "@grammyjs/i18n";
import { deliverOnce } from "../../../jobs/deliver-once.js";
import type { Pacer } from "../../../jobs/pacing/pacer.js";
import type { Logger } from "../../../logger.js";
import type { AgendaService } from "../../../services/agenda-service.js";
import type { Audience } from "../../../services/audience.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { NoticeJob } from "../../../services/programme-publisher.js";
import type { ReminderJob } from "../../../services/reminders.js";
import type { DeliveryMarkers } from "../../../storage/delivery-markers.js";
import type { ConversationContext } from "../../context.js";
import { sendToUser } from "../../delivery.js";
import { translator } from "../../i18n.js";
import { reminderView, venueTitle } from "./notices.js";

export interface DeliveryDeps {
  /** Reminders and notices are bulk sends: they take their turns on the one schedule (jobs/pacing). */
  pacer: Pacer;
  i18n: I18n<ConversationContext>;
  markers: DeliveryMarkers;
  agenda: AgendaService;
  audience: Audience;
  mission: MissionService;
  now: () => number;
  logger: Logger;
}

/**
 * Sends a due reminder, once, and only if the entry is still in the user's agenda at the time the job
 * was made for (a moved or removed entry's old job is stale and stays silent).
 */
export function reminderHandler(deps: DeliveryDeps) {
  return async (job: ReminderJob, jobId: string): Promise<void> => {
    const { pacer, markers, logger } = deps;
    const entry = await deps.agenda.entry(job.userId, job.key);
    if (!entry || entry.startsAt !== job.startsAt) {
      logger.debug({ jobId }, "reminder is stale (entry gone or moved); skipped");
      return;
    }
    const locale = await deps.audience.localeOf(job.userId);
    const v = { t: translator(deps.i18n, locale), locale, programme: deps.mission.programme(), now: deps.now() };
    const view = reminderView(v, entry);
    const result = await deliverOnce(markers, jobId, () =>
      sendToUser(() => pacer.send(job.userId, (api) => api.sendMessage(job.userId, view.text, { parse_mode: "HTML", reply_markup: view.keyboard }))),
    );
    logger.info({ jobId, userId: job.userId, result }, "reminder");
    const place = venueTitle(v, entry);
    if (result !== "sent" || !entry.venue || !place) return;
    try {
      const { venue } = entry;
      await pacer.send(job.userId, (api) => api.sendVenue(job.userId, venue.latitude, venue.longitude, place.title, place.address), { following: true });
    } catch (err) {
      // The reminder itself went out; a missing pin is not worth sending it twice.
      logger.warn({ jobId, err }, "reminder venue pin not sent");
    }
  };
}

/** Sends a programme-change notice rendered at publication, once. */
export function noticeHandler(deps: Pick<DeliveryDeps, "pacer" | "markers" | "logger">) {
  return async (job: NoticeJob, jobId: string): Promise<void> => {
    const result = await deliverOnce(deps.markers, jobId, () =>
      sendToUser(() => deps.pacer.send(job.userId, (api) => api.sendMessage(job.userId, job.html, { parse_mode: "HTML" }))),
    );
    deps.logger.info({ jobId, userId: job.userId, result }, "programme notice");
  };
}
