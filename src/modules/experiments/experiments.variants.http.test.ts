// A/B variants change the mechanics' rules: for each mechanic, two shoppers deterministically in
// different variants (picked by the same hash the kernel assigns with) play by different rules,
// the row each creates keeps the rules it was made with, and the campaign ledger books the
// variant's actual cost. Experiment creation refuses a rule a mechanic does not let vary, or a
// value outside its bounds, with a coded 400 and nothing written.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { assignVariant, type VariantDef } from './experiments.rules.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const variants = (treatment: Record<string, number>): VariantDef[] => [
  { key: 'control', name: '对照', weight: 50, isControl: true, config: {} },
  { key: 'treatment', name: '实验组', weight: 50, isControl: false, config: treatment },
];

async function experiment(campaignId: string, treatment: Record<string, number>) {
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/experiments', as: op, body: { campaignId, name: '规则实验', goalMetric: 'conversion', variants: variants(treatment) } });
  expect(created.statusCode, created.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/experiments/${created.data.id}/start`, as: op })).statusCode).toBe(200);
  return created.data.id as string;
}

/** New subjects until one falls in each variant, by the kernel's own deterministic assignment. */
async function onePerVariant<S extends { id: string }>(experimentId: string, make: () => Promise<S>): Promise<{ control: S; treatment: S }> {
  const found: Partial<Record<'control' | 'treatment', S>> = {};
  while (!found.control || !found.treatment) {
    const s = await make();
    const key = assignVariant(experimentId, s.id, variants({})) as 'control' | 'treatment';
    found[key] ??= s;
  }
  return found as { control: S; treatment: S };
}

const ledger = (campaignId: string) => t.platform.db.selectFrom('campaign_ledger').select(['kind', 'amount', 'user_id', 'order_id']).where('campaign_id', '=', campaignId).execute();
const exposures = async (experimentId: string) => Number((await t.platform.db.selectFrom('experiment_exposures').select(sql<string>`count(*)`.as('n')).where('experiment_id', '=', experimentId).executeTakeFirstOrThrow()).n);

describe('group buy: team size by the leader’s variant', () => {
  it('a team opened in the treatment has 3 seats, a control team 2; joiners take the team’s stored size', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
    const c = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '变体拼团', skuId, groupPrice: 5900, teamSize: 2, stock: 100 } });
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${c.data.id}/start`, as: op })).statusCode).toBe(200);
    const id = await experiment(c.data.id, { teamSize: 3 });
    const leaders = await onePerVariant(id, async () => {
      const s = await shopperWithAddress(t);
      return { id: s.user.id, s };
    });
    const open = async (s: Awaited<ReturnType<typeof shopperWithAddress>>) => {
      const res = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.data.id}/teams`, as: s.user, body: { addressId: s.addressId } });
      expect(res.statusCode, res.body).toBe(201);
      await payOrder(t, s.user, res.data.order.id);
      return res.data.team.id as string;
    };
    const small = await open(leaders.control.s);
    const big = await open(leaders.treatment.s);
    const size = async (teamId: string) => (await t.platform.db.selectFrom('groupbuy_teams').select(['size', 'seats_taken']).where('id', '=', teamId).executeTakeFirstOrThrow());
    expect(await size(small)).toMatchObject({ size: 2 });
    expect(await size(big)).toMatchObject({ size: 3 });
    expect((await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${big}` })).data.seatsLeft).toBe(2);
    // A control-variant shopper joining the treatment team plays by that team's size: it stays 3 and does not complete at 2.
    const joiner = await onePerVariant(id, async () => {
      const s = await shopperWithAddress(t);
      return { id: s.user.id, s };
    });
    const joined = await t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${big}/join`, as: joiner.control.s.user, body: { addressId: joiner.control.s.addressId } });
    expect(joined.statusCode, joined.body).toBe(201);
    await payOrder(t, joiner.control.s.user, joined.data.order.id);
    await t.settle();
    expect(await size(big)).toMatchObject({ size: 3, seats_taken: 2 });
    expect((await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${big}` })).data).toMatchObject({ status: 'open', seatsLeft: 1 });
  });
});

