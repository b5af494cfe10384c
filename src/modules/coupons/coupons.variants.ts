// What an A/B variant of a coupon campaign (a template) may change: the face value (fen off) of
// the coupon the subject claims, for amount-off kinds (fixed, threshold). The coupon stores the
// value it was claimed with, so checkout takes that much off and the campaign ledger books exactly
// that discount when it is used; never more than the template's minimum spend, the promise a
// threshold coupon makes (coupons.rules.ts templateProblem).
import { MAX_AMOUNT } from '../../platform/money.ts';
import type { VariantRules } from '../campaigns/index.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import * as repo from './coupons.repo.ts';
import { couponsTables } from './coupons.table.ts';

export const couponVariants: VariantRules = {
  async space(handle: AnyExecutor, campaignId: string) {
    const t = await repo.findTemplate(couponsTables.of(handle), campaignId);
    if (!t || (t.kind !== 'fixed' && t.kind !== 'threshold') || t.amount === null) return { keys: [] };
    const max = t.min_spend_amount > 0 ? t.min_spend_amount : MAX_AMOUNT;
    return { keys: [{ key: 'couponAmount', unit: 'fen', min: 1, max, base: t.amount, en: 'Coupon value, fen off (at most the minimum spend)', zh: '优惠券面额（分，不超过使用门槛）' }] };
  },
};
