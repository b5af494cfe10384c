// Points, check-in and tiers: plain data and `now` in, decisions out. No database here.
// Calendar days are China time (UTC+8, no daylight saving): a check-in day, a share-click
// day and the year-end expiry are all counted on the shopper's wall clock.
import { chinaDate, chinaDayStart, DAY_MS } from '../../platform/clock.ts';
import type { PricingStep } from '../checkout/index.ts';
import { applyOrderDiscount, goodsPayable } from '../checkout/index.ts';

export const POINT_REASONS = [
  'order_paid',
  'order_refunded',
  'share_click',
  'checkin',
  'checkin_streak',
  'redeemed',
  'redeem_returned',
  'expired',
  'adjustment',
  'reward',
  'reward_reversed',
  'review',
] as const;
export type PointReason = (typeof POINT_REASONS)[number];

/** Reasons other modules may grant points for (the rest are written by loyalty itself). */
export type GrantReason = 'share_click' | 'checkin' | 'checkin_streak' | 'adjustment' | 'reward' | 'review' | 'order_paid';

/** The entry a reversal of each kind of grant writes. */
export const REVERSAL_REASON: Partial<Record<PointReason, PointReason>> = {
  order_paid: 'order_refunded',
  reward: 'reward_reversed',
};

export { chinaDate, chinaDayStart };

const CHINA_OFFSET_MS = 8 * 3_600_000;

export const chinaYear = (at: Date): number => Number(chinaDate(at).slice(0, 4));

