import type { I18n } from "@grammyjs/i18n";
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { validateMeetingMessage } from "../../../domain/meetings/message.js";
import type { SlotRange } from "../../../domain/meetings/request.js";
import type { MeetingsService, Refused } from "../../../services/meetings.js";
import type { Access } from "../../../services/access.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { BotConversation, ConversationContext } from "../../context.js";
import { chatSender } from "../../conversation-send.js";
import { commandInFlow, flowHintText, type FlowHint } from "../../flows.js";
import { escapeHtml } from "../../html.js";
import { localeOf, translator } from "../../i18n.js";
import type { Labels } from "../registration/questions.js";
import { problemText, registerData } from "../registration/views.js";
import type { ViewEnv } from "../people/views.js";
import { confirmView, flowData, messagePromptText, refusalText, sendData, slotData, slotMinute, slotPromptView } from "./views.js";

export const REQUEST_FLOW = "meeting-request";

export interface FlowDeps {
  meetings: MeetingsService;
  mission: MissionService;
  i18n: I18n<ConversationContext>;
  labels: Labels;
  /** Whose command menu has the organisers' commands (one of them leaves the flow). */
  access: Access;
}

// The buttons this flow reads; any other button belongs to another feature and passes through (a
// "Send" of an earlier request to someone else too: the feature says that one went out).
const OWN_CALLBACKS = [slotData, flowData];

type Input =
  | { kind: "text"; ctx: ConversationContext; text: string }
  | { kind: "callback"; ctx: ConversationContext; data: string; messageId: number | undefined }
  /** A command the flow has no use for: the question again under this hint. */
  | { kind: "again"; ctx: ConversationContext; hint: FlowHint }
  | { kind: "other"; ctx: ConversationContext };

/** Serializable outcome of `prepare`, as the flow keeps it (no contacts, no full profile). */
type Start = { ok: true; name: string; slots: SlotRange[] } | Refused;

/**
 * "Request a meeting": a time (one of the slots free for both, or any time), a short message checked
 * and re-asked until it fits, then a confirmation. The limits are checked when the flow starts and again,
 * atomically, when the request is sent. A command of the user's menu or a main-menu button leaves the
 * flow; any other command gets the question again under a hint (flows.ts). Nothing here can be skipped.
 */
