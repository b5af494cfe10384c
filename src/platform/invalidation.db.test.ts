// The invalidation bus: what one process publishes reaches the others' subscribers (PostgreSQL
// LISTEN/NOTIFY; Redis pub/sub when REDIS_URL is set), its own subscribers at once and once only,
// and a reconnect tells caches to drop everything. PGlite runs one process: its bus is local.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { testDbKind } from '../../test/db.ts';
import { createLocalBus, createPostgresBus, createRedisBus, type InvalidationBus } from './invalidation.ts';
import { ReadCache } from './read-cache.ts';

const channel = () => `fission_test_${randomBytes(6).toString('hex')}`;
const opened: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

/** Resolves with the keys a subscriber saw once `count` have arrived (or what it has after 5 s). */
function collect(bus: InvalidationBus, topic: string, count: number): Promise<string[]> {
  const seen: string[] = [];
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(seen), 5000);
    bus.subscribe(topic, (key) => {
      seen.push(key);
      if (seen.length === count) {
        clearTimeout(timer);
        // A moment longer, so a duplicate would show.
        setTimeout(() => resolve(seen), 150);
      }
    });
  });
}

/** Two processes' buses: a publish on either reaches the other, and its own subscribers once. */
function crossProcessContract(open: () => Promise<InvalidationBus>) {
  it('delivers a publish to the other process and to its own subscribers once', async () => {
    const a = await open();
    const b = await open();
    const atB = collect(b, 'identity.user', 2);
    const atA = collect(a, 'identity.user', 2);
    await a.publish('identity.user', 'u-1');
    await b.publish('identity.user', 'u-2');
    // Its own arrive at once, the other's a moment later: the order across processes is not fixed.
    expect((await atB).sort()).toEqual(['u-1', 'u-2']);
    expect((await atA).sort()).toEqual(['u-1', 'u-2']);
  });

  it('drops a cached copy in the other process', async () => {
    const a = await open();
    const b = await open();
    const cacheInB = new ReadCache<string>({ ttlMs: 60_000, max: 10 });
    cacheInB.follow(b, 'catalog.changed');
    cacheInB.set('p-1', 'old title');
    const arrived = collect(b, 'catalog.changed', 1);
    await a.publish('catalog.changed', 'p-1');
    await arrived;
    expect(cacheInB.get('p-1')).toBeUndefined();
  });
}

describe('the invalidation bus in one process', () => {
  it('calls subscribers of the topic synchronously, and stops after unsubscribe', async () => {
    const bus = createLocalBus();
    const seen: string[] = [];
    const off = bus.subscribe('t', (k) => seen.push(k));
    bus.subscribe('other', (k) => seen.push(`other:${k}`));
    const sent = bus.publish('t', 'a');
    expect(seen).toEqual(['a']);
    await sent;
    off();
    await bus.publish('t', 'b');
    expect(seen).toEqual(['a']);
  });
});

describe.runIf(testDbKind() === 'postgres')('the invalidation bus over PostgreSQL LISTEN/NOTIFY', () => {
  const url = process.env.DATABASE_URL!;
  const name = channel();
  crossProcessContract(async () => {
    const bus = await createPostgresBus(url, { channel: name });
    opened.push(() => bus.close());
    return bus;
  });

  it('reconnects after losing its connection and tells caches to drop everything', async () => {
    const own = channel();
    const listener = await createPostgresBus(url, { channel: own, retryMs: 100 });
    opened.push(() => listener.close());
    const publisher = await createPostgresBus(url, { channel: own });
    opened.push(() => publisher.close());
    const cache = new ReadCache<string>({ ttlMs: 60_000, max: 10 });
    cache.follow(listener, 'catalog.changed');
    cache.set('p-1', 'kept until the gap');
    // The publisher's last statement is then a NOTIFY, so only the listener is cut below.
    const warm = collect(listener, 'warm-up', 1);
    await publisher.publish('warm-up', 'x');
    await warm;
    const gap = new Promise<void>((resolve) => listener.onGap(resolve));
    // Cut the listener's connection from the server side, as a restart or a network drop would.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where query = $1`, [`LISTEN ${own}`]);
    await admin.end();
    await gap;
    expect(cache.get('p-1')).toBeUndefined();
    // And it listens again.
    const after = collect(listener, 'catalog.changed', 1);
    await publisher.publish('catalog.changed', 'p-2');
    expect(await after).toEqual(['p-2']);
  });
});

describe.runIf(testDbKind() === 'postgres' && process.env.REDIS_URL)('the invalidation bus over Redis pub/sub', () => {
  const name = channel();
  crossProcessContract(async () => {
    const redis = new Redis(process.env.REDIS_URL!, { lazyConnect: true });
    await redis.connect();
    const bus = await createRedisBus(redis, { channel: name });
    opened.push(() => redis.disconnect());
    opened.push(() => bus.close());
    return bus;
  });
});
