import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import { describe, expect, it } from "vitest";
import { slimConversationLog } from "../../src/bot/conversation-log.js";

const botMessage = { message_id: 7, date: 100, chat: { id: 5, type: "private", first_name: "U" }, from: { id: 1, is_bot: true }, text: "A long consent text", reply_markup: { inline_keyboard: [] } };
const press = { update_id: 2, callback_query: { id: "q", from: { id: 5 }, chat_instance: "c", data: "rconsent:1", message: botMessage } };
const typed = { update_id: 3, message: { message_id: 8, date: 101, chat: { id: 5, type: "private" }, from: { id: 5 }, text: "Olga", entities: [] } };
const sent = { ok: true, res: { ok: true, result: botMessage } };
const external = { ok: true, ret: { locale: "en", text: "kept as is" } };

function state(values: unknown[]): VersionedState<ConversationData> {
  return {
    version: [0, 0],
    state: { registration: [{ interrupts: [values.length], replay: { send: values.map(() => ({ payload: "x" })), receive: values.map((returnValue, send) => ({ send, returnValue })) } }] },
  };
}

describe("slimConversationLog", () => {
  it("keeps where the bot's messages are and drops what they say; keeps what the user sent and external results", () => {
    const input = state([press, typed, sent, external, { ok: true, res: { ok: true, result: true } }]);
    const before = JSON.stringify(input);
    const values = slimConversationLog(input).state.registration?.[0]?.replay.receive.map((op) => op.returnValue);
    const ref = { message_id: 7, date: 100, chat: { id: 5, type: "private" } };
    expect(values).toEqual([{ ...press, callback_query: { ...press.callback_query, message: ref } }, typed, { ok: true, res: { ok: true, result: ref } }, external, { ok: true, res: { ok: true, result: true } }]);
    // The log's objects are shared with the update being handled: they are copied, never changed.
    expect(JSON.stringify(input)).toBe(before);
  });
});
