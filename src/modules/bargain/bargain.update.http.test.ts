// Editing a draft price-cut over HTTP: PUT replaces the rules with the same checks as creating
// one; a started (or stopped) campaign refuses with CAMPAIGN_RULES_LOCKED and stays as it was.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

describe('price-cut: editing a draft campaign over HTTP', () => {
  let t: TestContext;
  let op: TestUser;
  beforeAll(async () => {
    t = await createTestContext();
    op = await t.operator();
  });
  afterAll(() => t?.close());

  async function draft() {
    const { skuId } = await sellableSku(t, { price: 19_900, stock: 1000 });
    const res = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '砍价草稿', skuId, floorAmount: 990, helpersNeeded: 5, stock: 10 } });
    expect(res.statusCode, res.body).toBe(201);
    return res.data as { id: string; skuId: string };
  }
  const put = (id: string, body: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/admin/bargain/campaigns/${id}`, as: op, body });

  it('replaces a draft\'s rules, SKU included, and audits it', async () => {
    const c = await draft();
    const other = await sellableSku(t, { price: 29_900, stock: 10 });
    const res = await put(c.id, { name: '砍到 1 元', skuId: other.skuId, floorAmount: 100, helpersNeeded: 8, stock: 3, expiryHours: 48, helperDailyLimit: 2, buyMode: 'floor_only', payWithinMinutes: 15 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ name: '砍到 1 元', skuId: other.skuId, helpersNeeded: 8, stockTotal: 3, stockLeft: 3, expiryHours: 48, helperDailyLimit: 2, buyMode: 'floor_only', payWithinMinutes: 15, status: 'draft' });
    expect(res.data.originalPrice.amount).toBe(29_900);
    expect(res.data.floorPrice.amount).toBe(100);
    const audits = await t.platform.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', c.id).execute();
    expect(audits.map((a) => a.action)).toContain('bargain.campaign_updated');
  });

  it('applies the create checks and changes nothing on bad input', async () => {
    const c = await draft();
    expect((await put(c.id, { name: 'x', skuId: c.skuId, floorAmount: 19_900, helpersNeeded: 5, stock: 1 })).data.error.code).toBe('BARGAIN_CAMPAIGN_INVALID');
    const now = t.clock.now().getTime();
    expect((await put(c.id, { name: 'x', skuId: c.skuId, floorAmount: 990, helpersNeeded: 5, stock: 1, startsAt: new Date(now + 7_200_000).toISOString(), endsAt: new Date(now).toISOString() })).data.error.code).toBe('BARGAIN_CAMPAIGN_INVALID');
    expect((await put(c.id, { name: 'x', skuId: randomUUID(), floorAmount: 990, helpersNeeded: 5, stock: 1 })).statusCode).toBe(404);
    expect((await put(c.id, { name: 'x', skuId: c.skuId, floorAmount: 990, helpersNeeded: 0, stock: 1 })).statusCode).toBe(400);
    const after = await t.request({ method: 'GET', url: `/api/v1/admin/bargain/campaigns/${c.id}`, as: op });
    expect(after.data.campaign).toMatchObject({ name: '砍价草稿', stockTotal: 10 });
    expect((await put(randomUUID(), { name: 'x', skuId: c.skuId, floorAmount: 990, helpersNeeded: 5, stock: 1 })).statusCode).toBe(404);
  });

  it('refuses once started or stopped (CAMPAIGN_RULES_LOCKED)', async () => {
    const c = await draft();
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${c.id}/start`, as: op })).statusCode).toBe(200);
    const res = await put(c.id, { name: '不该改', skuId: c.skuId, floorAmount: 100, helpersNeeded: 1, stock: 1 });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${c.id}/stop`, as: op });
    expect((await put(c.id, { name: '不该改', skuId: c.skuId, floorAmount: 100, helpersNeeded: 1, stock: 1 })).data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    const after = await t.request({ method: 'GET', url: `/api/v1/admin/bargain/campaigns/${c.id}`, as: op });
    expect(after.data.campaign.name).toBe('砍价草稿');
  });

  it('is for operators only', async () => {
    const c = await draft();
    const shopper = await t.signUp();
    const res = await t.request({ method: 'PUT', url: `/api/v1/admin/bargain/campaigns/${c.id}`, as: shopper, body: { name: 'x', skuId: c.skuId, floorAmount: 990, helpersNeeded: 5, stock: 1 } });
    expect(res.statusCode).toBe(403);
  });
});
