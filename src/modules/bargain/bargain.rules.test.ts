import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { campaignProblem, canBuyAt, cutAmount, isBrandNewCustomer, progressPercent, starterCutAmount } from './bargain.rules.ts';

const scenario = fc
  .record({ floor: fc.integer({ min: 1, max: 1_000_000 }), n: fc.integer({ min: 1, max: 100 }), extra: fc.integer({ min: 0, max: 10_000_000 }) })
  .map(({ floor, n, extra }) => ({ floor, n, price: floor + n + extra }));

describe('price-cut split', () => {
  it('cuts positive whole fen, never below the floor, reaching it exactly at the N-th help, for any random sequence', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 100, maxLength: 100 }), fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }), ({ floor, n, price }, randoms, fresh) => {
        let current = price;
        let total = 0;
        for (let i = 0; i < n; i++) {
          const cut = cutAmount({ current, floor, helpersNeeded: n, helps: i }, randoms[i], fresh[i]);
          expect(Number.isInteger(cut)).toBe(true);
          expect(cut).toBeGreaterThan(0);
          current -= cut;
          total += cut;
          expect(current).toBeGreaterThanOrEqual(floor);
          // Enough is left for 1 fen per helper still to come.
          expect(current - floor).toBeGreaterThanOrEqual(n - i - 1);
        }
        expect(total).toBe(price - floor);
        expect(current).toBe(floor);
      }),
      { numRuns: 300 },
    );
  });

  it('edge randoms 0 and just under 1 keep every invariant', () => {
    for (const r of [0, 0.999999999999]) {
      let current = 10_000;
      for (let i = 0; i < 5; i++) current -= cutAmount({ current, floor: 100, helpersNeeded: 5, helps: i }, r, false);
      expect(current).toBe(100);
    }
  });

  it('a brand-new customer cuts more than a regular one for the same random value', () => {
    const state = { current: 100_00, floor: 10_00, helpersNeeded: 5, helps: 0 };
    expect(cutAmount(state, 0.5, true)).toBeGreaterThan(cutAmount(state, 0.5, false));
    // 20–50% of (9000 − 4) for a regular helper at r = 0 and r → 1.
    expect(cutAmount(state, 0, false)).toBe(Math.floor(8996 * 0.2));
    expect(cutAmount(state, 0, true)).toBe(Math.floor(8996 * 0.4));
  });

  it('refuses a complete price-cut', () => {
    expect(() => cutAmount({ current: 100, floor: 100, helpersNeeded: 3, helps: 3 }, 0.5, false)).toThrow();
  });

  it('knows a brand-new customer, the buy modes and bad campaign numbers', () => {
    const now = new Date('2026-06-02T08:00:00Z');
    expect(isBrandNewCustomer({ createdAt: new Date('2026-06-01T09:00:00Z'), hasPaidOrder: false }, now)).toBe(true);
    expect(isBrandNewCustomer({ createdAt: new Date('2026-06-01T07:00:00Z'), hasPaidOrder: false }, now)).toBe(false);
    expect(isBrandNewCustomer({ createdAt: new Date('2026-06-01T09:00:00Z'), hasPaidOrder: true }, now)).toBe(false);
    expect(canBuyAt('any_time', 500, 100)).toBe(true);
    expect(canBuyAt('floor_only', 500, 100)).toBe(false);
    expect(canBuyAt('floor_only', 100, 100)).toBe(true);
    expect(campaignProblem({ originalAmount: 1000, floorAmount: 0, helpersNeeded: 5 })).toMatch(/floor/);
    expect(campaignProblem({ originalAmount: 104, floorAmount: 100, helpersNeeded: 5 })).toMatch(/1 fen/);
    expect(campaignProblem({ originalAmount: 105, floorAmount: 100, helpersNeeded: 5 })).toBeNull();
    expect(progressPercent(1000, 550, 100)).toBe(50);
  });
});

describe("the starter's own first cut", () => {
  it('cuts at least 1 fen when there is room, leaves 1 fen for each of the N friends, and the friends still land exactly on the floor', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 101, maxLength: 101 }), ({ floor, n, price }, randoms) => {
        const first = starterCutAmount({ original: price, floor, helpersNeeded: n }, randoms[100]);
        if (price - floor <= n) expect(first).toBe(0);
        else expect(first).toBeGreaterThan(0);
        let current = price - first;
        expect(current - floor).toBeGreaterThanOrEqual(n);
        let total = first;
        for (let i = 0; i < n; i++) {
          const cut = cutAmount({ current, floor, helpersNeeded: n, helps: i }, randoms[i], false);
          current -= cut;
          total += cut;
        }
        expect(current).toBe(floor);
        expect(total).toBe(price - floor);
      }),
      { numRuns: 300 },
    );
  });

  it('takes 20–50% of what is above the reserves, never the new-customer share', () => {
    // ¥199.00 down to ¥9.90 with 5 friends: 5 fen reserved for them, the starter cuts from 18,905.
    expect(starterCutAmount({ original: 19_900, floor: 990, helpersNeeded: 5 }, 0)).toBe(Math.floor(18_905 * 0.2));
    expect(starterCutAmount({ original: 19_900, floor: 990, helpersNeeded: 5 }, 0.999999)).toBeLessThanOrEqual(Math.floor(18_905 * 0.5));
    expect(starterCutAmount({ original: 1000, floor: 995, helpersNeeded: 5 }, 0.5)).toBe(0);
  });
});