describe('price-cut: helpers needed and floor by the starter’s variant', () => {
  it('a treatment cut needs 3 helpers down to ¥19.90; a control cut needs 5 down to ¥9.90', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 100 });
    const c = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '变体砍价', skuId, floorAmount: 990, helpersNeeded: 5, stock: 10 } });
    expect(c.statusCode, c.body).toBe(201);
    await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${c.data.id}/start`, as: op });
    const id = await experiment(c.data.id, { helpersNeeded: 3, floorAmount: 1990 });
    const starters = await onePerVariant(id, () => t.signUp());
    const start = async (u: TestUser) => {
      const res = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${c.data.id}/cuts`, as: u });
      expect(res.statusCode, res.body).toBe(201);
      return res.data.id as string;
    };
    const controlCut = await start(starters.control);
    const treatmentCut = await start(starters.treatment);
    const cut = (cutId: string) => t.platform.db.selectFrom('bargain_cuts').select(['helpers_needed', 'floor_amount', 'current_amount', 'status']).where('id', '=', cutId).executeTakeFirstOrThrow();
    expect(await cut(controlCut)).toMatchObject({ helpers_needed: 5, floor_amount: 990 });
    expect(await cut(treatmentCut)).toMatchObject({ helpers_needed: 3, floor_amount: 1990 });
    for (let i = 0; i < 3; i++) {
      const res = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${treatmentCut}/help`, as: await t.signUp() });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await cut(treatmentCut)).toMatchObject({ current_amount: 1990, status: 'succeeded' });
    const landing = await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${treatmentCut}`, as: starters.treatment });
    expect(landing.data).toMatchObject({ helpersNeeded: 3, floorPrice: { amount: 1990 } });
    expect(await exposures(id)).toBeGreaterThanOrEqual(2);
  });
});

