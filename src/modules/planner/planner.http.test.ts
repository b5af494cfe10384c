// The planner over HTTP: plans refused with a code and nothing written, drafts edited, the
// forecast input the plan translates into, the launch review, the one-step launch (campaign,
// budget, experiment, stored forecast, both started; idempotent and single under a race), and the
// post-campaign report as JSON and CSV.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set('2026-06-20T00:00:00.000Z');
  op = await t.operator();
});
afterAll(() => t?.close());

const variants = [
  { key: 'control', name: '对照：两人团', weight: 50, isControl: true, config: {} },
  { key: 'trio', name: '三人团', weight: 50, isControl: false, config: { teamSize: 3 } },
];

async function groupbuyPlan(over: Record<string, unknown> = {}) {
  const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
  return {
    name: '618 两人团',
    goal: { metric: 'new_customers', target: 300 },
    segmentId: null,
    budgetAmount: 200_000,
    startsAt: '2026-06-20T00:00:00.000Z',
    endsAt: '2026-06-27T00:00:00.000Z',
    mechanic: { kind: 'groupbuy', skuId, groupPrice: 5900, teamSize: 2, stock: 100 },
    channels: ['wechat', 'link'],
    variants,
    ...over,
  };
}
const post = (url: string, body?: unknown) => t.request({ method: 'POST', url: `/api/v1/admin${url}`, as: op, body });
const get = (url: string) => t.request({ method: 'GET', url: `/api/v1/admin${url}`, as: op });
const count = async (table: 'plans' | 'experiments' | 'campaigns') => Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('planning', () => {
  it('refuses bad input with a coded 4xx and writes nothing', async () => {
    const base = await groupbuyPlan();
    const mech = base.mechanic as Record<string, unknown>;
    const before = await count('plans');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, endsAt: '2026-06-19T00:00:00.000Z' }, 422, 'PLAN_SCHEDULE_INVALID'],
      [{ ...base, endsAt: '2026-09-01T00:00:00.000Z' }, 422, 'PLAN_SCHEDULE_INVALID'],
      [{ ...base, goal: { metric: 'new_customers', target: 1.5 } }, 422, 'PLAN_GOAL_INVALID'],
      [{ ...base, variants: [variants[0], { ...variants[1], weight: 30 }] }, 422, 'PLAN_VARIANTS_INVALID'],
      [{ ...base, variants: [variants[0]] }, 422, 'PLAN_VARIANTS_INVALID'],
      [{ ...base, channels: ['wechat', 'wechat'] }, 422, 'PLAN_CHANNELS_INVALID'],
      [{ ...base, variants: [variants[0], { ...variants[1], config: { groupPrice: 4900 } }] }, 422, 'PLAN_VARIANTS_INVALID'],
      [{ ...base, mechanic: { ...mech, groupPrice: 9900 } }, 422, 'PLAN_RULES_INVALID'],
      [{ ...base, mechanic: { ...mech, skuId: randomUUID() } }, 404, 'PLAN_SKU_NOT_FOUND'],
      [{ ...base, segmentId: randomUUID() }, 404, 'PLAN_SEGMENT_NOT_FOUND'],
      [{ ...base, variants: [], mechanic: { kind: 'referral', inviterReward: { kind: 'coupon', templateId: randomUUID() }, inviteeReward: null } }, 404, 'PLAN_COUPON_NOT_FOUND'],
      [{ ...base, variants: [], mechanic: { kind: 'coupon', couponKind: 'percent', percentBp: 1000, validDaysAfterClaim: 7 } }, 422, 'PLAN_RULES_INVALID'],
      [{ ...base, mechanic: { ...mech, teamSize: 11 } }, 400, 'VALIDATION_FAILED'],
      [{ ...base, mechanic: { ...mech, kind: 'lottery' } }, 400, 'VALIDATION_FAILED'],
      [{ ...base, budgetAmount: -1 }, 400, 'VALIDATION_FAILED'],
      [{ ...base, budgetAmount: '2000' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, goal: { metric: 'happiness', target: 1 } }, 400, 'VALIDATION_FAILED'],
      [{ ...base, channels: ['fax'] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, extra: 1 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post('/plans', body);
      expect([res.statusCode, res.data.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await count('plans')).toBe(before);
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/plans', body: base })).statusCode).toBe(401);
    const shopper = await t.signUp();
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/plans', as: shopper, body: base })).statusCode).toBe(403);
  });

  it('creates, lists, reads and edits a draft, and translates it into the simulator’s input', async () => {
    const body = await groupbuyPlan();
    const made = await post('/plans', body);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.data).toMatchObject({ status: 'draft', days: 7, budget: { amount: 200_000, currency: 'CNY' }, campaignId: null, variants });
    expect((await get('/plans')).data.items.map((p: { id: string }) => p.id)).toContain(made.data.id);
    const edited = await t.request({ method: 'PUT', url: `/api/v1/admin/plans/${made.data.id}`, as: op, body: { ...body, mechanic: { ...body.mechanic, leaderDiscount: 1000 } } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await get(`/plans/${made.data.id}`)).data.mechanic.leaderDiscount).toBe(1000);
    const input = await t.services.planner.forecastInputOf(made.data.id);
    // 99 − 59 yuan given away per order, plus the 10-yuan leader discount spread over a team of 2.
    expect(input).toMatchObject({ mechanic: 'groupbuy', days: 7, budget: { amount: 200_000, currency: 'CNY' }, rewardPerNewCustomer: 0, rewardPerOrder: 4000 + 500, channels: ['wechat', 'link'] });
    expect(input.startAt.toISOString()).toBe('2026-06-20T00:00:00.000Z');
    expect(input.seedAudience).toBeGreaterThanOrEqual(1);
    const forecast = await post(`/plans/${made.data.id}/forecast`);
    expect(forecast.statusCode, forecast.body).toBe(200);
    expect(forecast.data.days).toHaveLength(7);
    expect(forecast.data.final.reach.p10).toBeLessThanOrEqual(forecast.data.final.reach.p90);
    const review = await get(`/plans/${made.data.id}/checks`);
    expect(review.statusCode).toBe(200);
    expect(review.data).toMatchObject({ source: 'plan', campaignId: null, blocked: false });
    expect((await get(`/plans/${randomUUID()}`)).data.error.code).toBe('PLAN_NOT_FOUND');
    expect((await get(`/plans/${made.data.id}/report`)).data.error.code).toBe('PLAN_NOT_LAUNCHED');
  });
});

