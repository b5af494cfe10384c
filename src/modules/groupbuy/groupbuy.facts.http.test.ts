// The group-buy list's social proof (N 人在拼, 已拼 X 件, open teams) and the open-teams strip:
// real counts from teams and paid seats, full and timed-out teams left out, leaders masked.
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

type Shopper = { user: TestUser; addressId: string };
const shopper = async (displayName: string): Promise<Shopper> => {
  const user = await t.signUp({ displayName });
  return { user, addressId: await addressOf(t, user) };
};

async function liveCampaign() {
  const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼团 社交证明', skuId, groupPrice: 5900, teamSize: 2, stock: 100 } });
  expect(created.statusCode, created.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${created.data.id}/start`, as: op })).statusCode).toBe(200);
  return created.data.id as string;
}

async function paidTeam(campaignId: string, leader: Shopper) {
  const res = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${campaignId}/teams`, as: leader.user, body: { addressId: leader.addressId } });
  expect(res.statusCode, res.body).toBe(201);
  await payOrder(t, leader.user, res.data.order.id);
  return { teamId: res.data.team.id as string, orderId: res.data.order.id as string };
}

async function joinTeam(teamId: string, s: Shopper, pay: boolean) {
  const res = await t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${teamId}/join`, as: s.user, body: { addressId: s.addressId } });
  expect(res.statusCode, res.body).toBe(201);
  if (pay) await payOrder(t, s.user, res.data.order.id);
  return res.data.order.id as string;
}

describe('group-buy list facts and open teams', () => {
  let campaignId: string;
  let joinable: string;
  let full: string;
  let timedOut: string;
  let completed: { teamId: string; orderId: string; memberOrder: string };
  let leaders: Record<'late' | 'open' | 'done' | 'full', Shopper>;
  let member: Shopper;

  beforeAll(async () => {
    campaignId = await liveCampaign();
    leaders = { late: await shopper('Timothy Late'), open: await shopper('王小明'), done: await shopper('Donna Done'), full: await shopper('Fuller Team') };
    member = await shopper('Member Mia');
    // A team that will run out of time: opened just under a day before the others, so its deadline
    // passes while theirs have not (the expiry job has not run: its row is still 'open'). The clock
    // then moves 10 minutes only, inside the unpaid seat's 15-minute payment window.
    timedOut = (await paidTeam(campaignId, leaders.late)).teamId;
    t.clock.advance(24 * 3_600_000 - 5 * 60_000);
    joinable = (await paidTeam(campaignId, leaders.open)).teamId;
    const done = await paidTeam(campaignId, leaders.done);
    completed = { ...done, memberOrder: await joinTeam(done.teamId, member, true) };
    full = (await paidTeam(campaignId, leaders.full)).teamId;
    await joinTeam(full, await shopper('Unpaid Ursula'), false); // the last seat is taken, not paid yet
    t.clock.advance(10 * 60_000);
  });

  it('the list and the campaign carry real counts: open teams with seats, paid members of live open teams, units sold in completed teams', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/groupbuy/campaigns' });
    expect(list.statusCode).toBe(200);
    const card = list.data.items.find((c: { id: string }) => c.id === campaignId);
    // open: only the joinable team (the full one has no seat, the timed-out one no time);
    // joined: the joinable team's leader and the full team's paid leader; sold: both seats of the completed team.
    expect(card).toMatchObject({ openTeamCount: 1, joinedCount: 2, soldCount: 2 });
    const detail = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${campaignId}` });
    expect(detail.data).toMatchObject({ openTeamCount: 1, joinedCount: 2, soldCount: 2 });
    expect(detail.data.openTeams.map((x: { id: string }) => x.id)).toEqual([joinable]);
  });

  it('open teams: seats left, deadline and a masked leader; full and timed-out teams are left out', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${campaignId}/open-teams?limit=5` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.items).toHaveLength(1);
    const [team] = res.data.items;
    expect(team).toMatchObject({ id: joinable, leaderName: '王*', leaderInitial: '王', size: 2, seatsLeft: 1, url: `/groupbuy/teams/${joinable}`, yours: false });
    expect(new Date(team.expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    const ids = res.data.items.map((x: { id: string }) => x.id);
    expect(ids).not.toContain(full);
    expect(ids).not.toContain(timedOut);
    expect(ids).not.toContain(completed.teamId);
    // nothing private: no full name, account id or e-mail of the leader
    expect(res.body).not.toContain('王小明');
    expect(res.body).not.toContain(leaders.open.user.id);
    expect(res.body).not.toContain(leaders.open.user.email);

    const own = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${campaignId}/open-teams`, as: leaders.open.user });
    expect(own.data.items[0]).toMatchObject({ id: joinable, yours: true });
  });

  it('the limit caps the strip, and bad input is a coded 4xx', async () => {
    const extra = await paidTeam(campaignId, await shopper('Extra Ed'));
    const two = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${campaignId}/open-teams?limit=1` });
    expect(two.data.items.map((x: { id: string }) => x.id)).toEqual([joinable]); // the closest deadline first
    const all = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${campaignId}/open-teams` });
    expect(all.data.items.map((x: { id: string }) => x.id)).toEqual([joinable, extra.teamId]);
    const tooMany = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${campaignId}/open-teams?limit=500` });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.data.error.code).toBeTruthy();
    const missing = await t.request({ method: 'GET', url: '/api/v1/groupbuy/campaigns/00000000-0000-4000-8000-000000000000/open-teams' });
    expect(missing.statusCode).toBe(404);
    expect(missing.data.error.code).toBe('GROUPBUY_CAMPAIGN_NOT_FOUND');
  });

  it('a completed team tells each viewer their own order only', async () => {
    const mine = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${completed.teamId}`, as: member.user });
    expect(mine.data).toMatchObject({ status: 'completed', myOrderId: completed.memberOrder });
    const leader = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${completed.teamId}`, as: leaders.done.user });
    expect(leader.data.myOrderId).toBe(completed.orderId);
    const stranger = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${completed.teamId}`, as: leaders.open.user });
    expect(stranger.data.myOrderId).toBeNull();
    const anonymous = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${completed.teamId}` });
    expect(anonymous.data.myOrderId).toBeNull();
  });
});
