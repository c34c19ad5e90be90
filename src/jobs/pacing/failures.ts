import { GrammyError, HttpError } from "grammy";
import { isUnreachable, type SendFailure } from "../../domain/telegram/reachability.js";

/** What grammY threw, as the domain's decisions about failed sends read it. */
export function toSendFailure(err: unknown): SendFailure {
  if (err instanceof GrammyError) {
    return { kind: "api", code: err.error_code, description: err.description, ...(err.parameters.retry_after !== undefined ? { retryAfter: err.parameters.retry_after } : {}) };
  }
  if (err instanceof HttpError) return { kind: "network", description: err.message };
  return { kind: "network", description: err instanceof Error ? err.message : String(err) };
}

/** True when a send failed because Telegram will never deliver to that chat (domain/telegram/reachability.ts). */
export function cannotReach(err: unknown): boolean {
  return isUnreachable(toSendFailure(err));
}