describe('launching', () => {
  it('creates and starts the campaign and its experiment in one step, stores the forecast, and launches once', async () => {
    const made = await post('/plans', await groupbuyPlan());
    const id = made.data.id;
    const [campaignsBefore, experimentsBefore] = [await count('campaigns'), await count('experiments')];
    const launched = await post(`/plans/${id}/launch`);
    expect(launched.statusCode, launched.body).toBe(200);
    expect(launched.data).toMatchObject({ created: true, plan: { status: 'launched' } });
    const plan = launched.data.plan;
    expect(plan.campaignId).toBeTruthy();
    expect(plan.forecastAt).toBeTruthy();
    const campaign = await get(`/campaigns/${plan.campaignId}`);
    expect(campaign.data).toMatchObject({ mechanic: 'groupbuy', status: 'live', budget: { amount: 200_000 } });
    const experiment = await get(`/experiments/${plan.experimentId}`);
    expect(experiment.data).toMatchObject({ campaignId: plan.campaignId, status: 'running', goalMetric: 'new_customer', variants });
    // Launching again answers the launched plan: no second campaign or experiment.
    const again = await post(`/plans/${id}/launch`);
    expect(again.data).toMatchObject({ created: false, plan: { campaignId: plan.campaignId, experimentId: plan.experimentId } });
    expect([await count('campaigns'), await count('experiments')]).toEqual([campaignsBefore + 1, experimentsBefore + 1]);
    const edit = await t.request({ method: 'PUT', url: `/api/v1/admin/plans/${id}`, as: op, body: await groupbuyPlan() });
    expect([edit.statusCode, edit.data.error.code]).toEqual([409, 'PLAN_NOT_DRAFT']);
    const review = await get(`/plans/${id}/checks`);
    expect(review.data).toMatchObject({ source: 'campaign', campaignId: plan.campaignId });
    await post(`/groupbuy/campaigns/${plan.campaignId}/stop`);
  });

  it('two launches at once create one campaign', async () => {
    const made = await post('/plans', await groupbuyPlan({ variants: [] }));
    const before = await count('campaigns');
    const results = await Promise.all([post(`/plans/${made.data.id}/launch`), post(`/plans/${made.data.id}/launch`), post(`/plans/${made.data.id}/launch`)]);
    for (const r of results) expect([200, 409]).toContain(r.statusCode);
    expect(results.filter((r) => r.statusCode === 200 && r.data.created)).toHaveLength(1);
    expect(await count('campaigns')).toBe(before + 1);
    const plan = (await get(`/plans/${made.data.id}`)).data;
    expect([plan.status, plan.experimentId]).toEqual(['launched', null]);
    await post(`/groupbuy/campaigns/${plan.campaignId}/stop`);
  });

  it('launches a coupon plan with its budget, and a referral plan', async () => {
    const base = await groupbuyPlan({ variants: [] });
    const coupon = await post('/plans', { ...base, goal: { metric: 'gmv', target: 1_000_000 }, mechanic: { kind: 'coupon', couponKind: 'fixed', discountAmount: 1000, validDaysAfterClaim: 7, totalQuota: 500 } });
    expect(coupon.statusCode, coupon.body).toBe(201);
    const c = await post(`/plans/${coupon.data.id}/launch`);
    expect(c.statusCode, c.body).toBe(200);
    expect((await get(`/campaigns/${c.data.plan.campaignId}`)).data).toMatchObject({ mechanic: 'coupon', status: 'live', budget: { amount: 200_000 } });
    expect((await t.services.planner.forecastInputOf(coupon.data.id)).rewardPerOrder).toBe(1000);
    const referral = await post('/plans', { ...base, mechanic: { kind: 'referral', inviterReward: { kind: 'points', points: 100 }, inviteeReward: null } });
    const r = await post(`/plans/${referral.data.id}/launch`);
    expect(r.statusCode, r.body).toBe(200);
    expect((await get(`/campaigns/${r.data.plan.campaignId}`)).data).toMatchObject({ mechanic: 'referral', status: 'live' });
    await post(`/coupons/templates/${c.data.plan.campaignId}/end`);
    await post(`/campaigns/${r.data.plan.campaignId}/end`);
  });
});

