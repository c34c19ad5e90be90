import { pickLocale, type Locale } from "../../../domain/locale.js";
import {
  completeDraft,
  fieldsFor,
  missingFields,
  nextStep,
  withAnswer,
  withField,
  type Draft,
  type Field,
  type FieldValues,
  type Participant,
  type Role,
} from "../../../domain/participant.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { ParticipantsRepo, RoleInfo } from "../../../storage/participants-repo.js";
import type { I18n } from "@grammyjs/i18n";
import type { BotContext, BotConversation, ConversationContext } from "../../context.js";
import { translator } from "../../i18n.js";
import { mainMenu } from "../../menu.js";
import { answerOf, askField, refreshLocale, waitInput, type AskEnv, type Labels } from "./questions.js";
import {
  backData,
  confirmData,
  consentData,
  consentKeyboard,
  consentText,
  editFieldData,
  editMenuData,
  fieldsKeyboard,
  renderCard,
  summaryKeyboard,
} from "./views.js";

export interface RegistrationDeps {
  participants: ParticipantsRepo;
  mission: MissionService;
  i18n: I18n<ConversationContext>;
  labels: Labels;
}

export const REGISTRATION = "registration";

// Leaving for these needs no "paused" note: /register comes straight back, /deletemydata deletes the answers.
const QUIET_LEAVE = new Set(["register", "deletemydata"]);

interface Start {
  userId: number;
  locale: Locale;
  participant?: Participant;
  draft?: Draft;
  role?: RoleInfo;
}

async function loadStart(participants: ParticipantsRepo, ctx: BotContext): Promise<Start> {
  const userId = ctx.from?.id ?? 0;
  const [participant, draft, role] = await Promise.all([participants.get(userId), participants.getDraft(userId), participants.roleOf(userId)]);
  return {
    userId,
    locale: pickLocale(ctx.session.language, ctx.from?.language_code),
    ...(participant ? { participant } : {}),
    ...(draft ? { draft } : {}),
    ...(role ? { role } : {}),
  };
}

type Confirmation = { kind: "done" } | { kind: "incomplete"; role: Role } | { kind: "broken" };

/** Saves the finished registration with the role the person has now (an invite may have come meanwhile). */
async function confirm(participants: ParticipantsRepo, userId: number, draft: Draft, ctx: BotContext): Promise<Confirmation> {
  const role = (await participants.roleOf(userId)) ?? { role: "delegate" as const };
  const completion = completeDraft(draft, {
    id: userId,
    role: role.role,
    speakerId: role.speakerId,
    language: pickLocale(ctx.session.language, ctx.from?.language_code),
    username: ctx.from?.username,
    now: new Date(),
  });
  if (!completion.ok) return completion.reason === "incomplete" ? { kind: "incomplete", role: role.role } : { kind: "broken" };
  await participants.save(completion.participant);
  await participants.deleteDraft(userId);
  await participants.deleteGrant(userId);
  return { kind: "done" };
}

/**
 * The registration conversation: consent, then one question a message, each answer checked and kept in
 * the draft at once (so /cancel, a command or a menu button lose nothing and /register resumes), then a
 * summary to confirm or edit. For someone registered already it asks only what their role now lacks.
 */
export function registrationConversation(deps: RegistrationDeps) {
  const { participants } = deps;
  return async function registration(conversation: BotConversation, ctx: ConversationContext): Promise<void> {
    // Each answer (the consent too) is saved in the draft, then the flow rewinds to here and starts again
    // from what is stored: the plugin replays a conversation's whole log on every update, and this way the
    // log holds one question at a time instead of the whole registration.
    const fromTheTop = conversation.checkpoint();
    const start = await conversation.external((outer) => loadStart(participants, outer));
    const { userId } = start;
    const draft = start.draft;
    const env: AskEnv = {
      mission: deps.mission.current(),
      i18n: deps.i18n,
      locale: start.locale,
      t: translator(deps.i18n, start.locale),
      labels: deps.labels,
      mode: "register",
      async onLeave(leaveCtx, command) {
        if (draft && !(command && QUIET_LEAVE.has(command))) await leaveCtx.reply(env.t("reg-paused"), { reply_markup: mainMenu(env) });
      },
    };
    const t = (key: string) => env.t(key);

    if (start.participant) {
      await completeProfile(conversation, ctx, env, participants, start.participant);
      return;
    }

    // ("Continuing where you stopped" is said on entering, see index.ts: here it would come after each answer.)
    if (!draft) {
      if (!(await askConsent(conversation, ctx, env))) {
        await ctx.reply(t("reg-declined"), { reply_markup: mainMenu(env) });
        return;
      }
      const consented = { consentAt: new Date(await conversation.now()).toISOString() };
      await conversation.external(() => participants.saveDraft(userId, consented));
      return conversation.rewind(fromTheTop);
    }
    let role: Role = start.role?.role ?? "delegate";
    for (;;) {
      const step = nextStep(draft, role);
      let field: Field;
      let value: FieldValues[Field];
      if (step.kind === "ask") {
        field = step.field;
        value = await askField(conversation, ctx, env, field, { progress: step });
      } else if (step.kind === "summary") {
        const choice = await askSummary(conversation, ctx, env, draft, role);
        if (choice.kind === "confirm") {
          const answers = draft;
          const result = await conversation.external((outer) => confirm(participants, userId, answers, outer));
          if (result.kind === "done") {
            await ctx.reply(t("reg-done"), { reply_markup: mainMenu(env) });
            return;
          }
          if (result.kind === "broken") {
            await conversation.external(() => participants.deleteDraft(userId));
            await ctx.reply(t("reg-broken"), { reply_markup: mainMenu(env) });
            return;
          }
          // The role changed under us (an invite): ask what the new role needs, then summarise again.
          role = result.role;
          continue;
        }
        field = choice.field;
        value = await askField(conversation, ctx, env, field, { current: draft[field] });
      } else {
        return; // "consent": never once a draft exists
      }
      const answers = withAnswer(draft, field, value);
      await conversation.external(() => participants.saveDraft(userId, answers));
      await conversation.rewind(fromTheTop);
    }
  };
}

