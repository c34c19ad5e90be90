import { describe, expect, it } from "vitest";
import { connectRedis } from "../../src/storage/redis.js";

describe("connectRedis", () => {
  it("connects through ioredis's Sentinel support, TLS to the sentinels and the master with rediss-sentinel://", () => {
    const plain = connectRedis("redis-sentinel://:pw@10.0.0.1:26379,10.0.0.2/mymaster?db=1", { lazyConnect: true });
    expect(plain.options).toMatchObject({ sentinels: [{ host: "10.0.0.1", port: 26379 }, { host: "10.0.0.2", port: 26379 }], name: "mymaster", password: "pw", db: 1 });
    expect(plain.options.tls).toBeUndefined();
    const tls = connectRedis("rediss-sentinel://s1:26379/forum", { lazyConnect: true });
    expect(tls.options).toMatchObject({ name: "forum", tls: {}, sentinelTLS: {}, enableTLSForSentinelMode: true });
    const server = connectRedis("rediss://:pw@redis.example.org:6380/2", { lazyConnect: true });
    expect(server.options).toMatchObject({ host: "redis.example.org", port: 6380, password: "pw", db: 2, tls: {} });
    for (const client of [plain, tls, server]) client.disconnect();
  });
});
