import type { Result } from "ioredis";
import { defineCommands, type LuaCommand } from "./lua.js";
import type { Keys } from "./keys.js";
import type { Redis } from "./redis.js";

// Telegram gives up redelivering an update well within a day; the record need not outlive that.
const HANDLED_TTL_SECONDS = 24 * 3600;

const COMMANDS = {
  // KEYS: lease, handled. ARGV: token, lease ms. → 2 handled already, 1 lease taken, 0 someone holds it.
  mbUpdateClaim: {
    numberOfKeys: 2,
    lua: `if redis.call('exists', KEYS[2]) == 1 then return 2 end
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`,
  },
  // KEYS: lease. ARGV: token, lease ms. → 1 still ours (extended), 0 lost (expired, taken by another).
  mbLeaseRenew: {
    numberOfKeys: 1,
    lua: `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0`,
  },
  // KEYS: lease, handled (or none). ARGV: token, handled TTL s. Marks the update handled, frees the lease if ours.
  mbLeaseRelease: {
    lua: `if KEYS[2] then redis.call('set', KEYS[2], '1', 'EX', ARGV[2]) end
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`,
  },
} satisfies Record<string, LuaCommand>;

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** update-ledger.ts */
    mbUpdateClaim(lease: string, handled: string, token: string, leaseMs: number): Result<number, Context>;
    mbLeaseRenew(lease: string, token: string, leaseMs: number): Result<number, Context>;
    mbLeaseRelease(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

export type Claim = "taken" | "handled" | "busy";

/**
 * Webhook mode with several processes: which updates were handled to the end (by update_id, so a
 * redelivery is recognised), and the per-chat lease that lets one process at a time handle a chat's
 * update. A lease is a key holding its owner's random token with a TTL: only the owner extends or frees
 * it (compare-and-delete), and a process that died frees it by expiry.
 */
export class UpdateLedger {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {
    defineCommands(redis, COMMANDS);
  }

  /** One round trip: "handled" when this update was handled already, else tries to take the chat's lease. */
  async claim(chat: string, updateId: number, token: string, leaseMs: number): Promise<Claim> {
    const result = await this.redis.mbUpdateClaim(this.keys.chatLease(chat), this.keys.updateHandled(updateId), token, leaseMs);
    return result === 2 ? "handled" : result === 1 ? "taken" : "busy";
  }

  /** Extends the lease while a long update is handled; false when it is no longer ours. */
  async renew(chat: string, token: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.mbLeaseRenew(this.keys.chatLease(chat), token, leaseMs)) === 1;
  }

  /** Frees the lease (if still ours); with `handled`, first records the update as handled, in the same step. */
  async release(chat: string, token: string, handled?: number): Promise<void> {
    if (handled === undefined) await this.redis.mbLeaseRelease(1, this.keys.chatLease(chat), token, HANDLED_TTL_SECONDS);
    else await this.redis.mbLeaseRelease(2, this.keys.chatLease(chat), this.keys.updateHandled(handled), token, HANDLED_TTL_SECONDS);
  }
}
