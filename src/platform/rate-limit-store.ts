// Rate-limit counters that are counted in this process and shared through Redis in batches.
//
// @fastify/rate-limit's Redis store makes one Redis round trip per limit per request: on the
// flash-sale purchase route (a per-IP and a per-user limit) that was two round trips before a
// sold-out refusal could be answered, and the profile put a third of the refusal's CPU time in
// those socket writes. Here a request is counted at once in memory and answered from what this
// process knows (the last total Redis reported plus what it has counted since); every FLUSH_MS
// the counts gathered are sent to Redis in one pipeline (INCRBY, the window's expiry set by
// whichever process opens it), and the totals that come back include every other process's
// counts. With one process the limit is exact; with N processes a key can pass its limit by at
// most what the other processes admit within one flush interval. Redis stays an accelerator:
// when it fails, counting goes on in memory.
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Redis } from './redis.ts';

/** How often counts gathered in this process are sent to Redis. */
export const FLUSH_MS = 20;
/** Counters kept in memory at most; the window-expired ones go first. */
const MAX_KEYS = 200_000;

// Adds a batch to a key's count; the process that creates the key starts its window.
const ADD_SCRIPT = `
local current = redis.call('INCRBY', KEYS[1], ARGV[1])
if current == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return {current, ttl}`;

interface Counter {
  /** When the window ends, in this machine's epoch milliseconds. */
  windowEnd: number;
  timeWindow: number;
  /** The total Redis last reported (every process's counts). */
  known: number;
  /** Counted here and sent, not yet acknowledged. */
  sending: number;
  /** Counted here since the last send. */
  unsent: number;
}

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void;

export class BatchedRedisStore implements FastifyRateLimitStore {
  private readonly counters = new Map<string, Counter>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly redis: Redis, private readonly prefix = 'fission:rl:', private readonly now: () => number = Date.now) {
    if (!(redis as Redis & { fissionRateLimitAdd?: unknown }).fissionRateLimitAdd) redis.defineCommand('fissionRateLimitAdd', { numberOfKeys: 1, lua: ADD_SCRIPT });
  }

  /** The plugin's store contract: count one request for `key` and say where the window stands. */
  incr(key: string, cb: Callback, timeWindow: number, _max?: number): void {
    const now = this.now();
    let counter = this.counters.get(key);
    if (!counter || counter.windowEnd <= now) {
      if (!counter && this.counters.size >= MAX_KEYS) this.sweep(now);
      counter = { windowEnd: now + timeWindow, timeWindow, known: 0, sending: 0, unsent: 0 };
      this.counters.set(key, counter);
    }
    counter.unsent++;
    this.dirty.add(key);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
    cb(null, { current: counter.known + counter.sending + counter.unsent, ttl: counter.windowEnd - now });
  }

  /** Keys are already namespaced by bucket (`flashsale:ip:…`), so every route shares one store. */
  child(): BatchedRedisStore {
    return this;
  }

  /** Send the counts gathered since the last flush in one pipeline; resolves when Redis answered. */
  async flush(): Promise<void> {
    this.timer = null;
    if (this.dirty.size === 0) return;
    const batch: [string, Counter, number][] = [];
    for (const key of this.dirty) {
      const counter = this.counters.get(key);
      if (!counter || counter.unsent === 0) continue;
      batch.push([key, counter, counter.unsent]);
      counter.sending += counter.unsent;
      counter.unsent = 0;
    }
    this.dirty.clear();
    const pipeline = this.redis.pipeline();
    for (const [key, counter, count] of batch) (pipeline as unknown as { fissionRateLimitAdd(...a: unknown[]): void }).fissionRateLimitAdd(this.prefix + key, count, counter.timeWindow);
    let replies: [Error | null, unknown][] | null = null;
    try {
      replies = await pipeline.exec();
    } catch {
      replies = null;
    }
    const now = this.now();
    batch.forEach(([key, counter, count], i) => {
      counter.sending -= count;
      const [err, reply] = replies?.[i] ?? [new Error('no reply'), null];
      if (err || !Array.isArray(reply)) {
        // Redis is an accelerator: without it the count stays with this process.
        counter.known += count;
        return;
      }
      const [total, ttl] = reply as [number, number];
      // Redis's window is the shared one; a total from a window Redis already closed is not ours.
      if (this.counters.get(key) !== counter) return;
      // One connection answers pipelines in order: the total holds this batch and every earlier
      // one, and none of the later batches still in `sending`.
      counter.known = Number(total);
      counter.windowEnd = now + Number(ttl);
    });
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) if (counter.windowEnd <= now && counter.sending === 0) this.counters.delete(key);
    // Still full (a flood of distinct keys): drop the oldest half rather than grow without bound.
    if (this.counters.size >= MAX_KEYS) for (const key of [...this.counters.keys()].slice(0, MAX_KEYS / 2)) this.counters.delete(key);
  }
}
