import { describe, expect, it } from 'vitest';
import { availableOf, canSubscribe, shouldNotify } from './restock.rules.ts';

describe('restock alerts', () => {
  it('fire when stock a shopper can buy appears and someone is waiting', () => {
    expect(shouldNotify({ onHand: 5, reserved: 0 }, 2)).toBe(true);
    expect(shouldNotify({ onHand: 5, reserved: 4 }, 1)).toBe(true);
  });

  it('stay quiet while every unit on hand is held by open orders, or nobody waits', () => {
    expect(shouldNotify({ onHand: 3, reserved: 3 }, 4)).toBe(false);
    expect(shouldNotify({ onHand: 0, reserved: 0 }, 1)).toBe(false);
    expect(shouldNotify({ onHand: 9, reserved: 0 }, 0)).toBe(false);
  });

  it('never count reserved units beyond on hand as negative stock', () => {
    expect(availableOf({ onHand: 1, reserved: 3 })).toBe(0);
  });

  it('accept an ask only for a sold-out SKU', () => {
    expect(canSubscribe(0)).toBe(true);
    expect(canSubscribe(1)).toBe(false);
  });
});
