import { describe, expect, it } from 'vitest';
import { createInsertCoalescer } from './analytics.ingest-coalescer.ts';

const rows = (...keys: string[]) => keys.map((dedupe_key) => ({ dedupe_key }));

/** A fake table: remembers keys, records each statement's size, lets the test finish statements, and answers with the keys it found stored already. */
function table(opts: { failWhen?: (keys: string[]) => boolean } = {}) {
  const stored = new Set<string>();
  const statements: string[][] = [];
  const pending: (() => void)[] = [];
  const insert = (batch: { dedupe_key: string }[]) =>
    new Promise<Set<string>>((resolve, reject) => {
      const keys = batch.map((r) => r.dedupe_key);
      statements.push(keys);
      pending.push(() => {
        if (opts.failWhen?.(keys)) return reject(new Error('bad row'));
        const skipped = new Set(keys.filter((k) => stored.has(k)));
        for (const k of keys) stored.add(k);
        resolve(skipped);
      });
    });
  const finishAll = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { stored, statements, insert, finishAll };
}

describe('the ingest coalescer', () => {
  it('sends the first batch at once and the batches that arrive meanwhile together', async () => {
    const t = table();
    const c = createInsertCoalescer(t.insert, { maxRows: 1000, concurrency: 1 });
    const first = c.add(rows('a', 'b'));
    const others = [c.add(rows('c')), c.add(rows('d', 'e')), c.add(rows('f'))];
    expect(t.statements).toEqual([['a', 'b']]);
    await t.finishAll();
    expect(await first).toBe(2);
    expect(await Promise.all(others)).toEqual([1, 2, 1]);
    expect(t.statements).toEqual([['a', 'b'], ['c', 'd', 'e', 'f']]);
  });

  it('counts a key repeated across batches of one statement for the first batch only, and skips stored keys', async () => {
    const t = table();
    t.stored.add('old');
    const c = createInsertCoalescer(t.insert, { maxRows: 1000, concurrency: 1 });
    const blocker = c.add(rows('x'));
    const a = c.add(rows('k', 'old'));
    const b = c.add(rows('k', 'm'));
    await t.finishAll();
    expect([await blocker, await a, await b]).toEqual([1, 1, 1]);
    expect([...t.stored].sort()).toEqual(['k', 'm', 'old', 'x']);
  });

  it('keeps statements within maxRows, but a single larger batch goes alone', async () => {
    const t = table();
    const c = createInsertCoalescer(t.insert, { maxRows: 3, concurrency: 1 });
    const all = [c.add(rows('a')), c.add(rows('b', 'c')), c.add(rows('d', 'e')), c.add(rows('f', 'g', 'h', 'i')), c.add(rows('j'))];
    await t.finishAll();
    expect(await Promise.all(all)).toEqual([1, 2, 2, 4, 1]);
    expect(t.statements).toEqual([['a'], ['b', 'c'], ['d', 'e'], ['f', 'g', 'h', 'i'], ['j']]);
  });

  it('retries a failed combined statement batch by batch: only the bad batch fails', async () => {
    const t = table({ failWhen: (keys) => keys.includes('bad') });
    const c = createInsertCoalescer(t.insert, { maxRows: 1000, concurrency: 1 });
    const blocker = c.add(rows('a'));
    const good = c.add(rows('g1', 'g2'));
    const bad = c.add(rows('bad'));
    const settled = Promise.allSettled([blocker, good, bad]);
    await t.finishAll();
    const [r1, r2, r3] = await settled;
    expect(r1).toEqual({ status: 'fulfilled', value: 1 });
    expect(r2).toEqual({ status: 'fulfilled', value: 2 });
    expect(r3.status).toBe('rejected');
    expect(t.stored.has('bad')).toBe(false);
  });

  it('gathering, waits for the rest of the event loop turn, so batches added in one turn go together', async () => {
    const t = table();
    const c = createInsertCoalescer(t.insert, { maxRows: 1000, concurrency: 1, gather: true });
    const all = [c.add(rows('a')), c.add(rows('b', 'c'))];
    expect(t.statements).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(t.statements).toEqual([['a', 'b', 'c']]);
    const late = c.add(rows('d'));
    await t.finishAll();
    // The batch that came while the statement was in flight is gathered in the turn after it.
    await new Promise((r) => setImmediate(r));
    await t.finishAll();
    expect(await Promise.all([...all, late])).toEqual([1, 2, 1]);
    expect(t.statements).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('runs up to `concurrency` statements at once', async () => {
    const t = table();
    const c = createInsertCoalescer(t.insert, { maxRows: 1000, concurrency: 2 });
    const all = [c.add(rows('a')), c.add(rows('b')), c.add(rows('c')), c.add(rows('d'))];
    expect(t.statements).toEqual([['a'], ['b']]);
    await t.finishAll();
    expect(await Promise.all(all)).toEqual([1, 1, 1, 1]);
    expect(t.statements.slice(2)).toEqual([['c', 'd']]);
  });
});
