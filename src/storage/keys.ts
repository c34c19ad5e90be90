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
    /** A participant's record (hash). */
    participant: (id: number) => `${prefix}participant:${id}`,
    /** Index sets of participant ids. */
    participantsAll: `${prefix}participants:all`,
    /**
     * A stream of the ids of participants saved or deleted, newest last, trimmed to about the last
     * thousand: its last entry's id is the participants' version, and a reader that keeps everyone in
     * memory re-reads only who changed since its copy (ParticipantsRepo.snapshot).
     */
    participantsChanges: `${prefix}participants:changes`,
    participantsByRole: (role: string) => `${prefix}participants:role:${role}`,
    participantsByTag: (tag: string) => `${prefix}participants:tag:${tag}`,
    /** Registration answers given so far (JSON), so a left registration resumes. */
    registrationDraft: (id: number) => `${prefix}regdraft:${id}`,
    /** A role given by an invite to someone not registered yet (JSON). */
    roleGrant: (id: number) => `${prefix}rolegrant:${id}`,
    /** An invite link's record (hash) and the set of user ids who redeemed it. */
    invite: (token: string) => `${prefix}invite:${token}`,
    inviteRedeemers: (token: string) => `${prefix}invite:${token}:users`,
    /** Every invite token, scored by creation time. */
    invites: `${prefix}invites`,
    /** The published programme: its YAML source and version (JSON). */
    programme: `${prefix}programme`,
    /**
     * Pub/sub channel: the name of what another process changed and every process keeps a copy of in
     * memory (storage/change-feed.ts). Under the prefix: one Redis can serve several missions.
     */
    changes: `${prefix}changes`,
    /** An organiser's uploaded programme waiting for "Publish" (JSON, expires). */
    programmeDraft: (organiserId: number) => `${prefix}programme:draft:${organiserId}`,
    /** Set of the programme item ids a user saved to their agenda; the meetings work may read it. */
    savedItems: (userId: number) => `${prefix}agenda:saved:${userId}`,
    /** Set of the user ids who saved an item (the reverse of savedItems, for change notices). */
    itemHolders: (itemId: string) => `${prefix}agenda:holders:${itemId}`,
    /**
     * Hash user id → the language the bot speaks to that user in, and whether they chose it with
     * /language or it came from Telegram's language_code (LanguagesRepo). The one record of a user's
     * language; its fields are everyone who talked to the bot in private.
     */
    languages: `${prefix}languages`,
    /** Broadcasts: a counter for ids, an index by creation time, and the ones not finished yet. */
    broadcastSeq: `${prefix}bc:seq`,
    broadcastIndex: `${prefix}bc:index`,
    broadcastsOpen: `${prefix}bc:open`,
    /** A broadcast: hash of its spec (JSON), status and counters. */
    broadcast: (id: number) => `${prefix}bc:${id}`,
    /** Per recipient chat: delivery state, and the locale of the version they get. */
    broadcastDeliveries: (id: number) => `${prefix}bc:${id}:d`,
    broadcastLocales: (id: number) => `${prefix}bc:${id}:l`,
    /** Set while a 429's retry_after runs: no bulk send (broadcast, notice, reminder, digest) may start. */
    sendPause: `${prefix}tg:pause`,
    /** The next free time (µs, Redis's clock) on the schedule every bulk send books (storage/send-schedule.ts). */
    sendSchedule: `${prefix}tg:schedule`,
    /** Hash: (Telegram) second → bulk sends booked in it. */
    bulkPerSecond: `${prefix}tg:bulk`,
    /** Hash: (Telegram) second → messages the bot sent in it answering users (jobs/pacing/reply-counter.ts). */
    repliesPerSecond: `${prefix}tg:replies`,
    /** Held for the per-chat interval after a bulk send to that chat. */
    chatSlot: (chatId: number) => `${prefix}tg:slot:${chatId}`,
    /** Marker that a scheduled message (reminder, notice) went out; makes delivery at most once. */
    deliveredJob: (jobId: string) => `${prefix}delivered:${jobId}`,
    /** A meeting request's record (JSON), history included. */
    meeting: (id: string) => `${prefix}meeting:${id}`,
    /** Request ids a user sent / received, scored by creation time. */
    meetingsOut: (userId: number) => `${prefix}meetings:out:${userId}`,
    meetingsIn: (userId: number) => `${prefix}meetings:in:${userId}`,
    /** Request ids between two people (either direction), scored by creation time. */
    meetingsPair: (a: number, b: number) => `${prefix}meetings:pair:${Math.min(a, b)}:${Math.max(a, b)}`,
    /** Ids of a user's agreed meetings, scored by start ("any time" ones by 0): /my and slot checks. */
    meetingsAccepted: (userId: number) => `${prefix}meetings:accepted:${userId}`,
    /** Every request id, scored by creation time: the organisers' history. */
    meetingsAll: `${prefix}meetings:all`,
    /** Delivered requests nobody answered or put in a digest yet, scored by delivery time. */
    meetingsDigestDue: `${prefix}meetings:digest-due`,
    /** Request ids Telegram could not show their addressee yet (they never opened the bot, or blocked it). */
    meetingsWaiting: (userId: number) => `${prefix}meetings:waiting:${userId}`,
    /**
     * Version counters a check across several records reads first and a write compares (see
     * MeetingsRepo): a user's pending outgoing requests, a pair's requests, a user's agreed meetings.
     */
    meetingsGuardOut: (userId: number) => `${prefix}meetings:guard:out:${userId}`,
    meetingsGuardPair: (a: number, b: number) => `${prefix}meetings:guard:pair:${Math.min(a, b)}:${Math.max(a, b)}`,
    meetingsGuardAccepted: (userId: number) => `${prefix}meetings:guard:acc:${userId}`,
    /** Held while one process shows a request to its addressee, so two never show it twice (short TTL). */
    meetingDelivering: (id: string) => `${prefix}meeting:${id}:delivering`,
    /** Set while a user's data is being deleted: no new request may involve them (short TTL). */
    meetingsLeaving: (userId: number) => `${prefix}meetings:leaving:${userId}`,
    /** Hash: table number → id of the agreed meeting holding it, per B2B item and slot (by its start, ms). */
    meetingTables: (itemId: string, slotStart: number) => `${prefix}meetings:tables:${itemId}:${slotStart}`,
    /** One side's answers on what came of a meeting (JSON, storage/outcomes-repo.ts). */
    outcome: (meetingId: string, userId: number) => `${prefix}outcome:${meetingId}:${userId}`,
    /** Meeting ids a user has an outcome record for: their /agreements and what /deletemydata removes. */
    outcomesOf: (userId: number) => `${prefix}outcomes:user:${userId}`,
    /** Nudges before a B2B day: who said "don't remind me" (set of user ids), and whose nudge for a day is queued. */
    nudgesOff: `${prefix}nudges:off`,
    nudgesQueued: (date: string) => `${prefix}nudges:queued:${date}`,
    /** Questions about outcomes not sent yet ("did you meet?", follow-ups), scored by when they are due (ms). */
    outcomesDue: `${prefix}outcomes:due`,
    /** Check-ins at a day, item or stop (checkin/payload.ts targetKey): hash user id → when (ms). */
    checkins: (target: string) => `${prefix}checkins:${target}`,
    /** The targets a user checked in to (set), so /deletemydata finds them. */
    checkinsOf: (userId: number) => `${prefix}checkins:user:${userId}`,
    /** A check-in scanned before registering, done when the registration is (JSON, expires). */
    checkinPending: (userId: number) => `${prefix}checkins:pending:${userId}`,
    /** Webhook mode: an update handled to the end, by Telegram's update_id (kept a day, storage/update-ledger.ts). */
    updateHandled: (updateId: number) => `${prefix}update:${updateId}`,
    /** Webhook mode: held (with a token, short TTL) by the one process handling this chat's update now. */
    chatLease: (chat: string) => `${prefix}lease:chat:${chat}`,
  };
}

export type Keys = ReturnType<typeof createKeys>;
