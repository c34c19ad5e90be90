import type { Question } from "../../../domain/outcomes/outcome.js";
import type { OutcomeService } from "../../../services/outcomes.js";
import { sendOnceInTurn, type JobMessageDeps } from "../../delivery.js";
import { translator } from "../../i18n.js";
import { questionView } from "./views.js";

export interface OutcomeDeliveryDeps extends JobMessageDeps {
  outcomes: OutcomeService;
}

/**
 * Sends a due question ("did you meet?", "was it carried out?") in the recipient's language, once, and
 * only while it still asks something (not answered meanwhile, the meeting not cancelled). The delivery
 * marker is taken in the question's turn, just before the call to Telegram: a process killed while it
 * waited for its turn leaves the marker free, and the job, retaken, sends the question then.
 */
export function outcomeQuestionHandler(deps: OutcomeDeliveryDeps) {
  return async (job: Question, jobId: string): Promise<void> => {
    const { outcomes, logger } = deps;
    const prepared = await outcomes.prepare(job);
    if (!prepared) {
      logger.debug({ jobId }, "outcome question has nothing left to ask; skipped");
      return;
    }
    const locale = await deps.audience.localeOf(job.userId);
    const view = questionView({ t: translator(deps.i18n, locale), locale, mission: deps.mission.current() }, prepared);
    const result = await sendOnceInTurn(deps, job.userId, jobId, (api) => api.sendMessage(job.userId, view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
    // Sent now, or by an earlier run of this job that stopped before noting it: noted either way.
    if (result !== "unreachable") await outcomes.markSent(job);
    logger.info({ jobId, userId: job.userId, result }, "outcome question");
  };
}
