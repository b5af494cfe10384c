// Coupon rules: plain data and `now` in, decisions out. No database, no clock.
import type { ErrorCode } from '../../platform/errors.ts';
import { addDays } from '../../platform/clock.ts';
import { applyBasisPoints, MAX_AMOUNT } from '../../platform/money.ts';
import { applyOrderDiscount, linePayable, type PricedLine, type QuoteDraft } from '../checkout/index.ts';
import type { CouponKind, CouponScope, CouponStatus, TemplateStatus } from './coupons.table.ts';

export const COUPON_KINDS: readonly CouponKind[] = ['fixed', 'percent', 'threshold', 'free_shipping'];
export const COUPON_SCOPES: readonly CouponScope[] = ['store', 'categories', 'products'];
export const COUPON_STATUSES: readonly CouponStatus[] = ['available', 'locked', 'used', 'expired', 'revoked'];

export const LIMITS = {
  nameMax: 60,
  descriptionMax: 500,
  scopeIdsMax: 200,
  perUserLimitMax: 100,
  totalQuotaMax: 10_000_000,
  validDaysMax: 365,
  issueUsersMax: 1000,
  friendsNeededMax: 50,
} as const;

/** What a template takes off, and on what. */
export interface CouponTerms {
  kind: CouponKind;
  amount: number | null;
  percentBp: number | null;
  maxDiscountAmount: number | null;
  minSpendAmount: number;
  scope: CouponScope;
  scopeIds: string[];
}

interface TemplateValidity {
  validFrom: Date | null;
  validUntil: Date | null;
  validDaysAfterClaim: number | null;
}

export interface TemplateInput extends CouponTerms, TemplateValidity {
  name: string;
  description: string;
  perUserLimit: number;
  totalQuota: number | null;
  budgetAmount: number | null;
  claimable: boolean;
}

export type Problem = { code: ErrorCode; message: string; field?: string };

/** A template that makes sense: one validity rule, the numbers its kind needs, ids for a scope. */
export function templateProblem(t: TemplateInput): Problem | null {
  const bad = (message: string, field: string): Problem => ({ code: 'COUPONS_TEMPLATE_INVALID', message, field });
  if (!t.name.trim()) return bad('Give the coupon a name', 'name');
  const window = t.validFrom !== null || t.validUntil !== null;
  const days = t.validDaysAfterClaim !== null;
  if (window === days) return bad('Give either a validity window (validFrom and validUntil) or validDaysAfterClaim', 'validDaysAfterClaim');
  if (window && (!t.validFrom || !t.validUntil)) return bad('A validity window needs both validFrom and validUntil', 'validUntil');
  if (window && t.validFrom! >= t.validUntil!) return bad('validUntil must be after validFrom', 'validUntil');
  if (t.kind === 'fixed' || t.kind === 'threshold') {
    if (t.amount === null || t.amount < 1) return bad(`A ${t.kind} coupon needs an amount off of at least 1 fen`, 'amount');
    if (t.percentBp !== null) return bad(`A ${t.kind} coupon takes no percentBp`, 'percentBp');
  }
  if (t.kind === 'threshold') {
    if (t.minSpendAmount < 1) return bad('A threshold coupon (spend X save Y) needs minSpend', 'minSpend');
    if (t.amount! > t.minSpendAmount) return bad('A threshold coupon cannot take off more than its minimum spend', 'amount');
  }
  // A fixed amount off with a minimum spend is the same promise: never more off than the spend it asks.
  if (t.kind === 'fixed' && t.minSpendAmount > 0 && t.amount! > t.minSpendAmount) return bad('A coupon cannot take off more than its minimum spend', 'amount');
  if (t.kind === 'percent') {
    if (t.percentBp === null || t.percentBp < 1 || t.percentBp > 10_000) return bad('A percent coupon needs percentBp between 1 and 10000 (basis points off)', 'percentBp');
    if (t.amount !== null) return bad('A percent coupon takes maxDiscount, not amount', 'amount');
  }
  if (t.kind === 'free_shipping' && (t.amount !== null || t.percentBp !== null)) return bad('A free-shipping coupon takes no amount or percentBp', 'amount');
  if (t.kind !== 'percent' && t.maxDiscountAmount !== null) return bad('Only percent coupons have a maxDiscount', 'maxDiscount');
  if (t.scope === 'store' && t.scopeIds.length > 0) return bad('A store-wide coupon takes no scopeIds', 'scopeIds');
  if (t.scope !== 'store' && t.scopeIds.length === 0) return bad(`A ${t.scope}-scoped coupon needs scopeIds`, 'scopeIds');
  if (t.totalQuota !== null && t.totalQuota < 1) return bad('totalQuota must be at least 1 (null for unlimited)', 'totalQuota');
  if (t.budgetAmount !== null && t.budgetAmount < 1) return bad('budget must be at least 1 fen (null for unlimited)', 'budget');
  return null;
}