/** Calendar arithmetic on YYYY-MM-DD labels. */
export function addDaysToDate(date: string, days: number): string {
  return new Date(chinaDayStart(date).getTime() + days * DAY_MS + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * When points earned at `earnedAt` expire: the last millisecond (31 Dec 23:59:59.999 China time)
 * of the year `expiryYears` after the year they were earned; 0 means the end of this year.
 */
export function pointsExpiry(earnedAt: Date, expiryYears: number): Date {
  const year = chinaYear(earnedAt) + expiryYears;
  return new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS - 1);
}

/** The expiry job for lots expiring at `expiresAt` runs at 00:05 China time the next day. */
export function expiryJobRunAt(expiresAt: Date): Date {
  const nextDay = chinaDate(new Date(expiresAt.getTime() + 1));
  return new Date(chinaDayStart(nextDay).getTime() + 5 * 60_000);
}

/** Points and growth for a paid order: whole yuan only. */
export function earningsForPayment(totalAmount: number, pointsPerYuan: number): { points: number; growth: number } {
  const yuan = Math.max(0, Math.floor(totalAmount / 100));
  return { points: yuan * pointsPerYuan, growth: yuan };
}

/**
 * How much of `total` a refund accounts for once `refundedTotal` of `paidAmount` has come back:
 * everything on a full refund, otherwise the proportional share rounded down. Callers subtract
 * what earlier refunds already took, so partial refunds sum to the whole without drift.
 */
export function refundShare(total: number, refundedTotal: number, paidAmount: number, full: boolean): number {
  if (total <= 0) return 0;
  if (full || paidAmount <= 0 || refundedTotal >= paidAmount) return total;
  if (refundedTotal <= 0) return 0;
  return Number((BigInt(total) * BigInt(refundedTotal)) / BigInt(paidAmount));
}

export interface Lot {
  id: number;
  remaining: number;
  expiresAt: Date;
}

/**
 * Take `amount` points from lots, the soonest-expiring first (FIFO among equal expiry). `prefer`
 * lots go first (a reversal reclaims from the lot its grant created). Takes no more than there is.
 */
export function planLotConsumption(lots: Lot[], amount: number, prefer: number[] = []): { lotId: number; amount: number }[] {
  const order = [...lots].sort((a, b) => {
    const pa = prefer.includes(a.id) ? 0 : 1;
    const pb = prefer.includes(b.id) ? 0 : 1;
    return pa - pb || a.expiresAt.getTime() - b.expiresAt.getTime() || a.id - b.id;
  });
  const plan: { lotId: number; amount: number }[] = [];
  let left = amount;
  for (const lot of order) {
    if (left <= 0) break;
    const take = Math.min(lot.remaining, left);
    if (take <= 0) continue;
    plan.push({ lotId: lot.id, amount: take });
    left -= take;
  }
  return plan;
}

/**
 * Points returned to a shopper after spending (a cancelled or refunded order) go back as new lots:
 * the latest-expiring spent points return first, keeping their original expiry while it is still
 * ahead, else the expiry of points earned now. `alreadyReturned` points were returned earlier.
 */
export function planReturnLots(
  spent: { amount: number; expiresAt: Date }[],
  alreadyReturned: number,
  amount: number,
  fallbackExpiry: Date,
  now: Date,
): { amount: number; expiresAt: Date }[] {
  const latestFirst = [...spent].sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
  let skip = alreadyReturned;
  let left = amount;
  const byExpiry = new Map<number, number>();
  for (const s of latestFirst) {
    let available = s.amount;
    const skipped = Math.min(skip, available);
    skip -= skipped;
    available -= skipped;
    const take = Math.min(available, left);
    if (take <= 0) continue;
    const expiresAt = s.expiresAt > now ? s.expiresAt : fallbackExpiry;
    byExpiry.set(expiresAt.getTime(), (byExpiry.get(expiresAt.getTime()) ?? 0) + take);
    left -= take;
  }
  if (left > 0) byExpiry.set(fallbackExpiry.getTime(), (byExpiry.get(fallbackExpiry.getTime()) ?? 0) + left);
  return [...byExpiry].sort((a, b) => a[0] - b[0]).map(([at, n]) => ({ amount: n, expiresAt: new Date(at) }));
}

// ---- checkout: points deduction ---------------------------------------------------------

export interface PointsRules {
  pointValueFen: number;
  maxDeductionPercent: number;
}

/**
 * How many points an order may use: what was asked, no more than the balance, and worth no more
 * than `maxDeductionPercent` % of what the goods still cost. Whole points, so whole fen.
 */
export function pointsDeduction(input: { requested: number; balance: number; goodsPayable: number } & PointsRules): { points: number; amount: number } {
  const { requested, balance, goodsPayable: goods, pointValueFen, maxDeductionPercent } = input;
  if (requested <= 0 || balance <= 0 || goods <= 0 || pointValueFen <= 0 || maxDeductionPercent <= 0) return { points: 0, amount: 0 };
  const capFen = Math.floor((goods * Math.min(100, maxDeductionPercent)) / 100);
  const points = Math.max(0, Math.min(requested, balance, Math.floor(capFen / pointValueFen)));
  return { points, amount: points * pointValueFen };
}

/** The pricing step that spends points (the balance was checked when the step was prepared). */
export function pointsStep(requested: number, balance: number, rules: PointsRules): PricingStep {
  return {
    code: 'points',
    apply(draft) {
      const { points, amount } = pointsDeduction({ requested, balance, goodsPayable: goodsPayable(draft), ...rules });
      if (points <= 0) return draft;
      return applyOrderDiscount(draft, amount, { step: 'points', code: 'POINTS', label: `积分抵扣 ${points}`, ref: String(points) });
    },
  };
}

// ---- check-in ----------------------------------------------------------------------------

export interface CheckinRules {
  checkinPoints: number;
  bonusEvery: number;
  bonusPoints: number;
}

/** Today's streak: yesterday checked in continues it, anything else starts again at 1. */
export function nextStreak(lastCheckinDate: string | null, previousStreak: number, today: string): number {
  return lastCheckinDate !== null && lastCheckinDate === addDaysToDate(today, -1) ? previousStreak + 1 : 1;
}

/** The streak a shopper holds now: it lapses once a whole day passes without a check-in. */
export function currentStreak(lastCheckinDate: string | null, streak: number, today: string): number {
  if (lastCheckinDate === today || lastCheckinDate === addDaysToDate(today, -1)) return streak;
  return 0;
}

export function checkinAward(streak: number, rules: CheckinRules): { points: number; bonus: number } {
  const bonus = rules.bonusEvery > 0 && streak > 0 && streak % rules.bonusEvery === 0 ? rules.bonusPoints : 0;
  return { points: rules.checkinPoints, bonus };
}

// ---- tiers -------------------------------------------------------------------------------

export interface Tier {
  code: string;
  name: string;
  nameEn: string;
  minGrowth: number;
  /** What the shopper pays, in basis points of the goods: 9900 is 1% off, 10000 no discount. */
  discountBp: number;
  freeShipping: boolean;
  sort: number;
}

/** The highest tier whose threshold the growth value reaches. */
export function tierFor(tiers: Tier[], growth: number): Tier | undefined {
  return [...tiers].filter((t) => t.minGrowth <= growth).sort((a, b) => b.minGrowth - a.minGrowth)[0];
}

export function nextTierAfter(tiers: Tier[], growth: number): Tier | undefined {
  return [...tiers].filter((t) => t.minGrowth > growth).sort((a, b) => a.minGrowth - b.minGrowth)[0];
}

/** 9900 → "99折", 9000 → "9折", 9750 → "97.5折": how Chinese shoppers read a discount. */
export function zheLabel(discountBp: number): string {
  const tenths = discountBp / 100;
  const n = Number.isInteger(tenths) && tenths % 10 === 0 ? tenths / 10 : tenths;
  return `${n}折`;
}

/** The tier discount on what the goods cost: rounded down, so the shopper never pays less than the rate says. */
export function tierDiscountAmount(goods: number, discountBp: number): number {
  if (goods <= 0 || discountBp >= 10_000 || discountBp <= 0) return 0;
  return Number((BigInt(goods) * BigInt(10_000 - discountBp)) / 10_000n);
}

export function tierStep(tier: Tier): PricingStep {
  return {
    code: 'tier',
    apply(draft) {
      let next = draft;
      const amount = tierDiscountAmount(goodsPayable(draft), tier.discountBp);
      if (amount > 0) next = applyOrderDiscount(next, amount, { step: 'tier', code: 'TIER_DISCOUNT', label: `${tier.name} ${zheLabel(tier.discountBp)}`, ref: tier.code });
      if (tier.freeShipping) {
        next = {
          ...next,
          freeShipping: true,
          adjustments: [...next.adjustments, { step: 'tier', code: 'TIER_FREE_SHIPPING', label: `${tier.name} 包邮`, amount: 0, skuId: null, ref: tier.code }],
        };
      }
      return next;
    },
  };
}
