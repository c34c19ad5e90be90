import type { AgendaService } from "../../../services/agenda-service.js";
import type { MissionService } from "../../../services/mission-service.js";
import type { BotContext } from "../../context.js";

/**
 * A user's saved programme items as a day page, an item card and /my show them, from the copy kept in
 * their session (read on every update anyway) instead of a Redis read per view. The set in Redis stays
 * the record; the copy is taken from it and is trusted because everything that changes the set also
 * renews or drops the copy:
 * - a ⭐ toggle runs in the user's own update, and stores the set as the same MULTI left it (`keep`), so
 *   whichever process handles the user's next update reads it with the session;
 * - /deletemydata erases in the user's own update, and empties the session but for the language;
 * - a publication forgets items that left the programme for everyone, outside their updates: the copy
 *   names the programme revision it was taken under, and under another revision it is read afresh (an
 *   item removed and later brought back must not come back starred). Ids of items that are not in the
 *   programme in force are never shown, so a copy that still has them is right until then.
 * The session is per chat, and these views are private chats only, whose id is the user's.
 */
export function savedItems(agenda: AgendaService, mission: MissionService) {
  return {
    /** The saved item ids; a Redis read only when the session has no copy for this programme. */
    async of(ctx: BotContext & { from: { id: number } }): Promise<ReadonlySet<string>> {
      const copy = ctx.session.saved;
      const revision = mission.revision();
      if (copy?.of === revision) return new Set(copy.ids);
      const ids = await agenda.savedItemIds(ctx.from.id);
      ctx.session.saved = { of: revision, ids: ids.sort() };
      return new Set(ids);
    },

    /** Keeps the set a toggle left, read in the same MULTI. */
    keep(ctx: BotContext, ids: readonly string[]): void {
      ctx.session.saved = { of: mission.revision(), ids: [...ids].sort() };
    },
  };
}
