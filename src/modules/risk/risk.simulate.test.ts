import { describe, expect, it } from 'vitest';
import { formatReport, report } from './risk.simulate.ts';

describe('the simulation report', () => {
  it('counts precision over flagged actions, recall over attack actions, false holds over organic ones, money per attack kind', () => {
    const r = report([
      { label: 'organic', kind: 'coupon.claim', flagged: false, money: 1000 },
      { label: 'organic', kind: 'coupon.claim', flagged: true, money: 1000 },
      { label: 'organic', kind: 'coupon.claim', flagged: false, money: 1000 },
      { label: 'organic', kind: 'coupon.claim', flagged: false, money: 1000 },
      { label: 'device_farm', kind: 'coupon.claim', flagged: true, money: 1000 },
      { label: 'device_farm', kind: 'coupon.claim', flagged: true, money: 1000 },
      { label: 'device_farm', kind: 'coupon.claim', flagged: false, money: 1000 },
      { label: 'self_referral', kind: 'referral.reward', flagged: true, money: 2000 },
    ]);
    expect(r.precision).toBeCloseTo(3 / 4);
    expect(r.recall).toBeCloseTo(3 / 4);
    expect(r.falseHoldRate).toBeCloseTo(1 / 4);
    expect(r.byAttack.device_farm).toEqual({ actions: 3, caught: 2, moneySaved: 2000, moneyAttempted: 3000 });
    expect(r.byAttack.self_referral).toEqual({ actions: 1, caught: 1, moneySaved: 2000, moneyAttempted: 2000 });
    expect(r.byAttack.helper_farm).toEqual({ actions: 0, caught: 0, moneySaved: 0, moneyAttempted: 0 });
    expect(formatReport(r)).toContain('precision: 0.750  recall: 0.750  false holds on organic shoppers: 25.0%');
  });
});
