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

const NIL = '00000000-0000-4000-8000-000000000000';

const subscribe = (user: TestUser, skuId: string) => t.request({ method: 'POST', url: '/api/v1/restock-alerts', as: user, body: { skuId } });
const mine = async (user: TestUser, productId?: string) =>
  (await t.request({ method: 'GET', url: `/api/v1/me/restock-alerts${productId ? `?productId=${productId}` : ''}`, as: user })).data.items;
const adjust = async (skuId: string, delta: number) => {
  const res = await t.request({ method: 'POST', url: `/api/v1/admin/inventory/${skuId}/adjustments`, as: op, body: { delta, reason: 'delivery' } });
  if (res.statusCode !== 201) throw new Error(`adjust: ${res.statusCode} ${res.body}`);
};
const messagesTo = (userId: string) =>
  t.platform.db.selectFrom('message_outbox').selectAll().where('to_user_id', '=', userId).where('template', '=', 'restock.available').execute();
const alertCount = async () => Number((await t.platform.db.selectFrom('restock_alerts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('back-in-stock alerts (到货提醒)', () => {
  it('waits on a sold-out SKU, then marks it notified and messages the shopper when an operator restocks', async () => {
    const { skuId, productId } = await sellableSku(t, { stock: 0, title: '断货的杯子' });
    const shopper = await t.signUp();
    const made = await subscribe(shopper, skuId);
    expect(made.statusCode).toBe(201);
    expect(made.data).toMatchObject({ skuId, productId, productTitle: '断货的杯子', status: 'waiting', available: 0, notifiedAt: null });

    // Asking twice is the same ask.
    expect((await subscribe(shopper, skuId)).statusCode).toBe(201);
    expect(await mine(shopper, productId)).toHaveLength(1);

    await adjust(skuId, 5);
    await t.settle();

    const [alert] = await mine(shopper, productId);
    expect(alert).toMatchObject({ status: 'notified', available: 5 });
    expect(alert.notifiedAt).not.toBeNull();
    expect(alert.messagedAt).not.toBeNull();
    const sent = await messagesTo(shopper.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'email', to_email: shopper.email });
    expect(sent[0].data).toMatchObject({ skuId, productId, productTitle: '断货的杯子' });

    // A later delivery does not tell the same shopper again.
    await adjust(skuId, 3);
    await t.settle();
    expect(await messagesTo(shopper.id)).toHaveLength(1);
  });

  it('tells every waiting shopper once, and not one who stopped waiting', async () => {
    const { skuId } = await sellableSku(t, { stock: 0 });
    const [a, b, c] = [await t.signUp(), await t.signUp(), await t.signUp()];
    for (const u of [a, b, c]) expect((await subscribe(u, skuId)).statusCode).toBe(201);
    const stopped = await t.request({ method: 'DELETE', url: `/api/v1/restock-alerts/${skuId}`, as: c });
    expect(stopped.statusCode).toBe(204);
    expect(await mine(c)).toEqual([]);

    await adjust(skuId, 2);
    await adjust(skuId, 1);
    // Two stock events in a row claim each alert only once.
    await t.settle();
    expect(await messagesTo(a.id)).toHaveLength(1);
    expect(await messagesTo(b.id)).toHaveLength(1);
    expect(await messagesTo(c.id)).toHaveLength(0);
  });

  it('asks about a SKU whose units are all held by an open order, and hears at the next delivery even if the hold was let go first', async () => {
    const { skuId } = await sellableSku(t, { stock: 1 });
    await t.platform.db.transaction().execute((trx) => t.services.inventory.reserve(trx, 'restock-hold', [{ skuId, quantity: 1 }]));
    const shopper = await t.signUp();
    expect((await subscribe(shopper, skuId)).data).toMatchObject({ status: 'waiting', available: 0 });
    // An unpaid order lets its unit go: no stock event, nobody is told yet.
    await t.platform.db.transaction().execute((trx) => t.services.inventory.release(trx, 'restock-hold'));
    await t.settle();
    expect(await messagesTo(shopper.id)).toHaveLength(0);
    await adjust(skuId, 2);
    await t.settle();
    expect((await mine(shopper))[0]).toMatchObject({ status: 'notified', available: 3 });
    expect(await messagesTo(shopper.id)).toHaveLength(1);
    // Asking again after being told re-opens the same alert.
    const { skuId: soldOut } = await sellableSku(t, { stock: 0 });
    await subscribe(shopper, soldOut);
    await adjust(soldOut, 1);
    await t.settle();
    await t.request({ method: 'PUT', url: `/api/v1/admin/inventory/${soldOut}`, as: op, body: { onHand: 0 } });
    await t.settle();
    const reopened = await subscribe(shopper, soldOut);
    expect(reopened.data).toMatchObject({ status: 'waiting', notifiedAt: null, messagedAt: null });
    await adjust(soldOut, 1);
    await t.settle();
    expect((await messagesTo(shopper.id)).filter((m) => m.data.skuId === soldOut)).toHaveLength(2);
  });

  it('refuses an in-stock SKU, an unknown SKU, a bad body and a guest, writing nothing', async () => {
    const { skuId } = await sellableSku(t, { stock: 4 });
    const shopper = await t.signUp();
    const before = await alertCount();
    const inStock = await subscribe(shopper, skuId);
    expect(inStock.statusCode).toBe(409);
    expect(inStock.data.error.code).toBe('RESTOCK_IN_STOCK');
    const unknown = await subscribe(shopper, NIL);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.data.error.code).toBe('RESTOCK_SKU_NOT_FOUND');
    expect((await t.request({ method: 'POST', url: '/api/v1/restock-alerts', as: shopper, body: { skuId: 'nope' } })).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/v1/restock-alerts', as: shopper, body: { skuId, extra: 1 } })).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/v1/restock-alerts', body: { skuId } })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/v1/me/restock-alerts' })).statusCode).toBe(401);
    const notWaiting = await t.request({ method: 'DELETE', url: `/api/v1/restock-alerts/${skuId}`, as: shopper });
    expect(notWaiting.statusCode).toBe(404);
    expect(notWaiting.data.error.code).toBe('RESTOCK_ALERT_NOT_FOUND');
    expect(await alertCount()).toBe(before);
  });
});
