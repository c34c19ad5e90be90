import { Composer, InlineKeyboard } from "grammy";
import { parseStartPayload } from "../../../domain/invite.js";
import { missingFields } from "../../../domain/participant.js";
import type { Access } from "../../../services/access.js";
import type { InviteService, RedeemResult } from "../../../services/invites.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { ParticipantsRepo } from "../../../storage/participants-repo.js";
import { escapeHtml } from "../../html.js";
import type { BotContext } from "../../context.js";
import { leaveFlows } from "../../flows.js";
import { localeOf, type Translate } from "../../i18n.js";
import { mainMenu } from "../../menu.js";
import { consoleMenuButton } from "../../console-button.js";
import { formatExpiry, roleName } from "../invites/index.js";
import { registerData } from "../registration/views.js";

export interface StartDeps {
  participants: ParticipantsRepo;
  invites: InviteService;
  access: Access;
  mission: MissionService;
  /** A check-in code (features/checkin): "none" when the payload is not one; "answered" ends the start. */
  checkin: (ctx: BotContext, payload: string) => Promise<"none" | "answered" | "continue">;
  /** CONSOLE_URL: an organiser's /start puts the console on their chat's menu button. */
  consoleUrl?: string;
}

function inviteNotice(ctx: BotContext, result: RedeemResult, timeZone: string): string {
  const t: Translate = (key, vars) => ctx.t(key, vars);
  switch (result.kind) {
    case "granted":
      return t(`invite-granted-${result.role}`, { role: roleName(t, result) });
    case "organiser-preview": {
      const { invite } = result;
      return t("invite-preview", {
        role: roleName(t, invite),
        left: Math.max(0, invite.maxUses - invite.uses),
        uses: invite.maxUses,
        expires: formatExpiry(invite, localeOf(ctx), timeZone),
      });
    }
    default:
      return t(`invite-${result.kind}`);
  }
}

/**
 * `/start [payload]`: redeems an invite link when the payload is one (a bad one is explained, then the
 * start goes on as usual; an organiser checking a link gets its preview alone), greets, and offers
 * registration to anyone not registered — the programme needs no registration. A link leaves any flow
 * the user was in (an invite can change what the registration asks; it is offered again below); a plain
 * `/start` in a flow is the flow's (create-bot.ts).
 */
export function startFeature({ participants, invites, access, mission, checkin, consoleUrl }: StartDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("start", async (ctx) => {
    const userId = ctx.from.id;
    const payload = parseStartPayload(ctx.match);
    if (payload.kind !== "none") await leaveFlows(ctx);
    // A check-in code is not an invite's shape: it is read here before "unknown" is said of it.
    const scanned = payload.kind === "unknown" ? await checkin(ctx, ctx.match) : "none";
    if (scanned === "answered") return;
    if (payload.kind === "invite") {
      const result = await invites.redeem(payload.token, { id: userId, isOrganiser: await access.isOrganiser(userId) });
      await ctx.reply(inviteNotice(ctx, result, mission.current().mission.timezone), { parse_mode: "HTML" });
      // An organiser opening a link is checking it, not starting: the greeting and the offer to
      // register would read as if the link had done something to them.
      if (result.kind === "organiser-preview") return;
    } else if (payload.kind === "unknown" && scanned === "none") {
      await ctx.reply(ctx.t("invite-invalid"));
    }

    // Organisers (from ORGANISER_IDS, or by the invite just redeemed) get the console as their menu button.
    if (consoleUrl !== undefined && (await access.isOrganiser(userId))) {
      // With the chat named: grammY's ctx.setChatMenuButton leaves chat_id out, which sets everyone's default button.
      await ctx.api.setChatMenuButton({ chat_id: ctx.chat.id, menu_button: consoleMenuButton((key, vars) => ctx.t(key, vars), consoleUrl) });
    }
    await ctx.reply(ctx.t("start-greeting", { name: escapeHtml(ctx.from.first_name) }), {
      parse_mode: "HTML",
      reply_markup: mainMenu(ctx),
    });

    const participant = await participants.get(userId);
    if (participant) {
      if (missingFields(participant).length > 0) {
        await ctx.reply(ctx.t("start-complete-profile"), { reply_markup: new InlineKeyboard().text(ctx.t("register-complete"), registerData.pack({})) });
      }
      return;
    }
    const draft = await participants.getDraft(userId);
    await ctx.reply(ctx.t(draft ? "start-register-continue" : "start-register-offer"), {
      reply_markup: new InlineKeyboard().text(ctx.t(draft ? "register-continue" : "register-button"), registerData.pack({})),
    });
  });
  return composer;
}
