import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let skuId: string;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  ({ skuId } = await sellableSku(t, { price: 19_900, stock: 1000 }));
});
afterAll(() => t?.close());

async function campaign(body: Record<string, unknown> = {}) {
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '砍价免费拿', skuId, floorAmount: 990, helpersNeeded: 5, stock: 10, ...body } });
  expect(created.statusCode, created.body).toBe(201);
  const started = await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${created.data.id}/start`, as: op });
  expect(started.data.status).toBe('active');
  return created.data;
}

async function start(user: TestUser, campaignId: string) {
  const res = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${campaignId}/cuts`, as: user });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

const help = (user: TestUser, cutId: string) => t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cutId}/help`, as: user });
const friends = (n: number) => Promise.all(Array.from({ length: n }, () => t.signUp()));

describe('price-cut campaigns', () => {
  it('validates campaigns: floor ≥ 1, N within 1–100, a gap of at least 1 fen per helper; original price defaults to the SKU price', async () => {
    const bad = [{ floorAmount: 0 }, { helpersNeeded: 101 }, { originalAmount: 1000, floorAmount: 998, helpersNeeded: 5 }, { floorAmount: 30_000 }, { stock: -1 }, { extra: 1 }];
    for (const b of bad) {
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: 'x', skuId, floorAmount: 990, helpersNeeded: 5, stock: 10, ...b } });
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
    }
    const c = await campaign();
    expect(c.originalPrice).toEqual({ amount: 19_900, currency: 'CNY' });
    const shopper = await t.signUp();
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns`, as: shopper, body: {} })).statusCode).toBe(403);
  });

  it('starts one live price-cut per user per campaign; friends cut to the floor at the N-th help with the house rules', async () => {
    const c = await campaign({ buyMode: 'floor_only', helperDailyLimit: 2 });
    const starter = await t.signUp();
    const cut = await start(starter, c.id);
    // The starter's own cut comes first: the price is already below 199.00, friends have not helped yet.
    expect(cut).toMatchObject({ floorPrice: { amount: 990 }, helpersNeeded: 5, helps: 0 });
    expect(cut.currentPrice.amount).toBeLessThan(19_900);
    expect(cut.currentPrice.amount - 990).toBeGreaterThanOrEqual(5);
    expect(cut.shareHint).toContain('5');
    const again = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${c.id}/cuts`, as: starter });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.code).toBe('BARGAIN_ALREADY_STARTED');

    expect((await help(starter, cut.id)).data.error.code).toBe('BARGAIN_SELF_HELP');
    const [a, b, c3, d, e] = await friends(5);
    const first = await help(a, cut.id);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.data.help.amount.amount).toBeGreaterThan(0);
    expect((await help(a, cut.id)).data.error.code).toBe('BARGAIN_ALREADY_HELPED');

    // floor_only: not yet
    const addressId = await addressOf(t, starter);
    const early = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/buy`, as: starter, body: { addressId } });
    expect(early.data.error.code).toBe('BARGAIN_FLOOR_NOT_REACHED');

    for (const f of [b, c3, d]) expect((await help(f, cut.id)).statusCode).toBe(200);
    const last = await help(e, cut.id);
    expect(last.data.cut.currentPrice.amount).toBe(990);
    expect(last.data.cut.status).toBe('succeeded');
    const late = await help(await t.signUp(), cut.id);
    expect(late.data.error.code).toBe('BARGAIN_COMPLETED');

    const view = await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${cut.id}`, as: a });
    expect(view.data.helpers).toHaveLength(5);
    expect(view.data.starterCut.amount + view.data.helpers.reduce((s: number, h: any) => s + h.amount.amount, 0)).toBe(19_900 - 990);
    expect(view.data.helpers[0].name).toMatch(/Shopper/);
    expect(view.data.progressPercent).toBe(100);
    expect(view.data.mine).toBe(false);
    const stored = await t.platform.db.selectFrom('bargain_helps').select(['random_value', 'amount']).where('cut_id', '=', cut.id).execute();
    expect(stored.every((h) => h.random_value >= 0 && h.random_value < 1)).toBe(true);

    const order = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/buy`, as: starter, body: { addressId }, headers: { 'idempotency-key': `buy-${cut.id}` } });
    expect(order.statusCode, order.body).toBe(201);
    expect(order.data.kind).toBe('bargain');
    expect(order.data.goods?.amount ?? order.data.lines[0].unitPrice?.amount ?? 990).toBeDefined();
    const orderRow = await t.platform.db.selectFrom('orders').select(['goods_amount', 'discount_amount', 'kind']).where('id', '=', order.data.id).executeTakeFirstOrThrow();
    expect(orderRow.kind).toBe('bargain');
    const replay = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/buy`, as: starter, body: { addressId }, headers: { 'idempotency-key': `buy-${cut.id}` } });
    expect(replay.statusCode).toBe(200);
    expect(replay.data.id).toBe(order.data.id);
    const twice = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/buy`, as: starter, body: { addressId } });
    expect(twice.data.error.code).toBe('BARGAIN_ALREADY_ORDERED');
    const stats = await t.request({ method: 'GET', url: `/api/v1/admin/bargain/campaigns/${c.id}`, as: op });
    expect(stats.data.stats).toMatchObject({ stockLeft: 9, unitsTaken: 1, helps: 5 });
    expect(stats.data.stats.cuts.ordered).toBe(1);

    // Another shopper's view hides the order; a stranger cannot buy someone else's cut.
    expect((await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/buy`, as: a, body: { addressId: await addressOf(t, a) } })).statusCode).toBe(404);

    // Cancelling the unpaid order returns the unit and re-opens buying until expiry.
    const cancelled = await t.request({ method: 'POST', url: `/api/v1/orders/${order.data.id}/cancel`, as: starter });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/bargain/campaigns/${c.id}`, as: op })).data.stats.stockLeft).toBe(10);
    const reopened = await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${cut.id}`, as: starter });
    expect(reopened.data).toMatchObject({ status: 'succeeded', canBuy: true, orderId: null });
    const again2 = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/buy`, as: starter, body: { addressId } });
    expect(again2.statusCode).toBe(201);
    await payOrder(t, starter, again2.data.id);
    expect((await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${cut.id}`, as: starter })).data.status).toBe('bought');
  });

  it('limits a helper to K price-cuts per China day, restored the next day', async () => {
    const c = await campaign({ helperDailyLimit: 2 });
    const starters = await friends(3);
    const cuts = await Promise.all(starters.map((s) => start(s, c.id)));
    const [helper] = await friends(1);
    expect((await help(helper, cuts[0].id)).statusCode).toBe(200);
    expect((await help(helper, cuts[1].id)).statusCode).toBe(200);
    const third = await help(helper, cuts[2].id);
    expect(third.statusCode).toBe(429);
    expect(third.data.error.code).toBe('BARGAIN_DAILY_LIMIT');
    t.clock.advance(16 * 3_600_000); // 08:00Z + 16h = 08:00 China time the next day
    expect((await help(helper, cuts[2].id)).statusCode).toBe(200);
  });

  it('any_time buys at the current price; an expired price-cut refuses helps and buying', async () => {
    const c = await campaign({ expiryHours: 2 });
    const starter = await t.signUp();
    const cut = await start(starter, c.id);
    const [a] = await friends(1);
    const helped = await help(a, cut.id);
    const addressId = await addressOf(t, starter);
    const other = await t.signUp();
    const cut2 = await start(other, c.id);
    t.clock.advance(2 * 3_600_000 + 1000);
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${cut2.id}`, as: other })).data.status).toBe('expired');
    expect((await help(a, cut2.id)).data.error.code).toBe('BARGAIN_EXPIRED');
    expect((await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/buy`, as: starter, body: { addressId } })).data.error.code).toBe('BARGAIN_EXPIRED');
    // a fresh price-cut may be started after the old one expired, and buys at the current price
    const fresh = await start(starter, c.id);
    const h = await help(a, fresh.id);
    const bought = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${fresh.id}/buy`, as: starter, body: { addressId } });
    expect(bought.statusCode, bought.body).toBe(201);
    expect(bought.data.total.amount).toBeGreaterThanOrEqual(h.data.cut.currentPrice.amount);
    expect(helped.statusCode).toBe(200);
  });

  it('20 concurrent helps on a price-cut needing 5: exactly 5 recorded, final price = floor, the rest BARGAIN_COMPLETED', async () => {
    const c = await campaign();
    const starter = await t.signUp();
    const cut = await start(starter, c.id);
    const helpers = await friends(20);
    const results = await Promise.all(helpers.map((h) => help(h, cut.id)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(5);
    const refused = results.filter((r) => r.statusCode !== 200);
    expect(refused).toHaveLength(15);
    expect(new Set(refused.map((r) => r.data.error.code))).toEqual(new Set(['BARGAIN_COMPLETED']));
    const row = await t.platform.db.selectFrom('bargain_cuts').selectAll().where('id', '=', cut.id).executeTakeFirstOrThrow();
    expect(row.current_amount).toBe(990);
    expect(row.helps).toBe(5);
    const helps = await t.platform.db.selectFrom('bargain_helps').select(['amount', 'seq']).where('cut_id', '=', cut.id).execute();
    expect(helps).toHaveLength(6); // the starter's own first cut (seq 0) and the 5 friends'
    expect(helps.reduce((s, h) => s + h.amount, 0)).toBe(19_900 - 990);
  });

  it('the same friend helping concurrently 5 times helps once', async () => {
    const c = await campaign();
    const cut = await start(await t.signUp(), c.id);
    const [friend] = await friends(1);
    const results = await Promise.all(Array.from({ length: 5 }, () => help(friend, cut.id)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(new Set(results.filter((r) => r.statusCode !== 200).map((r) => r.data.error.code))).toEqual(new Set(['BARGAIN_ALREADY_HELPED']));
    // One friend's help beside the starter's own first cut (seq 0).
    expect(await t.platform.db.selectFrom('bargain_helps').select('id').where('cut_id', '=', cut.id).where('seq', '>', 0).execute()).toHaveLength(1);
  });

  it('three new visitors arrive through the share link, sign up, help, and the starter buys at the floor', async () => {
    const c = await campaign({ helpersNeeded: 3, buyMode: 'floor_only' });
    const starter = await t.signUp();
    const cut = await start(starter, c.id);
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: starter, body: { target: { type: 'bargain', id: cut.id }, channel: 'wechat' } });
    expect(share.statusCode, share.body).toBe(201);
    for (let i = 0; i < 3; i++) {
      const click = await t.request({ method: 'GET', url: share.data.url });
      expect(click.statusCode).toBe(302);
      expect(click.headers.location).toContain(`/bargain/${cut.id}`);
      const visitor = click.cookies.find((k) => k.name === 'fission_vid')!.value;
      const email = `bargain-visitor-${i}-${Math.random().toString(36).slice(2, 8)}@example.com`;
      const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `fission_vid=${visitor}` }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: `砍友${i}`, session: 'bearer' } });
      expect(reg.statusCode).toBe(201);
      const friend = { id: reg.data.user.id, email: '', token: reg.data.token, headers: { authorization: `Bearer ${reg.data.token}` } };
      const res = await help(friend, cut.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.data.help.newCustomer).toBe(true);
    }
    await t.settle();
    const attributed = await t.platform.db.selectFrom('outbox_events').select('payload').where('type', '=', 'customer.attributed').execute();
    expect(attributed.filter((e: any) => e.payload.targetType === 'bargain' && e.payload.targetId === cut.id)).toHaveLength(3);
    const addressId = await addressOf(t, starter);
    const bought = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/buy`, as: starter, body: { addressId } });
    expect(bought.statusCode, bought.body).toBe(201);
    const lines = await t.platform.db.selectFrom('order_lines').select(['unit_amount']).where('order_id', '=', bought.data.id).execute();
    expect(lines).toEqual([{ unit_amount: 990 }]);
  });
});
