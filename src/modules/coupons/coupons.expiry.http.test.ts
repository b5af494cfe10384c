// Coupon expiry by date: every status filter and count (operator and shopper) agrees with the
// coupon's end instant, before and after the daily sweep writes `expired` into the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { chinaDate } from '../../platform/clock.ts';
import { EXPIRE_COUPONS_JOB, sweepRunAt } from './coupons.expiry.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const DAY = 86_400_000;

async function activeTemplate(body: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '¥10 off', kind: 'fixed', discountAmount: 1000, scope: 'store', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${res.data.id}/activate`, as: op })).statusCode).toBe(200);
  return res.data.id as string;
}

async function claim(user: TestUser, templateId: string) {
  const res = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${templateId}/claim`, as: user });
  expect(res.statusCode, res.body).toBe(201);
  return res.data as { id: string; validUntil: string };
}

/** The operator's list of a template's coupons under one status filter: ids (sorted) and the statuses shown. */
async function adminList(templateId: string, status: string) {
  const res = await t.request({ method: 'GET', url: `/api/v1/admin/coupons/templates/${templateId}/coupons?status=${status}`, as: op });
  expect(res.statusCode, res.body).toBe(200);
  return { ids: res.data.items.map((x: any) => x.id).sort(), shown: [...new Set(res.data.items.map((x: any) => x.status))] };
}

async function stats(templateId: string) {
  const res = await t.request({ method: 'GET', url: `/api/v1/admin/coupons/templates/${templateId}`, as: op });
  const { available, locked, used, expired } = res.data.stats;
  return { available, locked, used, expired };
}

const mine = async (user: TestUser, status: string) =>
  (await t.request({ method: 'GET', url: `/api/v1/me/coupons?status=${status}`, as: user })).data.items.map((x: any) => [x.id, x.status]);

const storedStatus = async (id: string) => (await t.platform.db.selectFrom('coupons').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('coupon status by date', () => {
  it('operator filters, stats and shopper lists count a coupon as available until its end and expired from that instant; the sweep only writes it down', async () => {
    const templateId = await activeTemplate({ validDaysAfterClaim: 2 });
    const { skuId } = await sellableSku(t, { price: 3000 });
    const a = await shopperWithAddress(t);
    const b = await shopperWithAddress(t);
    const c = await shopperWithAddress(t);
    const d = await t.signUp();
    const [ca, cb, cc, cd] = [await claim(a.user, templateId), await claim(b.user, templateId), await claim(c.user, templateId), await claim(d, templateId)];
    // b pays with its coupon (used); c places an order with it and leaves it unpaid (locked).
    const paid = await t.request({ method: 'POST', url: '/api/v1/orders', as: b.user, body: { items: [{ skuId, quantity: 1 }], addressId: b.addressId, couponIds: [cb.id] } });
    expect(paid.statusCode, paid.body).toBe(201);
    await payOrder(t, b.user, paid.data.id);
    const unpaid = await t.request({ method: 'POST', url: '/api/v1/orders', as: c.user, body: { items: [{ skuId, quantity: 1 }], addressId: c.addressId, couponIds: [cc.id] } });
    expect(unpaid.statusCode, unpaid.body).toBe(201);

    const end = new Date(ca.validUntil);
    expect(cd.validUntil).toBe(ca.validUntil);

    // One millisecond before the end: still available everywhere.
    t.clock.set(new Date(end.getTime() - 1));
    expect(await adminList(templateId, 'available')).toEqual({ ids: [ca.id, cd.id].sort(), shown: ['available'] });
    expect((await adminList(templateId, 'expired')).ids).toEqual([]);
    expect((await adminList(templateId, 'locked')).ids).toEqual([cc.id]);
    expect((await adminList(templateId, 'used')).ids).toEqual([cb.id]);
    expect(await stats(templateId)).toEqual({ available: 2, locked: 1, used: 1, expired: 0 });
    expect(await mine(a.user, 'available')).toEqual([[ca.id, 'available']]);
    expect(await mine(a.user, 'expired')).toEqual([]);

    // At the end instant: the unused ones are expired in every filter and count; locked and used stay.
    t.clock.set(end);
    expect((await adminList(templateId, 'available')).ids).toEqual([]);
    expect(await adminList(templateId, 'expired')).toEqual({ ids: [ca.id, cd.id].sort(), shown: ['expired'] });
    expect((await adminList(templateId, 'locked')).ids).toEqual([cc.id]);
    expect((await adminList(templateId, 'used')).ids).toEqual([cb.id]);
    expect(await stats(templateId)).toEqual({ available: 0, locked: 1, used: 1, expired: 2 });
    expect(await mine(a.user, 'available')).toEqual([]);
    expect(await mine(a.user, 'expired')).toEqual([[ca.id, 'expired']]);
    expect(await storedStatus(ca.id)).toBe('available');

    // The claims scheduled one sweep for the day after the end; running it writes the rows and changes no answer.
    const sweeps = await t.platform.db.selectFrom('jobs').select(['run_at', 'dedupe_key']).where('kind', '=', EXPIRE_COUPONS_JOB).execute();
    expect(sweeps.filter((j) => j.dedupe_key === `coupons-expire:${chinaDate(sweepRunAt(end))}`)).toHaveLength(1);
    expect(sweepRunAt(end) > end).toBe(true);
    expect(await t.services.coupons.expireCoupons()).toEqual({ expired: 2 });
    expect([await storedStatus(ca.id), await storedStatus(cd.id), await storedStatus(cb.id), await storedStatus(cc.id)]).toEqual(['expired', 'expired', 'used', 'locked']);
    expect(await stats(templateId)).toEqual({ available: 0, locked: 1, used: 1, expired: 2 });
    expect(await adminList(templateId, 'expired')).toEqual({ ids: [ca.id, cd.id].sort(), shown: ['expired'] });
    expect(await t.services.coupons.expireCoupons()).toEqual({ expired: 0 });
  });

  it('a coupon handed back by a cancelled order after its end counts as expired at once and is swept later', async () => {
    const templateId = await activeTemplate({ validDaysAfterClaim: 1 });
    const { skuId } = await sellableSku(t, { price: 3000 });
    const { user, addressId } = await shopperWithAddress(t);
    const coupon = await claim(user, templateId);
    const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, couponIds: [coupon.id] } });
    expect(order.statusCode, order.body).toBe(201);
    t.clock.advance(DAY + 60_000);
    const cancelled = await t.request({ method: 'POST', url: `/api/v1/orders/${order.data.id}/cancel`, as: user });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await t.settle();
    expect(await storedStatus(coupon.id)).toBe('available');
    expect(await mine(user, 'available')).toEqual([]);
    expect(await mine(user, 'expired')).toEqual([[coupon.id, 'expired']]);
    expect((await adminList(templateId, 'expired')).ids).toEqual([coupon.id]);
    expect(await stats(templateId)).toMatchObject({ available: 0, expired: 1 });
    // Its own day's sweep may already be behind it, so the release scheduled one after today.
    const key = `coupons-expire:${chinaDate(sweepRunAt(t.clock.now()))}`;
    expect(await t.platform.db.selectFrom('jobs').select('id').where('kind', '=', EXPIRE_COUPONS_JOB).where('dedupe_key', '=', key).execute()).toHaveLength(1);
    await t.services.coupons.expireCoupons();
    expect(await storedStatus(coupon.id)).toBe('expired');
  });
});
