/**
 * Every Redis key the bot uses is built here, under one prefix, so a deployment (or a test file) owns
 * its keys and nothing else.
 */
export function createKeys(prefix: string) {
  return {
    prefix,
    /** grammY's session plugin appends the chat id. */
    sessionPrefix: `${prefix}session:`,
    /** BullMQ's own prefix (it adds `:<queue>:...`); kept under ours so a test prefix owns its queues too. */
    queuePrefix: `${prefix}q`,
  };
}

export type Keys = ReturnType<typeof createKeys>;
