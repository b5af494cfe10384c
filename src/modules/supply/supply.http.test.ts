import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../platform/clock.ts';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let shopper: { user: TestUser; addressId: string };
beforeAll(async () => {
  t = await createTestContext();
});
// Each test moves the clock by weeks, past a session's life: sign in afresh.
beforeEach(async () => {
  op = await t.operator();
  shopper = await shopperWithAddress(t);
});
afterAll(() => t?.close());

const NIL = '00000000-0000-4000-8000-000000000000';

/** `days` days of paid orders of `perDay` units each, one order a day, moving the clock a day after each. */
async function sellDaily(skuIds: string[], days: number, perDay: number) {
  for (let d = 0; d < days; d++) {
    for (const skuId of skuIds) {
      const order = await placeOrder(t, shopper.user, shopper.addressId, [{ skuId, quantity: perDay }]);
      await payOrder(t, shopper.user, order.id);
    }
    t.clock.advance(DAY_MS);
  }
  await t.settle();
}

const recompute = () => t.request({ method: 'POST', url: '/api/v1/admin/supply/recompute', as: op });
const alertOf = async (skuId: string) => (await t.request({ method: 'GET', url: '/api/v1/admin/supply/alerts', as: op })).data.items.find((i: { skuId: string }) => i.skuId === skuId);
const settingsRows = async () => Number((await t.platform.db.selectFrom('supply_settings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('supply alerts', () => {
  it('forecasts a SKU from its paid orders and alerts when stock runs out before a reorder could arrive', async () => {
    const { skuId } = await sellableSku(t, { stock: 40, title: '快卖完的茶叶' });
    const { skuId: plenty } = await sellableSku(t, { stock: 5000 });
    await sellDaily([skuId, plenty], 14, 2);

    const run = await recompute();
    expect(run.statusCode, run.body).toBe(200);
    expect(run.data.skus).toBeGreaterThanOrEqual(2);
    expect(run.data.backtest).toBeNull();

    const alert = await alertOf(skuId);
    expect(alert).toMatchObject({ skuId, productTitle: '快卖完的茶叶', available: 12, leadTimeDays: 7, serviceLevel: 0.95 });
    expect(alert.dailyForecast).toBeGreaterThan(1.5);
    expect(alert.dailyForecast).toBeLessThan(2.5);
    expect(alert.alerts).toContain('stockout_before_lead_time');
    expect(alert.alerts).toContain('below_reorder_point');
    expect(alert.stockOutDay > '2026-06-15' && alert.stockOutDay < '2026-06-22').toBe(true);
    expect(alert.reorderPoint).toBeGreaterThan(alert.available);
    // Enough for lead time and cover days (21 days at ~2 a day) plus safety stock, less what is there.
    expect(alert.suggestedOrder).toBeGreaterThan(21 * 1.5 - 12);
    expect(await alertOf(plenty)).toBeUndefined();

    const chart = await t.request({ method: 'GET', url: `/api/v1/admin/supply/skus/${skuId}/forecast`, as: op });
    expect(chart.statusCode).toBe(200);
    expect(chart.data.history.filter((h: { units: number }) => h.units > 0)).toHaveLength(14);
    expect(chart.data.history.every((h: { units: number }) => h.units === 0 || h.units === 2)).toBe(true);
    expect(chart.data.forecast).toHaveLength(90);
    expect(chart.data.forecast[0].day).toBe('2026-06-15');
    expect(chart.data.forecast.every((f: { lo: number; mean: number; hi: number }) => f.lo <= f.mean && f.mean <= f.hi)).toBe(true);

    // An operator shortens the lead time: a reorder now arrives before the stock-out.
    const set = await t.request({ method: 'PUT', url: `/api/v1/admin/supply/settings/${skuId}`, as: op, body: { leadTimeDays: 2 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.data).toMatchObject({ scope: skuId, leadTimeDays: 2, serviceLevel: 0.95, coverDays: 14 });
    await recompute();
    const after = await alertOf(skuId);
    expect(after?.alerts ?? []).not.toContain('stockout_before_lead_time');
    const listed = await t.request({ method: 'GET', url: '/api/v1/admin/supply/settings', as: op });
    expect(listed.data.items).toContainEqual(expect.objectContaining({ skuId, leadTimeDays: 2 }));

    const report = await t.request({ method: 'GET', url: '/api/v1/admin/supply/report', as: op });
    expect(report.statusCode).toBe(200);
    expect(report.data.season).toHaveLength(7);
  });

  it('runs the backtest on request and books the nightly recompute', async () => {
    const run = await t.request({ method: 'POST', url: '/api/v1/admin/supply/recompute', as: op, body: { backtest: true } });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.data.backtest.horizon).toBe(7);
    expect(run.data.backtest.byHorizon).toHaveLength(7);
    expect(run.data.backtest.storeDaily).toHaveProperty('wapeNaive');
    expect(run.data.backtest.horizonTotal).toHaveProperty('wapeModel');
    const report = await t.request({ method: 'GET', url: '/api/v1/admin/supply/report', as: op });
    expect(report.data.backtest).toMatchObject({ horizon: 7, origins: run.data.backtest.origins });
    const nightly = await t.platform.db.selectFrom('jobs').select(['run_at']).where('kind', '=', 'supply.recompute').where('status', '=', 'pending').execute();
    expect(nightly.length).toBeGreaterThan(0);
    // 02:00 China time is 18:00 UTC the day before.
    expect(nightly.every((j) => new Date(j.run_at).getUTCHours() === 18)).toBe(true);
  });
});

describe('the pre-campaign stock check', () => {
  it('warns when a campaign’s expected demand exhausts stock before its end, on the review and at launch', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 45, title: '活动单品' });
    const { skuId: stocked } = await sellableSku(t, { price: 9900, stock: 5000 });
    await sellDaily([skuId, stocked], 10, 3);
    expect((await recompute()).statusCode).toBe(200);

    const now = t.clock.now().getTime();
    const window = { startsAt: new Date(now + DAY_MS).toISOString(), endsAt: new Date(now + 9 * DAY_MS).toISOString() };
    const create = async (sku: string) => {
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼团 备货', skuId: sku, groupPrice: 5900, teamSize: 2, stock: 10, ...window } });
      expect(res.statusCode, res.body).toBe(201);
      return res.data.id as string;
    };
    const short = await create(skuId);
    const fine = await create(stocked);
    await t.settle();

    const review = await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${short}/checks`, as: op });
    expect(review.statusCode).toBe(200);
    const warning = review.data.findings.find((f: { check: string }) => f.check === 'supply.stock');
    expect(warning).toMatchObject({ severity: 'warn', details: { skuId, available: 15, exhaustsBeforeEnd: true } });
    expect(warning.details.campaignDemand).toBeGreaterThan(15);
    const quiet = await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${fine}/checks`, as: op });
    expect(quiet.data.findings.filter((f: { check: string }) => f.check === 'supply.stock')).toEqual([]);

    // A warning does not block: the campaign is scheduled, and the launch records the finding.
    const started = await t.request({ method: 'POST', url: `/api/v1/admin/campaigns/${short}/start`, as: op });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.data.campaign.status).toBe('scheduled');
    expect(started.data.findings).toContainEqual(expect.objectContaining({ check: 'supply.stock', severity: 'warn' }));
    // Called off before it opened: it never ran, so it teaches the forecast nothing.
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/campaigns/${short}/end`, as: op })).statusCode).toBe(200);
  });

  it('learns a mechanic’s uplift from the days its past campaigns ran, and applies it to the next one', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 2000 });
    await sellDaily([skuId], 14, 2);
    const created = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼团 往期', skuId, groupPrice: 5900, teamSize: 2, stock: 10, endsAt: new Date(t.clock.now().getTime() + 10 * DAY_MS).toISOString() } });
    expect(created.statusCode, created.body).toBe(201);
    await t.settle();
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/campaigns/${created.data.id}/start`, as: op })).data.campaign.status).toBe('live');
    await sellDaily([skuId], 4, 8);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/campaigns/${created.data.id}/end`, as: op })).statusCode).toBe(200);
    await sellDaily([skuId], 7, 2);
    await recompute();

    const report = await t.request({ method: 'GET', url: '/api/v1/admin/supply/report', as: op });
    const uplift = report.data.effects.find((e: { key: string }) => e.key === 'campaign:groupbuy');
    // Live from day 14 to its end on the morning of day 18: four days at 8 and that morning's day at 2.
    expect(uplift.days).toBe(5);
    expect(uplift.actual).toBe(34);
    expect(uplift.factor).toBeGreaterThan(1.5);
    const chart = await t.request({ method: 'GET', url: `/api/v1/admin/supply/skus/${skuId}/forecast`, as: op });
    expect(chart.data.campaigns).toEqual([expect.objectContaining({ id: created.data.id, mechanic: 'groupbuy', status: 'ended' })]);

    // The next group buy of this SKU is checked at that uplift: 6 days at ~2 a day × uplift against 12 units.
    expect((await t.request({ method: 'PUT', url: `/api/v1/admin/inventory/${skuId}`, as: op, body: { onHand: 12 } })).statusCode).toBe(200);
    const now = t.clock.now().getTime();
    const next = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼团 下期', skuId, groupPrice: 5900, teamSize: 2, stock: 10, startsAt: new Date(now + DAY_MS).toISOString(), endsAt: new Date(now + 6 * DAY_MS).toISOString() } });
    await t.settle();
    const review = await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${next.data.id}/checks`, as: op });
    const warning = review.data.findings.find((f: { check: string }) => f.check === 'supply.stock');
    expect(warning.details.uplift).toBeCloseTo(uplift.factor, 2);
    expect(warning.details.exhaustsBeforeEnd).toBe(true);
  });
});

