import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { draftFromSkus, linePayable, shippingStep, type PricingSkuInfo } from '../checkout/index.ts';
import {
  applyCoupons,
  categoryPath,
  claimRefusal,
  couponDiscount,
  couponUses,
  effectiveStatus,
  faceValue,
  resolveValidity,
  skusInScope,
  stackingProblem,
  templateProblem,
  useRefusal,
  type CouponTerms,
  type CouponToApply,
  type TemplateInput,
} from './coupons.rules.ts';

const sku = (skuId: string, priceAmount: number, productId = 'p-' + skuId, categoryId = 'c'): PricingSkuInfo => ({ skuId, productId, productTitle: 'T ' + skuId, skuLabel: '', categoryId, image: null, priceAmount, currency: 'CNY' });
const skus = new Map([['a', sku('a', 3000, 'pa', 'shoes')], ['b', sku('b', 5000, 'pb', 'hats')], ['c', sku('c', 199, 'pc', 'shoes')]]);
const draft = (items: [string, number][]) => draftFromSkus(items.map(([skuId, quantity]) => ({ skuId, quantity })), skus);
const terms = (t: Partial<CouponTerms>): CouponTerms => ({ kind: 'fixed', amount: 1000, percentBp: null, maxDiscountAmount: null, minSpendAmount: 0, scope: 'store', scopeIds: [], ...t });
const coupon = (id: string, t: Partial<CouponTerms>, inScope = ['a', 'b', 'c']): CouponToApply => ({ couponId: id, name: `coupon ${id}`, terms: terms(t), skus: new Set(inScope) });
const at = (s: string) => new Date(s);

describe('discount math', () => {
  it('fixed and threshold take their amount, capped at what the covered goods cost', () => {
    expect(couponDiscount(terms({ kind: 'fixed', amount: 1000 }), 5000)).toBe(1000);
    expect(couponDiscount(terms({ kind: 'threshold', amount: 2000 }), 1500)).toBe(1500);
    expect(couponDiscount(terms({ kind: 'fixed', amount: 1000 }), 0)).toBe(0);
  });

  it('percent is basis points of the covered goods, rounded half up, capped', () => {
    expect(couponDiscount(terms({ kind: 'percent', amount: null, percentBp: 1500 }), 3333)).toBe(500); // 499.95 → 500
    expect(couponDiscount(terms({ kind: 'percent', amount: null, percentBp: 1500 }), 3330)).toBe(500); // 499.5 → 500
    expect(couponDiscount(terms({ kind: 'percent', amount: null, percentBp: 1500 }), 3329)).toBe(499); // 499.35
    expect(couponDiscount(terms({ kind: 'percent', amount: null, percentBp: 5000, maxDiscountAmount: 800 }), 10_000)).toBe(800);
    expect(couponDiscount(terms({ kind: 'percent', amount: null, percentBp: 10_000 }), 777)).toBe(777);
  });

  it('free shipping takes nothing off the goods', () => {
    expect(couponDiscount(terms({ kind: 'free_shipping', amount: null }), 5000)).toBe(0);
  });

  it('a discount is whole fen, never negative and never more than the covered payable (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('fixed', 'percent', 'threshold', 'free_shipping' as const),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.option(fc.integer({ min: 1, max: 10_000_000 })),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (kind, amount, bp, cap, payable) => {
          const off = couponDiscount({ kind, amount, percentBp: bp, maxDiscountAmount: cap }, payable);
          expect(Number.isSafeInteger(off)).toBe(true);
          expect(off).toBeGreaterThanOrEqual(0);
          expect(off).toBeLessThanOrEqual(payable);
          if (kind === 'percent' && cap !== null) expect(off).toBeLessThanOrEqual(cap);
        },
      ),
    );
  });

  it('applied coupons keep every line payable ≥ 0 and the lines sum to the recorded discounts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 20 })), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
        (items, amount, bp, scoped) => {
          const merged = [...new Map(items).entries()];
          const d = draft(merged);
          const r = applyCoupons(d, [coupon('s', { kind: 'percent', amount: null, percentBp: bp, scope: 'products', scopeIds: ['x'] }, scoped), coupon('x', { amount })]);
          if (!r.ok) {
            expect(['nothing_in_scope', 'nothing_to_discount']).toContain(r.reason);
            return;
          }
          for (const l of r.draft.lines) expect(linePayable(l)).toBeGreaterThanOrEqual(0);
          const lineDiscounts = r.draft.lines.reduce((s, l) => s + l.discountAmount, 0);
          const recorded = -r.draft.adjustments.reduce((s, a) => s + a.amount, 0);
          expect(lineDiscounts).toBe(recorded);
          // The scoped coupon only touched in-scope lines.
          const scopedOff = -r.draft.adjustments.find((a) => a.ref === 's')!.amount;
          const inScope = d.lines.filter((l) => scoped.includes(l.skuId)).reduce((s, l) => s + linePayable(l), 0);
          expect(scopedOff).toBeLessThanOrEqual(inScope);
        },
      ),
    );
  });
});

