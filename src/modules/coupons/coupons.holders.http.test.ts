// The operator's list of a coupon's holders names each by display name and masked phone, never
// by a bare account id, so an operator can tell who holds it and open that customer's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

describe('coupon holders', () => {
  it('lists each holder with name and masked phone (email-only accounts have none)', async () => {
    const code = await t.registrationCode({ phone: '139 0013 9000' });
    const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { phone: '13900139000', code, password: 'fission2026', displayName: '林小满', session: 'bearer' } });
    expect(reg.statusCode, reg.body).toBe(201);
    const byEmail = await t.signUp({ displayName: 'Mia' });
    const tpl = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '立减5元', kind: 'fixed', discountAmount: 500, scope: 'store', validDaysAfterClaim: 7, claimable: false } });
    expect(tpl.statusCode, tpl.body).toBe(201);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tpl.data.id}/activate`, as: op })).statusCode).toBe(200);
    const issued = await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tpl.data.id}/issue`, as: op, body: { userIds: [reg.data.user.id, byEmail.id] } });
    expect(issued.data.issued).toBe(2);

    const list = await t.request({ method: 'GET', url: `/api/v1/admin/coupons/templates/${tpl.data.id}/coupons`, as: op });
    expect(list.statusCode, list.body).toBe(200);
    const holders = Object.fromEntries(list.data.items.map((c: { holder: { id: string } }) => [c.holder.id, c.holder]));
    expect(holders[reg.data.user.id]).toEqual({ id: reg.data.user.id, displayName: '林小满', phone: '139****9000' });
    expect(holders[byEmail.id]).toEqual({ id: byEmail.id, displayName: 'Mia', phone: null });
    expect(list.body).not.toContain('13900139000');
  });
});
