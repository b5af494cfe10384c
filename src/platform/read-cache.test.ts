// The read cache's rules that do not need a bus: expiry by time, shared loads, and a load that
// raced an invalidation not kept.
import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.ts';

const cacheAt = () => {
  const clock = { t: 0 };
  return { clock, cache: new ReadCache<string>({ ttlMs: 100, max: 3, now: () => clock.t }) };
};

describe('ReadCache', () => {
  it('serves an entry until its time is up, and drops the oldest when full', () => {
    const { clock, cache } = cacheAt();
    cache.set('a', '1');
    clock.t = 99;
    expect(cache.get('a')).toBe('1');
    clock.t = 100;
    expect(cache.get('a')).toBeUndefined();
    for (const k of ['b', 'c', 'd', 'e']) cache.set(k, k);
    expect([cache.get('b'), cache.get('e'), cache.size]).toEqual([undefined, 'e', 3]);
  });

  it('shares one load among concurrent misses', async () => {
    const { cache } = cacheAt();
    let loads = 0;
    const load = async () => `v${++loads}`;
    const values = await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)]);
    expect(values).toEqual(['v1', 'v1']);
    expect(loads).toBe(1);
  });

  it('loadAlone runs its own load every time a key is missing, and keeps what it found for the next caller', async () => {
    const { cache } = cacheAt();
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await Promise.all([cache.loadAlone('k', load), cache.loadAlone('k', load)])).toEqual(['v1', 'v2']);
    expect(cache.get('k')).toBe('v2');
  });

  it('does not keep a value loaded across an invalidation of it', async () => {
    const { cache } = cacheAt();
    let release!: () => void;
    const loading = cache.loadAlone('k', () => new Promise<string>((resolve) => (release = () => resolve('old'))));
    cache.delete('k');
    release();
    expect(await loading).toBe('old');
    expect(cache.get('k')).toBeUndefined();
  });

  it('does not let a failed load poison the cache', async () => {
    const { cache } = cacheAt();
    await expect(cache.loadAlone('k', async () => { throw new Error('rolled back'); })).rejects.toThrow('rolled back');
    expect(cache.get('k')).toBeUndefined();
  });
});
