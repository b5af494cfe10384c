import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

async function campaign(helpersNeeded: number) {
  const { skuId } = await sellableSku(t, { price: 19_900, stock: 100 });
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '砍价 名单', skuId, floorAmount: 990, helpersNeeded, stock: 10, buyMode: 'floor_only' } });
  expect(created.statusCode, created.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${created.data.id}/start`, as: op })).statusCode).toBe(200);
  return created.data.id as string;
}

async function phoneShopper(displayName: string, phone: string): Promise<TestUser> {
  const code = await t.registrationCode({ phone });
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { phone, code, password: 'fission2026', displayName, session: 'bearer' } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.data.user.id, email: '', token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
}

const startCut = async (user: TestUser, campaignId: string) => {
  const res = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${campaignId}/cuts`, as: user });
  expect(res.statusCode, res.body).toBe(201);
  return res.data.id as string;
};
const help = async (cutId: string) => {
  const res = await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cutId}/help`, as: await t.signUp() });
  expect(res.statusCode, res.body).toBe(200);
};
const cutsOf = (id: string, query = '') => t.request({ method: 'GET', url: `/api/v1/admin/bargain/campaigns/${id}/cuts${query}`, as: op });

describe('the console lists a price-cut campaign\'s cuts by name with the floor price\'s cost', () => {
  it('names each owner with a masked phone, counts helpers, and charges list − floor for each cut that reached the floor', async () => {
    const campaignId = await campaign(2);
    const dora = await phoneShopper('Dora', '13800138555');
    const done = await startCut(dora, campaignId);
    await help(done);
    await help(done);
    t.clock.advance(1_000);
    const eve = await phoneShopper('Eve', '13900139666');
    const halfway = await startCut(eve, campaignId);
    await help(halfway);

    const res = await cutsOf(campaignId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ total: 2, summary: { cuts: 2, reachedFloor: 1, floorCost: { amount: 19_900 - 990, currency: 'CNY' } } });
    const [open, succeeded] = res.data.items;
    expect(succeeded).toMatchObject({ id: done, owner: { id: dora.id, name: 'Dora', phone: '138****8555' }, helpers: 2, helpersNeeded: 2, reachedFloor: true, currentPrice: { amount: 990 }, floorPrice: { amount: 990 }, listPrice: { amount: 19_900 }, floorCost: { amount: 18_910 } });
    expect(succeeded.status).not.toBe('open');
    expect(open).toMatchObject({ id: halfway, status: 'open', owner: { name: 'Eve', phone: '139****9666' }, helpers: 1, reachedFloor: false, floorCost: { amount: 0 } });
    expect(open.currentPrice.amount).toBeGreaterThan(990);
    expect(res.data.summary.byStatus.open).toBe(1);

    const onlyOpen = await cutsOf(campaignId, '?status=open');
    expect(onlyOpen.data.items.map((x: { id: string }) => x.id)).toEqual([halfway]);
    expect(onlyOpen.data.total).toBe(1);
  });

  it('refuses shoppers, bad paging and unknown campaigns with coded errors', async () => {
    const campaignId = await campaign(3);
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/bargain/campaigns/${campaignId}/cuts`, as: await t.signUp() })).statusCode).toBe(403);
    expect((await cutsOf(campaignId, '?page=0')).statusCode).toBe(400);
    const missing = await cutsOf('00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.data.error.code).toBe('BARGAIN_CAMPAIGN_NOT_FOUND');
  });
});
