import { ApiError, createApi, launchInitData, type Ctx, type Session, type Text } from "./api.js";
import { dashboardPage } from "./dashboard.js";
import { clear, h } from "./dom.js";
import { participantsPage } from "./participants.js";
import { programmePage } from "./programme.js";

/** Tells Telegram's client the page is ready and may take the whole height (ignored in a plain browser). */
function postEvent(eventType: string): void {
  const w = window as Window & { TelegramWebviewProxy?: { postEvent(type: string, data: string): void } };
  if (w.TelegramWebviewProxy) w.TelegramWebviewProxy.postEvent(eventType, "");
  else if (window.parent !== window) window.parent.postMessage(JSON.stringify({ eventType, eventData: "" }), "https://web.telegram.org");
}

/** Telegram's colours (tgWebAppThemeParams) as CSS variables, so the console looks like the chat it opened from. */
function applyTheme(): void {
  const raw = new URLSearchParams(location.hash.slice(1)).get("tgWebAppThemeParams");
  if (!raw) return;
  try {
    const theme = JSON.parse(raw) as Record<string, unknown>;
    for (const [name, value] of Object.entries(theme)) if (typeof value === "string" && /^#[0-9a-f]{3,8}$/i.test(value)) document.documentElement.style.setProperty(`--tg-${name.replace(/_/g, "-")}`, value);
  } catch {
    // A malformed theme leaves the console's own colours.
  }
}

// A refusal comes before any text from the server: its two texts are put in the bundle from the locale
// files at build time (build.mjs), in the language Telegram says the user reads.
declare const DENIED_TEXTS: Record<"ru" | "en", Record<"console-unauthorized" | "console-forbidden", string>>;

function deniedText(status: 401 | 403): string {
  let code: string | undefined;
  try {
    const user = new URLSearchParams(launchInitData() ?? "").get("user");
    code = user ? (JSON.parse(user) as { language_code?: string }).language_code : undefined;
  } catch {
    code = undefined;
  }
  code ??= navigator.language;
  const locale = ["ru", "uk", "be", "kk"].includes(code.toLowerCase().split(/[-_]/)[0] ?? "") ? "ru" : "en";
  return DENIED_TEXTS[locale][status === 401 ? "console-unauthorized" : "console-forbidden"];
}

async function main(): Promise<void> {
  const app = document.getElementById("app");
  if (!app) return;
  applyTheme();
  postEvent("web_app_ready");
  postEvent("web_app_expand");
  const denied = (status: 401 | 403) => {
    clear(app, h("div", { class: "denied", "data-testid": "denied", "data-status": status }, h("p", {}, deniedText(status))));
  };
  const initData = launchInitData();
  if (!initData) return denied(401);
  const api = createApi(initData, denied);
  clear(app, h("p", { class: "muted" }, "…"));
  let s: Session;
  try {
    s = await api.session();
  } catch (err) {
    if (!(err instanceof ApiError)) clear(app, h("p", {}, String(err)));
    return;
  }
  document.documentElement.lang = s.user.locale;
  const t = (key: string) => s.texts[key] ?? key;
  const text = (value: Text | undefined) => (s.user.locale === "ru" ? (value?.ru ?? value?.en) : (value?.en ?? value?.ru)) ?? "";
  document.title = `${t("console-title")} · ${text(s.mission.name)}`;
  // The bot's own formats: en-GB ("10 Dec, 13:30"), ru-RU ("10 дек., 13:30"), 24-hour clock, the mission's zone.
  const intlLocale = s.user.locale === "ru" ? "ru-RU" : "en-GB";
  const formats = {
    date: { day: "numeric", month: "short", year: "numeric" },
    "date-time": { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
    time: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
  } satisfies Record<string, Intl.DateTimeFormatOptions>;
  const formatAt: Ctx["formatAt"] = (at, parts) => new Intl.DateTimeFormat(intlLocale, { ...formats[parts], hourCycle: "h23", timeZone: s.mission.timezone }).format(new Date(at));
  const ctx: Ctx = { api, session: s, t, text, formatAt };

  const roots = { dashboard: h("main", { "data-page": "dashboard" }), participants: h("main", { "data-page": "participants", hidden: true }), programme: h("main", { "data-page": "programme", hidden: true }) };
  const pages = { dashboard: dashboardPage(ctx, roots.dashboard), participants: participantsPage(ctx, roots.participants), programme: programmePage(ctx, roots.programme) };
  type Page = keyof typeof pages;
  const tabs = (Object.keys(pages) as Page[]).map((page) => h("button", { type: "button", role: "tab", "data-tab": page, onclick: () => go(page) }, t(`console-tab-${page}`)));
  const go = (page: Page) => {
    for (const [name, p] of Object.entries(pages)) {
      if (name === page) p.show();
      else p.hide();
    }
    for (const tab of tabs) tab.setAttribute("aria-selected", String(tab.dataset.tab === page));
  };
  clear(app, h("header", {}, h("h1", {}, text(s.mission.name)), h("nav", { role: "tablist" }, tabs)), roots.dashboard, roots.participants, roots.programme);
  go("dashboard");
}

void main();
