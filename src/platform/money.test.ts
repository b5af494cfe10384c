import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { add, applyBasisPoints, formatMoney, money, prorate, subtract } from './money.ts';

describe('money', () => {
  it('adds and subtracts in minor units and refuses mixed currencies', () => {
    expect(add(money(1990), money(10))).toEqual({ amount: 2000, currency: 'CNY' });
    expect(subtract(money(1990), money(1990)).amount).toBe(0);
    expect(() => add(money(1), money(1, 'EUR'))).toThrow(/currency mismatch/);
  });
  it('refuses fractional minor units', () => {
    expect(() => money(19.9)).toThrow(/whole number/);
  });
  it('applies basis points with half-up rounding', () => {
    expect(applyBasisPoints(1999, 1000)).toBe(200); // 199.9 → 200
    expect(applyBasisPoints(1995, 1000)).toBe(200); // 199.5 → 200
    expect(applyBasisPoints(1994, 1000)).toBe(199);
  });
  it('formats yuan for people', () => {
    expect(formatMoney(money(1990))).toContain('19.90');
  });
  it('prorate splits in proportion and gives the remainder to the largest fractions', () => {
    expect(prorate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(prorate(1000, [2990, 4500, 199])).toEqual([389, 585, 26]);
    expect(prorate(-10, [1, 1, 1])).toEqual([-4, -3, -3]);
    expect(prorate(7, [0, 0])).toEqual([4, 3]);
    expect(prorate(0, [])).toEqual([]);
  });
  it('property: prorate always sums exactly to the total and never goes past a share by a unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = prorate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const wsum = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = wsum === 0 ? total / weights.length : (total * weights[i]) / wsum;
            expect(Math.abs(p - exact)).toBeLessThan(1);
            expect(Number.isInteger(p)).toBe(true);
          });
        },
      ),
    );
  });
});
