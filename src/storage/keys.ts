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
    /** The published programme: its YAML source and version (JSON). */
    programme: `${prefix}programme`,
    /** An organiser's uploaded programme waiting for "Publish" (JSON, expires). */
    programmeDraft: (organiserId: number) => `${prefix}programme:draft:${organiserId}`,
    /** Set of the programme item ids a user saved to their agenda; the meetings work may read it. */
    savedItems: (userId: number) => `${prefix}agenda:saved:${userId}`,
    /** Set of the user ids who saved an item (the reverse of savedItems, for change notices). */
    itemHolders: (itemId: string) => `${prefix}agenda:holders:${itemId}`,
    /** Set of every user id who saved an item or talked to the bot in private. */
    agendaUsers: `${prefix}agenda:users`,
    /** Hash user id → the language the user last used the agenda in (for reminders and notices). */
    agendaLocales: `${prefix}agenda:locales`,
    /** Marker that a scheduled message (reminder, notice) went out; makes delivery at most once. */
    deliveredJob: (jobId: string) => `${prefix}delivered:${jobId}`,
  };
}

export type Keys = ReturnType<typeof createKeys>;
