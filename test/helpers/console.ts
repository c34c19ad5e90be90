import { sign } from "@tma.js/init-data-node";
import { freePort } from "./redis-server.js";

/** Where the console is mounted in tests (CONSOLE_URL's path). */
export const CONSOLE_PATH = "/console/";

/** Env that turns the console on: under polling on a free port of its own; under a webhook the webhook server's. */
export async function consoleEnv(organiserIds: string): Promise<Record<string, string>> {
  return { CONSOLE_URL: `https://mission-bot.test${CONSOLE_PATH}`, CONSOLE_PORT: String(await freePort()), ORGANISER_IDS: organiserIds };
}

/** initData as Telegram signs it for a Mini App opened by this user (HMAC with the bot token). */
export function initDataFor(token: string, user: { id: number; first_name?: string; language_code?: string }, authDate = new Date()): string {
  return sign({ user: { first_name: "Test", ...user }, query_id: "AAHdF6IQAAAAAN0XohDhrOrc" }, token, authDate);
}

export interface ConsoleClient {
  get(path: string, initData?: string): Promise<Response>;
  post(path: string, body: unknown, initData?: string): Promise<Response>;
}

/** Requests to the console's API on `port`, authorised as the Mini App does (`Authorization: tma <initData>`). */
export function consoleClient(port: number): ConsoleClient {
  const url = (path: string) => `http://127.0.0.1:${port}${CONSOLE_PATH}api/${path}`;
  const auth = (initData?: string): Record<string, string> => (initData === undefined ? {} : { authorization: `tma ${initData}` });
  return {
    get: (path, initData) => fetch(url(path), { headers: auth(initData) }),
    post: (path, body, initData) => fetch(url(path), { method: "POST", headers: { ...auth(initData), "content-type": "application/json" }, body: JSON.stringify(body) }),
  };
}
