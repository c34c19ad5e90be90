import type { MessageEntity } from "grammy/types";
import { ORGANISER_COMMANDS, PUBLIC_COMMANDS } from "./commands.js";
import type { BotContext } from "./context.js";
import { escapeHtml } from "./html.js";
import type { Translate } from "./i18n.js";
import type { SessionData } from "./session.js";

/**
 * Leaves whatever flow the user is in: the conversations (profile edit, meeting request, broadcast) and
 * the registration, which is no conversation but a marker in the session (features/registration).
 */
export async function leaveFlows(ctx: BotContext): Promise<void> {
  await ctx.conversation.exitAll();
  delete ctx.session.registration;
}

/** Whether the user is in any flow. */
export function inAnyFlow(ctx: BotContext): boolean {
  return ctx.session.registration !== undefined || Object.keys(ctx.conversation.active()).length > 0;
}

/** A command as typed: its name lower-cased without the bot's, and what follows it (a deep link's payload). */
export function typedCommand(message: { text?: string; entities?: readonly MessageEntity[] } | undefined): { name: string; payload: string } | undefined {
  const entity = message?.entities?.[0];
  const text = message?.text;
  if (text === undefined || entity?.type !== "bot_command" || entity.offset !== 0) return undefined;
  const name = text.slice(1, entity.length).split("@")[0]?.toLowerCase() ?? "";
  return { name, payload: text.slice(entity.length).trim() };
}

/**
 * A plain `/start` (no link) from someone in a flow: the flow's to answer (it asks its question again),
 * not the greeting's. With a link, `/start` opens the link and leaves the flow.
 */
export function plainStartInFlow(ctx: BotContext): boolean {
  if (ctx.message?.text?.startsWith("/start") !== true) return false;
  const command = typedCommand(ctx.message);
  return command?.name === "start" && command.payload === "" && inAnyFlow(ctx);
}

const PUBLIC: ReadonlySet<string> = new Set(PUBLIC_COMMANDS);
const ORGANISER: ReadonlySet<string> = new Set(ORGANISER_COMMANDS);

/** Why a flow asks its question again after a command. */
export type FlowHint = { code: "start" } | { code: "no-skip" } | { code: "unknown"; command: string };

/** What a command typed in the middle of a flow does there. */
export type CommandInFlow =
  /** One of the user's own command menu, or `/start` with a link: the flow is left and the command runs. */
  | { kind: "leave"; command: string }
  /** `/skip` at a question that may be skipped: the same as its Skip button. */
  | { kind: "skip" }
  /** Anything else (an unknown command, a plain `/start`): the question again under this hint, and the flow goes on. */
  | { kind: "again"; hint: FlowHint };

/**
 * Reads a command typed inside a flow; `undefined` when the message is no command. "The user's own
 * command menu" is what Telegram shows them (commands.ts): the public commands, and the organisers'
 * ones for an organiser only — `isOrganiser` is asked only for those. `/cancel` never gets here (it is
 * handled before every flow), nor does `/start` with a link (the start feature leaves the flow for it).
 */
export async function commandInFlow(
  message: { text?: string; entities?: readonly MessageEntity[] } | undefined,
  question: { skippable: boolean; isOrganiser: () => Promise<boolean> },
): Promise<CommandInFlow | undefined> {
  const command = typedCommand(message);
  if (command === undefined) return undefined;
  const { name } = command;
  if (name === "start") return command.payload === "" ? { kind: "again", hint: { code: "start" } } : { kind: "leave", command: name };
  if (name === "skip") return question.skippable ? { kind: "skip" } : { kind: "again", hint: { code: "no-skip" } };
  if (PUBLIC.has(name) || (ORGANISER.has(name) && (await question.isOrganiser()))) return { kind: "leave", command: name };
  return { kind: "again", hint: { code: "unknown", command: `/${name}` } };
}

/** The line above a question asked again after a command (HTML: the command is the user's text). */
export function flowHintText(t: Translate, hint: FlowHint): string {
  if (hint.code === "unknown") return t("flow-again-unknown", { command: escapeHtml(hint.command) });
  return t(`flow-again-${hint.code}`);
}

/**
 * Whether the session holds a flow, read before the conversations plugin is installed (routing.ts): the
 * registration's marker, or conversation state, which the plugin deletes from the session once no
 * conversation is active (its storage adapter in create-bot.ts). State the plugin no longer reads (an
 * old version) also counts: such a user takes the whole way, where the plugin is.
 */
export function sessionInFlow(session: SessionData): boolean {
  return session.registration !== undefined || session.conversations !== undefined;
}
