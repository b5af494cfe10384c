import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bindingRefusal,
  bindingReplaceable,
  buildStatement,
  commissionChain,
  definesThirdLevel,
  rateFor,
  reversalTarget,
  splitCommission,
  level1Estimate,
  statementAddsUp,
  withdrawalFee,
} from './affiliate.rules.ts';
import type { LedgerKind } from './affiliate.table.ts';

const defaults = { level1Bp: 1000, level2Bp: 500 };

describe('affiliate rules', () => {
  it('pays two levels and never a third, whatever chain the caller passes', () => {
    const chain = commissionChain({ buyerId: 'C', buyerIsPromoter: false, selfPurchaseCommission: false, uplines: ['B', 'A', 'Z'] });
    expect(chain).toEqual(['B', 'A']);
    const shares = splitCommission({ lines: [{ lineId: 'l1', productId: 'p', paidAmount: 10_000 }], chain: ['B', 'A', 'Z', 'Y'], defaults, overrides: new Map() });
    expect(shares.map((s) => [s.level, s.promoterId, s.amount])).toEqual([
      [1, 'B', 1000],
      [2, 'A', 500],
    ]);
    fc.assert(
      fc.property(fc.array(fc.uuid(), { maxLength: 8 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 5 }), (uplines, amounts) => {
        const lines = amounts.map((a, i) => ({ lineId: `l${i}`, productId: 'p', paidAmount: a }));
        const out = splitCommission({ lines, chain: uplines, defaults, overrides: new Map() });
        return out.every((s) => s.level === 1 || s.level === 2) && !out.some((s) => uplines.indexOf(s.promoterId) >= 2 && !uplines.slice(0, 2).includes(s.promoterId));
      }),
    );
  });

  it('stops the chain at a cycle or at the buyer; self-purchase pays the buyer as level 1 only when enabled', () => {
    expect(commissionChain({ buyerId: 'C', buyerIsPromoter: true, selfPurchaseCommission: false, uplines: ['B', 'C'] })).toEqual(['B']);
    expect(commissionChain({ buyerId: 'C', buyerIsPromoter: true, selfPurchaseCommission: true, uplines: ['B', 'A'] })).toEqual(['C', 'B']);
    expect(commissionChain({ buyerId: 'C', buyerIsPromoter: false, selfPurchaseCommission: true, uplines: ['B', 'A'] })).toEqual(['B', 'A']);
    expect(commissionChain({ buyerId: 'C', buyerIsPromoter: false, selfPurchaseCommission: false, uplines: ['B', 'B'] })).toEqual(['B']);
    expect(commissionChain({ buyerId: 'C', buyerIsPromoter: false, selfPurchaseCommission: false, uplines: [] })).toEqual([]);
  });

  it('uses a per-product override instead of the defaults, rounding half up', () => {
    const overrides = new Map([['hot', { level1Bp: 2000, level2Bp: 0 }]]);
    expect(rateFor(1, defaults, overrides.get('hot'))).toBe(2000);
    expect(rateFor(2, defaults, null)).toBe(500);
    const shares = splitCommission({
      lines: [
        { lineId: 'a', productId: 'hot', paidAmount: 1999 },
        { lineId: 'b', productId: 'plain', paidAmount: 1005 },
      ],
      chain: ['B', 'A'],
      defaults,
      overrides,
    });
    // 1999 × 20% = 399.8 → 400; level 2 at 0% is left out; 1005 × 10% = 100.5 → 101; × 5% = 50.25 → 50
    expect(shares.map((s) => [s.lineId, s.level, s.amount])).toEqual([
      ['a', 1, 400],
      ['b', 1, 101],
      ['b', 2, 50],
    ]);
  });

  it('refuses binding to yourself or to anyone in your downline', () => {
    expect(bindingRefusal({ customerId: 'A', promoterId: 'A', promoterUplines: [] })).toBe('SELF');
    expect(bindingRefusal({ customerId: 'A', promoterId: 'B', promoterUplines: ['A'] })).toBe('DOWNLINE');
    expect(bindingRefusal({ customerId: 'A', promoterId: 'C', promoterUplines: ['B', 'A'] })).toBe('DOWNLINE');
    expect(bindingRefusal({ customerId: 'A', promoterId: 'C', promoterUplines: ['B', 'Z'] })).toBeNull();
  });

  it('keeps the first binding unless it expired or overriding is on', () => {
    const now = new Date('2026-06-10T00:00:00Z');
    expect(bindingReplaceable({ existing: null, newPromoterId: 'B', override: false, now })).toBe(true);
    expect(bindingReplaceable({ existing: { promoterId: 'A', expiresAt: null }, newPromoterId: 'B', override: false, now })).toBe(false);
    expect(bindingReplaceable({ existing: { promoterId: 'A', expiresAt: null }, newPromoterId: 'B', override: true, now })).toBe(true);
    expect(bindingReplaceable({ existing: { promoterId: 'A', expiresAt: new Date('2026-06-09T00:00:00Z') }, newPromoterId: 'B', override: false, now })).toBe(true);
    expect(bindingReplaceable({ existing: { promoterId: 'B', expiresAt: null }, newPromoterId: 'B', override: true, now })).toBe(false);
  });

  it('recognises a third level in any configuration shape', () => {
    expect(definesThirdLevel({ levels: 2, level1RateBp: 1000 })).toBe(false);
    expect(definesThirdLevel({ levels: 3 })).toBe(true);
    expect(definesThirdLevel({ level3RateBp: 100 })).toBe(true);
    expect(definesThirdLevel({ level3Bp: 0 })).toBe(true);
    expect(definesThirdLevel({ rates: [1000, 500, 100] })).toBe(true);
  });

  it('reverses in proportion to what was refunded, never more than the commission, all on a full refund', () => {
    expect(reversalTarget({ commission: 1000, paidAmount: 10_000, refundedTotal: 2500, full: false })).toBe(250);
    expect(reversalTarget({ commission: 1000, paidAmount: 10_000, refundedTotal: 2500, full: true })).toBe(1000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (commission, paid, refunded) => {
        const target = reversalTarget({ commission, paidAmount: paid, refundedTotal: Math.min(paid, refunded), full: false });
        return target >= 0 && target <= commission && (refunded < paid || target === commission);
      }),
    );
    // cumulative: growing refunds never shrink the reversal
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (c, paid, r1, r2) => {
        const [lo, hi] = [Math.min(r1, r2, paid), Math.min(Math.max(r1, r2), paid)];
        return reversalTarget({ commission: c, paidAmount: paid, refundedTotal: lo, full: false }) <= reversalTarget({ commission: c, paidAmount: paid, refundedTotal: hi, full: false });
      }),
    );
  });

  it('splits a withdrawal into fee and net that add back up', () => {
    expect(withdrawalFee(10_000, 60)).toEqual({ fee: 60, net: 9940 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 0, max: 10_000 }), (a, bp) => {
      const { fee, net } = withdrawalFee(a, bp);
      return fee >= 0 && net >= 0 && fee + net === a;
    }));
  });

  it('builds statements that always add up', () => {
    const kinds: LedgerKind[] = ['commission_settled', 'commission_reversed', 'withdrawal', 'withdrawal_fee', 'withdrawal_returned'];
    const s = buildStatement(500, [
      { kind: 'commission_settled', amount: 1000 },
      { kind: 'commission_reversed', amount: -200 },
      { kind: 'withdrawal', amount: -990 },
      { kind: 'withdrawal_fee', amount: -10 },
    ]);
    expect(s).toEqual({ openingBalance: 500, commissionsSettled: 1000, reversals: 200, withdrawals: 990, fees: 10, withdrawalsReturned: 0, closingBalance: 300 });
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.array(fc.record({ kind: fc.constantFrom(...kinds), amount: fc.integer({ min: 0, max: 1_000_000 }) })), (opening, raw) => {
        const entries = raw.map((e) => ({ kind: e.kind, amount: e.kind === 'commission_settled' || e.kind === 'withdrawal_returned' ? e.amount : -e.amount }));
        const st = buildStatement(opening, entries);
        return statementAddsUp(st) && st.closingBalance === opening + entries.reduce((a, e) => a + e.amount, 0);
      }),
    );
  });
});

describe('level-1 commission estimate (promoter centre)', () => {
  const defaults = { level1Bp: 1000, level2Bp: 300 };
  it('uses the product override, else the store rate, rounding half up like the split', () => {
    expect(level1Estimate({ productId: 'p', price: 40_185, defaults, override: { level1Bp: 1550, level2Bp: 300 } })).toEqual({ rateBp: 1550, amount: 6229 });
    expect(level1Estimate({ productId: 'p', price: 12_345, defaults, override: null })).toEqual({ rateBp: 1000, amount: 1235 });
    expect(level1Estimate({ productId: 'p', price: 0, defaults, override: null })).toEqual({ rateBp: 1000, amount: 0 });
  });
  it('always equals the level-1 share a paid line of that price books', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 5000 }), (price, bp) => {
        const rates = { level1Bp: bp, level2Bp: 0 };
        const booked = splitCommission({ lines: [{ lineId: 'l', productId: 'p', paidAmount: price }], chain: ['a', 'b'], defaults: rates, overrides: new Map() }).find((x) => x.level === 1)?.amount ?? 0;
        return level1Estimate({ productId: 'p', price, defaults: rates, override: null }).amount === booked;
      }),
    );
  });
});
