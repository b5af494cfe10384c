import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyLineDiscount,
  applyOrderDiscount,
  defaultPricingSteps,
  draftFromSkus,
  insertStepBefore,
  linePayable,
  mergeItems,
  priceOrder,
  setCampaignUnitPrice,
  type PricingContext,
  type PricingSkuInfo,
  type PricingStep,
} from './pricing.rules.ts';

const sku = (skuId: string, priceAmount: number): PricingSkuInfo => ({ skuId, productId: 'p-' + skuId, productTitle: 'T ' + skuId, skuLabel: '', categoryId: 'c', image: null, priceAmount, currency: 'CNY' });
const ctx: PricingContext = { now: new Date('2026-06-01T00:00:00Z'), userId: 'u', shipping: { flatFeeAmount: 1000, freeThresholdAmount: 9900 } };
const skus = new Map([['a', sku('a', 2990)], ['b', sku('b', 4500)], ['c', sku('c', 199)]]);

describe('pricing pipeline', () => {
  it('charges flat shipping under the threshold and records it as a line', () => {
    const q = priceOrder(draftFromSkus([{ skuId: 'a', quantity: 1 }], skus), defaultPricingSteps(), ctx);
    expect(q.goodsAmount).toBe(2990);
    expect(q.shippingAmount).toBe(1000);
    expect(q.totalAmount).toBe(3990);
    expect(q.adjustments).toEqual([{ step: 'shipping', code: 'SHIPPING_FLAT', label: 'shipping', amount: 1000, skuId: null }]);
  });

  it('ships free once the goods reach the threshold', () => {
    const q = priceOrder(draftFromSkus([{ skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 1 }], skus), defaultPricingSteps(), ctx);
    expect(q.goodsAmount).toBe(10480);
    expect(q.shippingAmount).toBe(0);
    expect(q.totalAmount).toBe(10480);
    expect(q.adjustments[0].code).toBe('SHIPPING_FREE');
  });

  it('judges the threshold after discounts, in step order', () => {
    const discount: PricingStep = { code: 'coupon', apply: (d) => applyOrderDiscount(d, 1000, { step: 'coupon', code: 'TEST', label: '¥10 off' }) };
    const steps = insertStepBefore(defaultPricingSteps(), 'shipping', discount);
    const q = priceOrder(draftFromSkus([{ skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 1 }], skus), steps, ctx);
    // 10480 - 1000 = 9480 < 9900, so shipping is charged
    expect(q.discountAmount).toBe(1000);
    expect(q.shippingAmount).toBe(1000);
    expect(q.totalAmount).toBe(10480);
    expect(q.adjustments.map((a) => a.step)).toEqual(['coupon', 'shipping']);
  });

  it('caps a discount at what the goods cost', () => {
    const d = applyOrderDiscount(draftFromSkus([{ skuId: 'c', quantity: 1 }], skus), 5000, { step: 'coupon', code: 'BIG', label: 'big' });
    expect(d.lines[0].discountAmount).toBe(199);
    expect(d.adjustments[0].amount).toBe(-199);
  });

  it('campaign price replaces the unit price and line discounts stay on their line', () => {
    let d = draftFromSkus([{ skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 1 }], skus);
    d = setCampaignUnitPrice(d, 'a', 1990, { step: 'campaign', code: 'GROUPBUY', label: '拼团价' });
    d = applyLineDiscount(d, 'b', 500, { step: 'coupon', code: 'P', label: 'product coupon' });
    const q = priceOrder(d, defaultPricingSteps(), { ...ctx, shipping: { flatFeeAmount: 0, freeThresholdAmount: 0 } });
    expect(q.lines.map(linePayable)).toEqual([3980, 4000]);
    expect(q.totalAmount).toBe(7980);
    expect(q.discountAmount).toBe(2500);
  });

  it('merges repeated SKUs into one line', () => {
    expect(mergeItems([{ skuId: 'a', quantity: 1 }, { skuId: 'b', quantity: 2 }, { skuId: 'a', quantity: 3 }])).toEqual([
      { skuId: 'a', quantity: 4 },
      { skuId: 'b', quantity: 2 },
    ]);
  });

  it('property: total = Σ line payable + shipping, every line non-negative, discounts allocated exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 1, max: 10_000_00 }), qty: fc.integer({ min: 1, max: 50 }) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 5_000_00 }),
        (rows, discount) => {
          const table = new Map(rows.map((r, i) => [`s${i}`, sku(`s${i}`, r.price)]));
          const d = applyOrderDiscount(draftFromSkus(rows.map((r, i) => ({ skuId: `s${i}`, quantity: r.qty })), table), discount, { step: 'x', code: 'X', label: 'x' });
          const q = priceOrder(d, defaultPricingSteps(), ctx);
          const payable = q.lines.map(linePayable);
          expect(payable.every((p) => p >= 0)).toBe(true);
          expect(q.totalAmount).toBe(payable.reduce((a, b) => a + b, 0) + q.shippingAmount);
          expect(q.lines.reduce((s, l) => s + l.discountAmount, 0)).toBe(0 - d.adjustments.reduce((s, a) => s + a.amount, 0) || 0);
        },
      ),
    );
  });
});
