import type { Dashboard, ParticipantCard, ParticipantRow, ProgrammeSnapshot, UnregisteredRow } from "../../src/services/console.js";
import type { Role } from "../../src/domain/participant.js";
import type { Locale } from "../../src/domain/locale.js";

export type { Dashboard, ParticipantCard, ParticipantRow, ProgrammeSnapshot, UnregisteredRow };

export interface Text {
  ru?: string;
  en?: string;
}

export interface Session {
  user: { id: number; firstName: string; locale: Locale };
  texts: Record<string, string>;
  /** `zoneLabel`: the zone as the bot names it ("Krasnoyarsk time, UTC+7"). */
  mission: { id: string; name: Text; timezone: string; zoneLabel: string };
  tags: { id: string; name: Text }[];
  roles: Role[];
  kinds: string[];
}

export interface Problem {
  path: string;
  text: string;
}

/** The API refused the request: 401/403 end the page, the others are shown where they happened. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; problems?: Problem[] },
  ) {
    super(body.message ?? `HTTP ${status}`);
  }
}

/**
 * Telegram opens a Mini App with its launch parameters in the URL's fragment; `tgWebAppData` is the
 * signed initData the server checks on every request. Kept for the tab's lifetime so a reload works.
 */
export function launchInitData(): string | undefined {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData") ?? undefined;
  if (fromHash) sessionStorage.setItem("tgWebAppData", fromHash);
  return fromHash ?? sessionStorage.getItem("tgWebAppData") ?? undefined;
}

export function createApi(initData: string, onDenied: (status: 401 | 403) => void) {
  const base = new URL("api/", location.href.replace(/#.*$/, ""));
  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(new URL(path, base), { ...init, headers: { authorization: `tma ${initData}`, "content-type": "application/json", ...init.headers } });
    const body = (await res.json().catch(() => ({}))) as unknown;
    if (res.status === 401 || res.status === 403) {
      onDenied(res.status);
      throw new ApiError(res.status, {});
    }
    if (!res.ok) throw new ApiError(res.status, body as ApiError["body"]);
    return body as T;
  }
  return {
    session: () => call<Session>("session"),
    dashboard: () => call<Dashboard>("dashboard"),
    participants: (query: URLSearchParams) => call<{ total: number; rows: (ParticipantRow | UnregisteredRow)[]; regions: string[] }>(`participants?${query.toString()}`),
    participant: (id: number) => call<ParticipantCard>(`participants/${id}`),
    programme: () => call<ProgrammeSnapshot>("programme"),
    validate: (raw: unknown) => call<{ ok: boolean; problems?: Problem[] }>("programme/validate", { method: "POST", body: JSON.stringify({ raw }) }),
    review: (revision: string, raw: unknown) =>
      call<{ summaryHtml: string; added: number; removed: number; moved: number; unchanged: boolean }>("programme/review", { method: "POST", body: JSON.stringify({ revision, raw }) }),
    publish: (revision: string, raw: unknown, notify: boolean) =>
      call<{ published: true; notified: number; revision: string; message: string }>("programme/publish", { method: "POST", body: JSON.stringify({ revision, raw, notify }) }),
  };
}

export type Api = ReturnType<typeof createApi>;

/** Everything a page needs: the API, the texts in the organiser's language, the mission. */
export interface Ctx {
  api: Api;
  session: Session;
  t: (key: string) => string;
  text: (value: Text | undefined) => string;
  /** Dates and times as the bot writes them: "10 Dec, 13:30", in the mission's zone. */
  formatAt: (at: number | string, parts: "date" | "date-time" | "time") => string;
}
