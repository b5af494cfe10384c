// Editing a draft flash-sale slot over HTTP: PUT replaces name, window and items with the same
// checks as creating one; a published slot refuses with CAMPAIGN_RULES_LOCKED and stays as it was.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

const HOUR = 3_600_000;

describe('flash sale: editing a draft slot over HTTP', () => {
  let t: TestContext;
  let op: TestUser;
  beforeAll(async () => {
    t = await createTestContext();
    op = await t.operator();
  });
  afterAll(() => t?.close());

  const window = (startsInMs: number) => {
    const start = t.clock.now().getTime() + startsInMs;
    return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * HOUR).toISOString() };
  };

  async function draftSlot() {
    const sku = await sellableSku(t, { price: 5990, stock: 0 });
    const res = await t.request({ method: 'POST', url: '/api/v1/admin/flashsale/slots', as: op, body: { name: `草稿场 ${randomUUID().slice(0, 6)}`, ...window(HOUR), publish: false, items: [{ skuId: sku.skuId, flashPrice: { amount: 990 }, stock: 10, perUserLimit: 1 }] } });
    expect(res.statusCode, res.body).toBe(201);
    return res.data as { id: string; state: string; items: { id: string; skuId: string }[] };
  }

  it('replaces a draft slot\'s name, window and items, and publishing it afterwards keeps them', async () => {
    const slot = await draftSlot();
    expect(slot.state).toBe('draft');
    const other = await sellableSku(t, { price: 12900, stock: 0 });
    const w = window(2 * HOUR);
    const res = await t.request({
      method: 'PUT',
      url: `/api/v1/admin/flashsale/slots/${slot.id}`,
      as: op,
      body: { name: '改过的场次', ...w, items: [{ skuId: slot.items[0].skuId, flashPrice: { amount: 1990 }, stock: 5, perUserLimit: 2 }, { skuId: other.skuId, flashPrice: { amount: 6900 }, stock: 20 }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.name).toBe('改过的场次');
    expect(res.data.state).toBe('draft');
    expect(new Date(res.data.startsAt).toISOString()).toBe(w.startsAt);
    expect(res.data.items.map((i: { flashPrice: { amount: number }; stock: number; perUserLimit: number }) => [i.flashPrice.amount, i.stock, i.perUserLimit])).toEqual([
      [1990, 5, 2],
      [6900, 20, 1],
    ]);
    const published = await t.request({ method: 'POST', url: `/api/v1/admin/flashsale/slots/${slot.id}/publish`, as: op });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.data.items).toHaveLength(2);
    expect(published.data.totals.stock).toBe(25);
  });

  it('refuses once published (CAMPAIGN_RULES_LOCKED) and changes nothing', async () => {
    const slot = await draftSlot();
    await t.request({ method: 'POST', url: `/api/v1/admin/flashsale/slots/${slot.id}/publish`, as: op });
    const res = await t.request({ method: 'PUT', url: `/api/v1/admin/flashsale/slots/${slot.id}`, as: op, body: { name: '不该改', ...window(HOUR), items: [{ skuId: slot.items[0].skuId, flashPrice: { amount: 100 }, stock: 99 }] } });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    const after = await t.request({ method: 'GET', url: `/api/v1/admin/flashsale/slots/${slot.id}`, as: op });
    expect(after.data.name).not.toBe('不该改');
    expect(after.data.items[0].id).toBe(slot.items[0].id);
    expect(after.data.items[0].stock).toBe(10);
  });

  it('applies the create checks: price at or above list price, duplicate SKUs, window, unknown SKU, bad body', async () => {
    const slot = await draftSlot();
    const skuId = slot.items[0].skuId;
    const put = (body: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/admin/flashsale/slots/${slot.id}`, as: op, body: { name: 'x', ...window(HOUR), ...body } });
    expect((await put({ items: [{ skuId, flashPrice: { amount: 5990 }, stock: 1 }] })).data.error.code).toBe('FLASHSALE_PRICE_INVALID');
    expect((await put({ items: [{ skuId, flashPrice: { amount: 100 }, stock: 1 }, { skuId, flashPrice: { amount: 200 }, stock: 1 }] })).data.error.code).toBe('FLASHSALE_DUPLICATE_SKU');
    const w = window(HOUR);
    expect((await put({ startsAt: w.endsAt, endsAt: w.startsAt, items: [{ skuId, flashPrice: { amount: 100 }, stock: 1 }] })).data.error.code).toBe('FLASHSALE_WINDOW_INVALID');
    expect((await put({ items: [{ skuId: randomUUID(), flashPrice: { amount: 100 }, stock: 1 }] })).statusCode).toBe(404);
    expect((await put({ items: [] })).statusCode).toBe(400);
    expect((await put({ items: [{ skuId, flashPrice: { amount: 100 }, stock: 1 }], publish: true })).statusCode).toBe(400);
    const after = await t.request({ method: 'GET', url: `/api/v1/admin/flashsale/slots/${slot.id}`, as: op });
    expect(after.data.items[0].id).toBe(slot.items[0].id);
    const missing = await t.request({ method: 'PUT', url: `/api/v1/admin/flashsale/slots/${randomUUID()}`, as: op, body: { name: 'x', ...window(HOUR), items: [{ skuId, flashPrice: { amount: 100 }, stock: 1 }] } });
    expect(missing.statusCode).toBe(404);
  });

  it('is for operators only', async () => {
    const slot = await draftSlot();
    const shopper = await t.signUp();
    const res = await t.request({ method: 'PUT', url: `/api/v1/admin/flashsale/slots/${slot.id}`, as: shopper, body: { name: 'x', ...window(HOUR), items: [{ skuId: slot.items[0].skuId, flashPrice: { amount: 100 }, stock: 1 }] } });
    expect(res.statusCode).toBe(403);
  });
});
