// Flash-sale slots carry an optional English name, and their items their product's English title,
// for the storefront's English mode; a draft slot can change or clear the English name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

const HOUR = 3_600_000;

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

async function slotBody(startsInMs: number) {
  const sku = await sellableSku(t, { price: 5990, stock: 0 });
  const start = t.clock.now().getTime() + startsInMs;
  return { name: '今日秒杀', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * HOUR).toISOString(), items: [{ skuId: sku.skuId, flashPrice: { amount: 990 }, stock: 10 }] };
}
const create = (body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/admin/flashsale/slots', as: op, body });

describe('English flash-sale names', () => {
  it('shows the English slot name and product title to shoppers', async () => {
    const body = await slotBody(-HOUR / 2);
    const made = await create({ ...body, nameEn: '  Today only  ' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.data).toMatchObject({ name: '今日秒杀', nameEn: 'Today only' });
    const productId = made.data.items[0].productId;
    expect((await t.request({ method: 'PATCH', url: `/api/v1/admin/catalog/products/${productId}`, as: op, body: { titleEn: 'Flash mug' } })).statusCode).toBe(200);

    const live = await t.request({ method: 'GET', url: '/api/v1/flashsale/slots?state=live' });
    const slot = live.data.items.find((s: any) => s.id === made.data.id);
    expect(slot).toMatchObject({ name: '今日秒杀', nameEn: 'Today only' });
    expect(slot.items[0]).toMatchObject({ titleEn: 'Flash mug' });
  });

  it('is null without one, and a draft can set and clear it', async () => {
    const body = await slotBody(HOUR);
    const made = await create({ ...body, publish: false });
    expect(made.data).toMatchObject({ nameEn: null });
    const put = (extra: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/admin/flashsale/slots/${made.data.id}`, as: op, body: { ...body, ...extra } });
    expect((await put({ nameEn: 'Noon deals' })).data).toMatchObject({ nameEn: 'Noon deals' });
    expect((await put({ nameEn: '' })).data).toMatchObject({ nameEn: null, name: '今日秒杀' });
    await put({ nameEn: 'Noon deals' });
    expect((await put({ nameEn: null })).data).toMatchObject({ nameEn: null });
    const read = await t.request({ method: 'GET', url: `/api/v1/admin/flashsale/slots/${made.data.id}`, as: op });
    expect(read.data.nameEn).toBeNull();
  });

  it('refuses an over-long or non-text English name and writes nothing', async () => {
    const body = await slotBody(HOUR);
    const count = async () => (await t.platform.db.selectFrom('flashsale_slots').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const long = await create({ ...body, nameEn: 'x'.repeat(1000) });
    expect(long.statusCode).toBe(400);
    expect(long.data.error.code).toBe('VALIDATION_FAILED');
    expect((await create({ ...body, nameEn: 7 })).statusCode).toBe(400);
    expect(Number(await count())).toBe(before);
  });
});
