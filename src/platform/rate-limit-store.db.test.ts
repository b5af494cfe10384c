// The batched rate-limit store against a real Redis: exact within one process, shared across
// processes after a flush, windows opened once for everyone, and counting goes on without Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchedRedisStore } from './rate-limit-store.ts';
import { connectRedis, type Redis } from './redis.ts';

const url = process.env.REDIS_URL;

const count = (store: BatchedRedisStore, key: string, window = 60_000) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(key, (err, r) => (err || !r ? reject(err) : resolve(r)), window, 100));

describe.runIf(url)('BatchedRedisStore', () => {
  let redis: Redis;
  let other: Redis;
  const prefix = `test:rl:${randomUUID()}:`;
  beforeAll(async () => {
    redis = await connectRedis(url!);
    other = await connectRedis(url!);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    other.disconnect();
  });

  it('counts every request at once in one process, and sends the count to Redis in one batch', async () => {
    const store = new BatchedRedisStore(redis, prefix);
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push((await count(store, 'a')).current);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(await redis.get(`${prefix}a`)).toBeNull();
    await store.flush();
    expect(await redis.get(`${prefix}a`)).toBe('5');
    const ttl = await redis.pttl(`${prefix}a`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('sees the other processes\' counts after a flush', async () => {
    const one = new BatchedRedisStore(redis, prefix);
    const two = new BatchedRedisStore(other, prefix);
    for (let i = 0; i < 3; i++) await count(one, 'b');
    for (let i = 0; i < 4; i++) await count(two, 'b');
    await one.flush();
    await two.flush();
    expect((await count(two, 'b')).current).toBe(8); // two sent last: its total holds one's 3
    // one hears of the others when it next sends: until then it counts on what it knew
    expect((await count(one, 'b')).current).toBe(4);
    await one.flush();
    expect((await count(one, 'b')).current).toBe(9); // 3 + 4 + its own 1, then this; two's 8th is still unsent
  });

  it('keeps the window Redis opened: a second process does not restart it', async () => {
    const one = new BatchedRedisStore(redis, prefix);
    await count(one, 'c', 60_000);
    await one.flush();
    await redis.pexpire(`${prefix}c`, 20_000);
    const two = new BatchedRedisStore(other, prefix);
    await count(two, 'c', 60_000);
    await two.flush();
    const { ttl, current } = await count(two, 'c', 60_000);
    expect(current).toBe(3);
    expect(ttl).toBeLessThanOrEqual(20_000);
  });

  it('a new window starts from zero once the old one has ended', async () => {
    let now = 1_000_000;
    const store = new BatchedRedisStore(redis, prefix, () => now);
    for (let i = 0; i < 3; i++) await count(store, 'd', 1_000);
    now += 1_001;
    expect((await count(store, 'd', 1_000)).current).toBe(1);
  });

  it('goes on counting in memory when Redis fails', async () => {
    const broken = await connectRedis(url!);
    const store = new BatchedRedisStore(broken, prefix);
    broken.disconnect();
    for (let i = 0; i < 2; i++) await count(store, 'e');
    await store.flush();
    expect((await count(store, 'e')).current).toBe(3);
  });
});
