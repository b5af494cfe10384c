import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_MAX_PRIZE_VALUE_AMOUNT, oddsOf, pickPrize, poolProblem, seededRandom, type SnapshotPrize } from './lottery.rules.ts';

const table: SnapshotPrize[] = [
  { id: 'a', kind: 'coupon', name: '5 元券', weight: 10 },
  { id: 'b', kind: 'points', name: '100 积分', weight: 30 },
  { id: 'z', kind: 'product', name: '停售', weight: 0 },
  { id: 'c', kind: 'nothing', name: '谢谢参与', weight: 60 },
];

describe('lottery rules', () => {
  it('picks by cumulative weight and skips zero weights', () => {
    expect(pickPrize(table, 0)!.id).toBe('a');
    expect(pickPrize(table, 0.0999)!.id).toBe('a');
    expect(pickPrize(table, 0.1)!.id).toBe('b');
    expect(pickPrize(table, 0.3999)!.id).toBe('b');
    expect(pickPrize(table, 0.4)!.id).toBe('c');
    expect(pickPrize(table, 0.999999)!.id).toBe('c');
    expect(pickPrize([], 0.5)).toBeNull();
  });

  it('always picks a prize with positive weight from the snapshot', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (weights, r) => {
        const snap = weights.map((w, i) => ({ id: String(i), kind: 'nothing' as const, name: String(i), weight: w }));
        const picked = pickPrize(snap, r);
        if (weights.every((w) => w === 0)) expect(picked).toBeNull();
        else expect(picked!.weight).toBeGreaterThan(0);
      }),
    );
  });

  it('publishes odds, checks the ¥50,000 cap and pool shape, locks rules at the start', () => {
    expect(oddsOf(table).map((p) => p.probability)).toEqual([0.1, 0.3, 0, 0.6]);
    const ok = [{ name: 'x', kind: 'nothing' as const, weight: 1 }];
    expect(poolProblem(ok, DEFAULT_MAX_PRIZE_VALUE_AMOUNT)).toBeNull();
    expect(poolProblem([{ name: 'car', kind: 'product', skuId: 's', weight: 1, stock: 1, valueAmount: 50_000_01 }], DEFAULT_MAX_PRIZE_VALUE_AMOUNT)!.code).toBe('LOTTERY_PRIZE_VALUE_CAP');
    expect(poolProblem([{ name: 'tv', kind: 'product', skuId: 's', weight: 1, stock: 1, valueAmount: 50_000_00 }], DEFAULT_MAX_PRIZE_VALUE_AMOUNT)).toBeNull();
    expect(poolProblem([{ name: 'x', kind: 'coupon', weight: 1 }], DEFAULT_MAX_PRIZE_VALUE_AMOUNT)!.code).toBe('LOTTERY_POOL_INVALID');
    expect(poolProblem([{ name: 'x', kind: 'nothing', weight: 0 }], DEFAULT_MAX_PRIZE_VALUE_AMOUNT)!.code).toBe('LOTTERY_POOL_INVALID');
  });

  it('the seeded random source is repeatable and within [0,1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
