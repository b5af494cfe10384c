// Campaign plans as plain data: what a plan holds, whether it makes sense, how it translates into
// the simulator's ForecastInput and into an experiment's metrics. Pure: no database, no clock.
import type { ForecastInput } from '../simulator/index.ts';

export const PLAN_GOALS = ['new_customers', 'gmv', 'k'] as const;
export type PlanGoal = (typeof PLAN_GOALS)[number];
/** The mechanics a plan can create and start in one step (their services take the whole rule set at once). */
export const PLAN_MECHANICS = ['groupbuy', 'referral', 'coupon'] as const;
export type PlanMechanic = (typeof PLAN_MECHANICS)[number];
export const PLAN_STATUSES = ['draft', 'launching', 'launched'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** The share channels compliance keeps a policy for (compliance.channels.ts). */
export const PLAN_CHANNELS = ['wechat', 'moments', 'weibo', 'douyin', 'xiaohongshu', 'link', 'qr'] as const;

export const MAX_PLAN_DAYS = 60;
export const MAX_VARIANTS = 6;
const DAY_MS = 86_400_000;

export type Reward = { kind: 'points'; points: number } | { kind: 'coupon'; templateId: string };

export interface GroupbuyRules {
  kind: 'groupbuy';
  skuId: string;
  groupPrice: number;
  teamSize: number;
  stock: number;
  expiryHours?: number;
  perUserLimit?: number;
  newCustomersOnly?: boolean;
  leaderDiscount?: number;
}
export interface ReferralRules {
  kind: 'referral';
  inviterReward: Reward | null;
  inviteeReward: Reward | null;
  qualifyOn?: 'first_paid_order' | 'signup';
  inviterDailyCap?: number;
  holdHours?: number;
}
export interface CouponRules {
  kind: 'coupon';
  couponKind: 'fixed' | 'threshold' | 'percent';
  discountAmount?: number | null;
  percentBp?: number | null;
  maxDiscountAmount?: number | null;
  minSpendAmount?: number;
  validDaysAfterClaim: number;
  perUserLimit?: number;
  totalQuota?: number | null;
}
export type MechanicRules = GroupbuyRules | ReferralRules | CouponRules;

export interface PlanVariant {
  key: string;
  name: string;
  weight: number;
  isControl: boolean;
  config: Record<string, string | number | boolean | null>;
}

export interface PlanInput {
  name: string;
  goal: { metric: PlanGoal; target: number };
  segmentId: string | null;
  budgetAmount: number | null;
  startsAt: Date;
  endsAt: Date;
  mechanic: MechanicRules;
  channels: string[];
  variants: PlanVariant[];
}

export type PlanProblem =
  | { code: 'PLAN_SCHEDULE_INVALID'; message: string; field: string }
  | { code: 'PLAN_GOAL_INVALID'; message: string; field: string }
  | { code: 'PLAN_VARIANTS_INVALID'; message: string; field: string }
  | { code: 'PLAN_CHANNELS_INVALID'; message: string; field: string }
  | { code: 'PLAN_RULES_INVALID'; message: string; field: string };

/** Whole days the schedule covers (a part day counts as a day). */
export const planDays = (startsAt: Date, endsAt: Date) => Math.ceil((+endsAt - +startsAt) / DAY_MS);

function rulesProblem(m: MechanicRules): PlanProblem | null {
  const bad = (message: string, field: string): PlanProblem => ({ code: 'PLAN_RULES_INVALID', message, field: `mechanic.${field}` });
  if (m.kind === 'groupbuy') {
    if ((m.leaderDiscount ?? 0) >= m.groupPrice) return bad('The leader discount must leave the leader something to pay', 'leaderDiscount');
    return null;
  }
  if (m.kind === 'referral') {
    if (!m.inviterReward && !m.inviteeReward) return bad('A referral plan rewards the inviter, the invitee, or both', 'inviterReward');
    return null;
  }
  if (m.couponKind === 'percent') {
    if (m.percentBp == null) return bad('A percent coupon needs percentBp (basis points off)', 'percentBp');
    // The forecast prices each order at the most a coupon can take off: a percent coupon needs its cap.
    if (m.maxDiscountAmount == null) return bad('A percent coupon in a plan needs maxDiscountAmount, the most one order can cost', 'maxDiscountAmount');
    if (m.discountAmount != null) return bad('A percent coupon takes maxDiscountAmount, not discountAmount', 'discountAmount');
    return null;
  }
  if (m.discountAmount == null) return bad(`A ${m.couponKind} coupon needs discountAmount`, 'discountAmount');
  if (m.percentBp != null || m.maxDiscountAmount != null) return bad(`A ${m.couponKind} coupon takes only discountAmount`, 'percentBp');
  if (m.couponKind === 'threshold' && (m.minSpendAmount ?? 0) < m.discountAmount) return bad('A threshold coupon needs a minimum spend at least its discount', 'minSpendAmount');
  return null;
}

/** Upper bound of an amount in fen (platform/money.ts MAX_AMOUNT's order). */
const MAX_FEN = 100_000_000;

/**
 * The rule keys a variant of each mechanic may set, with their bounds: what the mechanics declare
 * to the campaign kernel (groupbuy.variants.ts, referral.variants.ts, coupons.variants.ts), checked
 * here so a plan that cannot launch is refused before anything is written. The experiment checks
 * again against the created campaign.
 */
export function variantKeysFor(m: MechanicRules): { key: string; min: number; max: number }[] {
  if (m.kind === 'groupbuy') return [{ key: 'teamSize', min: 2, max: 10 }];
  if (m.kind === 'referral') {
    return [
      ...(m.inviterReward?.kind === 'points' ? [{ key: 'inviterPoints', min: 1, max: 1_000_000 }] : []),
      ...(m.inviteeReward?.kind === 'points' ? [{ key: 'inviteePoints', min: 1, max: 1_000_000 }] : []),
    ];
  }
  if (m.couponKind === 'percent') return [];
  return [{ key: 'couponAmount', min: 1, max: (m.minSpendAmount ?? 0) > 0 ? m.minSpendAmount! : MAX_FEN }];
}

function variantsProblem(variants: readonly PlanVariant[], m: MechanicRules): PlanProblem | null {
  const bad = (message: string): PlanProblem => ({ code: 'PLAN_VARIANTS_INVALID', message, field: 'variants' });
  if (variants.length === 0) return null;
  if (variants.length < 2 || variants.length > MAX_VARIANTS) return bad(`A plan tests 2 to ${MAX_VARIANTS} variants, or none`);
  if (new Set(variants.map((v) => v.key)).size !== variants.length) return bad('Variant keys are distinct');
  if (variants.filter((v) => v.isControl).length !== 1) return bad('Exactly one variant is the control');
  if (variants.some((v) => !Number.isInteger(v.weight) || v.weight < 1) || variants.reduce((s, v) => s + v.weight, 0) !== 100) return bad('Variant weights are whole percentages of at least 1 that add up to 100');
  const keys = new Map(variantKeysFor(m).map((k) => [k.key, k]));
  for (const v of variants) {
    for (const [key, value] of Object.entries(v.config)) {
      const k = keys.get(key);
      if (!k) return bad(keys.size ? `A ${m.kind} variant may set only: ${[...keys.keys()].join(', ')} (not ${key})` : `This ${m.kind} plan's rules cannot vary by variant (${key})`);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < k.min || value > k.max) return bad(`${key} must be a whole number from ${k.min} to ${k.max}`);
    }
  }
  return null;
}

