import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { SANDBOX_DELIVER_JOB } from '../payments/index.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

type Shopper = Awaited<ReturnType<typeof shopperWithAddress>>;

async function liveCampaign(body: Record<string, unknown> = {}) {
  const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼团 测试', skuId, groupPrice: 5900, teamSize: 2, stock: 100, ...body } });
  expect(created.statusCode, created.body).toBe(201);
  const started = await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${created.data.id}/start`, as: op });
  expect(started.statusCode).toBe(200);
  return started.data;
}

async function openTeam(campaignId: string, s: Shopper) {
  const res = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${campaignId}/teams`, as: s.user, body: { addressId: s.addressId } });
  expect(res.statusCode, res.body).toBe(201);
  return res.data as { team: any; order: any };
}

async function openPaidTeam(campaignId: string) {
  const leader = await shopperWithAddress(t);
  const opened = await openTeam(campaignId, leader);
  await payOrder(t, leader.user, opened.order.id);
  return { leader, teamId: opened.team.id as string, orderId: opened.order.id as string };
}

const join = (teamId: string, s: Shopper, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${teamId}/join`, as: s.user, body: { addressId: s.addressId }, headers });

const orderStatus = async (id: string) => (await t.platform.db.selectFrom('orders').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const countOrders = async () => Number((await t.platform.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const eventsOf = async (type: string, aggregateId: string) => t.platform.db.selectFrom('outbox_events').selectAll().where('type', '=', type).where('aggregate_id', '=', aggregateId).execute();
const refundsOf = async (orderId: string) => t.platform.db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).execute();

describe('a team fills and ships', () => {
  it('a 2-person team completes: A opens and pays, B joins and pays, both orders go to shipping', async () => {
    const c = await liveCampaign({ leaderDiscount: 500 });
    expect(c.autoFill).toEqual({ enabled: false, minRealMembers: 2 });
    const a = await shopperWithAddress(t);
    const opened = await openTeam(c.id, a);
    expect(opened.order.kind).toBe('groupbuy');
    expect(opened.order.lines[0].unitPrice.amount).toBe(5400); // group price less the leader discount
    expect(opened.team.status).toBe('forming');
    await payOrder(t, a.user, opened.order.id);
    expect(await orderStatus(opened.order.id)).toBe('awaiting_team');
    const page = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${opened.team.id}` });
    expect(page.data).toMatchObject({ status: 'open', seatsLeft: 1, virtualMembers: 0, notice: null, shareUrl: `/groupbuy/teams/${opened.team.id}` });
    expect(new Date(page.data.expiresAt).getTime()).toBe(t.clock.now().getTime() + 24 * 3_600_000);
    expect(JSON.stringify(page.data)).not.toContain(a.user.id);
    expect(JSON.stringify(page.data)).not.toContain(a.user.email);

    const listed = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${c.id}` });
    expect(listed.data.openTeams.map((x: any) => x.id)).toContain(opened.team.id);

    const b = await shopperWithAddress(t);
    const joined = await join(opened.team.id, b);
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.data.order.lines[0].unitPrice.amount).toBe(5900);
    await payOrder(t, b.user, joined.data.order.id);
    expect(await orderStatus(opened.order.id)).toBe('to_ship');
    expect(await orderStatus(joined.data.order.id)).toBe('to_ship');
    expect(await eventsOf('team.completed', opened.team.id)).toHaveLength(1);
    const done = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${opened.team.id}`, as: b.user });
    expect(done.data).toMatchObject({ status: 'completed', seatsLeft: 0, paidMembers: 2 });
    expect(done.data.members.map((m: any) => [m.role, m.paid, m.you])).toEqual([['leader', true, false], ['member', true, true]]);

    const stats = await t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${c.id}`, as: op });
    expect(stats.data.stats).toMatchObject({ teams: { completed: 1, open: 0 }, members: 2 });
    expect(stats.data.stats.gmv.amount).toBe(opened.order.total.amount + joined.data.order.total.amount);
    expect(stats.data.campaign.stockLeft).toBe(98);
  });

  it('a team can be shared', async () => {
    const c = await liveCampaign();
    const { leader, teamId } = await openPaidTeam(c.id);
    const res = await t.request({ method: 'POST', url: '/api/v1/shares', as: leader.user, body: { target: { type: 'team', id: teamId }, channel: 'wechat' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.target).toEqual({ type: 'team', id: teamId });
  });

  it('a retried join with the same Idempotency-Key returns the same seat', async () => {
    const c = await liveCampaign({ teamSize: 3 });
    const { teamId } = await openPaidTeam(c.id);
    const b = await shopperWithAddress(t);
    const first = await join(teamId, b, { 'idempotency-key': 'join-1' });
    const again = await join(teamId, b, { 'idempotency-key': 'join-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.data.order.id).toBe(first.data.order.id);
    expect(again.data.team.seatsLeft).toBe(1);
  });
});

describe('the last seat', () => {
  it('50 shoppers racing for the last seat: exactly one joins, the rest get 409 GROUPBUY_TEAM_FULL', async () => {
    const c = await liveCampaign({ teamSize: 3 });
    const { teamId } = await openPaidTeam(c.id);
    const b = await shopperWithAddress(t);
    expect((await join(teamId, b)).statusCode).toBe(201);
    const racers = await Promise.all(Array.from({ length: 50 }, () => shopperWithAddress(t)));
    const before = await countOrders();
    const results = await Promise.all(racers.map((r) => join(teamId, r)));
    const ok = results.filter((r) => r.statusCode === 201);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.data.error.code).toBe('GROUPBUY_TEAM_FULL');
    }
    expect(await countOrders()).toBe(before + 1);
    const team = await t.platform.db.selectFrom('groupbuy_teams').selectAll().where('id', '=', teamId).executeTakeFirstOrThrow();
    expect(team.seats_taken).toBe(3);
  });

  it('an unpaid seat is released after the seat timeout and can be taken again', async () => {
    const c = await liveCampaign({ seatTimeoutMinutes: 10 });
    const { teamId } = await openPaidTeam(c.id);
    const b = await shopperWithAddress(t);
    const joined = await join(teamId, b);
    expect(joined.data.order.expiresAt).toBe(new Date(t.clock.now().getTime() + 10 * 60_000).toISOString());
    expect((await join(teamId, await shopperWithAddress(t))).data.error.code).toBe('GROUPBUY_TEAM_FULL');
    t.clock.advanceMinutes(11);
    await t.settle();
    expect(await orderStatus(joined.data.order.id)).toBe('cancelled');
    const page = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${teamId}` });
    expect(page.data.seatsLeft).toBe(1);
    expect(page.data.members).toHaveLength(1);
    expect((await join(teamId, await shopperWithAddress(t))).statusCode).toBe(201);
  });
});

