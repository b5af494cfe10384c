import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let skuId: string;
let productId: string;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  ({ skuId, productId } = await sellableSku(t, { price: 5_000, title: '保温杯 奖品' }));
});
afterAll(() => t?.close());

const iso = (msFromNow: number) => new Date(t.clock.now().getTime() + msFromNow).toISOString();

/** Every draw wins the cup (the "nothing" slot has no weight), so the cost is known. */
async function liveDraw() {
  const prizes = [
    { name: '保温杯', kind: 'product', skuId, weight: 1, stock: 10, valueAmount: 5_000 },
    { name: '谢谢参与', kind: 'nothing', weight: 0 },
  ];
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/lottery/draws', as: op, body: { name: '名单抽奖', rulesText: '每人每天 1 次', startsAt: iso(-60_000), endsAt: iso(86_400_000), dailyFreeChances: 1, prizes } });
  expect(res.statusCode, res.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/lottery/draws/${res.data.id}/start`, as: op })).statusCode).toBe(200);
  return res.data.id as string;
}

async function phoneShopper(displayName: string, phone: string): Promise<TestUser> {
  const code = await t.registrationCode({ phone });
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { phone, code, password: 'fission2026', displayName, session: 'bearer' } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.data.user.id, email: '', token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
}

const drawOnce = async (user: TestUser, id: string) => {
  const res = await t.request({ method: 'POST', url: `/api/v1/lottery/draws/${id}/draw`, as: user });
  expect(res.statusCode, res.body).toBeLessThan(300);
};

describe('the console shows a draw\'s results by name with the prize cost', () => {
  it('names who drew with masked phones, the product prize by title, and prices the prizes won', async () => {
    const drawId = await liveDraw();
    const fay = await phoneShopper('Fay', '13800138777');
    await drawOnce(fay, drawId);
    t.clock.advance(1_000);
    const gus = await phoneShopper('Gus', '13900139888');
    await drawOnce(gus, drawId);

    const entries = await t.request({ method: 'GET', url: `/api/v1/admin/lottery/draws/${drawId}/entries`, as: op });
    expect(entries.statusCode, entries.body).toBe(200);
    expect(entries.data).toMatchObject({ total: 2, page: 1 });
    expect(entries.data.items.map((e: { person: { name: string; phone: string } }) => [e.person.name, e.person.phone])).toEqual([['Gus', '139****9888'], ['Fay', '138****8777']]);
    expect(entries.data.items[0]).toMatchObject({ status: 'to_fulfil', prize: { kind: 'product', name: '保温杯', value: { amount: 5_000 }, product: { productId, skuId, title: '保温杯 奖品' } } });
    expect(JSON.stringify(entries.data)).not.toContain('13900139888');

    const cost = await t.request({ method: 'GET', url: `/api/v1/admin/lottery/draws/${drawId}/prize-cost`, as: op });
    expect(cost.statusCode, cost.body).toBe(200);
    expect(cost.data).toMatchObject({ draws: 2, drawers: 2, winners: 2, prizeCost: { amount: 10_000, currency: 'CNY' } });
    const cup = cost.data.prizes.find((p: { kind: string }) => p.kind === 'product');
    expect(cup).toMatchObject({ wins: 2, cost: { amount: 10_000 }, stockLeft: 8, product: { productId, title: '保温杯 奖品' } });
    expect(cost.data.prizes.find((p: { kind: string }) => p.kind === 'nothing')).toMatchObject({ wins: 0, cost: { amount: 0 }, product: null });

    const waiting = await t.request({ method: 'GET', url: `/api/v1/admin/lottery/draws/${drawId}/entries?status=nothing`, as: op });
    expect(waiting.data).toMatchObject({ total: 0, items: [] });
  });

  it('refuses shoppers, bad paging and unknown draws with coded errors', async () => {
    const drawId = await liveDraw();
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/lottery/draws/${drawId}/entries`, as: await t.signUp() })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/lottery/draws/${drawId}/entries?pageSize=0`, as: op })).statusCode).toBe(400);
    const missing = await t.request({ method: 'GET', url: '/api/v1/admin/lottery/draws/00000000-0000-4000-8000-000000000000/prize-cost', as: op });
    expect(missing.statusCode).toBe(404);
    expect(missing.data.error.code).toBe('LOTTERY_DRAW_NOT_FOUND');
  });
});
