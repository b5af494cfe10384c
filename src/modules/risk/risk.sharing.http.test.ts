import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

async function template(name: string, body: Record<string, unknown> = {}) {
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name, kind: 'fixed', discountAmount: 500, scope: 'store', validDaysAfterClaim: 7, claimable: false, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${res.data.id}/activate`, as: op });
  return res.data;
}

describe('risk on share coupon packs', () => {
  it('a "friend" on the sharer\'s own phone is refused with nothing written; a real friend claims', async () => {
    const friendTpl = await template('好友券 ¥5');
    const sharerTpl = await template('分享者券 ¥20', { discountAmount: 2000 });
    const pack = (await t.request({ method: 'POST', url: '/api/v1/admin/coupons/packs', as: op, body: { name: '分享领券', friendTemplateId: friendTpl.id, sharerTemplateId: sharerTpl.id, friendsNeeded: 2, validFrom: '2026-05-01T00:00:00.000Z', validUntil: '2026-07-01T00:00:00.000Z', status: 'active' } })).data;
    const sharer = await t.signUp();
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-device-id': 'sharer-phone-01' }, body: { login: sharer.email, password: 'fission2026', session: 'bearer' } });
    expect(login.statusCode).toBe(200);
    await t.settle();
    const share = (await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'coupon_pack', id: pack.id }, channel: 'wechat' } })).data;
    const claim = (u: TestUser, device: string) => t.request({ method: 'POST', url: `/api/v1/coupon-packs/${pack.id}/claim`, as: u, headers: { 'x-device-id': device }, body: { shareToken: share.token } });

    const puppet = await t.signUp();
    const refused = await claim(puppet, 'sharer-phone-01');
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('RISK_BLOCKED');
    expect(refused.data.error.details.reasons).toContain('SHARED_DEVICE_WITH_COUNTERPART');
    expect(await t.platform.db.selectFrom('coupons').select('id').where('user_id', '=', puppet.id).execute()).toEqual([]);
    expect(await t.platform.db.selectFrom('coupon_pack_progress').select('claimed_count').where('share_id', '=', share.id).execute()).toEqual([]);

    const friend = await t.signUp();
    const ok = await claim(friend, 'friend-phone-01');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.data.progress).toMatchObject({ claimed: 1, needed: 2 });
  });
});

describe('risk on share-click points', () => {
  it('a sharer who used a blacklisted phone earns no click points; a clean sharer earns them', async () => {
    const points = async (userId: string) => (await t.services.loyalty.getAccount(userId)).balance;
    await t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'device', value: 'click-farm-phone', note: '刷点击' } });
    const farmer = await t.signUp();
    await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-device-id': 'click-farm-phone' }, body: { login: farmer.email, password: 'fission2026', session: 'bearer' } });
    const honest = await t.signUp();
    await t.settle();
    for (const sharer of [farmer, honest]) {
      const share = (await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'invite', id: sharer.id }, channel: 'wechat' } })).data;
      expect((await t.request({ method: 'GET', url: share.url })).statusCode).toBe(302);
    }
    await t.settle();
    expect(await points(farmer.id)).toBe(0);
    expect(await points(honest.id)).toBe(5);
    const blocked = await t.platform.db.selectFrom('risk_decisions').select(['status', 'reasons']).where('action_kind', '=', 'share.click').where('user_id', '=', farmer.id).executeTakeFirstOrThrow();
    expect(blocked.status).toBe('blocked');
    expect(blocked.reasons[0]!.code).toBe('BLACKLISTED');
  });
});
