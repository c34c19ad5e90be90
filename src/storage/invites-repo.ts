import { z } from "zod";
import { INVITE_ROLES, inviteSchema, REDEEM_OUTCOMES, type Invite, type RedeemOutcome } from "../domain/invite.js";
import type { Logger } from "../logger.js";
import type { Keys } from "./keys.js";
import { defineCommands, execAll } from "./lua.js";
import type { Result } from "ioredis";
import type { Redis } from "./redis.js";

// An expired or used-up link is still recognised (and reported as such) for a month, then forgotten.
const KEEP_AFTER_EXPIRY_MS = 30 * 24 * 3600 * 1000;

// Check and consume in one step: two people opening the last use of a link at the same moment cannot
// both get it. Someone who already redeemed it may open it again without using it up.
const REDEEM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 'again' end
local f = redis.call('HMGET', KEYS[1], 'revoked', 'expiresAt', 'maxUses', 'uses')
if f[1] == '1' then return 'revoked' end
if tonumber(f[2]) <= tonumber(ARGV[2]) then return 'expired' end
if tonumber(f[4]) >= tonumber(f[3]) then return 'used-up' end
redis.call('HINCRBY', KEYS[1], 'uses', 1)
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('PEXPIREAT', KEYS[2], tonumber(f[2]) + tonumber(ARGV[3]))
return 'ok'`;
const COMMANDS = { mbInviteRedeem: { numberOfKeys: 2, lua: REDEEM } };

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** invites-repo.ts: REDEEM. */
    mbInviteRedeem(invite: string, redeemers: string, userId: string, now: string, keepMs: string): Result<unknown, Context>;
  }
}

const storedInvite = z
  .looseObject({
    role: z.enum(INVITE_ROLES),
    maxUses: z.coerce.number(),
    uses: z.coerce.number(),
    expiresAt: z.coerce.number(),
    createdBy: z.coerce.number(),
    createdAt: z.coerce.number(),
    revoked: z.enum(["0", "1"]).transform((v) => v === "1"),
  })
  .pipe(inviteSchema);

/** Invite links in Redis: a hash per token, a set of who redeemed it, and an index by creation time. */
export class InvitesRepo {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {
    defineCommands(redis, COMMANDS);
  }

  async create(invite: Invite): Promise<void> {
    const i = inviteSchema.parse(invite);
    const key = this.keys.invite(i.token);
    const multi = this.redis.multi();
    multi.hset(key, {
      token: i.token,
      role: i.role,
      ...(i.speakerId ? { speakerId: i.speakerId } : {}),
      maxUses: String(i.maxUses),
      uses: String(i.uses),
      expiresAt: String(i.expiresAt),
      createdBy: String(i.createdBy),
      createdAt: String(i.createdAt),
      revoked: i.revoked ? "1" : "0",
    });
    multi.pexpireat(key, i.expiresAt + KEEP_AFTER_EXPIRY_MS);
    multi.zadd(this.keys.invites, i.createdAt, i.token);
    await execAll(multi);
  }

  async get(token: string): Promise<Invite | undefined> {
    const raw = await this.redis.hgetall(this.keys.invite(token));
    if (Object.keys(raw).length === 0) return undefined;
    const parsed = storedInvite.safeParse({ ...raw, token });
    if (parsed.success) return parsed.data;
    this.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, "stored invite failed validation; ignored");
    return undefined;
  }

  /** Consumes one use for this user if the link still allows it; atomic. */
  async redeem(token: string, userId: number, now: number): Promise<RedeemOutcome> {
    const result = await this.redis.mbInviteRedeem(this.keys.invite(token), this.keys.inviteRedeemers(token), String(userId), String(now), String(KEEP_AFTER_EXPIRY_MS));
    const parsed = z.enum(REDEEM_OUTCOMES).safeParse(result);
    if (!parsed.success) throw new Error(`unexpected redeem result ${String(result)}`);
    return parsed.data;
  }

  /** Newest first; links already forgotten (past their keeping time) are dropped from the index. */
  async list(): Promise<Invite[]> {
    const tokens = await this.redis.zrevrange(this.keys.invites, 0, -1);
    const found: Invite[] = [];
    const gone: string[] = [];
    for (const token of tokens) {
      const invite = await this.get(token);
      if (invite) found.push(invite);
      else gone.push(token);
    }
    if (gone.length > 0) await this.redis.zrem(this.keys.invites, ...gone);
    return found;
  }

  /**
   * Forgets who redeemed links (for /deletemydata); the use counts stay, without anyone's id. Missions
   * have dozens of links, so going through all of them is cheap.
   */
  async forgetRedeemer(userId: number): Promise<void> {
    const tokens = await this.redis.zrange(this.keys.invites, 0, -1);
    if (tokens.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const token of tokens) pipeline.srem(this.keys.inviteRedeemers(token), String(userId));
    await pipeline.exec();
  }

  /** Stops a link from working; people who already used it keep their role. */
  async revoke(token: string): Promise<boolean> {
    const key = this.keys.invite(token);
    if ((await this.redis.exists(key)) === 0) return false;
    await this.redis.hset(key, "revoked", "1");
    return true;
  }
}