describe('face value', () => {
  it('is the amount for fixed and threshold, the cap for percent, and none for free shipping', () => {
    expect(faceValue({ kind: 'fixed', amount: 500, max_discount_amount: null })).toBe(500);
    expect(faceValue({ kind: 'threshold', amount: 2000, max_discount_amount: null })).toBe(2000);
    expect(faceValue({ kind: 'percent', amount: null, max_discount_amount: 1500 })).toBe(1500);
    expect(faceValue({ kind: 'percent', amount: null, max_discount_amount: null })).toBeNull();
    expect(faceValue({ kind: 'free_shipping', amount: null, max_discount_amount: null })).toBeNull();
  });
});

describe('applying coupons to a draft', () => {
  it('records a coupon line with the coupon id and spreads the discount over the lines', () => {
    const r = applyCoupons(draft([['a', 1], ['b', 1]]), [coupon('c1', { amount: 800 })]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.adjustments).toEqual([{ step: 'coupons', code: 'COUPON', label: 'coupon c1', ref: 'c1', amount: -800, skuId: null }]);
    expect(r.draft.lines.map((l) => l.discountAmount)).toEqual([300, 500]);
    expect(couponUses(r.draft.adjustments)).toEqual([{ couponId: 'c1', discountAmount: 800 }]);
  });

  it('a scoped coupon discounts only the lines in scope', () => {
    const r = applyCoupons(draft([['a', 1], ['b', 1]]), [coupon('c1', { kind: 'percent', amount: null, percentBp: 5000, scope: 'products', scopeIds: ['pa'] }, ['a'])]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.draft.lines.map((l) => l.discountAmount)).toEqual([1500, 0]);
  });

  it('refuses when the minimum spend on covered goods is not reached', () => {
    const r = applyCoupons(draft([['a', 1], ['b', 1]]), [coupon('c1', { kind: 'threshold', amount: 500, minSpendAmount: 4000, scope: 'products', scopeIds: ['pa'] }, ['a'])]);
    expect(r).toMatchObject({ ok: false, reason: 'min_spend_not_reached', details: { minSpend: 4000, inScope: 3000 } });
  });

  it('judges every minimum spend before any coupon applies, so listing order does not matter', () => {
    const d = draft([['a', 2]]); // 6000
    const store = coupon('store', { kind: 'threshold', amount: 1000, minSpendAmount: 6000 });
    const scoped = coupon('scoped', { amount: 2000, scope: 'products', scopeIds: ['pa'] }, ['a']);
    const one = applyCoupons(d, [store, scoped]);
    const two = applyCoupons(d, [scoped, store]);
    expect(one.ok && two.ok).toBe(true);
    if (one.ok && two.ok) expect(one.draft.lines).toEqual(two.draft.lines);
  });

  it('free shipping flags the draft and records a 0-amount line; shipping then waives the fee', () => {
    const r = applyCoupons(draft([['c', 1]]), [coupon('fs', { kind: 'free_shipping', amount: null })]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.draft.freeShipping).toBe(true);
    expect(r.draft.adjustments).toEqual([{ step: 'coupons', code: 'COUPON_FREE_SHIPPING', label: 'coupon fs', ref: 'fs', amount: 0, skuId: null }]);
    const shipped = shippingStep.apply(r.draft, { now: at('2026-06-01T00:00:00Z'), userId: 'u', shipping: { flatFeeAmount: 1000, freeThresholdAmount: 9900 } });
    expect(shipped.shippingAmount).toBe(0);
  });

  it('a coupon with nothing left to take off is refused rather than silently unused', () => {
    const r = applyCoupons(draft([['c', 1]]), [coupon('big', { amount: 199, scope: 'products', scopeIds: ['pc'] }, ['c']), coupon('store', { amount: 100 })]);
    expect(r).toMatchObject({ ok: false, couponId: 'store', reason: 'nothing_to_discount' });
  });
});

