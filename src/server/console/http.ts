import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { I18n } from "@grammyjs/i18n";
import { z } from "zod";
import type { ConversationContext } from "../../bot/context.js";
import { translator } from "../../bot/i18n.js";
import { missionProblemLine } from "../../bot/mission-problems.js";
import { summaryText } from "../../bot/features/programme-admin/views.js";
import { participantFilterSchema } from "../../domain/console/participants.js";
import { LOCALES, type Locale } from "../../domain/locale.js";
import type { MissionProblem } from "../../domain/mission/problems.js";
import { ITEM_KINDS } from "../../domain/mission/schema.js";
import { zoneLabel } from "../../domain/programme/time.js";
import { ROLES } from "../../domain/participant.js";
import type { Logger } from "../../logger.js";
import type { ConsoleService } from "../../services/console.js";
import type { MissionService } from "../../services/mission-service.js";
import type { AuthResult, ConsoleUser } from "./auth.js";

/** A programme is ~20 KB as YAML; its JSON is of that order. */
const MAX_BODY_BYTES = 512 * 1024;

export interface ConsoleHttpDeps {
  /** Where the console is served, with a trailing slash ("/console/"). */
  path: string;
  /** The built front end (dist/console: index.html, app.js, app.css). */
  assetsDir: string;
  /** Where the Fluent files are: the console's own texts are the `console-*` keys of console.ftl. */
  localesDir: string;
  authenticate: (authorization: string | undefined) => Promise<AuthResult>;
  service: ConsoleService;
  mission: MissionService;
  i18n: I18n<ConversationContext>;
  now: () => number;
  logger: Logger;
}

/** A request the console answers; anything outside its path is left to the caller (false). */
export type ConsoleHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const programmeBody = z.object({ raw: z.unknown() }).strict();
const reviewBody = z.object({ revision: z.string().min(1).max(100), raw: z.unknown() }).strict();
const publishBody = z.object({ revision: z.string().min(1).max(100), raw: z.unknown(), notify: z.boolean() }).strict();
const participantId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};
const ASSET = /^[a-z0-9][a-z0-9._-]*$/i;
const PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self' https://web.telegram.org https://*.telegram.org";

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(`HTTP ${status}`);
  }
}

/**
 * The organisers' console over node:http: the built page and its assets, and a JSON API under
 * `<path>api/`. Every API request is authenticated (auth.ts) before anything is read; a refusal is a
 * bare 401 or 403.
 */
export function consoleHandler(deps: ConsoleHttpDeps): ConsoleHandler {
  const texts = consoleTexts(deps);
  const api = `${deps.path}api/`;
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === deps.path.replace(/\/$/, "")) {
      res.writeHead(301, { location: deps.path }).end();
      return true;
    }
    if (!url.pathname.startsWith(deps.path)) return false;
    const answer = url.pathname.startsWith(api) ? handleApi(deps, texts, req, url, url.pathname.slice(api.length)) : serveAsset(deps, req, url.pathname.slice(deps.path.length));
    answer
      .then(({ status, body, type, headers }) => {
        res.writeHead(status, { "content-type": type ?? "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers });
        res.end(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body));
      })
      .catch((err: unknown) => {
        deps.logger.error({ err, path: url.pathname }, "console request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ error: "internal" }));
      });
    return true;
  };
}

interface Answer {
  status: number;
  body: unknown;
  type?: string;
  headers?: Record<string, string>;
}

async function serveAsset(deps: ConsoleHttpDeps, req: IncomingMessage, name: string): Promise<Answer> {
  if (req.method !== "GET" && req.method !== "HEAD") return { status: 405, body: { error: "method" } };
  const file = name === "" ? "index.html" : name;
  if (!ASSET.test(file) || file.includes("..")) return { status: 404, body: { error: "not-found" } };
  try {
    const body = await readFile(join(deps.assetsDir, file));
    // The page itself is public: it holds no data, and asks the API with the initData Telegram gave it.
    // Its own scripts only (the review summary is HTML from the bot's views); framed by Telegram Web only.
    const headers = file.endsWith(".html") ? { "content-security-policy": PAGE_POLICY } : undefined;
    return { status: 200, body, type: TYPES[extname(file)] ?? "application/octet-stream", ...(headers ? { headers } : {}) };
  } catch {
    return { status: 404, body: { error: "not-found" } };
  }
}

