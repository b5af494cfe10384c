import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { draftFromSkus, goodsPayable, priceOrder, shippingStep, type PricingContext, type PricingSkuInfo } from '../checkout/index.ts';
import {
  addDaysToDate,
  checkinAward,
  currentStreak,
  earningsForPayment,
  expiryJobRunAt,
  nextStreak,
  nextTierAfter,
  planLotConsumption,
  planReturnLots,
  pointsDeduction,
  pointsExpiry,
  pointsStep,
  refundShare,
  tierDiscountAmount,
  tierFor,
  tierStep,
  zheLabel,
  type Tier,
} from './loyalty.rules.ts';

describe('expiry dates (China time)', () => {
  it('points expire at the end of the year expiryYears after the year they were earned', () => {
    expect(pointsExpiry(new Date('2026-06-01T08:00:00Z'), 1).toISOString()).toBe('2027-12-31T15:59:59.999Z');
    expect(pointsExpiry(new Date('2026-06-01T08:00:00Z'), 0).toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(pointsExpiry(new Date('2026-06-01T08:00:00Z'), 2).toISOString()).toBe('2028-12-31T15:59:59.999Z');
  });

  it('counts the year on the China calendar: 31 Dec 17:00 UTC is already next year in Beijing', () => {
    expect(pointsExpiry(new Date('2026-12-31T17:00:00Z'), 1).toISOString()).toBe('2028-12-31T15:59:59.999Z');
    expect(pointsExpiry(new Date('2026-12-31T15:59:59Z'), 1).toISOString()).toBe('2027-12-31T15:59:59.999Z');
  });

  it('the sweep runs at 00:05 China time on the day after expiry', () => {
    expect(expiryJobRunAt(new Date('2027-12-31T15:59:59.999Z')).toISOString()).toBe('2027-12-31T16:05:00.000Z');
  });

  it('adds days across months and years', () => {
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToDate('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('earning and refunds', () => {
  it('earns per whole yuan paid', () => {
    expect(earningsForPayment(12_345, 1)).toEqual({ points: 123, growth: 123 });
    expect(earningsForPayment(12_345, 3)).toEqual({ points: 369, growth: 123 });
    expect(earningsForPayment(99, 1)).toEqual({ points: 0, growth: 0 });
  });

  it('takes back in proportion, everything on a full refund, and partial refunds sum to the whole', () => {
    expect(refundShare(100, 5000, 10_000, false)).toBe(50);
    expect(refundShare(100, 3333, 10_000, false)).toBe(33);
    expect(refundShare(100, 9999, 10_000, true)).toBe(100);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }), (total, paid, parts) => {
        const weights = parts.reduce((a, b) => a + b, 0);
        let refunded = 0;
        let taken = 0;
        parts.forEach((w, i) => {
          refunded = i === parts.length - 1 ? paid : Math.min(paid, refunded + Math.floor((paid * w) / weights));
          const target = refundShare(total, refunded, paid, refunded === paid);
          expect(target).toBeGreaterThanOrEqual(taken);
          taken = target;
        });
        expect(taken).toBe(total);
      }),
    );
  });
});

