import type { Api } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { Logger } from "../logger.js";
import type { Audience } from "../services/audience.js";
import type { MissionService } from "../services/mission-service.js";
import type { ConversationContext } from "./context.js";
import { cannotReach } from "../jobs/pacing/failures.js";
import type { Pacer } from "../jobs/pacing/pacer.js";
import type { DeliveryMarkers } from "../storage/delivery-markers.js";

/**
 * Sends a message the bot starts (reminder, notice): "unreachable" when Telegram refuses for good
 * (domain/telegram/reachability.ts), so a job does not retry it; anything else (network, 5xx, a flood
 * wait) is thrown and retried.
 */
export async function sendToUser(send: () => Promise<unknown>): Promise<"sent" | "unreachable"> {
  try {
    await send();
    return "sent";
  } catch (err) {
    if (cannotReach(err)) return "unreachable";
    throw err;
  }
}

/** What a job that sends one person one message in their language needs (outcome questions, nudges). */
export interface JobMessageDeps {
  /** Bulk sends: they take their turns on the one schedule with every other (jobs/pacing). */
  pacer: Pacer;
  markers: DeliveryMarkers;
  i18n: I18n<ConversationContext>;
  audience: Pick<Audience, "localeOf">;
  mission: MissionService;
  logger: Logger;
}

/**
 * A job's one message, sent in its turn on the bulk schedule (jobs/pacing) at most once per job id. The
 * delivery marker is taken in the turn, just before the call to Telegram: a process killed while it waited
 * for its turn leaves the marker free, and the job, retaken, sends then. "duplicate": an earlier run sent it.
 */
export async function sendOnceInTurn(
  deps: { pacer: Pick<Pacer, "send">; markers: DeliveryMarkers },
  userId: number,
  jobId: string,
  send: (api: Api) => Promise<unknown>,
): Promise<"sent" | "unreachable" | "duplicate"> {
  let duplicate = false;
  const result = await sendToUser(() =>
    deps.pacer.send(userId, async (api) => {
      if (!(await deps.markers.take(jobId))) {
        duplicate = true;
        return;
      }
      try {
        await send(api);
      } catch (err) {
        await deps.markers.giveBack(jobId);
        throw err;
      }
    }),
  );
  return duplicate ? "duplicate" : result;
}
