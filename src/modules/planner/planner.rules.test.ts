import { describe, expect, it } from 'vitest';
import { experimentMetrics, forecastInputFor, planDays, planFindings, planProblem, rewardCosts, type CostFacts, type PlanInput, type PlanVariant } from './planner.rules.ts';

const now = new Date('2026-06-20T00:00:00.000Z');
const facts: CostFacts = { skuPriceAmount: 9900, couponValues: new Map([['tpl-10', 1000]]), pointValueFen: 2 };
const plan = (over: Partial<PlanInput> = {}): PlanInput => ({
  name: '618 拼团',
  goal: { metric: 'new_customers', target: 500 },
  segmentId: null,
  budgetAmount: 500_000,
  startsAt: new Date('2026-06-21T00:00:00.000Z'),
  endsAt: new Date('2026-06-28T00:00:00.000Z'),
  mechanic: { kind: 'groupbuy', skuId: 'sku', groupPrice: 5900, teamSize: 3, stock: 100 },
  channels: ['wechat', 'link'],
  variants: [],
  ...over,
});
const variants: PlanVariant[] = [
  { key: 'control', name: '对照', weight: 50, isControl: true, config: {} },
  { key: 'big', name: '三人团', weight: 50, isControl: false, config: { teamSize: 3 } },
];

describe('plan validation', () => {
  it('accepts a whole, sensible plan with or without variants', () => {
    expect(planProblem(plan(), now)).toBeNull();
    expect(planProblem(plan({ variants }), now)).toBeNull();
    const points = { kind: 'referral' as const, inviterReward: { kind: 'points' as const, points: 100 }, inviteeReward: null };
    expect(planProblem(plan({ mechanic: points, variants: [variants[0], { ...variants[1], config: { inviterPoints: 300 } }] }), now)).toBeNull();
    const coupon = { kind: 'coupon' as const, couponKind: 'fixed' as const, discountAmount: 500, validDaysAfterClaim: 7 };
    expect(planProblem(plan({ mechanic: coupon, variants: [variants[0], { ...variants[1], config: { couponAmount: 1500 } }] }), now)).toBeNull();
  });

  it('refuses each broken part with its code and field', () => {
    const cases: [Partial<PlanInput>, string, string][] = [
      [{ endsAt: new Date('2026-06-21T00:00:00.000Z') }, 'PLAN_SCHEDULE_INVALID', 'endsAt'],
      [{ startsAt: new Date('2026-06-01T00:00:00.000Z'), endsAt: new Date('2026-06-10T00:00:00.000Z') }, 'PLAN_SCHEDULE_INVALID', 'endsAt'],
      [{ endsAt: new Date('2026-08-21T00:00:00.000Z') }, 'PLAN_SCHEDULE_INVALID', 'endsAt'],
      [{ goal: { metric: 'new_customers', target: 10.5 } }, 'PLAN_GOAL_INVALID', 'goal.target'],
      [{ goal: { metric: 'gmv', target: 0 } }, 'PLAN_GOAL_INVALID', 'goal.target'],
      [{ channels: ['wechat', 'wechat'] }, 'PLAN_CHANNELS_INVALID', 'channels'],
      [{ variants: [variants[0]] }, 'PLAN_VARIANTS_INVALID', 'variants'],
      [{ variants: [variants[0], { ...variants[1], key: 'control' }] }, 'PLAN_VARIANTS_INVALID', 'variants'],
      [{ variants: [variants[0], { ...variants[1], isControl: true }] }, 'PLAN_VARIANTS_INVALID', 'variants'],
      [{ variants: [variants[0], { ...variants[1], weight: 40 }] }, 'PLAN_VARIANTS_INVALID', 'variants'],
      [{ variants: [variants[0], { ...variants[1], config: { groupPrice: 4900 } }] }, 'PLAN_VARIANTS_INVALID', 'variants'],
      [{ variants: [variants[0], { ...variants[1], config: { teamSize: 11 } }] }, 'PLAN_VARIANTS_INVALID', 'variants'],
      [{ variants: [variants[0], { ...variants[1], config: { teamSize: '3' } }] }, 'PLAN_VARIANTS_INVALID', 'variants'],
      [{ mechanic: { kind: 'referral', inviterReward: { kind: 'coupon', templateId: 't' }, inviteeReward: null }, variants: [variants[0], { ...variants[1], config: { inviterPoints: 50 } }] }, 'PLAN_VARIANTS_INVALID', 'variants'],
      [{ mechanic: { kind: 'coupon', couponKind: 'threshold', discountAmount: 500, minSpendAmount: 3000, validDaysAfterClaim: 7 }, variants: [variants[0], { ...variants[1], config: { couponAmount: 3500 } }] }, 'PLAN_VARIANTS_INVALID', 'variants'],
      [{ mechanic: { kind: 'groupbuy', skuId: 's', groupPrice: 500, teamSize: 2, stock: 1, leaderDiscount: 500 } }, 'PLAN_RULES_INVALID', 'mechanic.leaderDiscount'],
      [{ mechanic: { kind: 'referral', inviterReward: null, inviteeReward: null } }, 'PLAN_RULES_INVALID', 'mechanic.inviterReward'],
      [{ mechanic: { kind: 'coupon', couponKind: 'percent', percentBp: 1000, validDaysAfterClaim: 7 } }, 'PLAN_RULES_INVALID', 'mechanic.maxDiscountAmount'],
      [{ mechanic: { kind: 'coupon', couponKind: 'fixed', validDaysAfterClaim: 7 } }, 'PLAN_RULES_INVALID', 'mechanic.discountAmount'],
      [{ mechanic: { kind: 'coupon', couponKind: 'threshold', discountAmount: 2000, minSpendAmount: 1000, validDaysAfterClaim: 7 } }, 'PLAN_RULES_INVALID', 'mechanic.minSpendAmount'],
    ];
    for (const [over, code, field] of cases) expect(planProblem(plan(over), now), JSON.stringify(over)).toMatchObject({ code, field });
  });

  it('counts a part day as a day', () => {
    expect(planDays(new Date('2026-06-21T00:00:00Z'), new Date('2026-06-21T00:00:01Z'))).toBe(1);
    expect(planDays(new Date('2026-06-21T00:00:00Z'), new Date('2026-06-28T00:00:00Z'))).toBe(7);
  });
});