async function handleApi(deps: ConsoleHttpDeps, texts: ReadonlyMap<Locale, Record<string, string>>, req: IncomingMessage, url: URL, route: string): Promise<Answer> {
  const auth = await deps.authenticate(req.headers.authorization);
  if (!auth.ok) return { status: auth.status, body: { error: auth.status === 401 ? "unauthorized" : "forbidden" } };
  const user = auth.user;
  try {
    return await routeApi(deps, texts, req, url, route, user);
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, body: err.body };
    throw err;
  }
}

async function routeApi(deps: ConsoleHttpDeps, texts: ReadonlyMap<Locale, Record<string, string>>, req: IncomingMessage, url: URL, route: string, user: ConsoleUser): Promise<Answer> {
  const t = translator(deps.i18n, user.locale);
  const get = req.method === "GET";
  const post = req.method === "POST";
  const problems = (list: readonly MissionProblem[]) => list.map((p) => ({ path: p.path, text: missionProblemLine(t, { ...p, line: undefined }, (s) => s) }));

  if (get && route === "session") {
    const mission = deps.mission.current();
    return {
      status: 200,
      body: {
        user,
        texts: texts.get(user.locale) ?? {},
        mission: { id: mission.mission.id, name: mission.mission.name, timezone: mission.mission.timezone, zoneLabel: zoneLabel(mission, user.locale, deps.now()) },
        tags: mission.tags,
        roles: ROLES,
        kinds: ITEM_KINDS,
      },
    };
  }
  if (get && route === "dashboard") return { status: 200, body: await deps.service.dashboard() };
  if (get && route === "participants") {
    const filter = participantFilterSchema.safeParse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
    if (!filter.success) return badRequest(t("console-bad-filter"));
    return { status: 200, body: await deps.service.participants(filter.data) };
  }
  const card = /^participants\/([^/]+)$/.exec(route);
  if (get && card) {
    const id = participantId.safeParse(card[1]);
    if (!id.success) return badRequest(t("console-bad-filter"));
    const found = await deps.service.participant(id.data);
    return found ? { status: 200, body: found } : { status: 404, body: { error: "not-found", message: t("console-participant-gone") } };
  }
  if (get && route === "programme") return { status: 200, body: await deps.service.programme() };
  if (post && route === "programme/validate") {
    const body = await readBody(req, programmeBody, t);
    const checked = await deps.service.check(body.raw);
    return { status: 200, body: checked.kind === "invalid" ? { ok: false, problems: problems(checked.problems) } : { ok: true } };
  }
  if (post && route === "programme/review") {
    const body = await readBody(req, reviewBody, t);
    const result = await deps.service.review(user.id, body.revision, body.raw);
    if (result.kind === "invalid") return { status: 422, body: { error: "invalid", problems: problems(result.problems) } };
    if (result.kind === "stale") return stale(t);
    const v = { t, locale: user.locale, programme: result.programme, now: deps.now() };
    const { added, removed, moved } = result.diff;
    return { status: 200, body: { summaryHtml: summaryText(v, result.programme, result.diff, result.unchanged), added: added.length, removed: removed.length, moved: moved.length, unchanged: result.unchanged } };
  }
  if (post && route === "programme/publish") {
    const body = await readBody(req, publishBody, t);
    const result = await deps.service.publish(user.id, body.revision, body.raw, body.notify);
    if (result.kind === "invalid") return { status: 422, body: { error: "invalid", problems: problems(result.problems) } };
    if (result.kind === "stale") return stale(t);
    return { status: 200, body: { published: true, notified: result.notified, revision: result.revision, message: t("admin-published", { count: result.notified }) } };
  }
  return { status: 404, body: { error: "not-found" } };
}

function badRequest(message: string): Answer {
  return { status: 400, body: { error: "bad-request", message } };
}

function stale(t: (key: string) => string): Answer {
  return { status: 409, body: { error: "stale", message: t("console-programme-stale") } };
}

async function readBody<T>(req: IncomingMessage, schema: z.ZodType<T>, t: (key: string) => string): Promise<T> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, { error: "too-big", message: t("console-too-big") });
    chunks.push(buffer);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, { error: "bad-request", message: t("console-bad-request") });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HttpError(400, { error: "bad-request", message: t("console-bad-request") });
  return parsed.data;
}

/** Every `console-*` key of console.ftl, translated once per language for the page. */
function consoleTexts(deps: ConsoleHttpDeps): Map<Locale, Record<string, string>> {
  const keys = [...readFileSync(join(deps.localesDir, "en", "console.ftl"), "utf8").matchAll(/^(console-[a-z0-9-]+)\s*=/gm)].map((m) => m[1] ?? "");
  return new Map(LOCALES.map((locale) => [locale, Object.fromEntries(keys.map((key) => [key, deps.i18n.t(locale, key)]))]));
}
