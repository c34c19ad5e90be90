import type { Redis } from "./redis.js";

/** A Lua script as ioredis's `defineCommand` takes it. */
export interface LuaCommand {
  /** Absent for a script whose number of keys varies: the caller then passes it first. */
  numberOfKeys?: number;
  lua: string;
}

/**
 * The opening of a compare-and-set script on one stored record: returns 0 unless KEYS[1] still holds
 * exactly ARGV[1], the raw value the caller read ('' = it must not exist). The rest of the script writes.
 */
export const RECORD_UNCHANGED_LUA = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end`;

/**
 * Defines a repository's scripts on its client with ioredis's `defineCommand`: ioredis then runs them
 * by SHA (EVALSHA) and loads them itself when a Redis has not seen them (a fresh or restarted server).
 * Defining again is harmless (the same source). Each repository declares its commands' signatures on
 * ioredis's `RedisCommander` next to the scripts (declaration merging, as ioredis documents).
 * For the few writes that must be atomic.
 */
export function defineCommands(redis: Redis, commands: Readonly<Record<string, LuaCommand>>): void {
  for (const [name, command] of Object.entries(commands)) redis.defineCommand(name, command);
}

/** Runs a MULTI and turns a failed command inside it into an exception (ioredis only reports it). */
export async function execAll(multi: ReturnType<Redis["multi"]>): Promise<void> {
  const results = await multi.exec();
  if (results === null) throw new Error("redis transaction aborted");
  for (const [err] of results) if (err) throw err;
}