describe('a team that expires unfilled', () => {
  it('fails and refunds every paid member exactly once', async () => {
    const c = await liveCampaign({ teamSize: 3 });
    const { teamId, orderId: leaderOrder } = await openPaidTeam(c.id);
    const b = await shopperWithAddress(t);
    const joined = await join(teamId, b);
    await payOrder(t, b.user, joined.data.order.id);
    const orderIds = [leaderOrder, joined.data.order.id];
    t.clock.advance(24 * 3_600_000 + 1000);
    for (let i = 0; i < 3; i++) await t.settle();
    for (const id of orderIds) {
      const refunds = await refundsOf(id);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]).toMatchObject({ status: 'succeeded', idempotency_key: `team-failed:${teamId}:${id}` });
      expect(await orderStatus(id)).toBe('refunded');
    }
    expect(await eventsOf('team.failed', teamId)).toHaveLength(1);
    const page = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${teamId}` });
    expect(page.data).toMatchObject({ status: 'failed', members: [], virtualMembers: 0 });
    // A second expiry run changes nothing.
    await t.services.groupbuy.expireTeam(teamId);
    await t.settle();
    for (const id of orderIds) expect(await refundsOf(id)).toHaveLength(1);
    const stats = await t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${c.id}`, as: op });
    expect(stats.data.stats).toMatchObject({ teams: { failed: 1 }, members: 0, refundedMembers: 2 });
    expect(stats.data.campaign.stockLeft).toBe(100);
  });

  it('a payment that lands for a seat after the deadline is refunded at once, never shipped', async () => {
    const c = await liveCampaign({ teamSize: 3 });
    const { teamId, orderId: leaderOrder } = await openPaidTeam(c.id);
    t.clock.advance(24 * 3_600_000 - 5 * 60_000);
    const b = await shopperWithAddress(t);
    const joined = await join(teamId, b);
    expect(joined.statusCode).toBe(201);
    const started = await t.request({ method: 'POST', url: `/api/v1/orders/${joined.data.order.id}/payments`, as: b.user });
    t.clock.advance(6 * 60_000); // past the team deadline, seat still within its payment window
    await t.request({ method: 'POST', url: `/api/v1/payments/${started.data.id}/confirm`, as: b.user, body: { card: { number: '4242424242424242' } } });
    // The gateway's webhook arrives before the expiry job has run.
    const hook = await t.platform.db.selectFrom('jobs').selectAll().where('kind', '=', SANDBOX_DELIVER_JOB).where('status', '=', 'pending').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await t.services.payments.deliverSandboxWebhook((hook.payload as any).body);
    await t.platform.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', hook.id).execute();
    await t.platform.events.drain();
    for (let i = 0; i < 3; i++) await t.settle();
    expect(await refundsOf(joined.data.order.id)).toHaveLength(1);
    expect(await refundsOf(leaderOrder)).toHaveLength(1);
    expect(await orderStatus(joined.data.order.id)).toBe('refunded');
    expect(await orderStatus(leaderOrder)).toBe('refunded');
    expect(await eventsOf('team.payment_refunded', teamId)).toHaveLength(1);
    const team = await t.platform.db.selectFrom('groupbuy_teams').selectAll().where('id', '=', teamId).executeTakeFirstOrThrow();
    expect(team).toMatchObject({ status: 'failed', paid_count: 1 });
  });

  it('with auto-fill enabled, completes with virtual members that are disclosed and audited', async () => {
    const c = await liveCampaign({ teamSize: 3, autoFill: { enabled: true, minRealMembers: 2 } });
    const { teamId, orderId: leaderOrder } = await openPaidTeam(c.id);
    const b = await shopperWithAddress(t);
    const joined = await join(teamId, b);
    await payOrder(t, b.user, joined.data.order.id);
    t.clock.advance(24 * 3_600_000 + 1000);
    await t.settle();
    const page = await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${teamId}` });
    expect(page.data).toMatchObject({ status: 'completed', virtualMembers: 1 });
    expect(page.data.notice).toContain('1');
    expect(page.data.members.filter((m: any) => m.virtual)).toHaveLength(1);
    expect(await orderStatus(leaderOrder)).toBe('to_ship');
    expect(await orderStatus(joined.data.order.id)).toBe('to_ship');
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'groupbuy.team_auto_filled').where('subject_id', '=', teamId).execute();
    expect(audit).toHaveLength(1);
    expect(await refundsOf(leaderOrder)).toHaveLength(0);
  });

  it('auto-fill does not fill below the real-member threshold', async () => {
    const c = await liveCampaign({ teamSize: 3, autoFill: { enabled: true, minRealMembers: 2 } });
    const { teamId, orderId } = await openPaidTeam(c.id);
    t.clock.advance(24 * 3_600_000 + 1000);
    await t.settle();
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${teamId}` })).data.status).toBe('failed');
    expect(await orderStatus(orderId)).toBe('refunded');
  });
});

