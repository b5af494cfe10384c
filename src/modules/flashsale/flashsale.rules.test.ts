import { describe, expect, it } from 'vitest';
import { checkQuantity, checkSlot, countdownSeconds, shopperState, slotState } from './flashsale.rules.ts';

const at = (s: string) => new Date(s);
const slot = { starts_at: at('2026-06-01T12:00:00Z'), ends_at: at('2026-06-01T14:00:00Z'), published_at: at('2026-06-01T00:00:00Z'), stopped_at: null };

describe('slot state', () => {
  it('is a draft until published, then scheduled, live and ended by time', () => {
    expect(slotState({ ...slot, published_at: null }, at('2026-06-01T13:00:00Z'))).toBe('draft');
    expect(slotState(slot, at('2026-06-01T11:59:59Z'))).toBe('scheduled');
    expect(slotState(slot, at('2026-06-01T12:00:00Z'))).toBe('live');
    expect(slotState(slot, at('2026-06-01T14:00:00Z'))).toBe('ended');
  });
  it('ends when stopped', () => {
    expect(slotState({ ...slot, stopped_at: at('2026-06-01T12:30:00Z') }, at('2026-06-01T12:31:00Z'))).toBe('ended');
  });
  it('counts down to the start, then to the end', () => {
    expect(countdownSeconds(slot, at('2026-06-01T11:59:00Z'))).toBe(60);
    expect(countdownSeconds(slot, at('2026-06-01T13:59:30Z'))).toBe(30);
    expect(countdownSeconds(slot, at('2026-06-01T15:00:00Z'))).toBe(0);
  });
  it('maps to what a shopper filters by', () => {
    expect(shopperState('scheduled')).toBe('upcoming');
    expect(shopperState('draft')).toBeNull();
    expect(shopperState('live')).toBe('live');
  });
});

describe('slot checks', () => {
  const item = { skuId: 'a', flashAmount: 990, listAmount: 2990, stock: 10, perUserLimit: 1 };
  it('accepts a sound slot', () => {
    expect(checkSlot({ startsAt: slot.starts_at, endsAt: slot.ends_at, items: [item] })).toBeNull();
  });
  it('refuses an empty window, a repeated SKU and a price not below list', () => {
    expect(checkSlot({ startsAt: slot.ends_at, endsAt: slot.starts_at, items: [item] })?.code).toBe('FLASHSALE_WINDOW_INVALID');
    expect(checkSlot({ startsAt: slot.starts_at, endsAt: slot.ends_at, items: [item, item] })?.code).toBe('FLASHSALE_DUPLICATE_SKU');
    expect(checkSlot({ startsAt: slot.starts_at, endsAt: slot.ends_at, items: [{ ...item, flashAmount: 2990 }] })?.code).toBe('FLASHSALE_PRICE_INVALID');
  });
  it('refuses a quantity above the per-user limit before the gate', () => {
    expect(checkQuantity(2, 1)).toEqual({ ok: false, reason: 'LIMIT' });
    expect(checkQuantity(1, 1)).toEqual({ ok: true });
  });
});