describe('lots', () => {
  const lots = [
    { id: 3, remaining: 50, expiresAt: new Date('2028-12-31T15:59:59.999Z') },
    { id: 1, remaining: 30, expiresAt: new Date('2027-12-31T15:59:59.999Z') },
    { id: 2, remaining: 20, expiresAt: new Date('2027-12-31T15:59:59.999Z') },
  ];

  it('spends the soonest-expiring points first', () => {
    expect(planLotConsumption(lots, 60)).toEqual([
      { lotId: 1, amount: 30 },
      { lotId: 2, amount: 20 },
      { lotId: 3, amount: 10 },
    ]);
  });

  it('a reversal reclaims from its own lot first', () => {
    expect(planLotConsumption(lots, 60, [3])).toEqual([
      { lotId: 3, amount: 50 },
      { lotId: 1, amount: 10 },
    ]);
  });

  it('never takes more than the lots hold', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 10 }), fc.integer({ min: 0, max: 20_000 }), (remaining, amount) => {
        const ls = remaining.map((r, i) => ({ id: i + 1, remaining: r, expiresAt: new Date(2027, i % 3, 1) }));
        const plan = planLotConsumption(ls, amount);
        const total = plan.reduce((s, x) => s + x.amount, 0);
        expect(total).toBe(Math.min(amount, remaining.reduce((a, b) => a + b, 0)));
        for (const x of plan) expect(x.amount).toBeLessThanOrEqual(ls.find((l) => l.id === x.lotId)!.remaining);
      }),
    );
  });

  it('returned points keep their expiry while it is ahead, else take the fallback', () => {
    const now = new Date('2027-06-01T00:00:00Z');
    const fallback = new Date('2028-12-31T15:59:59.999Z');
    const spent = [
      { amount: 30, expiresAt: new Date('2026-12-31T15:59:59.999Z') },
      { amount: 70, expiresAt: new Date('2027-12-31T15:59:59.999Z') },
    ];
    expect(planReturnLots(spent, 0, 100, fallback, now)).toEqual([
      { amount: 70, expiresAt: new Date('2027-12-31T15:59:59.999Z') },
      { amount: 30, expiresAt: fallback },
    ]);
    // 50 already came back (the latest-expiring first): the next 40 are the rest of those 70, then 20 of the 30.
    expect(planReturnLots(spent, 50, 40, fallback, now)).toEqual([
      { amount: 20, expiresAt: new Date('2027-12-31T15:59:59.999Z') },
      { amount: 20, expiresAt: fallback },
    ]);
  });
});

describe('points at checkout', () => {
  const rules = { pointValueFen: 1, maxDeductionPercent: 50 };

  it('uses what was asked, within the balance and the cap', () => {
    expect(pointsDeduction({ requested: 500, balance: 1000, goodsPayable: 10_000, ...rules })).toEqual({ points: 500, amount: 500 });
    expect(pointsDeduction({ requested: 8000, balance: 9000, goodsPayable: 10_000, ...rules })).toEqual({ points: 5000, amount: 5000 });
    expect(pointsDeduction({ requested: 8000, balance: 9000, goodsPayable: 10_000, pointValueFen: 3, maxDeductionPercent: 50 })).toEqual({ points: 1666, amount: 4998 });
    expect(pointsDeduction({ requested: 100, balance: 100, goodsPayable: 10_000, pointValueFen: 1, maxDeductionPercent: 0 })).toEqual({ points: 0, amount: 0 });
  });

  it('never exceeds the cap, never spends more points than the balance or the request, always whole fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (requested, balance, goods, pointValueFen, maxDeductionPercent) => {
          const { points, amount } = pointsDeduction({ requested, balance, goodsPayable: goods, pointValueFen, maxDeductionPercent });
          expect(Number.isInteger(points) && Number.isInteger(amount)).toBe(true);
          expect(points).toBeGreaterThanOrEqual(0);
          expect(points).toBeLessThanOrEqual(Math.min(requested, balance));
          expect(amount).toBe(points * pointValueFen);
          expect(amount * 100).toBeLessThanOrEqual(goods * maxDeductionPercent);
        },
      ),
    );
  });

  const sku = (skuId: string, priceAmount: number): PricingSkuInfo => ({ skuId, productId: 'p' + skuId, productTitle: skuId, skuLabel: '', categoryId: 'c', image: null, priceAmount, currency: 'CNY' });
  const ctx: PricingContext = { now: new Date('2026-06-01T00:00:00Z'), userId: 'u', shipping: { flatFeeAmount: 1000, freeThresholdAmount: 9900 } };

  it('the step caps against what the goods still cost after earlier steps and spreads over the lines', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 1_000_000 }), (lines, requested) => {
        const skus = new Map(lines.map(([price], i) => [`s${i}`, sku(`s${i}`, price)]));
        const draft = draftFromSkus(lines.map(([, quantity], i) => ({ skuId: `s${i}`, quantity })), skus);
        const before = goodsPayable(draft);
        const q = priceOrder(draft, [pointsStep(requested, requested, rules), shippingStep], ctx);
        const line = q.adjustments.find((a) => a.step === 'points');
        const used = line ? -line.amount : 0;
        expect(used * 2).toBeLessThanOrEqual(before);
        expect(used).toBeLessThanOrEqual(requested);
        if (line) expect(line).toMatchObject({ code: 'POINTS', label: `积分抵扣 ${used}`, ref: String(used) });
        expect(q.lines.reduce((s, l) => s + l.discountAmount, 0)).toBe(used);
      }),
    );
  });
});