/** What is wrong with a plan as a whole, or null. `now` refuses a schedule already over. */
export function planProblem(p: PlanInput, now: Date): PlanProblem | null {
  if (!(p.endsAt > p.startsAt)) return { code: 'PLAN_SCHEDULE_INVALID', message: 'The plan must end after it starts', field: 'endsAt' };
  if (p.endsAt <= now) return { code: 'PLAN_SCHEDULE_INVALID', message: 'The plan ends in the past', field: 'endsAt' };
  if (planDays(p.startsAt, p.endsAt) > MAX_PLAN_DAYS) return { code: 'PLAN_SCHEDULE_INVALID', message: `A plan runs at most ${MAX_PLAN_DAYS} days`, field: 'endsAt' };
  if (!(p.goal.target > 0) || !Number.isFinite(p.goal.target)) return { code: 'PLAN_GOAL_INVALID', message: 'The goal target is a positive number', field: 'goal.target' };
  if (p.goal.metric !== 'k' && !Number.isInteger(p.goal.target)) return { code: 'PLAN_GOAL_INVALID', message: 'New customers and GMV (fen) targets are whole numbers', field: 'goal.target' };
  if (new Set(p.channels).size !== p.channels.length) return { code: 'PLAN_CHANNELS_INVALID', message: 'A channel is listed twice', field: 'channels' };
  return rulesProblem(p.mechanic) ?? variantsProblem(p.variants, p.mechanic);
}

