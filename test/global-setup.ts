import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import type { TestProject } from "vitest/node";
import { freePort, waitForRedis } from "./helpers/redis-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * Tests need a real Redis. Use REDIS_URL (default 127.0.0.1:6379) when it answers; otherwise start a
 * throwaway redis-server from PATH on a free port for this run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (await answers(url)) {
    project.provide("redisUrl", url);
    return undefined;
  }
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    throw new Error(
      `No Redis answers at ${url} and redis-server is not on PATH.\n` +
        "Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.",
    );
  }
  const port = await freePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const throwaway = `redis://127.0.0.1:${port}`;
  await waitForRedis(throwaway);
  process.stderr.write(`No Redis at ${url}; started a throwaway redis-server at ${throwaway}\n`);
  project.provide("redisUrl", throwaway);
  return () => {
    child.kill("SIGTERM");
    return Promise.resolve();
  };
}