describe('bad input', () => {
  it('refuses bad settings, unknown SKUs and non-operators with a coded 4xx, writing nothing', async () => {
    const { skuId } = await sellableSku(t);
    const before = await settingsRows();
    const put = (url: string, body: unknown, as: TestUser = op) => t.request({ method: 'PUT', url: `/api/v1/admin/supply/settings/${url}`, as, body });
    for (const body of [{ leadTimeDays: 0 }, { leadTimeDays: 181 }, { leadTimeDays: 2.5 }, { leadTimeDays: '7' }, { serviceLevel: 1 }, { serviceLevel: 0.2 }, { coverDays: -1 }, {}, { leadTimeDays: 7, extra: 1 }]) {
      const res = await put(skuId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data.error.code).toBe('VALIDATION_FAILED');
    }
    const unknown = await put(NIL, { leadTimeDays: 5 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.data.error.code).toBe('SUPPLY_SKU_NOT_FOUND');
    expect((await put('not-a-sku', { leadTimeDays: 5 })).statusCode).toBe(400);
    const shopperTry = await put(skuId, { leadTimeDays: 5 }, shopper.user);
    expect(shopperTry.statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/supply/recompute', as: shopper.user })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/supply/recompute', as: op, body: { backtest: 'yes' } })).statusCode).toBe(400);
    expect(await settingsRows()).toBe(before);

    const noForecast = await t.request({ method: 'GET', url: `/api/v1/admin/supply/skus/${skuId}/forecast`, as: op });
    expect(noForecast.statusCode).toBe(404);
    expect(noForecast.data.error.code).toBe('SUPPLY_NO_FORECAST');
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/supply/skus/${NIL}/forecast`, as: op })).data.error.code).toBe('SUPPLY_SKU_NOT_FOUND');
    const noOwn = await t.request({ method: 'DELETE', url: `/api/v1/admin/supply/settings/${skuId}`, as: op });
    expect(noOwn.statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/supply/alerts?limit=0', as: op })).statusCode).toBe(400);
  });
});
