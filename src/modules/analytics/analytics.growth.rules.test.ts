import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activeUsers, cac, growthRate, roi } from './analytics.growth.rules.ts';

describe('active users', () => {
  it('counts DAU, trailing-7-day WAU and trailing-30-day MAU as set unions do', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.integer({ min: 0, max: 80 }).map(String), fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 4 })), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 30 }), (activity, first, length) => {
        const on = (d: number) => activity[String(d)] ?? [];
        const days = Array.from({ length }, (_, i) => first + i);
        const rows = activeUsers(days, on);
        const union = (from: number, to: number) => { const s = new Set<string>(); for (let d = from; d <= to; d++) on(d).forEach((p) => s.add(p)); return s.size; };
        expect(rows.map((r) => r.day)).toEqual(days);
        for (const r of rows) {
          expect(r.dau).toBe(new Set(on(r.day)).size);
          expect(r.wau).toBe(union(r.day - 6, r.day));
          expect(r.mau).toBe(union(r.day - 29, r.day));
          expect(r.stickiness).toBe(r.mau ? r.dau / r.mau : null);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('campaign money ratios', () => {
  it('shows each figure with its formula, and no figure when it would divide by zero', () => {
    expect(cac(10_000, 4)).toEqual({ value: 2_500, formula: 'cost 10000 fen ÷ new customers 4' });
    expect(cac(10_000, 0).value).toBeNull();
    expect(roi(30_000, 10_000).value).toBe(2);
    expect(roi(30_000, 10_000).formula).toContain('attributed GMV');
    expect(roi(5_000, 0).value).toBeNull();
    expect(growthRate(15, 10).value).toBe(0.5);
    expect(growthRate(3, 0).value).toBeNull();
  });
});
