/**
 * Every Redis key the bot uses is built here, under one prefix, so a deployment (or a test file) owns
 * its keys and nothing else.
 */
export function createKeys(prefix: string) {
  return {
    prefix,
    /** grammY's session plugin appends the chat id. */
    sessionPrefix: `${prefix}session:`,
    /** The conversations plugin appends the chat id. */
    conversationPrefix: `${prefix}conv:`,
    /** BullMQ's own prefix (it adds `:<queue>:...`); kept under ours so a test prefix owns its queues too. */
    queuePrefix: `${prefix}q`,
    /** Broadcasts: a counter for ids, an index by creation time, and the ones not finished yet. */
    broadcastSeq: `${prefix}bc:seq`,
    broadcastIndex: `${prefix}bc:index`,
    broadcastsOpen: `${prefix}bc:open`,
    /** A broadcast: hash of its spec (JSON), status and counters. */
    broadcast: (id: number) => `${prefix}bc:${id}`,
    /** Per recipient chat: delivery state, and the locale of the version they get. */
    broadcastDeliveries: (id: number) => `${prefix}bc:${id}:d`,
    broadcastLocales: (id: number) => `${prefix}bc:${id}:l`,
    /** Set while a 429's retry_after runs: no broadcast send may start. */
    sendPause: `${prefix}tg:pause`,
    /** Held for the per-chat interval after a broadcast send to that chat. */
    chatSlot: (chatId: number) => `${prefix}tg:slot:${chatId}`,
  };
}

export type Keys = ReturnType<typeof createKeys>;
