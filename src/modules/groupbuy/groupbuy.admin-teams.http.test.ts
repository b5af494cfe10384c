import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

/** A shopper signed up by phone, so the console has a phone to mask. */
async function phoneShopper(displayName: string, phone: string) {
  const code = await t.registrationCode({ phone });
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { phone, code, password: 'fission2026', displayName, session: 'bearer' } });
  expect(res.statusCode, res.body).toBe(201);
  const user: TestUser = { id: res.data.user.id, email: '', token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
  return { user, addressId: await addressOf(t, user) };
}

async function liveCampaign() {
  const { skuId } = await sellableSku(t, { price: 9900, stock: 100 });
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼团 名单', skuId, groupPrice: 5900, teamSize: 2, stock: 50 } });
  expect(created.statusCode, created.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${created.data.id}/start`, as: op })).statusCode).toBe(200);
  return created.data.id as string;
}

const teamsOf = (id: string, query = '') => t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${id}/teams${query}`, as: op });

describe('the console lists a group buy\'s teams by name', () => {
  it('shows the leader and members with masked phones, the completed team\'s time, and the open team\'s time left', async () => {
    const campaignId = await liveCampaign();
    const alice = await phoneShopper('Alice 团长', '13800138123');
    const bob = await phoneShopper('Bob 团员', '13900139456');
    const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${campaignId}/teams`, as: alice.user, body: { addressId: alice.addressId } });
    expect(opened.statusCode, opened.body).toBe(201);
    await payOrder(t, alice.user, opened.data.order.id);
    const joined = await t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${opened.data.team.id}/join`, as: bob.user, body: { addressId: bob.addressId } });
    expect(joined.statusCode, joined.body).toBe(201);
    await payOrder(t, bob.user, joined.data.order.id);

    t.clock.advance(60_000);
    const carol = await phoneShopper('Carol', '13700137789');
    const second = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${campaignId}/teams`, as: carol.user, body: { addressId: carol.addressId } });
    await payOrder(t, carol.user, second.data.order.id);
    t.clock.advance(3_600_000);

    const res = await teamsOf(campaignId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    const [open, completed] = res.data.items;
    expect(completed).toMatchObject({ id: opened.data.team.id, status: 'completed', paidMembers: 2, secondsLeft: null, leader: { id: alice.user.id, name: 'Alice 团长', phone: '138****8123' } });
    expect(completed.completedAt).not.toBeNull();
    expect(completed.members.map((m: { person: { name: string; phone: string }; role: string; status: string; paid: { amount: number } }) => [m.person.name, m.person.phone, m.role, m.status, m.paid.amount])).toEqual([
      // What each seat paid: its order's total (the group price and shipping).
      ['Alice 团长', '138****8123', 'leader', 'paid', opened.data.order.total.amount],
      ['Bob 团员', '139****9456', 'member', 'paid', joined.data.order.total.amount],
    ]);
    expect(open).toMatchObject({ status: 'open', leader: { name: 'Carol', phone: '137****7789' }, secondsLeft: 23 * 3600, completedAt: null });
    expect(JSON.stringify(res.data)).not.toContain('13800138123');

    const onlyCompleted = await teamsOf(campaignId, '?status=completed&pageSize=1');
    expect(onlyCompleted.data).toMatchObject({ total: 1, pageSize: 1 });
    expect(onlyCompleted.data.items.map((x: { id: string }) => x.id)).toEqual([opened.data.team.id]);
    const secondPage = await teamsOf(campaignId, '?page=2&pageSize=1');
    expect(secondPage.data.items.map((x: { id: string }) => x.id)).toEqual([opened.data.team.id]);
  });

  it('refuses shoppers, bad paging and unknown campaigns with coded errors', async () => {
    const campaignId = await liveCampaign();
    const shopper = await t.signUp();
    const asShopper = await t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${campaignId}/teams`, as: shopper });
    expect(asShopper.statusCode).toBe(403);
    expect((await teamsOf(campaignId, '?pageSize=500')).statusCode).toBe(400);
    expect((await teamsOf(campaignId, '?status=won')).statusCode).toBe(400);
    const missing = await teamsOf('00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.data.error.code).toBe('GROUPBUY_CAMPAIGN_NOT_FOUND');
  });
});
