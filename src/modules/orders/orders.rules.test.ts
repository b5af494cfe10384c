import { describe, expect, it } from 'vitest';
import { aftersalesOpen, nextActions, transition, ORDER_STATUSES } from './orders.rules.ts';

describe('order state machine', () => {
  it('walks the happy path', () => {
    const path: [Parameters<typeof transition>[1], string][] = [['pay', 'paid'], ['release_to_ship', 'to_ship'], ['ship', 'shipped'], ['complete', 'completed']];
    let s = 'pending_payment' as any;
    for (const [action, to] of path) {
      const t = transition(s, action);
      expect(t).toMatchObject({ ok: true, to });
      s = (t as any).to;
    }
  });
  it('holds a group-buy order until its team completes', () => {
    expect(transition('paid', 'hold_for_team')).toMatchObject({ ok: true, to: 'awaiting_team' });
    expect(transition('awaiting_team', 'release_to_ship')).toMatchObject({ ok: true, to: 'to_ship' });
    expect(transition('awaiting_team', 'ship').ok).toBe(false);
  });
  it('only cancels unpaid orders', () => {
    expect(transition('pending_payment', 'cancel')).toMatchObject({ ok: true, to: 'cancelled' });
    for (const s of ORDER_STATUSES.filter((x) => x !== 'pending_payment')) expect(transition(s, 'cancel').ok).toBe(false);
  });
  it('never pays twice and never leaves a terminal state', () => {
    expect(transition('paid', 'pay')).toEqual({ ok: false, reason: 'ORDER_INVALID_TRANSITION', from: 'paid', action: 'pay' });
    expect(nextActions('cancelled')).toEqual([]);
    expect(nextActions('refunded')).toEqual([]);
  });
  it('refunds from any paid state', () => {
    for (const s of ['paid', 'awaiting_team', 'to_ship', 'shipped', 'completed'] as const) expect(transition(s, 'finish_refund')).toMatchObject({ ok: true, to: 'refunded' });
    expect(transition('pending_payment', 'finish_refund').ok).toBe(false);
  });
  it('opens after-sales within the window after completion', () => {
    const done = new Date('2026-06-01T00:00:00Z');
    expect(aftersalesOpen('completed', done, new Date('2026-06-07T00:00:00Z'), 7)).toBe(true);
    expect(aftersalesOpen('completed', done, new Date('2026-06-09T00:00:00Z'), 7)).toBe(false);
    expect(aftersalesOpen('pending_payment', null, done, 7)).toBe(false);
    expect(aftersalesOpen('to_ship', null, done, 7)).toBe(true);
  });
});

import { planRefund } from './orders.rules.ts';
import { prorate } from '../../platform/money.ts';

describe('refund plans', () => {
  const lines = [
    { id: 'a', quantity: 3, totalAmount: 1000, refundedQuantity: 0, refundedAmount: 0 },
    { id: 'b', quantity: 1, totalAmount: 500, refundedQuantity: 0, refundedAmount: 0 },
  ];
  it('refunds each unit its share and the last unit what is left', () => {
    const one = planRefund(lines, 2500, 0, { lines: [{ lineId: 'a', quantity: 1 }] }, prorate);
    expect(one).toMatchObject({ ok: true, amount: 333, full: false });
    const rest = planRefund([{ ...lines[0], refundedQuantity: 1, refundedAmount: 333 }, lines[1]], 2500, 333, { lines: [{ lineId: 'a', quantity: 2 }] }, prorate);
    expect(rest).toMatchObject({ ok: true, amount: 667 });
  });
  it('a full refund returns shipping too', () => {
    expect(planRefund(lines, 2500, 0, { full: true }, prorate)).toMatchObject({ ok: true, amount: 2500, full: true });
  });
  it('an amount refund is spread over the lines', () => {
    const plan = planRefund(lines, 2500, 0, { amount: 300 }, prorate);
    expect(plan).toMatchObject({ ok: true, amount: 300, lines: [{ lineId: 'a', amount: 200 }, { lineId: 'b', amount: 100 }] });
  });
  it('refuses more than was paid or more units than bought', () => {
    expect(planRefund(lines, 2500, 0, { amount: 2501 }, prorate)).toMatchObject({ ok: false, reason: 'REFUND_AMOUNT_EXCEEDED' });
    expect(planRefund(lines, 2500, 0, { lines: [{ lineId: 'b', quantity: 2 }] }, prorate)).toMatchObject({ ok: false, reason: 'REFUND_QUANTITY_EXCEEDED' });
    expect(planRefund(lines, 2500, 2500, { full: true }, prorate)).toMatchObject({ ok: false, reason: 'REFUND_NOTHING_LEFT' });
    expect(planRefund(lines, 2500, 0, { lines: [{ lineId: 'zz', quantity: 1 }] }, prorate)).toMatchObject({ ok: false, reason: 'REFUND_LINE_UNKNOWN' });
  });
});
