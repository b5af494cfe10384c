import { describe, expect, it } from 'vitest';
import { livePrice, missedSince, priceWithCoupon, sumViewers, transition } from './live.rules.ts';

describe('a session’s life', () => {
  it('starts once from scheduled and ends once from live', () => {
    expect(transition('scheduled', 'start')).toEqual({ ok: true, status: 'live' });
    expect(transition('live', 'start')).toEqual({ ok: false, reason: 'NOT_SCHEDULED' });
    expect(transition('live', 'end')).toEqual({ ok: true, status: 'ended' });
    expect(transition('scheduled', 'end')).toEqual({ ok: false, reason: 'NOT_LIVE' });
    expect(transition('ended', 'end')).toEqual({ ok: false, reason: 'NOT_LIVE' });
    expect(transition('ended', 'start')).toEqual({ ok: false, reason: 'NOT_SCHEDULED' });
  });
});

describe('the live price', () => {
  const fixed = { kind: 'threshold', amount: 2000, percentBp: null, maxDiscountAmount: null, minSpendAmount: 5000 };
  it('takes a coupon off one unit when the unit reaches its minimum spend', () => {
    expect(priceWithCoupon(9900, fixed)).toBe(7900);
    expect(priceWithCoupon(4999, fixed)).toBeNull();
    expect(priceWithCoupon(1500, { ...fixed, kind: 'fixed', minSpendAmount: 0 })).toBe(0);
    expect(priceWithCoupon(10000, { kind: 'percent', amount: null, percentBp: 1500, maxDiscountAmount: 1000, minSpendAmount: 0 })).toBe(9000);
    expect(priceWithCoupon(10000, { kind: 'free_shipping', amount: null, percentBp: null, maxDiscountAmount: null, minSpendAmount: 0 })).toBeNull();
  });
  it('prefers a running flash price, then the coupon price, then the list price', () => {
    expect(livePrice(9900, 5900, fixed)).toEqual({ kind: 'flash', amount: 5900, listAmount: 9900 });
    expect(livePrice(9900, null, fixed)).toEqual({ kind: 'coupon', amount: 7900, listAmount: 9900 });
    expect(livePrice(9900, null, null)).toEqual({ kind: 'list', amount: 9900, listAmount: 9900 });
    expect(livePrice(4000, null, fixed)).toEqual({ kind: 'list', amount: 4000, listAmount: 4000 });
  });
});

describe('viewers and replay', () => {
  it('sums the processes that beat recently and drops the stale ones', () => {
    expect(sumViewers([{ count: 3, at: 1000 }, { count: 2, at: 9000 }, { count: 5, at: 10_000 }], 10_000, 2000)).toBe(7);
    expect(sumViewers([], 0, 1000)).toBe(0);
  });
  it('replays only what came after the last id seen', () => {
    const buffer = [{ id: 5 }, { id: 6 }, { id: 7 }];
    expect(missedSince(buffer, 5)).toEqual([{ id: 6 }, { id: 7 }]);
    expect(missedSince(buffer, 7)).toEqual([]);
    expect(missedSince(buffer, null)).toEqual([]);
  });
});
