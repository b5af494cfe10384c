// The campaign kernel over HTTP: one lifecycle, rule lock, budget and cost ledger for every
// mechanic, seen through the group-buy mechanic (its discount below list price is the cost).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

async function groupbuyDraft(body: Record<string, unknown> = {}) {
  const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '内核测试拼团', skuId, groupPrice: 5900, teamSize: 2, stock: 100, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.data as { id: string; skuId: string };
}

const kernel = (id: string) => t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${id}`, as: op });
const act = (id: string, action: string) => t.request({ method: 'POST', url: `/api/v1/admin/campaigns/${id}/${action}`, as: op });

describe('campaign kernel', () => {
  it('enrols every new campaign as a draft and lists it with its mechanic', async () => {
    const c = await groupbuyDraft();
    const k = await kernel(c.id);
    expect(k.statusCode).toBe(200);
    expect(k.data).toMatchObject({ id: c.id, mechanic: 'groupbuy', name: '内核测试拼团', status: 'draft', phase: 'draft', budget: null, spent: { amount: 0, currency: 'CNY' } });
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/campaigns?mechanic=groupbuy&status=draft', as: op });
    expect(list.data.items.map((x: any) => x.id)).toContain(c.id);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/campaigns?status=bogus', as: op })).statusCode).toBe(400);
  });

  it('schedules a later start, locks the rules, goes live by the jobs table and ends at its end time', async () => {
    const c = await groupbuyDraft({ startsAt: iso(2 * HOUR), endsAt: iso(5 * HOUR) });
    const started = await act(c.id, 'start');
    expect(started.statusCode, started.body).toBe(200);
    expect(started.data.campaign).toMatchObject({ status: 'scheduled', phase: 'upcoming' });
    expect(started.data.findings.map((f: any) => f.check)).toContain('budget');
    const edit = await t.request({ method: 'PUT', url: `/api/v1/admin/groupbuy/campaigns/${c.id}`, as: op, body: { name: '改名', skuId: c.skuId, groupPrice: 5000, teamSize: 2, stock: 100 } });
    expect(edit.statusCode).toBe(409);
    expect(edit.data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${c.id}`, as: op })).data.campaign.status).toBe('scheduled');
    t.clock.advance(2 * HOUR);
    await t.settle();
    expect((await kernel(c.id)).data).toMatchObject({ status: 'live', phase: 'running' });
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${c.id}`, as: op })).data.campaign.status).toBe('active');
    t.clock.advance(3 * HOUR);
    await t.settle();
    expect((await kernel(c.id)).data).toMatchObject({ status: 'ended', phase: 'over' });
    const types = await t.platform.db.selectFrom('outbox_events').select('type').where('aggregate_id', '=', c.id).orderBy('id').execute();
    expect(types.map((r) => r.type)).toEqual(expect.arrayContaining(['campaign.scheduled', 'campaign.live', 'groupbuy.campaign_started', 'campaign.ended', 'groupbuy.campaign_ended']));
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['campaign.start', 'campaign.go_live', 'campaign.end']));
  });

  it('pauses and resumes: shoppers cannot take part while paused', async () => {
    const c = await groupbuyDraft();
    expect((await act(c.id, 'start')).data.campaign.status).toBe('live');
    expect((await act(c.id, 'resume')).data.error.code).toBe('CAMPAIGN_STATUS');
    expect((await act(c.id, 'pause')).data.campaign).toMatchObject({ status: 'paused', phase: 'paused' });
    const s = await shopperWithAddress(t);
    const refused = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.id}/teams`, as: s.user, body: { addressId: s.addressId } });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect((await act(c.id, 'resume')).data.campaign.status).toBe('live');
    const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.id}/teams`, as: s.user, body: { addressId: s.addressId } });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await act(c.id, 'end')).data.campaign.status).toBe('ended');
    expect((await act(c.id, 'start')).data.error.code).toBe('CAMPAIGN_STATUS');
  });

  it('books each order’s discount on the budget, refuses past it with a clear 409, and gives it back on cancel', async () => {
    const c = await groupbuyDraft();
    // The group price is ¥59.00 against ¥99.00: each seat costs the campaign ¥40.00.
    expect((await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${c.id}/budget`, as: op, body: { budgetAmount: 8000 } })).statusCode).toBe(200);
    await act(c.id, 'start');
    const buyers = await Promise.all([1, 2, 3].map(() => shopperWithAddress(t)));
    const open = (s: (typeof buyers)[number]) => t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.id}/teams`, as: s.user, body: { addressId: s.addressId } });
    const first = await open(buyers[0]);
    const second = await open(buyers[1]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const third = await open(buyers[2]);
    expect(third.statusCode).toBe(409);
    expect(third.data.error.code).toBe('CAMPAIGN_BUDGET_EXHAUSTED');
    let k = await kernel(c.id);
    expect(k.data.spent.amount).toBe(8000);
    expect(k.data.budgetLeft.amount).toBe(0);
    const lower = await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${c.id}/budget`, as: op, body: { budgetAmount: 7000 } });
    expect(lower.data.error.code).toBe('CAMPAIGN_BUDGET_BELOW_SPENT');
    // The first leader cancels the unpaid order: its ¥40 comes back and the third shopper gets in.
    const cancelled = await t.request({ method: 'POST', url: `/api/v1/orders/${first.data.order.id}/cancel`, as: buyers[0].user });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await t.settle();
    k = await kernel(c.id);
    expect(k.data.spent.amount).toBe(4000);
    expect((await open(buyers[2])).statusCode).toBe(201);
    const ledger = await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${c.id}/ledger`, as: op });
    expect(ledger.data.items.map((e: any) => e.amount.amount).sort((a: number, b: number) => a - b)).toEqual([-4000, 4000, 4000, 4000]);
    expect(ledger.data.byKind).toEqual([{ kind: 'discount', amount: { amount: 8000, currency: 'CNY' } }]);
  });

  it('blocks a launch whose checks fail, and shows the review without changing anything', async () => {
    const c = await groupbuyDraft({ stock: 1 });
    await t.platform.db.updateTable('groupbuy_campaigns').set({ stock_left: 0 }).where('id', '=', c.id).execute();
    const review = await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${c.id}/checks`, as: op });
    expect(review.data.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'stock', severity: 'block' })]));
    expect(review.data.campaign.status).toBe('draft');
    const blocked = await act(c.id, 'start');
    expect(blocked.statusCode).toBe(422);
    expect(blocked.data.error.code).toBe('CAMPAIGN_PRELAUNCH_BLOCKED');
    expect((await kernel(c.id)).data.status).toBe('draft');
  });

  it('runs registered audience hooks before a shopper takes part', async () => {
    const c = await groupbuyDraft();
    await act(c.id, 'start');
    const s = await shopperWithAddress(t);
    t.services.campaigns.hooks.register('audience', 'test-block', async (_trx, campaign, userId) => (campaign.id === c.id && userId === s.user.id ? { allowed: false, reason: 'test segment' } : { allowed: true }));
    try {
      const res = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.id}/teams`, as: s.user, body: { addressId: s.addressId } });
      expect(res.statusCode).toBe(403);
      expect(res.data.error).toMatchObject({ code: 'CAMPAIGN_AUDIENCE_EXCLUDED', details: { reason: 'test segment' } });
    } finally {
      t.services.campaigns.hooks.unregister('audience', 'test-block');
    }
  });

  it('is for operators only, and answers 404 for an unknown campaign', async () => {
    const shopper = await t.signUp();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/campaigns', as: shopper })).statusCode).toBe(403);
    expect((await kernel('00000000-0000-4000-8000-000000000000')).data.error.code).toBe('CAMPAIGN_NOT_FOUND');
  });
});
