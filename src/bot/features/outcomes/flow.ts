import type { I18n } from "@grammyjs/i18n";
import { z } from "zod";
import { validateOutcomeNote } from "../../../domain/outcomes/note.js";
import type { Result } from "../../../domain/outcomes/outcome.js";
import type { Access } from "../../../services/access.js";
import type { OutcomeService } from "../../../services/outcomes.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { BotConversation, ConversationContext } from "../../context.js";
import { chatSender } from "../../conversation-send.js";
import { commandInFlow, flowHintText, type FlowHint } from "../../flows.js";
import { localeOf, translator } from "../../i18n.js";
import type { Labels } from "../registration/questions.js";
import { problemText } from "../registration/views.js";
import type { View, ViewEnv } from "../people/views.js";
import { byWhenView, monthData, noteSkipData, notePromptView, refusalToast, resultData, resultOfCode, resultPromptView, savedText } from "./views.js";

export const OUTCOME_FLOW = "meeting-outcome";

export interface OutcomeFlowDeps {
  outcomes: OutcomeService;
  mission: MissionService;
  i18n: I18n<ConversationContext>;
  labels: Labels;
  /** Whose command menu has the organisers' commands (one of them leaves the dialogue). */
  access: Access;
  now: () => number;
}

// The buttons this dialogue reads; any other button belongs to another feature and passes through.
const OWN_CALLBACKS = [resultData, noteSkipData, monthData];

type Input =
  | { kind: "text"; ctx: ConversationContext; text: string }
  | { kind: "callback"; ctx: ConversationContext; data: string; messageId: number | undefined }
  | { kind: "other"; ctx: ConversationContext }
  /** A command the dialogue has no use for: the question again under this hint. */
  | { kind: "again"; ctx: ConversationContext; hint: FlowHint }
  /** `/skip` where the question has a Skip button. */
  | { kind: "skip"; ctx: ConversationContext };

/**
 * "What came of it", once a side said the meeting took place: the outcome as buttons, an optional note
 * (checked and re-asked until it fits) and, for an agreement, an optional "by when" month. Each answer
 * is saved as it is given, so leaving half way keeps what was said. A command of the user's menu or a
 * main-menu button leaves the dialogue; any other command gets the question again under a hint
 * (flows.ts), and `/skip` skips the note.
 */
