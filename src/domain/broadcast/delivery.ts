/**
 * The life of one recipient's copy of a broadcast. The state lives in Redis and every move is applied
 * there atomically (storage/broadcasts-repo.ts runs this very table in a script), so that however many
 * workers and restarts there are, a recipient is sent to only while `sending` is theirs and counted
 * exactly once when settled.
 *
 *   pending ──claim──▶ sending ──sent / unreachable / failed──▶ (settled)
 *      ▲                  │
 *      └────release───────┘   (a 429, a per-chat wait, a retry after a network error)
 *   pending ──cancel──▶ cancelled          sending ──abandon──▶ cancelled (stale, broadcast stopped)
 *   pending / sending ──giveUp──▶ failed   (the queue ran out of attempts on an unexpected error)
 *
 * `claim` also takes `sending`: a job only reaches a recipient in `sending` when the worker that
 * claimed it died mid-send (BullMQ hands a job to one worker at a time), so the send is repeated —
 * that recipient is the one who may get it twice; nobody is skipped.
 */
export const DELIVERY_STATES = ["pending", "sending", "sent", "unreachable", "failed", "cancelled"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Settled states; each has a counter on the broadcast with the same name. */
export const SETTLED_STATES = ["sent", "unreachable", "failed", "cancelled"] as const;
export type SettledState = (typeof SETTLED_STATES)[number];

export const DELIVERY_MOVES = {
  claim: { from: ["pending", "sending"], to: "sending" },
  release: { from: ["sending"], to: "pending" },
  sent: { from: ["sending"], to: "sent" },
  unreachable: { from: ["sending"], to: "unreachable" },
  failed: { from: ["sending"], to: "failed" },
  cancel: { from: ["pending"], to: "cancelled" },
  abandon: { from: ["sending"], to: "cancelled" },
  /** The queue gave up on the job (an unexpected error or a crash loop): count it failed. */
  giveUp: { from: ["pending", "sending"], to: "failed" },
} as const satisfies Record<string, { from: readonly DeliveryState[]; to: DeliveryState }>;
export type DeliveryMove = keyof typeof DELIVERY_MOVES;

export type MoveResult =
  | { ok: true; from: DeliveryState; to: DeliveryState; settles: boolean }
  | { ok: false; reason: "unknown-recipient" | "settled" | "not-allowed"; state?: DeliveryState };

export function isSettled(state: DeliveryState): state is SettledState {
  return (SETTLED_STATES as readonly string[]).includes(state);
}

export function isDeliveryState(value: unknown): value is DeliveryState {
  return typeof value === "string" && (DELIVERY_STATES as readonly string[]).includes(value);
}

export function moveDelivery(state: DeliveryState | undefined, move: DeliveryMove): MoveResult {
  if (state === undefined) return { ok: false, reason: "unknown-recipient" };
  const rule = DELIVERY_MOVES[move];
  if (!(rule.from as readonly DeliveryState[]).includes(state)) {
    return { ok: false, reason: isSettled(state) ? "settled" : "not-allowed", state };
  }
  return { ok: true, from: state, to: rule.to, settles: isSettled(rule.to) };
}