describe('referral: per-invite points by the inviter’s variant', () => {
  it('an inviter in the treatment earns 500 points, a control inviter 200, and the ledger books each at its value', async () => {
    const { skuId } = await sellableSku(t, { price: 5000, stock: 100 });
    const c = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: '变体邀请', inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'points', points: 100 } } });
    expect(c.statusCode, c.body).toBe(201);
    await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${c.data.id}/start`, as: op });
    const id = await experiment(c.data.id, { inviterPoints: 500 });
    const inviters = await onePerVariant(id, () => t.signUp());
    const invite = async (inviter: TestUser) => {
      const code = (await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter })).data.code as string;
      const email = `variant-invitee-${Math.random().toString(36).slice(2, 10)}@example.com`;
      const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: '新朋友', inviteCode: code, session: 'bearer' } });
      expect(res.statusCode, res.body).toBe(201);
      await t.settle();
      const friend = { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } } as TestUser;
      const order = await placeOrder(t, friend, await addressOf(t, friend), [{ skuId, quantity: 1 }]);
      await payOrder(t, friend, order.id);
      await t.settle();
      return friend;
    };
    await invite(inviters.control);
    await invite(inviters.treatment);
    const points = async (userId: string) => (await t.services.loyalty.getAccount(userId)).balance;
    expect(await points(inviters.control.id)).toBe(200);
    expect(await points(inviters.treatment.id)).toBe(500);
    const fen = await t.platform.settings.get('loyalty.pointValueFen');
    const rows = await ledger(c.data.id);
    const byUser = (u: string) => rows.filter((r) => r.user_id === u).reduce((s, r) => s + Number(r.amount), 0);
    expect(byUser(inviters.control.id)).toBe(200 * fen);
    expect(byUser(inviters.treatment.id)).toBe(500 * fen);
    expect((await t.services.campaigns.get(c.data.id)).spent_amount).toBe(rows.reduce((s, r) => s + Number(r.amount), 0));
    expect((await t.services.campaigns.get(c.data.id)).spent_amount).toBe((200 + 500 + 100 + 100) * fen);
  });
});

describe('coupons: face value by the claimer’s variant', () => {
  it('a treatment claim is worth ¥15 off, a control claim ¥10; checkout and the ledger take exactly that', async () => {
    const tp = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '满50减10', kind: 'threshold', discountAmount: 1000, minSpendAmount: 5000, scope: 'store', validDaysAfterClaim: 7, budgetAmount: 100000 } });
    expect(tp.statusCode, tp.body).toBe(201);
    await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tp.data.id}/activate`, as: op });
    const id = await experiment(tp.data.id, { couponAmount: 1500 });
    const { skuId } = await sellableSku(t, { price: 3000, stock: 100 });
    const shoppers = await onePerVariant(id, async () => {
      const s = await shopperWithAddress(t);
      return { id: s.user.id, s };
    });
    const claimAndUse = async (s: Awaited<ReturnType<typeof shopperWithAddress>>) => {
      const claimed = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${tp.data.id}/claim`, as: s.user });
      expect(claimed.statusCode, claimed.body).toBe(201);
      const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: s.user, body: { items: [{ skuId, quantity: 2 }], addressId: s.addressId, couponIds: [claimed.data.id] } });
      expect(order.statusCode, order.body).toBe(201);
      return { coupon: claimed.data, order: order.data };
    };
    const control = await claimAndUse(shoppers.control.s);
    const treatment = await claimAndUse(shoppers.treatment.s);
    expect(control.coupon.amount.amount).toBe(1000);
    expect(treatment.coupon.amount.amount).toBe(1500);
    expect(control.order.discount.amount).toBe(1000);
    expect(treatment.order.discount.amount).toBe(1500);
    const rows = await ledger(tp.data.id);
    expect(rows.filter((r) => r.order_id === control.order.id).map((r) => Number(r.amount))).toEqual([1000]);
    expect(rows.filter((r) => r.order_id === treatment.order.id).map((r) => Number(r.amount))).toEqual([1500]);
    expect((await t.services.campaigns.get(tp.data.id)).spent_amount).toBe(2500);
  });
});

describe('defining variants', () => {
  it('lists the keys a campaign may vary, and refuses any other key or value with a coded 400, writing nothing', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 100 });
    const gb = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '键校验', skuId, groupPrice: 5900, teamSize: 2, stock: 10 } });
    const bg = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '键校验砍价', skuId, floorAmount: 990, helpersNeeded: 5, stock: 10 } });
    const cp = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '满50减10', kind: 'threshold', discountAmount: 1000, minSpendAmount: 5000, scope: 'store', validDaysAfterClaim: 7 } });
    const pct = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '九折', kind: 'percent', percentBp: 1000, scope: 'store', validDaysAfterClaim: 7 } });
    const keys = await t.request({ method: 'GET', url: `/api/v1/admin/experiments/variant-keys?campaignId=${gb.data.id}`, as: op });
    expect(keys.statusCode, keys.body).toBe(200);
    expect(keys.data).toMatchObject({ mechanic: 'groupbuy', keys: [{ key: 'teamSize', unit: 'people', min: 2, max: 10, base: 2 }] });
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/experiments/variant-keys?campaignId=${bg.data.id}`, as: op })).data.keys.map((k: { key: string }) => k.key)).toEqual(['helpersNeeded', 'floorAmount']);
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/experiments/variant-keys?campaignId=${cp.data.id}`, as: op })).data.keys).toMatchObject([{ key: 'couponAmount', min: 1, max: 5000, base: 1000 }]);
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/experiments/variant-keys?campaignId=${pct.data.id}`, as: op })).data.keys).toEqual([]);

    const count = async () => Number((await t.platform.db.selectFrom('experiments').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const cases: [string, Record<string, number>, string][] = [
      [gb.data.id, { discountAmount: 1000 }, 'KEY_NOT_ALLOWED'],
      [gb.data.id, { teamSize: 11 }, 'OUT_OF_BOUNDS'],
      [gb.data.id, { teamSize: 2.5 }, 'VALUE_INVALID'],
      [bg.data.id, { helpersNeeded: 100, floorAmount: 9850 }, 'RULES_INVALID'],
      [cp.data.id, { couponAmount: 6000 }, 'OUT_OF_BOUNDS'],
      [pct.data.id, { couponAmount: 500 }, 'KEY_NOT_ALLOWED'],
    ];
    for (const [campaignId, treatment, reason] of cases) {
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/experiments', as: op, body: { campaignId, name: '坏配置', goalMetric: 'conversion', variants: variants(treatment) } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.data.error).toMatchObject({ code: 'EXPERIMENT_CONFIG_INVALID', details: { variant: 'treatment', reason } });
    }
    expect(await count()).toBe(before);
  });
});