/**
 * What one coupon of a template can take off at most, in minor units: the amount for fixed and
 * threshold coupons, the cap for percent ones (null when uncapped), and null for free shipping,
 * which has no fixed value. Budgets (costCeiling) and risk's money at a claim both read this.
 */
export function faceValue(t: { kind: CouponKind; amount: number | null; max_discount_amount: number | null }): number | null {
  return t.kind === 'percent' ? t.max_discount_amount : t.kind === 'free_shipping' ? null : t.amount;
}

// ---- claiming and validity --------------------------------------------------------------------

type ClaimRefusal = 'not_active' | 'not_started' | 'ended';

/** Whether a template can hand out coupons now (claims, issues, rewards). */
export function claimRefusal(t: TemplateValidity & { status: TemplateStatus }, now: Date): ClaimRefusal | null {
  if (t.status !== 'active') return 'not_active';
  if (t.validFrom && now < t.validFrom) return 'not_started';
  if (t.validUntil && now >= t.validUntil) return 'ended';
  return null;
}

/** A coupon's own validity, fixed when it is claimed. */
export function resolveValidity(t: TemplateValidity, claimedAt: Date): { validFrom: Date; validUntil: Date } {
  if (t.validDaysAfterClaim !== null) return { validFrom: claimedAt, validUntil: addDays(claimedAt, t.validDaysAfterClaim) };
  return { validFrom: t.validFrom!, validUntil: t.validUntil! };
}

/**
 * Expiry is computed on read (lazy): an available coupon past its validity *is* expired, whatever
 * its row says, so no job has to run before the shopper sees it or checkout refuses it.
 */
export function effectiveStatus(c: { status: CouponStatus; validUntil: Date }, now: Date): CouponStatus {
  return c.status === 'available' && now >= c.validUntil ? 'expired' : c.status;
}

type UseRefusal =
  | { code: 'COUPONS_EXPIRED'; reason: 'expired' | 'not_started' }
  | { code: 'COUPONS_NOT_USABLE'; reason: 'already_used' | 'locked' | 'revoked' | 'campaign_inactive' };

/** Whether the holder may put this coupon on an order now (the order-dependent checks come later). */
export function useRefusal(c: { status: CouponStatus; validFrom: Date; validUntil: Date }, templateStatus: TemplateStatus, now: Date): UseRefusal | null {
  const status = effectiveStatus(c, now);
  if (status === 'expired') return { code: 'COUPONS_EXPIRED', reason: 'expired' };
  if (status === 'used') return { code: 'COUPONS_NOT_USABLE', reason: 'already_used' };
  if (status === 'locked') return { code: 'COUPONS_NOT_USABLE', reason: 'locked' };
  if (status === 'revoked') return { code: 'COUPONS_NOT_USABLE', reason: 'revoked' };
  if (now < c.validFrom) return { code: 'COUPONS_EXPIRED', reason: 'not_started' };
  // An operator who pauses or ends a campaign stops its coupons at checkout too.
  if (templateStatus !== 'active') return { code: 'COUPONS_NOT_USABLE', reason: 'campaign_inactive' };
  return null;
}

// ---- stacking ---------------------------------------------------------------------------------

type CouponClass = 'store' | 'scoped' | 'shipping';

/**
 * Free-shipping coupons are their own class (at most one, it cannot do more), so "one store
 * coupon + one product coupon" (DESIGN.md §5) still leaves room for free shipping.
 */
const couponClass = (t: { kind: CouponKind; scope: CouponScope }): CouponClass => (t.kind === 'free_shipping' ? 'shipping' : t.scope === 'store' ? 'store' : 'scoped');

export function stackingProblem(coupons: { kind: CouponKind; scope: CouponScope }[], limits: { maxStoreCoupons: number; maxProductCoupons: number }): { class: CouponClass; max: number; given: number } | null {
  const count = (k: CouponClass) => coupons.filter((c) => couponClass(c) === k).length;
  const checks: [CouponClass, number][] = [['store', limits.maxStoreCoupons], ['scoped', limits.maxProductCoupons], ['shipping', 1]];
  for (const [k, max] of checks) if (count(k) > max) return { class: k, max, given: count(k) };
  return null;
}

// ---- scope and discount math ------------------------------------------------------------------

