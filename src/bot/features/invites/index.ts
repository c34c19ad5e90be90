import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { parseInviteCommand, type Invite } from "../../../domain/invite.js";
import type { Locale } from "../../../domain/locale.js";
import type { Access } from "../../../services/access.js";
import { inviteLink, speakerIds, type InviteService } from "../../../services/invites.js";
import type { MissionService } from "../../../services/mission-service.js";
import { callbackData } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { escapeHtml } from "../../html.js";
import { localeOf, type Translate } from "../../i18n.js";

export interface InvitesDeps {
  invites: InviteService;
  access: Access;
  mission: MissionService;
}

/** An invite's expiry in the mission's time zone, as people there read dates. */
export function formatExpiry(invite: Pick<Invite, "expiresAt">, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { timeZone, day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(invite.expiresAt);
}

export function roleName(t: Translate, invite: Pick<Invite, "role" | "speakerId">): string {
  const role = t(`role-${invite.role}`);
  return invite.speakerId ? t("invite-role-speaker-of", { role, id: escapeHtml(invite.speakerId) }) : role;
}

export const revokeInviteData = callbackData("invrev", { token: z.string().regex(/^[A-Za-z0-9_-]{8,43}$/) });

/** Links still worth listing: not revoked, not expired, uses left. */
function live(invite: Invite, now: number): boolean {
  return !invite.revoked && invite.expiresAt > now && invite.uses < invite.maxUses;
}

/** `/invite host|speaker <id>|organiser [uses] [days]`: organisers make invite deep links. */
export function invitesFeature({ invites, access, mission }: InvitesDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("invite", async (ctx) => {
    // Checked here, on the server: anyone can type the command.
    if (!(await access.isOrganiser(ctx.from.id))) {
      await ctx.reply(ctx.t("invite-organisers-only"));
      return;
    }
    const programme = mission.current();
    const parsed = parseInviteCommand(ctx.match, speakerIds(programme));
    if (!parsed.ok) {
      const vars: Record<string, string | number> = {};
      if ("max" in parsed) vars.max = parsed.max;
      if ("given" in parsed && parsed.given) vars.given = escapeHtml(parsed.given);
      await ctx.reply(`${ctx.t(`invite-error-${parsed.error}`, vars)}\n\n${ctx.t("invite-usage")}`, { parse_mode: "HTML" });
      return;
    }
    const invite = await invites.create({
      role: parsed.role,
      ...(parsed.speakerId ? { speakerId: parsed.speakerId } : {}),
      uses: parsed.uses,
      days: parsed.days,
      createdBy: ctx.from.id,
    });
    const t: Translate = (key, vars) => ctx.t(key, vars);
    await ctx.reply(
      ctx.t("invite-created", {
        role: roleName(t, invite),
        link: inviteLink(ctx.me.username, invite.token),
        uses: invite.maxUses,
        expires: formatExpiry(invite, localeOf(ctx), programme.mission.timezone),
      }),
      { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    );
  });

  // `/invites`: the links still working, each with a Revoke button.
  const list = async (ctx: BotContext, edit: boolean) => {
    const programme = mission.current();
    const t: Translate = (key, vars) => ctx.t(key, vars);
    const active = (await invites.list()).filter((i) => live(i, Date.now()));
    const keyboard = new InlineKeyboard();
    const lines = active.map((invite, n) => {
      keyboard.text(ctx.t("invites-revoke", { n: n + 1 }), revokeInviteData.pack({ token: invite.token })).row();
      return ctx.t("invites-line", {
        n: n + 1,
        role: roleName(t, invite),
        link: inviteLink(ctx.me.username, invite.token),
        left: invite.maxUses - invite.uses,
        uses: invite.maxUses,
        expires: formatExpiry(invite, localeOf(ctx), programme.mission.timezone),
      });
    });
    const text = active.length === 0 ? ctx.t("invites-none") : [ctx.t("invites-title"), ...lines].join("\n\n");
    const options = { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true }, reply_markup: keyboard };
    if (edit) await ctx.editMessageText(text, options);
    else await ctx.reply(text, options);
  };
  composer.chatType("private").command("invites", async (ctx) => {
    if (!(await access.isOrganiser(ctx.from.id))) {
      await ctx.reply(ctx.t("invite-organisers-only"));
      return;
    }
    await list(ctx, false);
  });
  composer.callbackQuery(revokeInviteData.filter, async (ctx) => {
    // The role is checked again here: a button can be pressed (or forged) by anyone.
    if (!(await access.isOrganiser(ctx.from.id))) {
      await ctx.answerCallbackQuery({ text: ctx.t("invite-organisers-only") });
      return;
    }
    const data = revokeInviteData.unpack(ctx.callbackQuery.data);
    if (!data || !(await invites.revoke(data.token))) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t("invites-revoked") });
    await list(ctx, true);
  });
  return composer;
}
