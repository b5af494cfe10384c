import { describe, expect, it } from 'vitest';
import { addDays, dailySeries, reportRange } from './analytics.rules.ts';

const now = new Date('2026-06-01T17:30:00.000Z'); // already 2 June in China

describe('reportRange', () => {
  it('defaults to the 30 China days ending today', () => {
    const r = reportRange({}, now);
    expect(r).toMatchObject({ ok: true, from: '2026-05-04', to: '2026-06-02' });
    if (!r.ok) throw new Error('expected a range');
    expect(r.days).toHaveLength(30);
    expect(r.start.toISOString()).toBe('2026-05-03T16:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-06-02T16:00:00.000Z');
  });

  it('takes an inclusive range across a month end', () => {
    const r = reportRange({ from: '2026-02-27', to: '2026-03-02' }, now);
    expect(r.ok && r.days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('refuses impossible dates, reversed ranges and more than 366 days', () => {
    expect(reportRange({ from: '2026-02-30' }, now)).toEqual({ ok: false, reason: 'DATE_INVALID', field: 'from' });
    expect(reportRange({ to: '2026-6-1' }, now)).toEqual({ ok: false, reason: 'DATE_INVALID', field: 'to' });
    expect(reportRange({ from: '2026-06-02', to: '2026-06-01' }, now)).toMatchObject({ ok: false, reason: 'RANGE_REVERSED' });
    expect(reportRange({ from: '2025-01-01', to: '2026-01-02' }, now)).toMatchObject({ ok: false, reason: 'RANGE_TOO_LONG' });
    expect(reportRange({ from: '2025-01-01', to: '2026-01-01' }, now)).toMatchObject({ ok: true });
  });

  it('adds days on the China calendar', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('dailySeries', () => {
  it('fills quiet days with zeros, sums repeated days and totals each metric', () => {
    const { rows, totals } = dailySeries(['2026-06-01', '2026-06-02', '2026-06-03'], {
      orders: [{ day: '2026-06-01', value: 3 }, { day: '2026-06-03', value: 1 }],
      gmv: [{ day: '2026-06-03', value: 990 }, { day: '2026-06-03', value: 10 }],
      clicks: [{ day: '2026-05-31', value: 99 }],
    });
    expect(rows[1]).toEqual({ date: '2026-06-02', gmv: 0, orders: 0, paidOrders: 0, newCustomers: 0, shares: 0, clicks: 0, attributedSignups: 0 });
    expect(rows[2]).toMatchObject({ gmv: 1000, orders: 1 });
    expect(totals).toEqual({ gmv: 1000, orders: 4, paidOrders: 0, newCustomers: 0, shares: 0, clicks: 0, attributedSignups: 0 });
  });
});
