import type { Api } from "grammy";
import { cannotReach } from "../../../jobs/pacing/failures.js";
import type { Pacer } from "../../../jobs/pacing/pacer.js";
import type { I18n } from "@grammyjs/i18n";
import type { Locale } from "../../../domain/locale.js";
import type { Participant } from "../../../domain/participant.js";
import type { MeetingRequest } from "../../../domain/meetings/request.js";
import type { Logger } from "../../../logger.js";
import type { Delivery, MeetingNotifier, Notice, NoticeOptions } from "../../../services/meetings.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { ConversationContext } from "../../context.js";
import { translator } from "../../i18n.js";
import type { ViewEnv } from "../people/views.js";
import { noticeView } from "./views.js";

export interface NotifierDeps {
  /** The bot's API; a getter because the bot is built after the services that notify. */
  api: () => Api;
  /** For notices that are bulk sends (digests, requests shown to someone who comes back). */
  pacer: Pacer;
  i18n: I18n<ConversationContext>;
  mission: MissionService;
  /** The language the bot speaks to a user in, as recorded (see LanguagesRepo). */
  languageOf: (userId: number) => Promise<Locale>;
  logger: Logger;
}

/**
 * Tells the other side of a request what happened, in the language recorded for them (they are not the
 * one writing, so no `language_code` is at hand). When Telegram will not let the bot write to them
 * (never opened it, blocked it: domain/telegram/reachability.ts) that is reported, not retried.
 */
export function telegramNotifier(deps: NotifierDeps): MeetingNotifier {
  const envFor = async (to: Participant): Promise<ViewEnv> => {
    const locale = await deps.languageOf(to.id);
    return { t: translator(deps.i18n, locale), locale, mission: deps.mission.current() };
  };
  return {
    async send(to: Participant, notice: Notice, options: NoticeOptions = {}): Promise<Delivery> {
      const view = noticeView(await envFor(to), to.id, notice);
      const send = (api: Api) =>
        api.sendMessage(to.id, view.text, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(view.keyboard ? { reply_markup: view.keyboard } : {}),
        });
      try {
        const message = options.bulk ? await deps.pacer.send(to.id, send) : await send(deps.api());
        return { ok: true, messageId: message.message_id };
      } catch (err) {
        if (cannotReach(err)) {
          deps.logger.info({ to: to.id, notice: notice.kind, err }, "meeting notice not delivered: Telegram refused");
          return { ok: false, unreachable: true };
        }
        deps.logger.error({ to: to.id, notice: notice.kind, err }, "meeting notice failed");
        return { ok: false, unreachable: false };
      }
    },

    async retract(addressee: Participant, request: MeetingRequest): Promise<boolean> {
      if (request.addresseeMessageId === undefined) return false;
      const { t } = await envFor(addressee);
      try {
        await deps.api().editMessageText(addressee.id, request.addresseeMessageId, t("meeting-retracted"));
        return true;
      } catch (err) {
        // Deleted by the user, or already edited: nothing of the requester's is left to take back.
        deps.logger.info({ to: addressee.id, err }, "could not retract a withdrawn request's message");
        return false;
      }
    },
  };
}