/** A category and its ancestors, nearest first; a cycle in bad data stops rather than loops. */
export function categoryPath(categoryId: string, parentOf: Map<string, string | null>): string[] {
  const path: string[] = [];
  for (let c: string | null | undefined = categoryId; c && !path.includes(c); c = parentOf.get(c)) path.push(c);
  return path;
}

/** SKUs a coupon applies to: everything for store scope; a category includes its subcategories. */
export function skusInScope(terms: Pick<CouponTerms, 'scope' | 'scopeIds'>, lines: { skuId: string; productId: string; categoryPath: string[] }[]): Set<string> {
  const ids = new Set(terms.scopeIds);
  return new Set(
    lines
      .filter((l) => terms.scope === 'store' || (terms.scope === 'products' && ids.has(l.productId)) || (terms.scope === 'categories' && l.categoryPath.some((c) => ids.has(c))))
      .map((l) => l.skuId),
  );
}

const inScopePayable = (lines: PricedLine[], skus: Set<string>) => lines.reduce((s, l) => s + (skus.has(l.skuId) ? linePayable(l) : 0), 0);

/** What a coupon takes off an in-scope payable amount: whole fen, never negative, never more than the payable. */
export function couponDiscount(terms: Pick<CouponTerms, 'kind' | 'amount' | 'percentBp' | 'maxDiscountAmount'>, payable: number): number {
  if (payable <= 0) return 0;
  let off = 0;
  if (terms.kind === 'fixed' || terms.kind === 'threshold') off = terms.amount ?? 0;
  if (terms.kind === 'percent') off = Math.min(applyBasisPoints(payable, terms.percentBp ?? 0), terms.maxDiscountAmount ?? MAX_AMOUNT);
  return Math.max(0, Math.min(off, payable));
}

export interface CouponToApply {
  couponId: string;
  name: string;
  terms: CouponTerms;
  /** The SKUs in the order that the coupon covers. */
  skus: Set<string>;
}

type CouponRefusalReason = 'min_spend_not_reached' | 'nothing_in_scope' | 'nothing_to_discount';
type ApplyCouponsResult = { ok: true; draft: QuoteDraft } | { ok: false; couponId: string; reason: CouponRefusalReason; details: Record<string, unknown> };

/**
 * Apply the chosen coupons to a draft. Minimum spends are judged on what the in-scope goods cost
 * when coupons start (after campaign, tier and threshold steps), so the order coupons are listed
 * in never changes which are allowed. Scoped coupons go first, store coupons take from what is
 * left, and free shipping only flags the draft (recorded as a 0-amount line with the coupon id).
 */
export function applyCoupons(draft: QuoteDraft, coupons: CouponToApply[]): ApplyCouponsResult {
  for (const c of coupons) {
    const skus = new Set([...c.skus].filter((s) => draft.lines.some((l) => l.skuId === s)));
    if (skus.size === 0) return { ok: false, couponId: c.couponId, reason: 'nothing_in_scope', details: {} };
    const payable = inScopePayable(draft.lines, skus);
    if (payable < c.terms.minSpendAmount) return { ok: false, couponId: c.couponId, reason: 'min_spend_not_reached', details: { minSpend: c.terms.minSpendAmount, inScope: payable } };
  }
  const rank = (c: CouponToApply) => ({ scoped: 0, store: 1, shipping: 2 })[couponClass(c.terms)];
  const ordered = [...coupons].sort((a, b) => rank(a) - rank(b));
  let d = draft;
  for (const c of ordered) {
    const ref = { step: 'coupons', code: 'COUPON', label: c.name, ref: c.couponId };
    if (c.terms.kind === 'free_shipping') {
      d = { ...d, freeShipping: true, adjustments: [...d.adjustments, { ...ref, code: 'COUPON_FREE_SHIPPING', amount: 0, skuId: null }] };
      continue;
    }
    const off = couponDiscount(c.terms, inScopePayable(d.lines, c.skus));
    if (off <= 0) return { ok: false, couponId: c.couponId, reason: 'nothing_to_discount', details: {} };
    d = applyOrderDiscount(d, off, ref, c.terms.scope === 'store' ? undefined : c.skus);
  }
  return { ok: true, draft: d };
}

/** Coupon lines in a priced quote: which coupon took how much (fen, ≥ 0). */
export function couponUses(adjustments: { step: string; amount: number; ref?: string | null }[]): { couponId: string; discountAmount: number }[] {
  return adjustments.filter((a) => a.step === 'coupons' && a.ref).map((a) => ({ couponId: a.ref!, discountAmount: -a.amount }));
}

// ---- share packs ------------------------------------------------------------------------------

export const packRemaining = (claimed: number, needed: number) => Math.max(0, needed - claimed);
export const packUnlocked = (claimed: number, needed: number) => claimed >= needed;
