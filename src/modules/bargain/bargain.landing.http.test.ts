// The starter's own first cut, and the public landing a signed-out friend sees from a share link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let skuId: string;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  ({ skuId } = await sellableSku(t, { price: 4890, stock: 1000 }));
});
afterAll(() => t?.close());

async function campaign(body: Record<string, unknown> = {}) {
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '砍价免费拿', skuId, floorAmount: 990, helpersNeeded: 3, stock: 10, ...body } });
  expect(created.statusCode, created.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${created.data.id}/start`, as: op })).statusCode).toBe(200);
  return created.data;
}

const start = async (user: TestUser, campaignId: string) => {
  const res = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${campaignId}/cuts`, as: user });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
};
const help = (user: TestUser, cutId: string) => t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cutId}/help`, as: user });

describe("the starter's first cut", () => {
  it('is made when the price-cut starts, recorded as the starter\'s, and the N friends still land exactly on the floor, never below', async () => {
    const c = await campaign();
    const starter = await t.signUp();
    const cut = await start(starter, c.id);
    const first = 4890 - cut.currentPrice.amount;
    expect(first).toBeGreaterThan(0);
    expect(cut.helps).toBe(0); // friends' helps: the starter's cut is not one of the N
    expect(cut.currentPrice.amount - 990).toBeGreaterThanOrEqual(3); // 1 fen left for each friend

    const view = await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${cut.id}`, as: starter });
    expect(view.data.starterCut).toEqual({ amount: first, currency: 'CNY' });
    expect(view.data.helpers).toEqual([]);
    const row = await t.platform.db.selectFrom('bargain_helps').selectAll().where('cut_id', '=', cut.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ helper_id: starter.id, seq: 0, amount: first, price_before: 4890, price_after: 4890 - first, new_customer: false });
    const started = await t.platform.db.selectFrom('outbox_events').select('payload').where('type', '=', 'bargain.cut_started').where('aggregate_id', '=', cut.id).executeTakeFirstOrThrow();
    expect((started.payload as any).firstCutAmount).toBe(first);

    const friends = await Promise.all([1, 2, 3, 4].map(() => t.signUp()));
    const results = await Promise.all(friends.map((f) => help(f, cut.id)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3);
    const helps = await t.platform.db.selectFrom('bargain_helps').select(['amount', 'seq']).where('cut_id', '=', cut.id).execute();
    expect(helps.map((h) => h.seq).sort()).toEqual([0, 1, 2, 3]);
    // The starter's cut and the friends' cuts sum to exactly the way down to the floor.
    expect(helps.reduce((s, h) => s + h.amount, 0)).toBe(4890 - 990);
    const after = await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${cut.id}`, as: starter });
    expect(after.data).toMatchObject({ currentPrice: { amount: 990 }, status: 'succeeded', helps: 3, progressPercent: 100 });
    const stats = await t.request({ method: 'GET', url: `/api/v1/admin/bargain/campaigns/${c.id}`, as: op });
    expect(stats.data.stats.helps).toBe(3); // friends' helps only
  });

  it('is skipped when the gap leaves only 1 fen per friend', async () => {
    const c = await campaign({ originalAmount: 993, floorAmount: 990, helpersNeeded: 3 });
    const cut = await start(await t.signUp(), c.id);
    expect(cut.currentPrice.amount).toBe(993);
    expect(await t.platform.db.selectFrom('bargain_helps').select('id').where('cut_id', '=', cut.id).execute()).toHaveLength(0);
  });
});

describe('price-cut landing (public)', () => {
  it('shows a signed-out friend the masked starter, the product, prices, progress and deadline, and nothing private', async () => {
    const c = await campaign();
    const starter = await t.signUp({ displayName: '李小红' });
    const cut = await start(starter, c.id);
    const res = await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${cut.id}/landing` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({
      id: cut.id,
      status: 'open',
      starter: { name: '李**', initial: '李' },
      originalPrice: { amount: 4890 },
      currentPrice: { amount: cut.currentPrice.amount },
      floorPrice: { amount: 990 },
      cutSoFar: { amount: 4890 - cut.currentPrice.amount },
      leftToFloor: { amount: cut.currentPrice.amount - 990 },
      starterCut: { amount: 4890 - cut.currentPrice.amount },
      helpersNeeded: 3,
      helps: 0,
      expiresAt: cut.expiresAt,
    });
    expect(res.data.title).toBeTruthy();
    expect(res.body).not.toContain(starter.id);
    expect(res.body).not.toContain(starter.email);
    expect(res.body).not.toContain('李小红');
    expect(res.body).not.toMatch(/phone|email|address|userId|helpers"/i);

    const unknown = await t.request({ method: 'GET', url: '/api/v1/bargain/cuts/00000000-0000-4000-8000-000000000000/landing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.data.error.code).toBe('BARGAIN_CUT_NOT_FOUND');
    expect((await t.request({ method: 'GET', url: '/api/v1/bargain/cuts/not-a-uuid/landing' })).statusCode).toBe(400);
  });
});