export function requestConversation(deps: FlowDeps) {
  return async function meetingRequest(conversation: BotConversation, ctx: ConversationContext, rawTarget: unknown): Promise<void> {
    const env: ViewEnv = { t: translator(deps.i18n, "ru"), locale: "ru", mission: deps.mission.current() };
    const refresh = async () => {
      env.locale = await conversation.external((outer) => localeOf(outer));
      env.t = translator(deps.i18n, env.locale);
    };
    await refresh();
    const targetId = z.number().int().positive().safeParse(rawTarget);
    const fromId = ctx.from?.id ?? 0;
    const { send, editMarkup } = chatSender(conversation, ctx.chat?.id ?? fromId);
    if (!targetId.success) {
      await send(env.t("meeting-refused-unknown"));
      return;
    }
    const toId = targetId.data;
    const start = await conversation.external(async (): Promise<Start> => {
      const prepared = await deps.meetings.prepare(fromId, toId);
      return prepared.ok ? { ok: true, name: prepared.target.fullName, slots: prepared.slots } : prepared;
    });
    if (!start.ok) {
      const keyboard = start.reason === "not-registered" ? new InlineKeyboard().text(env.t("register-button"), registerData.pack({})) : undefined;
      await send(refusalText(env, start), { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) });
      return;
    }
    const { name } = start;
    let slots = start.slots;

    const wait = async (): Promise<Input> => {
      const next = await conversation.wait();
      const message = next.message;
      if (message) {
        const command = await commandInFlow(message, { skippable: false, isOrganiser: () => conversation.external(() => deps.access.isOrganiser(fromId)) });
        if (command?.kind === "again") return { kind: "again", ctx: next, hint: command.hint };
        if (command !== undefined || (message.text !== undefined && deps.labels.menu.has(message.text))) {
          await send(env.t("meeting-flow-left"));
          return conversation.halt({ next: true });
        }
        return message.text !== undefined ? { kind: "text", ctx: next, text: message.text } : { kind: "other", ctx: next };
      }
      const data = next.callbackQuery?.data;
      if (data !== undefined && (OWN_CALLBACKS.some((c) => c.filter.test(data)) || sendData.unpack(data)?.to === toId)) {
        return { kind: "callback", ctx: next, data, messageId: next.callbackQuery?.message?.message_id };
      }
      return conversation.skip({ next: true });
    };

    /** What to say above the question asked again: a command's hint, or `key` for anything else. */
    const fixOf = (input: Input, key: string) => (input.kind === "again" ? flowHintText(env.t, input.hint) : env.t(key));

    /** A slot, "any time" (null), or undefined when the user gave up. */
    const askSlot = async (): Promise<SlotRange | null | undefined> => {
      await refresh();
      const view = () => slotPromptView(env, name, slots);
      let prompt = await send(view().text, { parse_mode: "HTML", reply_markup: view().keyboard });
      for (;;) {
        const input = await wait();
        if (input.kind !== "callback") {
          prompt = await send(`${fixOf(input, "meeting-flow-use-buttons")}\n\n${view().text}`, { parse_mode: "HTML", reply_markup: view().keyboard });
          continue;
        }
        const chosen = slotData.unpack(input.data);
        const abort = flowData.unpack(input.data)?.step === "abort";
        const slot = chosen && chosen.at !== "any" ? slots.find((s) => slotMinute(s) === chosen.at) : undefined;
        if (input.messageId !== prompt.message_id || (!abort && !(chosen?.at === "any" || slot))) {
          await input.ctx.answerCallbackQuery({ text: env.t("button-expired") });
          continue;
        }
        await input.ctx.answerCallbackQuery();
        await editMarkup(prompt.message_id);
        if (abort) return undefined;
        return slot ?? null;
      }
    };

    const askMessage = async (): Promise<string> => {
      await refresh();
      const prompt = () => messagePromptText(env, name);
      await send(prompt(), { parse_mode: "HTML" });
      // A wrong input rewinds to before the wait, so that it does not stay in the log every update replays.
      const before = conversation.checkpoint();
      const input = await wait();
      if (input.kind === "callback") {
        await input.ctx.answerCallbackQuery({ text: env.t("button-expired") });
        return conversation.rewind(before);
      }
      let fix: string;
      if (input.kind === "text") {
        const result = validateMeetingMessage(input.text);
        if (result.ok) return result.value;
        fix = problemText(env.t, result.problem);
      } else {
        fix = fixOf(input, "meeting-flow-need-text");
      }
      await send(`${fix}\n\n${prompt()}`, { parse_mode: "HTML" });
      return conversation.rewind(before);
    };

    type Choice = "send" | "edit" | "time" | "abort";
    const askConfirm = async (slot: SlotRange | null, message: string): Promise<Choice> => {
      await refresh();
      const view = () => confirmView(env, { to: toId, name, slot, message, canChangeTime: slots.length > 0 });
      let prompt = await send(view().text, { parse_mode: "HTML", reply_markup: view().keyboard });
      for (;;) {
        const input = await wait();
        if (input.kind !== "callback") {
          prompt = await send(`${fixOf(input, "meeting-flow-use-buttons")}\n\n${view().text}`, { parse_mode: "HTML", reply_markup: view().keyboard });
          continue;
        }
        const step = sendData.unpack(input.data)?.to === toId ? "send" : flowData.unpack(input.data)?.step;
        if (input.messageId !== prompt.message_id || !step || (step === "time" && slots.length === 0)) {
          await input.ctx.answerCallbackQuery({ text: env.t("button-expired") });
          continue;
        }
        await input.ctx.answerCallbackQuery();
        await editMarkup(prompt.message_id);
        return step;
      }
    };

    let slot: SlotRange | null | undefined = slots.length > 0 ? undefined : null;
    let message: string | undefined;
    for (;;) {
      if (slot === undefined) {
        slot = await askSlot();
        if (slot === undefined) break;
      }
      message ??= await askMessage();
      const choice = await askConfirm(slot, message);
      if (choice === "abort") break;
      if (choice === "edit") {
        message = undefined;
        continue;
      }
      if (choice === "time") {
        slots = await conversation.external(() => deps.meetings.commonFreeSlots(fromId, toId));
        slot = slots.length > 0 ? undefined : null;
        continue;
      }
      const chosen = { slot, message };
      const sent = await conversation.external(async () => {
        const result = await deps.meetings.request({ from: fromId, to: toId, ...chosen });
        return result.ok ? { ok: true as const, delivered: result.delivered } : result;
      });
      await refresh();
      if (sent.ok) {
        await send(env.t(sent.delivered ? "meeting-flow-sent" : "meeting-flow-sent-later", { name: `<b>${escapeHtml(name)}</b>` }), { parse_mode: "HTML" });
        return;
      }
      if (sent.reason === "slot-taken" || sent.reason === "slot-past") {
        await send(refusalText(env, sent));
        slots = await conversation.external(() => deps.meetings.commonFreeSlots(fromId, toId));
        slot = slots.length > 0 ? undefined : null;
        continue;
      }
      await send(refusalText(env, sent), { parse_mode: "HTML" });
      return;
    }
    await send(env.t("meeting-flow-aborted"));
  };
}

