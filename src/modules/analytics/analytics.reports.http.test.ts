import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';
import { VISITOR_COOKIE } from '../../platform/visitor.ts';

// One small store history on 1–2 June 2026 (China days): a sharer's campaign link on WeChat
// brings a friend who browses, signs up, buys and reshares on Moments; two more visitors arrive.
let t: TestContext;
let operator: TestUser;
let friend: TestUser;
let campaignId: string;
let orderTotal: number;
let orderId: string;
const UA = { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36' };
let seq = 0;
const ev = (name: string, at: Date, extra: Record<string, unknown> = {}) => ({ id: `rep-${++seq}-${randomUUID().slice(0, 8)}`, name, at: at.toISOString(), ...extra });
const later = (s: number) => new Date(t.clock.now().getTime() + s * 1000);
const beacon = (visitor: string, events: unknown[], as?: TestUser) => t.request({ method: 'POST', url: '/api/v1/events', as, headers: { ...UA, cookie: `${VISITOR_COOKIE}=${visitor}` }, body: { events } });
const open = async (token: string) => (await t.request({ method: 'GET', url: `/s/${token}`, headers: UA })).cookies.find((c) => c.name === VISITOR_COOKIE)!.value;
/** Past the rollup bucket, then run due jobs: the rollups catch up. */
const rollUp = async () => {
  t.clock.advance(3 * 60_000);
  await t.settle();
};
const get = (path: string, as: TestUser = operator) => t.request({ method: 'GET', url: `/api/v1/admin/analytics/${path}`, as });

beforeAll(async () => {
  t = await createTestContext();
  operator = await t.operator();
  campaignId = randomUUID();
  await t.services.campaigns.enrol(t.platform.db, { id: campaignId, mechanic: 'coupon', name: 'Summer invite', startsAt: null, endsAt: null, actorId: null });
  await t.services.campaigns.spend(t.platform.db, { campaignId, kind: 'coupon', amount: 3_000, ref: 'coupon-1' });

  const { productId, skuId } = await sellableSku(t, { price: 5_000 });
  const sharer = await t.signUp();
  const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'product', id: productId }, channel: 'wechat', campaignId } });
  const v1 = await open(share.data.token);
  await beacon(v1, [ev('page_view', later(1), { page: `/product/${productId}` }), ev('product_view', later(2), { productId }), ev('add_to_cart', later(3), { productId, amount: 5_000 })]);
  const email = 'reports-friend@example.com';
  const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `${VISITOR_COOKIE}=${v1}` }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: 'Friend', session: 'bearer' } });
  friend = { id: reg.data.user.id, email, token: reg.data.token, headers: { authorization: `Bearer ${reg.data.token}` } };
  await t.settle();
  t.clock.advance(60_000);
  const order = await placeOrder(t, friend, await addressOf(t, friend), [{ skuId, quantity: 2 }]);
  orderTotal = order.total.amount;
  orderId = order.id;
  await payOrder(t, friend, order.id);

  const v2 = await open(share.data.token);
  await beacon(v2, [ev('page_view', later(1))]);
  t.clock.advance(10 * 60_000);
  const reshare = await t.request({ method: 'POST', url: '/api/v1/shares', as: friend, body: { target: { type: 'product', id: productId }, channel: 'moments', campaignId } });
  t.clock.advance(20 * 60_000);
  await open(reshare.data.token);
  await t.settle();
  await rollUp();

  // The next day the friend comes back; a visitor's event from yesterday arrives late.
  t.clock.set('2026-06-02T08:00:00.000Z');
  await beacon(v1, [ev('page_view', later(-60))], friend);
  await beacon('late-visitor-0001', [ev('page_view', new Date('2026-06-01T09:00:00.000Z'))]);
  await rollUp();
});
afterAll(() => t?.close());