describe('refusals write no order', () => {
  it('joining an expired, a full or one\'s own team, or a forming team, is refused with a code', async () => {
    const c = await liveCampaign();
    const { leader, teamId } = await openPaidTeam(c.id);
    const before = await countOrders();
    const own = await join(teamId, leader);
    expect([own.statusCode, own.data.error.code]).toEqual([422, 'GROUPBUY_OWN_TEAM']);

    const forming = await openTeam(c.id, await shopperWithAddress(t));
    const notOpen = await join(forming.team.id, await shopperWithAddress(t));
    expect([notOpen.statusCode, notOpen.data.error.code]).toEqual([422, 'GROUPBUY_TEAM_NOT_OPEN']);

    const b = await shopperWithAddress(t);
    const joined = await join(teamId, b);
    await payOrder(t, b.user, joined.data.order.id);
    const full = await join(teamId, await shopperWithAddress(t));
    expect([full.statusCode, full.data.error.code]).toEqual([409, 'GROUPBUY_TEAM_FULL']);

    const other = await openPaidTeam(c.id);
    t.clock.advance(24 * 3_600_000 + 1);
    const expired = await join(other.teamId, await shopperWithAddress(t));
    expect([expired.statusCode, expired.data.error.code]).toEqual([410, 'GROUPBUY_TEAM_EXPIRED']);
    await t.settle();
    const failed = await join(other.teamId, await shopperWithAddress(t));
    expect(failed.data.error.code).toBe('GROUPBUY_TEAM_EXPIRED');
    // Only the orders of the forming team, the paid joiner and the second team were written.
    expect(await countOrders()).toBe(before + 3);
  });

  it('one open team per shopper per campaign, and the per-user limit', async () => {
    const c = await liveCampaign({ perUserLimit: 1 });
    const a = await shopperWithAddress(t);
    await openTeam(c.id, a);
    const second = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.id}/teams`, as: a.user, body: { addressId: a.addressId } });
    expect([second.statusCode, second.data.error.code]).toEqual([409, 'GROUPBUY_TEAM_ALREADY_OPEN']);
    const { teamId } = await openPaidTeam(c.id);
    const before = await countOrders();
    const limited = await join(teamId, a);
    expect([limited.statusCode, limited.data.error.code]).toEqual([422, 'GROUPBUY_LIMIT_REACHED']);
    expect(await countOrders()).toBe(before);
  });

  it('new-customer-only teams refuse a shopper with an earlier paid order', async () => {
    const c = await liveCampaign({ newCustomersOnly: true });
    const { teamId } = await openPaidTeam(c.id);
    const old = await shopperWithAddress(t);
    const { skuId } = await sellableSku(t);
    const earlier = await placeOrder(t, old.user, old.addressId, [{ skuId, quantity: 1 }]);
    await payOrder(t, old.user, earlier.id);
    const before = await countOrders();
    const refused = await join(teamId, old);
    expect([refused.statusCode, refused.data.error.code]).toEqual([422, 'GROUPBUY_NEW_CUSTOMERS_ONLY']);
    expect(await countOrders()).toBe(before);
    expect((await join(teamId, await shopperWithAddress(t))).statusCode).toBe(201);
  });

  it('the per-user limit holds when one shopper races into five teams at once', async () => {
    const c = await liveCampaign({ perUserLimit: 1 });
    const teams = await Promise.all(Array.from({ length: 5 }, () => openPaidTeam(c.id)));
    const racer = await shopperWithAddress(t);
    const before = await countOrders();
    const results = await Promise.all(teams.map((x) => join(x.teamId, racer)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.data.error.code, r.body).toBe('GROUPBUY_LIMIT_REACHED');
    expect(await countOrders()).toBe(before + 1);
  });

  it('a stopped campaign takes no new teams, but its open teams may still fill', async () => {
    const c = await liveCampaign();
    const { teamId } = await openPaidTeam(c.id);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${c.id}/stop`, as: op })).statusCode).toBe(200);
    const s = await shopperWithAddress(t);
    const refused = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.id}/teams`, as: s.user, body: { addressId: s.addressId } });
    expect([refused.statusCode, refused.data.error.code]).toEqual([422, 'GROUPBUY_CAMPAIGN_NOT_LIVE']);
    expect((await t.request({ method: 'GET', url: '/api/v1/groupbuy/campaigns' })).data.items.map((x: any) => x.id)).not.toContain(c.id);
    const joined = await join(teamId, s);
    expect(joined.statusCode).toBe(201);
    await payOrder(t, s.user, joined.data.order.id);
    expect((await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${teamId}` })).data.status).toBe('completed');
  });

  it('bad input and unknown teams are refused and write nothing', async () => {
    const s = await shopperWithAddress(t);
    const before = await countOrders();
    const unknown = await t.request({ method: 'POST', url: '/api/v1/groupbuy/teams/00000000-0000-4000-8000-000000000000/join', as: s.user, body: { addressId: s.addressId } });
    expect([unknown.statusCode, unknown.data.error.code]).toEqual([404, 'GROUPBUY_TEAM_NOT_FOUND']);
    const c = await liveCampaign();
    const { teamId } = await openPaidTeam(c.id);
    const mid = await countOrders();
    for (const body of [{}, { addressId: 'nope' }, { addressId: s.addressId, extra: 1 }]) {
      const res = await t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${teamId}/join`, as: s.user, body });
      expect(res.statusCode).toBe(400);
    }
    expect((await t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${teamId}/join`, body: { addressId: s.addressId } })).statusCode).toBe(401);
    expect(await countOrders()).toBe(mid);
    expect(mid).toBe(before + 1);
  });

  it('a leader who never pays: the forming team is cancelled, stock comes back and the leader may open again', async () => {
    const c = await liveCampaign({ seatTimeoutMinutes: 5 });
    const a = await shopperWithAddress(t);
    const opened = await openTeam(c.id, a);
    const mine = await t.request({ method: 'GET', url: '/api/v1/me/groupbuy/teams', as: a.user });
    expect(mine.data.items).toMatchObject([{ teamId: opened.team.id, role: 'leader', seatStatus: 'reserved', status: 'forming' }]);
    t.clock.advanceMinutes(6);
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/groupbuy/teams/${opened.team.id}` })).data).toMatchObject({ status: 'cancelled', members: [] });
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${c.id}`, as: op })).data.campaign.stockLeft).toBe(100);
    expect((await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.id}/teams`, as: a.user, body: { addressId: a.addressId } })).statusCode).toBe(201);
    const other = await t.signUp();
    expect((await t.request({ method: 'GET', url: '/api/v1/me/groupbuy/teams', as: other })).data.items).toEqual([]);
  });

  it('campaign bodies are validated strictly and priced below the SKU', async () => {
    const { skuId } = await sellableSku(t, { price: 1000 });
    const base = { name: '拼团', skuId, groupPrice: 800, teamSize: 2, stock: 10 };
    const bad = [
      { ...base, groupPrice: 1000 },
      { ...base, teamSize: 11 },
      { ...base, groupPrice: '800' },
      { ...base, extra: true },
      { ...base, leaderDiscount: 800 },
    ];
    for (const body of bad) {
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const shopper = await t.signUp();
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: shopper, body: base })).statusCode).toBe(403);
  });
});
