import type { ConversationData, VersionedState } from "@grammyjs/conversations";

/**
 * The conversations plugin logs every update a conversation waited for and every Bot API result it got,
 * and replays that log on each update of the conversation. Most of the log is text nobody reads again:
 * the bot's own messages come back whole (the consent text, keyboards) in API results and under every
 * button press. Stored with the session, it was ~7 KB after two steps of registration, parsed and written
 * on every update of the person. The flows only read `message_id` (and chat) of those messages, so that is
 * all that is kept of them; what the user sent (text, contact, photo, document) is kept whole.
 *
 * Shallow copies only: the objects in the log are shared with the update being handled.
 */
export function slimConversationLog(state: VersionedState<ConversationData>): VersionedState<ConversationData> {
  const conversations: ConversationData = {};
  for (const [id, runs] of Object.entries(state.state)) {
    conversations[id] = runs.map((run) => ({
      ...run,
      replay: { ...run.replay, receive: run.replay.receive.map((op) => ({ ...op, returnValue: slimValue(op.returnValue) })) },
    }));
  }
  return { ...state, state: conversations };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** A message of the bot's: where it is, nothing of what it says. */
function messageRef(message: Json): Json {
  const chat = isObject(message.chat) ? { id: message.chat.id, type: message.chat.type } : message.chat;
  return { message_id: message.message_id, date: message.date, chat };
}

function slimValue(value: unknown): unknown {
  if (!isObject(value)) return value;
  // A logged update: a button press carries the whole message the button was under.
  if ("update_id" in value) {
    const query = value.callback_query;
    if (isObject(query) && isObject(query.message)) return { ...value, callback_query: { ...query, message: messageRef(query.message) } };
    return value;
  }
  // A logged Bot API call: { ok, res: { ok, result } } where result is the message sent or edited.
  const res = value.res;
  if (isObject(res) && isObject(res.result) && "message_id" in res.result) {
    return { ...value, res: { ...res, result: messageRef(res.result) } };
  }
  return value;
}
