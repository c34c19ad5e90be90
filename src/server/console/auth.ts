import type * as InitData from "@tma.js/init-data-node";
import { effectiveLocale, type Locale, type StoredLanguage } from "../../domain/locale.js";
import type { Access } from "../../services/access.js";

/**
 * How long a Mini App's initData is taken after Telegram signed it (the moment the organiser opened
 * the console): a working day at the desk; reopening the console from the bot signs a new one.
 */
export const INIT_DATA_MAX_AGE_SECONDS = 12 * 3600;

export interface ConsoleUser {
  id: number;
  firstName: string;
  locale: Locale;
}

export type AuthResult = { ok: true; user: ConsoleUser } | { ok: false; status: 401 | 403 };

export interface ConsoleAuthDeps {
  token: string;
  access: Access;
  languages: { get(userId: number): Promise<StoredLanguage | undefined> };
}

/**
 * Every console request: `Authorization: tma <initData>`, checked by its HMAC with the bot token and
 * its age (@tma.js/init-data-node, Telegram's algorithm), then the user must be an organiser. No cookie,
 * no session of our own: the signed initData is the whole credential.
 */
export function consoleAuth(deps: ConsoleAuthDeps): (authorization: string | undefined) => Promise<AuthResult> {
  // Loaded on the first console request, not at start: the library and its fp-ts are ~0.2 s of a
  // restart's CPU (import measured alone on this machine), and most processes never serve the console.
  let library: Promise<typeof InitData> | undefined;
  return async (authorization) => {
    const match = /^tma (.+)$/.exec(authorization ?? "");
    const initData = match?.[1];
    if (initData === undefined) return { ok: false, status: 401 };
    const { parse, validate } = await (library ??= import("@tma.js/init-data-node"));
    let user;
    try {
      validate(initData, deps.token, { expiresIn: INIT_DATA_MAX_AGE_SECONDS });
      user = parse(initData).user;
    } catch {
      return { ok: false, status: 401 };
    }
    if (!user) return { ok: false, status: 401 };
    if (!(await deps.access.isOrganiser(user.id))) return { ok: false, status: 403 };
    const locale = effectiveLocale(await deps.languages.get(user.id), user.language_code);
    return { ok: true, user: { id: user.id, firstName: user.first_name, locale } };
  };
}
