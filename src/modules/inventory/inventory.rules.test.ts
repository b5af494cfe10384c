import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { availability, isLowStock, normaliseLines, onHandProblem, shortfallMessage } from './inventory.rules.ts';

describe('reservation lines', () => {
  it('merges repeated SKUs and sorts by SKU id so locks are always taken in one order', () => {
    expect(normaliseLines([{ skuId: 'b', quantity: 1 }, { skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 3 }])).toEqual([
      { skuId: 'a', quantity: 2 },
      { skuId: 'b', quantity: 4 },
    ]);
  });
  it('refuses zero, negative and fractional quantities with a code', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN, 1e9]) {
      try {
        normaliseLines([{ skuId: 'a', quantity }]);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).code).toBe('INVENTORY_QUANTITY_INVALID');
      }
    }
  });
});

describe('levels', () => {
  it('computes what is available and flags low stock', () => {
    const a = availability({ on_hand: 12, reserved: 5 });
    expect(a).toEqual({ onHand: 12, reserved: 5, available: 7 });
    expect(isLowStock(a)).toBe(true);
    expect(isLowStock(a, 5)).toBe(false);
  });
  it('never lets on-hand go below what is reserved', () => {
    expect(onHandProblem(5, 5)).toBeNull();
    expect(onHandProblem(4, 5)?.code).toBe('INVENTORY_BELOW_RESERVED');
    expect(onHandProblem(-1, 0)?.code).toBe('INVENTORY_QUANTITY_INVALID');
  });
  it('says how many are left', () => {
    expect(shortfallMessage(3, 5)).toMatch(/Only 3 left/);
    expect(shortfallMessage(0, 1)).toMatch(/Sold out/);
  });
});
