import { Composer, InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import { z } from "zod";
import type { Locale } from "../../../domain/locale.js";
import type { Mission } from "../../../domain/mission/schema.js";
import { FIELDS, fieldsFor, withField, type Participant } from "../../../domain/participant.js";
import type { Access } from "../../../services/access.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { ParticipantsRepo } from "../../../storage/participants-repo.js";
import { callbackData } from "../../callback-data.js";
import type { BotContext, BotConversation, ConversationContext } from "../../context.js";
import { leaveFlows } from "../../flows.js";
import { hears } from "@grammyjs/i18n";
import { chatSender } from "../../conversation-send.js";
import { localeOf, translator, viewTranslator, type Translate } from "../../i18n.js";
import { mainMenu } from "../../menu.js";
import { deleteDataData } from "../delete-data/index.js";
import { languageKeyboard } from "../language/index.js";
import type { I18n } from "@grammyjs/i18n";
import { askField, type AskEnv, type Labels } from "../registration/questions.js";
import { registerData, renderCard } from "../registration/views.js";

export const profileEditData = callbackData("pedit", { field: z.enum(FIELDS) });
export const profileVisibilityData = callbackData("pvis", { visible: z.enum(["1", "0"]) });
export const profileLanguageData = callbackData("plang", {});

const EDIT_FIELD = "profile-edit";

export interface ProfileDeps {
  participants: ParticipantsRepo;
  mission: MissionService;
  i18n: I18n<ConversationContext>;
  labels: Labels;
  /** Whose command menu has the organisers' commands (one of them leaves the edit). */
  access: Access;
}

/** The card as its owner sees it, with a button for every field, language and directory visibility. */
export function profileView(t: Translate, mission: Mission, locale: Locale, p: Participant): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  fieldsFor(p.role).forEach((field, i) => {
    keyboard.text(t("profile-edit-field", { field: t(`field-${field}`) }), profileEditData.pack({ field }));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard
    .row()
    .text(t("profile-language"), profileLanguageData.pack({}))
    .text(t(p.visible ? "profile-hide" : "profile-show"), profileVisibilityData.pack({ visible: p.visible ? "0" : "1" }))
    .row()
    .text(t("profile-delete"), deleteDataData.pack({ step: "ask" }));
  return { text: `${t("profile-title")}\n\n${renderCard(t, mission, locale, p)}`, keyboard };
}

/** Editing one field of a registered profile: the same question and checks as the registration. */
function editFieldConversation(deps: ProfileDeps) {
  const { participants } = deps;
  return async function profileEdit(conversation: BotConversation, ctx: ConversationContext, rawField: unknown): Promise<void> {
    const field = z.enum(FIELDS).safeParse(rawField);
    const start = await conversation.external(async (outer) => ({
      participant: await participants.get(outer.from?.id ?? 0),
      locale: localeOf(outer),
    }));
    const { send } = chatSender(conversation, ctx.chat?.id ?? ctx.from?.id ?? 0);
    const mission = deps.mission.current();
    const env: AskEnv = {
      mission,
      i18n: deps.i18n,
      locale: start.locale,
      t: translator(deps.i18n, start.locale),
      labels: deps.labels,
      // The phone step swapped the reply keyboard; whoever leaves gets the main menu back.
      onLeave: async () => {
        await send(env.t("profile-edit-left"), { reply_markup: mainMenu(env) });
      },
      isOrganiser: () => conversation.external(() => deps.access.isOrganiser(ctx.from?.id ?? 0)),
    };
    const participant = start.participant;
    if (!participant || !field.success || !fieldsFor(participant.role).includes(field.data)) {
      await send(env.t("profile-missing"), { reply_markup: mainMenu(env) });
      return;
    }
    const value = await askField(conversation, ctx, env, field.data, { current: participant[field.data] ?? null });
    const saved = await conversation.external(async () => {
      const fresh = await participants.get(participant.id);
      if (!fresh) return undefined;
      const updated = withField(fresh, field.data, value);
      await participants.save(updated);
      return updated;
    });
    if (!saved) {
      await send(env.t("profile-missing"), { reply_markup: mainMenu(env) });
      return;
    }
    await send(env.t("profile-saved"), { reply_markup: mainMenu(env) });
    const view = profileView(env.t, mission, env.locale, saved);
    await send(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  };
}

/** `/profile` and the profile menu button: one's own card, single-field edits, language, visibility. */
export function profileFeature(deps: ProfileDeps): Composer<BotContext> {
  const { participants } = deps;
  const composer = new Composer<BotContext>();
  composer.use(createConversation<BotContext, ConversationContext>(editFieldConversation(deps), EDIT_FIELD));
  const dm = composer.chatType("private");
  // Buttons and typed messages in branches of their own: an update of the other kind passes them with one check.
  const buttons = dm.on("callback_query:data");
  const texts = dm.on("message:text");

  const show = async (ctx: BotContext) => {
    const userId = ctx.from?.id ?? 0;
    const participant = await participants.get(userId);
    if (participant) {
      const view = profileView(viewTranslator(ctx), deps.mission.current(), localeOf(ctx), participant);
      await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
      return;
    }
    const draft = await participants.getDraft(userId);
    await ctx.reply(ctx.t(draft ? "profile-unfinished" : "profile-not-registered"), {
      reply_markup: new InlineKeyboard().text(ctx.t(draft ? "register-continue" : "register-button"), registerData.pack({})),
    });
  };
  texts.command("profile", show);
  texts.filter(hears("menu-profile"), show);

  buttons.callbackQuery(profileEditData.filter, async (ctx) => {
    const data = profileEditData.unpack(ctx.callbackQuery.data);
    const participant = data && (await participants.get(ctx.from.id));
    if (!data || !participant || !fieldsFor(participant.role).includes(data.field)) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await ctx.answerCallbackQuery();
    await leaveFlows(ctx);
    await ctx.conversation.enter(EDIT_FIELD, data.field);
  });

  buttons.callbackQuery(profileVisibilityData.filter, async (ctx) => {
    const data = profileVisibilityData.unpack(ctx.callbackQuery.data);
    const participant = data && (await participants.get(ctx.from.id));
    if (!data || !participant) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    const visible = data.visible === "1";
    const updated = { ...participant, visible };
    if (participant.visible !== visible) await participants.save(updated);
    await ctx.answerCallbackQuery({ text: ctx.t(visible ? "profile-shown-toast" : "profile-hidden-toast") });
    const view = profileView(viewTranslator(ctx), deps.mission.current(), localeOf(ctx), updated);
    // A double press finds the card already showing this state; Telegram then refuses an identical edit.
    if (participant.visible !== visible) await ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  });

  buttons.callbackQuery(profileLanguageData.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("language-choose"), { reply_markup: languageKeyboard(ctx) });
  });
  return composer;
}