/** What the plan's mechanic costs, read from the store: the SKU's list price, coupon templates' values, a point's value. */
export interface CostFacts {
  skuPriceAmount: number | null;
  couponValues: ReadonlyMap<string, number>;
  pointValueFen: number;
}

const rewardValue = (r: Reward | null, f: CostFacts) => (!r ? 0 : r.kind === 'points' ? r.points * f.pointValueFen : (f.couponValues.get(r.templateId) ?? 0));

/**
 * The cost per new customer and per order that the simulator books, from the plan's rules: a
 * referral pays both rewards per qualified invitee; a group buy gives away the list price less the
 * group price on every order (and the leader discount once a team); a coupon takes off its amount
 * (a percent coupon is priced at its cap).
 */
export function rewardCosts(m: MechanicRules, f: CostFacts): { rewardPerNewCustomer: number; rewardPerOrder: number } {
  if (m.kind === 'referral') return { rewardPerNewCustomer: rewardValue(m.inviterReward, f) + rewardValue(m.inviteeReward, f), rewardPerOrder: 0 };
  if (m.kind === 'groupbuy') {
    const perOrder = Math.max(0, (f.skuPriceAmount ?? m.groupPrice) - m.groupPrice) + Math.round((m.leaderDiscount ?? 0) / m.teamSize);
    return { rewardPerNewCustomer: 0, rewardPerOrder: perOrder };
  }
  return { rewardPerNewCustomer: 0, rewardPerOrder: m.couponKind === 'percent' ? (m.maxDiscountAmount ?? 0) : (m.discountAmount ?? 0) };
}

/** The simulator's input for a plan: its schedule, audience size, budget, channels and reward costs. */
export function forecastInputFor(p: Pick<PlanInput, 'startsAt' | 'endsAt' | 'budgetAmount' | 'channels' | 'mechanic'>, seedAudience: number, f: CostFacts): ForecastInput {
  return {
    mechanic: p.mechanic.kind,
    startAt: p.startsAt,
    days: Math.min(MAX_PLAN_DAYS, Math.max(1, planDays(p.startsAt, p.endsAt))),
    seedAudience: Math.max(1, seedAudience),
    budget: p.budgetAmount === null ? null : { amount: p.budgetAmount, currency: 'CNY' },
    ...rewardCosts(p.mechanic, f),
    ...(p.channels.length ? { channels: [...p.channels] } : {}),
  };
}

export type ExperimentMetric = 'conversion' | 'revenue' | 'orders' | 'new_customer' | 'shares';
/** The experiment's goal metric for the plan's goal, and the others it also reports. */
export function experimentMetrics(goal: PlanGoal): { goalMetric: ExperimentMetric; secondaryMetrics: ExperimentMetric[] } {
  if (goal === 'new_customers') return { goalMetric: 'new_customer', secondaryMetrics: ['conversion', 'revenue', 'shares'] };
  if (goal === 'gmv') return { goalMetric: 'revenue', secondaryMetrics: ['conversion', 'orders', 'new_customer'] };
  // K grows with shares made and the newcomers they bring: shares per exposed subject is the lever an experiment moves.
  return { goalMetric: 'shares', secondaryMetrics: ['new_customer', 'conversion'] };
}

/** The plan's own findings before any campaign exists (the kernel's checks run on the campaign at launch). */
export interface PlanFinding {
  check: string;
  severity: 'block' | 'warn' | 'info';
  message: string;
  details?: Record<string, unknown>;
}

export function planFindings(p: Pick<PlanInput, 'startsAt' | 'endsAt' | 'budgetAmount' | 'mechanic'>, facts: { seedAudience: number; skuStock: number | null }, now: Date): PlanFinding[] {
  const out: PlanFinding[] = [];
  if (p.endsAt <= now) out.push({ check: 'window', severity: 'block', message: 'The end time has passed' });
  if (p.budgetAmount === null) out.push({ check: 'budget', severity: 'info', message: 'No cost ceiling: every cost is recorded but none is refused' });
  if (facts.seedAudience === 0) out.push({ check: 'audience', severity: 'warn', message: 'The audience is empty today' });
  if (p.mechanic.kind === 'groupbuy' && facts.skuStock !== null && facts.skuStock < p.mechanic.stock) {
    out.push({ check: 'stock', severity: 'warn', message: 'The SKU has less stock on hand than the campaign offers', details: { onHand: facts.skuStock, campaignStock: p.mechanic.stock } });
  }
  return out;
}