describe('GET /admin/analytics/funnel', () => {
  const steps = 'page_view,product_view,add_to_cart,order.placed,order.paid';
  it('follows each person from anonymous visit to paid order through the stitched visitor', async () => {
    const res = await get(`funnel?from=2026-06-01&to=2026-06-01&steps=${steps}`);
    expect(res.statusCode).toBe(200);
    expect(res.data.steps.map((s: { count: number }) => s.count)).toEqual([3, 1, 1, 1, 1]);
    expect(res.data.steps[1]).toMatchObject({ name: 'product_view', conversionFromStart: 1 / 3, dropOff: 2, medianSecondsFromPrevious: 1 });
    expect(res.data.windowDays).toBe(7);
    const inCampaign = await get(`funnel?from=2026-06-01&to=2026-06-01&steps=${steps}&campaignId=${campaignId}`);
    expect(inCampaign.data.steps.map((s: { count: number }) => s.count)).toEqual([2, 1, 1, 1, 1]);
    expect(inCampaign.data.filters).toEqual({ campaignId, mechanic: null, channel: null });
  });

  it('refuses unknown steps and answers CSV on request', async () => {
    expect((await get('funnel?steps=page_view,teleported')).data.error.code).toBe('ANALYTICS_STEP_UNKNOWN');
    expect((await get('funnel?steps=page_view')).statusCode).toBe(400);
    const csv = await get(`funnel?from=2026-06-01&to=2026-06-01&steps=${steps}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.replace('\uFEFF', '').split('\n')[0]).toBe('step,name,count,conversion_from_start,conversion_from_previous,drop_off,median_seconds_from_previous');
    expect(csv.body.split('\n')[1]).toMatch(/^1,page_view,3,1,,0,$/);
  });

  it('lists the event names a funnel can use, each of which the funnel takes', async () => {
    const names = await get('event-names');
    expect(names.statusCode).toBe(200);
    expect(names.data.client).toContain('add_to_cart');
    expect(names.data.server).toContain('order.paid');
    const all = [...names.data.client, ...names.data.server];
    for (let i = 0; i + 1 < all.length; i += 9) expect((await get(`funnel?steps=${all.slice(i, i + 10).join(',')}`)).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/analytics/event-names' })).statusCode).toBe(401);
  });
});

describe('GET /admin/analytics/campaigns', () => {
  it('reports reach, shares, CTR, attributed sign-ups and orders, GMV, cost, CAC and ROI with formulas', async () => {
    const res = await get(`campaigns?from=2026-06-01&to=2026-06-02&campaignId=${campaignId}`);
    expect(res.statusCode).toBe(200);
    const [c] = res.data.items;
    expect(c).toMatchObject({ id: campaignId, mechanic: 'coupon', reach: 4, shares: 2, clicks: 3, signups: 1, orders: 1, paidOrders: 1, newCustomers: 1 });
    expect(c.ctr).toMatchObject({ value: 1.5 });
    expect(c.gmv).toEqual({ amount: orderTotal, currency: 'CNY' });
    expect(c.cost.total).toEqual({ amount: 3_000, currency: 'CNY' });
    expect(c.cac).toEqual({ value: 3_000, formula: 'cost 3000 fen ÷ new customers 1' });
    expect(c.roi.value).toBeCloseTo((orderTotal - 3_000) / 3_000, 9);
    expect(c.roi.formula).toContain(`${orderTotal} fen`);
    const byMechanic = await get('campaigns?from=2026-06-01&to=2026-06-02&mechanic=coupon');
    expect(byMechanic.data.items.map((i: { id: string }) => i.id)).toContain(campaignId);
    const csv = await get(`campaigns?from=2026-06-01&to=2026-06-02&campaignId=${campaignId}&format=csv`);
    expect(csv.body).toContain(`${campaignId},Summer invite,coupon`);
  });
});

describe('GET /admin/analytics/channels', () => {
  it('compares channels and spreads the campaign cost by the new customers each brought', async () => {
    const res = await get('channels?from=2026-06-01&to=2026-06-02');
    expect(res.statusCode).toBe(200);
    const wechat = res.data.items.find((i: { channel: string }) => i.channel === 'wechat');
    const moments = res.data.items.find((i: { channel: string }) => i.channel === 'moments');
    expect(wechat).toMatchObject({ shares: 1, clicks: 2, visitors: 2, newVisitors: 2, signups: 1, orders: 1, gmv: { amount: orderTotal }, allocatedCost: { amount: 3_000 } });
    expect(wechat.conversion.value).toBe(0.5);
    expect(wechat.costPerNewCustomer.value).toBe(3_000);
    expect(moments).toMatchObject({ shares: 1, clicks: 1, signups: 0, allocatedCost: { amount: 0 } });
    expect(moments.costPerNewCustomer.value).toBeNull();
    expect((await get('channels?format=csv')).body).toContain('channel,shares,clicks');
  });
});

describe('GET /admin/analytics/viral', () => {
  it('gives K, observed K, cycle time and the cascades of a campaign', async () => {
    const res = await get(`viral?from=2026-06-01&to=2026-06-02&campaignId=${campaignId}`);
    expect(res.statusCode).toBe(200);
    expect(res.data.coefficients).toMatchObject({ sharers: 2, invitations: 3, convertedInvitations: 1 });
    expect(res.data.kFactor.value).toBeCloseTo(0.5, 9);
    expect(res.data.observedK.value).toBe(0.5);
    expect(res.data.cycleTime.samples).toBe(1);
    expect(res.data.cycleTime.medianSeconds).toBeGreaterThan(30 * 60);
    expect(res.data.cascades).toMatchObject({ cascades: 1, singleShareShare: 0, largest: 2, maxDepth: 1 });
    expect(res.data.largestCascades[0]).toMatchObject({ size: 2, depth: 1, structuralVirality: 1 });
    expect(res.data.allCascades).toBeUndefined();
    const csv = await get(`viral?from=2026-06-01&to=2026-06-02&campaignId=${campaignId}&format=csv`);
    expect(csv.body.trim().split('\n')).toHaveLength(2);
  });
});

describe('retention and active users (from the daily rollups)', () => {
  it('builds cohorts by first visit and by sign-up with D1 filled and later days still open', async () => {
    const visits = await get('retention?from=2026-06-01&to=2026-06-01');
    expect(visits.statusCode).toBe(200);
    expect(visits.data.observedUntil).toBe('2026-06-02');
    expect(visits.data.cohorts).toHaveLength(1);
    // The operator signed in that day too (customer.signed_in is activity): six people.
    expect(visits.data.cohorts[0]).toMatchObject({ week: '2026-06-01', size: 6, day1: { eligible: 6, retained: 1 }, day7: null, day30: null });
    const signups = await get('retention?from=2026-06-01&to=2026-06-01&cohort=signup');
    // The operator's account was registered that day as well (customer.registered does not tell staff apart).
    expect(signups.data.cohorts[0]).toMatchObject({ size: 3, day1: { eligible: 3, retained: 1, rate: 1 / 3 } });
    expect((await get('retention?from=2026-06-01&to=2026-06-01&format=csv')).body).toContain('cohort_week,size,d1_rate');
  });

  it('counts DAU, WAU, MAU and stickiness, with a late event rolled into its own day', async () => {
    const res = await get('active-users?from=2026-06-01&to=2026-06-02');
    expect(res.statusCode).toBe(200);
    expect(res.data.days).toEqual([
      { date: '2026-06-01', dau: 6, wau: 6, mau: 6, stickiness: 1, newCustomers: 2 },
      { date: '2026-06-02', dau: 1, wau: 6, mau: 6, stickiness: 1 / 6, newCustomers: 0 },
    ]);
    expect(res.data.totals).toMatchObject({ newCustomers: 2, previousNewCustomers: 0, growthRate: { value: null } });
  });

  it('draws daily trends from the rollup, per campaign and per channel', async () => {
    const all = await get('trends?from=2026-06-01&to=2026-06-02&names=page_view,share.clicked');
    expect(all.statusCode).toBe(200);
    expect(all.data.days).toEqual([
      { date: '2026-06-01', name: 'page_view', events: 3, people: 3, amount: 0 },
      { date: '2026-06-01', name: 'share.clicked', events: 3, people: 3, amount: 0 },
      { date: '2026-06-02', name: 'page_view', events: 1, people: 1, amount: 0 },
      { date: '2026-06-02', name: 'share.clicked', events: 0, people: 0, amount: 0 },
    ]);
    const wechat = await get('trends?from=2026-06-01&to=2026-06-01&names=share.clicked&channel=wechat');
    expect(wechat.data.days[0]).toMatchObject({ events: 2, people: 2 });
    const campaign = await get(`trends?from=2026-06-01&to=2026-06-01&names=order.attributed,add_to_cart&campaignId=${campaignId}`);
    expect(campaign.data.days.map((d: { events: number }) => d.events)).toEqual([1, 0]);
    expect(campaign.data.days[0].amount).toBe(orderTotal);
    expect((await get('trends?names=page_view&format=csv')).body).toContain('date,name,events,people,amount_fen');
  });

  it('is for operators only', async () => {
    const shopper = await t.signUp();
    for (const path of ['trends?names=page_view', 'funnel?steps=page_view,order.paid', 'retention', 'active-users', 'campaigns', 'channels', 'viral']) {
      expect((await get(path, shopper)).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: `/api/v1/admin/analytics/${path}` })).statusCode).toBe(401);
    }
  });
});

describe('refunds', () => {
  it('take what went back off the attributed GMV, and ROI follows', async () => {
    const refund = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${orderId}/refunds`, as: operator, body: { amount: 2_000, reason: 'one item damaged' } });
    expect(refund.statusCode).toBeLessThan(300);
    await t.settle();
    t.clock.advance(60_000);
    await t.settle();
    const [c] = (await get(`campaigns?from=2026-06-01&to=2026-06-02&campaignId=${campaignId}`)).data.items;
    expect(c.gmv.amount).toBe(orderTotal - 2_000);
    expect(c.roi.value).toBeCloseTo((orderTotal - 2_000 - 3_000) / 3_000, 9);
  });
});