describe('scope', () => {
  it('a category includes its subcategories', () => {
    const parentOf = new Map<string, string | null>([['shoes', 'apparel'], ['apparel', null], ['hats', 'apparel'], ['toys', null]]);
    const lines = [
      { skuId: 'a', productId: 'pa', categoryPath: categoryPath('shoes', parentOf) },
      { skuId: 't', productId: 'pt', categoryPath: categoryPath('toys', parentOf) },
    ];
    expect(categoryPath('shoes', parentOf)).toEqual(['shoes', 'apparel']);
    expect(skusInScope({ scope: 'categories', scopeIds: ['apparel'] }, lines)).toEqual(new Set(['a']));
    expect(skusInScope({ scope: 'products', scopeIds: ['pt'] }, lines)).toEqual(new Set(['t']));
    expect(skusInScope({ scope: 'store', scopeIds: [] }, lines)).toEqual(new Set(['a', 't']));
  });

  it('a cycle in the category data stops instead of looping', () => {
    expect(categoryPath('x', new Map([['x', 'y'], ['y', 'x']]))).toEqual(['x', 'y']);
  });
});

describe('stacking', () => {
  const limits = { maxStoreCoupons: 1, maxProductCoupons: 1 };
  it('one store coupon, one scoped coupon and one free-shipping coupon may combine', () => {
    expect(stackingProblem([{ kind: 'fixed', scope: 'store' }, { kind: 'percent', scope: 'categories' }, { kind: 'free_shipping', scope: 'store' }], limits)).toBeNull();
  });
  it('two store coupons are refused', () => {
    expect(stackingProblem([{ kind: 'fixed', scope: 'store' }, { kind: 'threshold', scope: 'store' }], limits)).toEqual({ class: 'store', max: 1, given: 2 });
  });
  it('two scoped coupons are refused unless the setting allows it', () => {
    const two = [{ kind: 'fixed' as const, scope: 'products' as const }, { kind: 'fixed' as const, scope: 'categories' as const }];
    expect(stackingProblem(two, limits)?.class).toBe('scoped');
    expect(stackingProblem(two, { ...limits, maxProductCoupons: 2 })).toBeNull();
  });
});