describe('check-in', () => {
  it('a streak continues from yesterday and restarts after a missed day', () => {
    expect(nextStreak(null, 0, '2026-06-01')).toBe(1);
    expect(nextStreak('2026-05-31', 6, '2026-06-01')).toBe(7);
    expect(nextStreak('2026-05-30', 6, '2026-06-01')).toBe(1);
    expect(currentStreak('2026-05-31', 6, '2026-06-01')).toBe(6);
    expect(currentStreak('2026-05-30', 6, '2026-06-01')).toBe(0);
  });

  it('pays the streak bonus every N-th consecutive day', () => {
    const rules = { checkinPoints: 10, bonusEvery: 7, bonusPoints: 50 };
    expect(checkinAward(6, rules)).toEqual({ points: 10, bonus: 0 });
    expect(checkinAward(7, rules)).toEqual({ points: 10, bonus: 50 });
    expect(checkinAward(14, rules)).toEqual({ points: 10, bonus: 50 });
  });
});

describe('tiers', () => {
  const tiers: Tier[] = [
    { code: 'normal', name: '普通会员', nameEn: 'Member', minGrowth: 0, discountBp: 10_000, freeShipping: false, sort: 1 },
    { code: 'silver', name: '白银会员', nameEn: 'Silver', minGrowth: 1000, discountBp: 10_000, freeShipping: false, sort: 2 },
    { code: 'gold', name: '黄金会员', nameEn: 'Gold', minGrowth: 5000, discountBp: 9900, freeShipping: true, sort: 3 },
    { code: 'platinum', name: '铂金会员', nameEn: 'Platinum', minGrowth: 20_000, discountBp: 9700, freeShipping: true, sort: 4 },
  ];

  it('puts growth in the highest tier it reaches', () => {
    expect(tierFor(tiers, 0)?.code).toBe('normal');
    expect(tierFor(tiers, 4999)?.code).toBe('silver');
    expect(tierFor(tiers, 5000)?.code).toBe('gold');
    expect(nextTierAfter(tiers, 5000)?.code).toBe('platinum');
    expect(nextTierAfter(tiers, 20_000)).toBeUndefined();
  });

  it('names discounts the Chinese way and rounds them down', () => {
    expect(zheLabel(9900)).toBe('99折');
    expect(zheLabel(9000)).toBe('9折');
    expect(zheLabel(9750)).toBe('97.5折');
    expect(tierDiscountAmount(12_345, 9900)).toBe(123);
    expect(tierDiscountAmount(12_345, 10_000)).toBe(0);
  });

  it('the gold step discounts 1% and ships free', () => {
    const skus = new Map([['a', { skuId: 'a', productId: 'p', productTitle: 'A', skuLabel: '', categoryId: 'c', image: null, priceAmount: 5000, currency: 'CNY' }]]);
    const q = priceOrder(draftFromSkus([{ skuId: 'a', quantity: 1 }], skus), [tierStep(tiers[2]), shippingStep], { now: new Date(0), userId: 'u', shipping: { flatFeeAmount: 1000, freeThresholdAmount: 9900 } });
    expect(q.adjustments.map((a) => [a.code, a.label, a.amount])).toEqual([
      ['TIER_DISCOUNT', '黄金会员 99折', -50],
      ['TIER_FREE_SHIPPING', '黄金会员 包邮', 0],
      ['SHIPPING_FREE', 'free shipping benefit', 0],
    ]);
    expect(q.totalAmount).toBe(4950);
  });
});
