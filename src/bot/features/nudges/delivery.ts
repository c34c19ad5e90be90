import type { NudgeJob, NudgeService } from "../../../services/nudges.js";
import { sendOnceInTurn, type JobMessageDeps } from "../../delivery.js";
import { translator } from "../../i18n.js";
import { nudgeView } from "./views.js";

export interface NudgeDeliveryDeps extends JobMessageDeps {
  nudges: NudgeService;
}

/**
 * Sends one person's nudge before a B2B day in their language, once, and only if it still has
 * something to say at its turn (no meeting booked meanwhile, no "don't remind me", still that evening).
 * The delivery marker is taken in its turn, just before the call to Telegram, as for outcome questions.
 */
export function nudgeHandler(deps: NudgeDeliveryDeps) {
  return async (job: NudgeJob, jobId: string): Promise<void> => {
    const { nudges, logger } = deps;
    const prepared = await nudges.prepare(job);
    if (!prepared) {
      logger.debug({ jobId }, "nudge has nothing to say; skipped");
      return;
    }
    const locale = await deps.audience.localeOf(job.userId);
    const view = nudgeView({ t: translator(deps.i18n, locale), locale, mission: deps.mission.current() }, prepared);
    const result = await sendOnceInTurn(deps, job.userId, jobId, (api) => api.sendMessage(job.userId, view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
    logger.info({ jobId, userId: job.userId, result }, "nudge");
  };
}