async function askConsent(conversation: BotConversation, ctx: ConversationContext, env: AskEnv): Promise<boolean> {
  const { t } = env;
  const send = (target: ConversationContext) =>
    target.reply(consentText(t, env.mission, env.locale), {
      parse_mode: "HTML",
      reply_markup: consentKeyboard(t),
      link_preview_options: { is_disabled: true },
    });
  await send(ctx);
  // Any consent message's buttons count, not only the latest one's: they all ask the same question, and
  // so a wrong input can rewind (see answerOf) without having to remember which message is the latest.
  const answer = await answerOf(
    conversation,
    env,
    (input) => {
      if (input.kind !== "callback") return { ok: false, fix: t("reg-consent-use-buttons") };
      const data = consentData.unpack(input.data);
      return data ? { ok: true, value: { ctx: input.ctx, agree: data.agree === "1" } } : { ok: false, fix: t("button-expired") };
    },
    async (c, fix) => {
      await c.reply(fix);
      await send(c);
    },
  );
  await answer.ctx.answerCallbackQuery();
  await answer.ctx.editMessageReplyMarkup();
  return answer.agree;
}

type SummaryChoice = { kind: "confirm" } | { kind: "edit"; field: Field };

async function askSummary(conversation: BotConversation, ctx: ConversationContext, env: AskEnv, draft: Draft, role: Role): Promise<SummaryChoice> {
  await refreshLocale(conversation, env);
  const { t } = env;
  // The reply keyboard may still be the phone or skip one; the main menu comes back before the card.
  await ctx.reply(t("reg-check"), { reply_markup: mainMenu(env) });
  const card = `${renderCard(t, env.mission, env.locale, { ...draft, role })}\n\n${t("reg-summary-question")}`;
  let message = await ctx.reply(card, { parse_mode: "HTML", reply_markup: summaryKeyboard(t) });
  for (;;) {
    const input = await waitInput(conversation, env);
    if (input.kind !== "callback") {
      message = await input.ctx.reply(`${t("reg-summary-use-buttons")}\n\n${card}`, { parse_mode: "HTML", reply_markup: summaryKeyboard(t) });
      continue;
    }
    const field = editFieldData.unpack(input.data)?.field;
    const known = input.messageId === message.message_id;
    if (known && confirmData.unpack(input.data)) {
      await input.ctx.answerCallbackQuery();
      await input.ctx.editMessageReplyMarkup();
      return { kind: "confirm" };
    }
    if (known && editMenuData.unpack(input.data)) {
      await input.ctx.answerCallbackQuery();
      await input.ctx.editMessageReplyMarkup({ reply_markup: fieldsKeyboard(t, role) });
      continue;
    }
    if (known && backData.unpack(input.data)) {
      await input.ctx.answerCallbackQuery();
      await input.ctx.editMessageReplyMarkup({ reply_markup: summaryKeyboard(t) });
      continue;
    }
    if (known && field && fieldsFor(role).includes(field)) {
      await input.ctx.answerCallbackQuery();
      await input.ctx.editMessageReplyMarkup();
      return { kind: "edit", field };
    }
    await input.ctx.answerCallbackQuery({ text: t("button-expired") });
  }
}

/** A registered participant whose role now needs more (a delegate who became a host). */
async function completeProfile(conversation: BotConversation, ctx: ConversationContext, env: AskEnv, participants: ParticipantsRepo, participant: Participant) {
  const missing = missingFields(participant);
  if (missing.length === 0) {
    await ctx.reply(env.t("reg-already"), { reply_markup: mainMenu(env) });
    return;
  }
  await ctx.reply(env.t("reg-complete-intro"));
  const answers: [Field, FieldValues[Field]][] = [];
  for (const field of missing) answers.push([field, await askField(conversation, ctx, { ...env, onLeave: () => Promise.resolve() }, field)]);
  const saved = await conversation.external(async () => {
    const fresh = await participants.get(participant.id);
    if (!fresh) return false;
    await participants.save(answers.reduce<Participant>((p, [field, value]) => withField(p, field, value), fresh));
    return true;
  });
  await ctx.reply(env.t(saved ? "reg-complete-done" : "profile-missing"), { reply_markup: mainMenu(env) });
}