export function outcomeConversation(deps: OutcomeFlowDeps) {
  return async function meetingOutcome(conversation: BotConversation, ctx: ConversationContext, rawId: unknown): Promise<void> {
    const env: ViewEnv = { t: translator(deps.i18n, "ru"), locale: "ru", mission: deps.mission.current() };
    const refresh = async () => {
      env.locale = await conversation.external((outer) => localeOf(outer));
      env.t = translator(deps.i18n, env.locale);
      env.mission = deps.mission.current();
    };
    await refresh();
    const parsedId = z.string().regex(/^[a-z0-9]{6,24}$/).safeParse(rawId);
    const actor = ctx.from?.id ?? 0;
    const { send, editMarkup } = chatSender(conversation, ctx.chat?.id ?? actor);
    if (!parsedId.success) return;
    const id = parsedId.data;
    const start = await conversation.external(async () => {
      const card = await deps.outcomes.card(actor, id);
      return card.ok ? { ok: true as const, name: card.card.other?.fullName } : card;
    });
    if (!start.ok) {
      await send(refusalToast(env, start));
      return;
    }
    const name = start.name ?? env.t("meeting-someone-left");

    const wait = async (skippable = false): Promise<Input> => {
      const next = await conversation.wait();
      const message = next.message;
      if (message) {
        const command = await commandInFlow(message, { skippable, isOrganiser: () => conversation.external(() => deps.access.isOrganiser(actor)) });
        if (command?.kind === "again") return { kind: "again", ctx: next, hint: command.hint };
        if (command?.kind === "skip") return { kind: "skip", ctx: next };
        if (command !== undefined || (message.text !== undefined && deps.labels.menu.has(message.text))) {
          await send(env.t("outcome-flow-left"));
          return conversation.halt({ next: true });
        }
        return message.text !== undefined ? { kind: "text", ctx: next, text: message.text } : { kind: "other", ctx: next };
      }
      const data = next.callbackQuery?.data;
      if (data !== undefined && OWN_CALLBACKS.some((c) => c.filter.test(data))) {
        return { kind: "callback", ctx: next, data, messageId: next.callbackQuery?.message?.message_id };
      }
      return conversation.skip({ next: true });
    };

    /** Waits for one of the prompt's own buttons; anything else is answered and waited past. */
    const askButtons = async <T,>(view: () => View, read: (data: string) => T | undefined): Promise<T> => {
      await refresh();
      let prompt = await send(view().text, { parse_mode: "HTML", reply_markup: view().keyboard });
      for (;;) {
        const input = await wait();
        if (input.kind !== "callback") {
          const fix = input.kind === "again" ? flowHintText(env.t, input.hint) : env.t("outcome-flow-use-buttons");
          prompt = await send(`${fix}\n\n${view().text}`, { parse_mode: "HTML", reply_markup: view().keyboard });
          continue;
        }
        const value = read(input.data);
        if (input.messageId !== prompt.message_id || value === undefined) {
          await input.ctx.answerCallbackQuery({ text: env.t("button-expired") });
          continue;
        }
        await input.ctx.answerCallbackQuery();
        await editMarkup(prompt.message_id);
        return value;
      }
    };

    /** A saved answer, or the reason it could not be (the meeting's state changed meanwhile), said and the end. */
    const save = async (write: () => ReturnType<OutcomeService["setResult"]>): Promise<boolean> => {
      const result = await conversation.external(async () => {
        const answered = await write();
        return answered.ok ? { ok: true as const } : answered;
      });
      if (!result.ok) await send(refusalToast(env, result));
      return result.ok;
    };

    const result: Result = await askButtons(
      () => resultPromptView(env, name),
      (data) => {
        const code = resultData.unpack(data)?.r;
        return code === undefined ? undefined : resultOfCode(code);
      },
    );
    if (!(await save(() => deps.outcomes.setResult(actor, id, result)))) return;

    // The note: typed, or skipped with the prompt's button. A wrong input rewinds to before the wait, so
    // that it does not stay in the log every later update replays.
    await refresh();
    const notePrompt = await send(notePromptView(env, name).text, { parse_mode: "HTML", reply_markup: notePromptView(env, name).keyboard });
    const beforeNote = conversation.checkpoint();
    const noteInput = await wait(true);
    // No note: the prompt's Skip button, or /skip typed.
    let note: string | undefined;
    if (noteInput.kind === "callback") {
      if (noteInput.messageId !== notePrompt.message_id || !noteSkipData.unpack(noteInput.data)) {
        await noteInput.ctx.answerCallbackQuery({ text: env.t("button-expired") });
        return conversation.rewind(beforeNote);
      }
      await noteInput.ctx.answerCallbackQuery();
    } else if (noteInput.kind !== "skip") {
      const checked = noteInput.kind === "text" ? validateOutcomeNote(noteInput.text) : undefined;
      if (!checked?.ok) {
        const fix = checked ? problemText(env.t, checked.problem) : noteInput.kind === "again" ? flowHintText(env.t, noteInput.hint) : env.t("outcome-flow-need-text");
        await send(`${fix}\n\n${notePromptView(env, name).text}`, { parse_mode: "HTML" });
        return conversation.rewind(beforeNote);
      }
      note = checked.value;
    }
    await editMarkup(notePrompt.message_id);
    if (note !== undefined) {
      const typed = note;
      if (!(await save(() => deps.outcomes.setNote(actor, id, typed)))) return;
    }

    if (result.kind === "agreement") {
      const now = await conversation.external(() => deps.now());
      const month = await askButtons(
        () => byWhenView(env, now),
        (data) => {
          const m = monthData.unpack(data)?.m;
          return m === undefined ? undefined : m === "none" ? ("none" as const) : `${m.slice(0, 4)}-${m.slice(4)}`;
        },
      );
      if (month !== "none" && !(await save(() => deps.outcomes.setByWhen(actor, id, month)))) return;
    }

    const saved = await conversation.external(async () => {
      const card = await deps.outcomes.card(actor, id);
      return card.ok ? card.card.mine : undefined;
    });
    await refresh();
    if (saved) await send(savedText(env, saved, deps.mission.current().outcomes.follow_up_days), { parse_mode: "HTML" });
  };
}
