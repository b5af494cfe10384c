// Editing a draft group buy over HTTP: PUT replaces the rules with the same checks as creating
// one; a started (or stopped) campaign refuses with CAMPAIGN_RULES_LOCKED and stays as it was.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

describe('group buying: editing a draft campaign over HTTP', () => {
  let t: TestContext;
  let op: TestUser;
  beforeAll(async () => {
    t = await createTestContext();
    op = await t.operator();
  });
  afterAll(() => t?.close());

  async function draft() {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
    const res = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '两人拼团 草稿', skuId, groupPrice: 5900, teamSize: 2, stock: 100 } });
    expect(res.statusCode, res.body).toBe(201);
    return res.data as { id: string; skuId: string };
  }
  const put = (id: string, body: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/admin/groupbuy/campaigns/${id}`, as: op, body });

  it('replaces a draft\'s rules, SKU included, and audits it', async () => {
    const c = await draft();
    const other = await sellableSku(t, { price: 19900, stock: 10 });
    const res = await put(c.id, { name: '三人团 改', description: '改过', skuId: other.skuId, groupPrice: 12900, teamSize: 3, stock: 50, expiryHours: 12, perUserLimit: 2, leaderDiscount: 1000, seatTimeoutMinutes: 10, autoFill: { enabled: true, minRealMembers: 2 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ name: '三人团 改', description: '改过', skuId: other.skuId, teamSize: 3, stock: 50, stockLeft: 50, expiryHours: 12, perUserLimit: 2, status: 'draft', autoFill: { enabled: true, minRealMembers: 2 } });
    expect(res.data.groupPrice.amount).toBe(12900);
    expect(res.data.leaderPrice.amount).toBe(11900);
    const audits = await t.platform.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', c.id).execute();
    expect(audits.map((a) => a.action)).toContain('groupbuy.campaign_updated');
  });

  it('applies the create checks and changes nothing on bad input', async () => {
    const c = await draft();
    expect((await put(c.id, { name: 'x', skuId: c.skuId, groupPrice: 9900, teamSize: 2, stock: 1 })).data.error.code).toBe('GROUPBUY_PRICE_NOT_BELOW_LIST');
    expect((await put(c.id, { name: 'x', skuId: c.skuId, groupPrice: 5900, teamSize: 2, stock: 1, autoFill: { enabled: true, minRealMembers: 2 } })).data.error.code).toBe('GROUPBUY_AUTO_FILL_INVALID');
    expect((await put(c.id, { name: 'x', skuId: randomUUID(), groupPrice: 5900, teamSize: 2, stock: 1 })).statusCode).toBe(404);
    expect((await put(c.id, { name: 'x', skuId: c.skuId, groupPrice: 5900, teamSize: 11, stock: 1 })).statusCode).toBe(400);
    expect((await put(c.id, { name: 'x', skuId: c.skuId, groupPrice: 5900, teamSize: 2, stock: 1, extra: true })).statusCode).toBe(400);
    const after = await t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${c.id}`, as: op });
    expect(after.data.campaign).toMatchObject({ name: '两人拼团 草稿', stock: 100 });
    expect((await put(randomUUID(), { name: 'x', skuId: c.skuId, groupPrice: 5900, teamSize: 2, stock: 1 })).statusCode).toBe(404);
  });

  it('refuses once started or stopped (CAMPAIGN_RULES_LOCKED)', async () => {
    const c = await draft();
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${c.id}/start`, as: op })).statusCode).toBe(200);
    const res = await put(c.id, { name: '不该改', skuId: c.skuId, groupPrice: 100, teamSize: 2, stock: 1 });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${c.id}/stop`, as: op });
    expect((await put(c.id, { name: '不该改', skuId: c.skuId, groupPrice: 100, teamSize: 2, stock: 1 })).data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    const after = await t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${c.id}`, as: op });
    expect(after.data.campaign.name).toBe('两人拼团 草稿');
  });

  it('is for operators only', async () => {
    const c = await draft();
    const shopper = await t.signUp();
    const res = await t.request({ method: 'PUT', url: `/api/v1/admin/groupbuy/campaigns/${c.id}`, as: shopper, body: { name: 'x', skuId: c.skuId, groupPrice: 5900, teamSize: 2, stock: 1 } });
    expect(res.statusCode).toBe(403);
  });
});