describe('the post-campaign report', () => {
  it('sets analytics’ figures beside the plan and the stored forecast, with the experiment’s effects, as JSON and CSV', async () => {
    const made = await post('/plans', await groupbuyPlan());
    const launched = await post(`/plans/${made.data.id}/launch`);
    const plan = launched.data.plan;
    // Shoppers meet the campaign through the kernel's variant hook: each is exposed once to one variant.
    // Until each arm has two subjects (a comparison needs a variance on both sides); assignment is a hash, so a few more may be needed.
    const arms = async () => (await get(`/experiments/${plan.experimentId}/exposures`)).data.variants.map((v: { exposures: number }) => v.exposures);
    for (let i = 0; i < 40 && Math.min(...(await arms())) < 2; i++) await t.request({ method: 'GET', url: `/api/v1/experiments/campaigns/${plan.campaignId}/variant`, as: await t.signUp() });
    expect(Math.min(...(await arms()))).toBeGreaterThanOrEqual(2);
    await t.settle();
    t.clock.set('2026-06-22T00:00:00.000Z');
    const report = await get(`/plans/${made.data.id}/report`);
    expect(report.statusCode, report.body).toBe(200);
    const r = report.data;
    const analytics = (await get(`/analytics/campaigns?campaignId=${plan.campaignId}&from=${r.from}&to=${r.to}`)).data.items[0];
    expect(r.outcome).toMatchObject({ reach: analytics.reach, newCustomers: analytics.newCustomers, paidOrders: analytics.paidOrders, gmvAmount: analytics.gmv.amount, costAmount: analytics.cost.total.amount });
    expect(r.plannedVsActual).toMatchObject({ goal: { metric: 'new_customers', planned: 300, actual: analytics.newCustomers }, budget: { planned: 200_000, actual: analytics.cost.total.amount }, days: { planned: 7, actual: 2 } });
    expect(r.forecastVsActual.map((f: { metric: string }) => f.metric)).toEqual(['reach', 'newCustomers', 'orders', 'rewardCost']);
    const stored = await post(`/plans/${made.data.id}/forecast`);
    // Two days into a seven-day plan, the outcome is held to the stored forecast's second day.
    expect(r.forecastVsActual[0]).toMatchObject({ asOfDay: 2, p10: stored.data.days[1].reach.p10, p50: stored.data.days[1].reach.p50, p90: stored.data.days[1].reach.p90 });
    expect(r.experiment.metric).toBe('new_customer');
    expect(r.experiment.effects.map((e: { key: string }) => e.key)).toEqual(['trio']);
    const exposures = (await get(`/experiments/${plan.experimentId}/exposures`)).data;
    expect(r.experiment.effects[0].n).toBe(exposures.variants.find((v: { key: string }) => v.key === 'trio').exposures);
    const csv = await get(`/plans/${made.data.id}/report.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\n');
    expect(lines[0]).toBe('section,metric,planned,forecast_p10,forecast_p50,forecast_p90,actual');
    expect(lines).toContain(`budget,cost_fen,200000,,,,${analytics.cost.total.amount}`);
    expect(csv.body).toContain('variant,name,subjects,control_mean');
    await post(`/groupbuy/campaigns/${plan.campaignId}/stop`);
  });
});
