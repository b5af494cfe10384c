// The launch review over HTTP: what an operator sees before starting a campaign (the checks,
// live now or scheduled, what locks, the cost ceiling), read without changing anything, and the
// start it leads to refusing when a check blocks.
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

const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

async function groupbuyDraft(body: Record<string, unknown> = {}) {
  const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '发布前预览拼团', skuId, groupPrice: 5900, teamSize: 2, stock: 100, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.data as { id: string };
}

const review = (id: string, as: TestUser = op) => t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${id}/launch-review`, as });

describe('launch review', () => {
  it('says a later start is scheduled, names what locks and what stays open, and changes nothing', async () => {
    const c = await groupbuyDraft({ startsAt: iso(2 * HOUR), endsAt: iso(6 * HOUR) });
    const r = await review(c.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ campaign: { id: c.id, status: 'draft', phase: 'draft' }, blocked: false, startsAs: 'scheduled', refusal: null });
    expect(r.data.locks.locked).toEqual(['rules', 'window', 'declaration']);
    expect(r.data.locks.editable).toEqual(['budget', 'freeShipping', 'pause', 'end']);
    expect(r.data.cost).toEqual({ budget: null, mechanicCeiling: null, ceiling: null, basis: 'none', spent: { amount: 0, currency: 'CNY' } });
    expect(r.data.findings.map((f: { check: string }) => f.check)).toContain('budget');
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${c.id}`, as: op })).data.status).toBe('draft');

    expect((await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${c.id}/budget`, as: op, body: { budgetAmount: 80_000 } })).statusCode).toBe(200);
    expect((await review(c.id)).data.cost).toMatchObject({ budget: { amount: 80_000 }, ceiling: { amount: 80_000 }, basis: 'budget' });

    // Started, the review says it cannot start again; the campaign reads upcoming, never running.
    const started = await t.request({ method: 'POST', url: `/api/v1/admin/campaigns/${c.id}/start`, as: op });
    expect(started.data.campaign).toMatchObject({ status: 'scheduled', phase: 'upcoming' });
    expect((await review(c.id)).data).toMatchObject({ startsAs: null, refusal: 'CAMPAIGN_STATUS' });
  });

  it('starts live now when its start has come, and a coupon’s ceiling is the lower of its budget and quantity × value', async () => {
    const c = await groupbuyDraft();
    expect((await review(c.id)).data.startsAs).toBe('live');

    const tpl = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '满100减10', kind: 'threshold', discountAmount: 1000, minSpendAmount: 10_000, scope: 'store', validDaysAfterClaim: 7, totalQuota: 100 } });
    expect(tpl.statusCode, tpl.body).toBe(201);
    const coupon = await review(tpl.data.id);
    expect(coupon.data.cost).toMatchObject({ budget: null, mechanicCeiling: { amount: 100_000 }, ceiling: { amount: 100_000 }, basis: 'mechanic' });
    expect(coupon.data.locks.editable).toEqual(['budget', 'pause', 'end']);
    await t.request({ method: 'PUT', url: `/api/v1/admin/campaigns/${tpl.data.id}/budget`, as: op, body: { budgetAmount: 50_000 } });
    expect((await review(tpl.data.id)).data.cost).toMatchObject({ ceiling: { amount: 50_000 }, basis: 'budget' });
  });

  it('shows a blocking check, and start then refuses with 422 CAMPAIGN_PRELAUNCH_BLOCKED', async () => {
    const c = await groupbuyDraft();
    t.services.campaigns.hooks.register('preLaunch', 'test-review-block', async (_trx, campaign) =>
      campaign.id === c.id ? [{ check: 'stock', severity: 'block', message: 'The campaign has no stock left to sell' }] : [],
    );
    try {
      const r = await review(c.id);
      expect(r.data.blocked).toBe(true);
      expect(r.data.findings).toContainEqual(expect.objectContaining({ check: 'stock', severity: 'block' }));
      const start = await t.request({ method: 'POST', url: `/api/v1/admin/campaigns/${c.id}/start`, as: op });
      expect(start.statusCode).toBe(422);
      expect(start.data.error.code).toBe('CAMPAIGN_PRELAUNCH_BLOCKED');
      expect((await t.request({ method: 'GET', url: `/api/v1/admin/campaigns/${c.id}`, as: op })).data.status).toBe('draft');
    } finally {
      t.services.campaigns.hooks.unregister('preLaunch', 'test-review-block');
    }
  });

  it('is for operators only, and an unknown campaign is 404', async () => {
    const c = await groupbuyDraft();
    const shopper = await t.signUp();
    expect((await review(c.id, shopper)).statusCode).toBe(403);
    const missing = await review('00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.data.error.code).toBe('CAMPAIGN_NOT_FOUND');
  });
});