describe('plan → ForecastInput', () => {
  it('prices a group-buy order at the list price less the group price, plus the leader discount spread over the team', () => {
    expect(rewardCosts({ kind: 'groupbuy', skuId: 's', groupPrice: 5900, teamSize: 3, stock: 9, leaderDiscount: 600 }, facts)).toEqual({ rewardPerNewCustomer: 0, rewardPerOrder: 4000 + 200 });
  });

  it('prices a referral new customer at both rewards: points at the point value, coupons at their amount', () => {
    expect(rewardCosts({ kind: 'referral', inviterReward: { kind: 'points', points: 500 }, inviteeReward: { kind: 'coupon', templateId: 'tpl-10' } }, facts)).toEqual({ rewardPerNewCustomer: 500 * 2 + 1000, rewardPerOrder: 0 });
    expect(rewardCosts({ kind: 'referral', inviterReward: null, inviteeReward: { kind: 'coupon', templateId: 'unknown' } }, facts).rewardPerNewCustomer).toBe(0);
  });

  it('prices a coupon order at its amount, a percent coupon at its cap', () => {
    expect(rewardCosts({ kind: 'coupon', couponKind: 'fixed', discountAmount: 1500, validDaysAfterClaim: 7 }, facts).rewardPerOrder).toBe(1500);
    expect(rewardCosts({ kind: 'coupon', couponKind: 'percent', percentBp: 1000, maxDiscountAmount: 3000, validDaysAfterClaim: 7 }, facts).rewardPerOrder).toBe(3000);
  });

  it('carries the schedule, audience, budget and channels', () => {
    const input = forecastInputFor(plan(), 1234, facts);
    expect(input).toEqual({ mechanic: 'groupbuy', startAt: new Date('2026-06-21T00:00:00.000Z'), days: 7, seedAudience: 1234, budget: { amount: 500_000, currency: 'CNY' }, rewardPerNewCustomer: 0, rewardPerOrder: 4000, channels: ['wechat', 'link'] });
    // An empty audience still seeds one shopper (the simulator's floor); no channels means all of them.
    const bare = forecastInputFor(plan({ budgetAmount: null, channels: [] }), 0, facts);
    expect([bare.seedAudience, bare.budget, 'channels' in bare]).toEqual([1, null, false]);
  });
});

describe('goal → experiment metrics', () => {
  it('maps each goal to a metric the experiment measures, never repeating it among the secondaries', () => {
    for (const goal of ['new_customers', 'gmv', 'k'] as const) {
      const m = experimentMetrics(goal);
      expect(m.secondaryMetrics).not.toContain(m.goalMetric);
    }
    expect(experimentMetrics('gmv').goalMetric).toBe('revenue');
  });
});

describe('plan findings', () => {
  it('warns of too little stock and an empty audience, blocks a past end, notes a missing budget', () => {
    const f = planFindings(plan({ budgetAmount: null }), { seedAudience: 0, skuStock: 50 }, now);
    expect(f.map((x) => [x.check, x.severity])).toEqual([['budget', 'info'], ['audience', 'warn'], ['stock', 'warn']]);
    const late = planFindings(plan(), { seedAudience: 10, skuStock: 500 }, new Date('2026-07-01T00:00:00Z'));
    expect(late.map((x) => [x.check, x.severity])).toEqual([['window', 'block']]);
  });
});