describe('validity and claiming', () => {
  const window = { validFrom: at('2026-06-01T00:00:00Z'), validUntil: at('2026-06-30T00:00:00Z'), validDaysAfterClaim: null };
  it('a window template is claimable only while active and inside the window', () => {
    expect(claimRefusal({ ...window, status: 'active' }, at('2026-06-10T00:00:00Z'))).toBeNull();
    expect(claimRefusal({ ...window, status: 'paused' }, at('2026-06-10T00:00:00Z'))).toBe('not_active');
    expect(claimRefusal({ ...window, status: 'active' }, at('2026-05-31T00:00:00Z'))).toBe('not_started');
    expect(claimRefusal({ ...window, status: 'active' }, at('2026-06-30T00:00:00Z'))).toBe('ended');
  });
  it('days-after-claim validity starts at the claim', () => {
    const v = resolveValidity({ validFrom: null, validUntil: null, validDaysAfterClaim: 7 }, at('2026-06-01T08:00:00Z'));
    expect(v).toEqual({ validFrom: at('2026-06-01T08:00:00Z'), validUntil: at('2026-06-08T08:00:00Z') });
    expect(resolveValidity(window, at('2026-06-05T00:00:00Z'))).toEqual({ validFrom: window.validFrom, validUntil: window.validUntil });
  });
  it('an available coupon past its date reads as expired; a used one stays used', () => {
    expect(effectiveStatus({ status: 'available', validUntil: at('2026-06-02T00:00:00Z') }, at('2026-06-02T00:00:00Z'))).toBe('expired');
    expect(effectiveStatus({ status: 'used', validUntil: at('2026-06-02T00:00:00Z') }, at('2026-07-01T00:00:00Z'))).toBe('used');
  });
  it('use refusals carry the code checkout throws', () => {
    const c = { status: 'available' as const, validFrom: at('2026-06-01T00:00:00Z'), validUntil: at('2026-06-02T00:00:00Z') };
    expect(useRefusal(c, 'active', at('2026-06-01T12:00:00Z'))).toBeNull();
    expect(useRefusal(c, 'active', at('2026-06-03T00:00:00Z'))).toEqual({ code: 'COUPONS_EXPIRED', reason: 'expired' });
    expect(useRefusal({ ...c, status: 'locked' }, 'active', at('2026-06-01T12:00:00Z'))).toEqual({ code: 'COUPONS_NOT_USABLE', reason: 'locked' });
    expect(useRefusal(c, 'paused', at('2026-06-01T12:00:00Z'))).toEqual({ code: 'COUPONS_NOT_USABLE', reason: 'campaign_inactive' });
  });
});

describe('template checks', () => {
  const base: TemplateInput = { name: '¥10 off', description: '', kind: 'fixed', amount: 1000, percentBp: null, maxDiscountAmount: null, minSpendAmount: 0, scope: 'store', scopeIds: [], validFrom: null, validUntil: null, validDaysAfterClaim: 7, perUserLimit: 1, totalQuota: 100, budgetAmount: null, claimable: true };
  it.each<[string, Partial<TemplateInput>, string | null]>([
    ['a valid fixed coupon', {}, null],
    ['both a window and days', { validFrom: at('2026-06-01T00:00:00Z'), validUntil: at('2026-06-02T00:00:00Z') }, 'validDaysAfterClaim'],
    ['neither a window nor days', { validDaysAfterClaim: null }, 'validDaysAfterClaim'],
    ['a backwards window', { validDaysAfterClaim: null, validFrom: at('2026-06-02T00:00:00Z'), validUntil: at('2026-06-01T00:00:00Z') }, 'validUntil'],
    ['a threshold with no min spend', { kind: 'threshold' }, 'minSpend'],
    ['a threshold taking more than its min spend', { kind: 'threshold', minSpendAmount: 500 }, 'amount'],
    ['a fixed coupon taking more than its min spend (¥150 off ¥100)', { amount: 15000, minSpendAmount: 10000 }, 'amount'],
    ['a fixed coupon taking exactly its min spend', { amount: 10000, minSpendAmount: 10000 }, null],
    ['a fixed coupon with no min spend', { amount: 15000, minSpendAmount: 0 }, null],
    ['a percent coupon without basis points', { kind: 'percent', amount: null }, 'percentBp'],
    ['a fixed coupon with a cap', { maxDiscountAmount: 10 }, 'maxDiscount'],
    ['a category coupon without categories', { scope: 'categories' }, 'scopeIds'],
    ['a store coupon with scope ids', { scopeIds: ['x'] }, 'scopeIds'],
  ])('%s', (_name, patch, field) => {
    expect(templateProblem({ ...base, ...patch })?.field ?? null).toBe(field);
  });
});
