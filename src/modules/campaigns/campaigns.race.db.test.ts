// The budget under real concurrency (PostgreSQL; serialised on PGlite): never overspent, never
// spent twice for one ref, and the ledger always sums to what the campaign says it spent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { newId } from '../../platform/ids.ts';
import { budgetRefusal } from './campaigns.errors.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

async function budgeted(budgetAmount: number) {
  const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
  const c = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '预算竞争', skuId, groupPrice: 5900, teamSize: 2, stock: 500 } });
  expect(c.statusCode, c.body).toBe(201);
  expect((await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${c.data.id}/budget`, as: op, body: { budgetAmount } })).statusCode).toBe(200);
  return c.data.id as string;
}

async function ledgerSum(id: string) {
  const row = await t.platform.db.selectFrom('campaign_ledger').select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('total')).where('campaign_id', '=', id).executeTakeFirstOrThrow();
  return Number(row.total);
}

describe('campaign budget races', () => {
  it('60 concurrent spends of ¥7 on a ¥100 budget: exactly 14 pass, spent ¥98, ledger agrees', async () => {
    const id = await budgeted(10_000);
    const { campaigns } = t.services;
    const results = await Promise.all(
      Array.from({ length: 60 }, () => t.platform.db.transaction().execute((trx) => campaigns.trySpend(trx, { campaignId: id, kind: 'reward', amount: 700, ref: `race:${newId()}` }))),
    );
    expect(results.filter(Boolean)).toHaveLength(14);
    const c = await campaigns.get(id);
    expect(c.spent_amount).toBe(9_800);
    expect(await ledgerSum(id)).toBe(9_800);
    expect(c.budget_exhausted_at).not.toBeNull();
  });

  it('60 concurrent spends taken at commit of ¥7 on a ¥100 budget: 14 commit, 46 fail as CAMPAIGN_BUDGET_EXHAUSTED and leave no ledger row', async () => {
    const id = await budgeted(10_000);
    const { campaigns } = t.services;
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, () =>
        t.platform.db
          .transaction()
          .execute((trx) => campaigns.spend(trx, { campaignId: id, kind: 'discount', amount: 700, ref: `order:${newId()}` }))
          .then(() => 'ok', (err) => budgetRefusal(err)?.code ?? err),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(14);
    expect(outcomes.filter((o) => o === 'CAMPAIGN_BUDGET_EXHAUSTED')).toHaveLength(46);
    expect((await campaigns.get(id)).spent_amount).toBe(9_800);
    expect(await ledgerSum(id)).toBe(9_800);
  });

  it('20 concurrent spends with one ref spend once', async () => {
    const id = await budgeted(100_000);
    const { campaigns } = t.services;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.platform.db.transaction().execute((trx) => campaigns.trySpend(trx, { campaignId: id, kind: 'prize', amount: 500, ref: 'entry:same' }))),
    );
    expect(results.every(Boolean)).toBe(true);
    expect((await campaigns.get(id)).spent_amount).toBe(500);
    expect(await ledgerSum(id)).toBe(500);
  });

  it('40 shoppers open teams at once on a budget for 10 seats: 10 orders, 30 CAMPAIGN_BUDGET_EXHAUSTED, nothing overspent', async () => {
    const id = await budgeted(40_000);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/campaigns/${id}/start`, as: op })).statusCode).toBe(200);
    const shoppers = await Promise.all(Array.from({ length: 40 }, () => shopperWithAddress(t)));
    const answers = await Promise.all(shoppers.map((s) => t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${id}/teams`, as: s.user, body: { addressId: s.addressId } })));
    const codes = answers.map((a) => (a.statusCode === 201 ? 'ok' : a.data.error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    expect(codes.filter((c) => c === 'CAMPAIGN_BUDGET_EXHAUSTED')).toHaveLength(30);
    const c = await t.services.campaigns.get(id);
    expect(c.spent_amount).toBe(40_000);
    expect(await ledgerSum(id)).toBe(40_000);
    const orders = await t.platform.db.selectFrom('campaign_ledger').select('order_id').where('campaign_id', '=', id).execute();
    expect(new Set(orders.map((o) => o.order_id)).size).toBe(10);
  });
});
