import { z } from "zod";
import { idSchema } from "./mission/schema.js";

/**
 * Invite links: `https://t.me/<bot>?start=i_<token>` gives a role (host, speaker, organiser). Pure: the
 * command's grammar, the payload's shape and the stored record.
 */

export const INVITE_ROLES = ["host", "speaker", "organiser"] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

export const DEFAULT_USES = 1;
export const DEFAULT_DAYS = 14;
export const MAX_USES = 500;
export const MAX_DAYS = 90;

/** 16 random bytes in base64url: 22 characters, 128 bits, never guessed. */
export const TOKEN_BYTES = 16;
const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const PAYLOAD_PREFIX = "i_";

export const inviteSchema = z.object({
  token: z.string().regex(TOKEN),
  role: z.enum(INVITE_ROLES),
  speakerId: idSchema.optional(),
  maxUses: z.number().int().min(1),
  uses: z.number().int().min(0),
  /** Epoch milliseconds; the link works strictly before it. */
  expiresAt: z.number().int(),
  createdBy: z.number().int(),
  createdAt: z.number().int(),
  revoked: z.boolean(),
});
export type Invite = z.infer<typeof inviteSchema>;

/** What redeeming a link came to; decided atomically in storage. */
export const REDEEM_OUTCOMES = ["ok", "again", "missing", "revoked", "expired", "used-up"] as const;
export type RedeemOutcome = (typeof REDEEM_OUTCOMES)[number];

export function invitePayload(token: string): string {
  return `${PAYLOAD_PREFIX}${token}`;
}

export type StartPayload = { kind: "none" } | { kind: "invite"; token: string } | { kind: "unknown" };

/** Reads a `/start` payload; anything that is not exactly an invite's shape is unknown (forged or cut). */
export function parseStartPayload(payload: string): StartPayload {
  const text = payload.trim();
  if (text === "") return { kind: "none" };
  if (text.startsWith(PAYLOAD_PREFIX)) {
    const token = text.slice(PAYLOAD_PREFIX.length);
    if (TOKEN.test(token)) return { kind: "invite", token };
  }
  return { kind: "unknown" };
}

export type InviteCommand =
  | { ok: true; role: InviteRole; speakerId?: string; uses: number; days: number }
  | { ok: false; error: "usage" }
  | { ok: false; error: "speaker-id"; given?: string }
  | { ok: false; error: "unknown-speaker"; given: string }
  | { ok: false; error: "uses"; max: number }
  | { ok: false; error: "days"; max: number };

const ROLE_WORDS: Record<string, InviteRole> = { host: "host", speaker: "speaker", organiser: "organiser", organizer: "organiser" };

function count(word: string | undefined, fallback: number, max: number): number | undefined {
  if (word === undefined) return fallback;
  if (!/^\d{1,4}$/.test(word)) return undefined;
  const n = Number(word);
  return n >= 1 && n <= max ? n : undefined;
}

/**
 * `/invite host|organiser [uses] [days]` or `/invite speaker <speakerId> [uses] [days]`. Speaker ids are
 * checked against the programme's speakers when it lists any (`knownSpeakers`), otherwise only their shape.
 */
export function parseInviteCommand(args: string, knownSpeakers?: readonly string[]): InviteCommand {
  const words = args.trim().split(/\s+/).filter((w) => w !== "");
  const role = ROLE_WORDS[(words.shift() ?? "").toLowerCase()];
  if (!role) return { ok: false, error: "usage" };
  let speakerId: string | undefined;
  if (role === "speaker") {
    const given = words.shift();
    if (given === undefined || !idSchema.safeParse(given).success) return { ok: false, error: "speaker-id", ...(given ? { given } : {}) };
    if (knownSpeakers && !knownSpeakers.includes(given)) return { ok: false, error: "unknown-speaker", given };
    speakerId = given;
  }
  if (words.length > 2) return { ok: false, error: "usage" };
  const uses = count(words[0], DEFAULT_USES, MAX_USES);
  if (uses === undefined) return { ok: false, error: "uses", max: MAX_USES };
  const days = count(words[1], DEFAULT_DAYS, MAX_DAYS);
  if (days === undefined) return { ok: false, error: "days", max: MAX_DAYS };
  return { ok: true, role, ...(speakerId ? { speakerId } : {}), uses, days };
}
