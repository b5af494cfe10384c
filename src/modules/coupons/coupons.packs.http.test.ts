// Share coupon packs (分享领券): friends claim through a sharer's link; the N-th unlocks the sharer's coupon.
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
  if (res.statusCode !== 201) throw new Error(`template: ${res.statusCode} ${res.body}`);
  await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${res.data.id}/activate`, as: op });
  return res.data;
}

async function pack(friendsNeeded = 3, friendQuota: number | null = null) {
  const friend = await template('好友券 ¥5', { totalQuota: friendQuota });
  const sharer = await template('分享者券 ¥20', { discountAmount: 2000 });
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/admin/coupons/packs',
    as: op,
    body: { name: '分享领券', friendTemplateId: friend.id, sharerTemplateId: sharer.id, friendsNeeded, validFrom: '2026-05-01T00:00:00.000Z', validUntil: '2026-07-01T00:00:00.000Z', status: 'active' },
  });
  if (res.statusCode !== 201) throw new Error(`pack: ${res.statusCode} ${res.body}`);
  return { pack: res.data, friend, sharer };
}

async function share(sharer: TestUser, packId: string) {
  const res = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'coupon_pack', id: packId }, channel: 'wechat' } });
  if (res.statusCode !== 201) throw new Error(`share: ${res.statusCode} ${res.body}`);
  return res.data as { id: string; token: string };
}

const claimPack = (user: TestUser, packId: string, shareToken: string) => t.request({ method: 'POST', url: `/api/v1/coupon-packs/${packId}/claim`, as: user, body: { shareToken } });
const userCoupons = (userId: string, templateId: string) => t.platform.db.selectFrom('coupons').selectAll().where('user_id', '=', userId).where('template_id', '=', templateId).execute();

describe('share coupon packs', () => {
  it('3 friends claim through a share; each gets a coupon and the sharer unlocks exactly once', async () => {
    const { pack: p, friend, sharer: sharerTpl } = await pack(3);
    const sharer = await t.signUp({ displayName: '分享者' });
    const s = await share(sharer, p.id);
    const friends = await Promise.all([1, 2, 3, 4].map((i) => t.signUp({ displayName: `好友${i}` })));
    const results = [];
    for (const f of friends.slice(0, 3)) results.push(await claimPack(f, p.id, s.token));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.data.progress)).toEqual([
      { claimed: 1, needed: 3, unlocked: false },
      { claimed: 2, needed: 3, unlocked: false },
      { claimed: 3, needed: 3, unlocked: true },
    ]);
    expect(results[0].data.coupon).toMatchObject({ templateId: friend.id, status: 'available', source: 'share_pack' });
    for (const f of friends.slice(0, 3)) expect(await userCoupons(f.id, friend.id)).toHaveLength(1);
    const sharerCoupons = await userCoupons(sharer.id, sharerTpl.id);
    expect(sharerCoupons).toHaveLength(1);
    expect(sharerCoupons[0]).toMatchObject({ source: 'share_pack', source_ref: `pack:${s.id}:sharer` });
    // A 4th friend finds the share already complete; nothing more is unlocked.
    const fourth = await claimPack(friends[3], p.id, s.token);
    expect([fourth.statusCode, fourth.data.error.code]).toEqual([409, 'COUPONS_PACK_FULL']);
    expect(await userCoupons(sharer.id, sharerTpl.id)).toHaveLength(1);
    const unlocked = await t.platform.db.selectFrom('outbox_events').select('payload').where('type', '=', 'coupon_pack.unlocked').where('aggregate_id', '=', s.id).execute();
    expect(unlocked).toHaveLength(1);
    const mine = await t.request({ method: 'GET', url: '/api/v1/me/coupon-packs', as: sharer });
    expect(mine.data.items).toHaveLength(1);
    expect(mine.data.items[0]).toMatchObject({ shareId: s.id, packId: p.id, claimed: 3, needed: 3, remaining: 0, unlocked: true, sharerCouponId: sharerCoupons[0].id });
    expect(mine.data.items[0].friends.map((f: any) => f.displayName)).toEqual(['好友1', '好友2', '好友3']);
  });

  it('the sharer cannot claim their own share; a friend cannot claim twice', async () => {
    const { pack: p, friend } = await pack(3);
    const sharer = await t.signUp();
    const s = await share(sharer, p.id);
    const own = await claimPack(sharer, p.id, s.token);
    expect([own.statusCode, own.data.error.code]).toEqual([422, 'COUPONS_PACK_OWN_SHARE']);
    const f = await t.signUp();
    expect((await claimPack(f, p.id, s.token)).statusCode).toBe(201);
    const again = await claimPack(f, p.id, s.token);
    expect([again.statusCode, again.data.error.code]).toEqual([409, 'COUPONS_PACK_ALREADY_CLAIMED']);
    expect(await userCoupons(f.id, friend.id)).toHaveLength(1);
    const progress = await t.platform.db.selectFrom('coupon_pack_progress').select('claimed_count').where('share_id', '=', s.id).executeTakeFirstOrThrow();
    expect(progress.claimed_count).toBe(1);
  });

  it('concurrent claims by many friends still unlock once and count exactly N', async () => {
    const { pack: p, sharer: sharerTpl } = await pack(5);
    const sharer = await t.signUp();
    const s = await share(sharer, p.id);
    const friends = await Promise.all(Array.from({ length: 12 }, () => t.signUp()));
    const results = await Promise.all(friends.map((f) => claimPack(f, p.id, s.token)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(new Set(results.filter((r) => r.statusCode !== 201).map((r) => r.data.error.code))).toEqual(new Set(['COUPONS_PACK_FULL']));
    expect(await userCoupons(sharer.id, sharerTpl.id)).toHaveLength(1);
  });

  it('a token for another pack or another target is 404 COUPONS_PACK_SHARE_NOT_FOUND and writes nothing', async () => {
    const a = await pack(2);
    const b = await pack(2);
    const sharer = await t.signUp();
    const sa = await share(sharer, a.pack.id);
    const f = await t.signUp();
    const before = await t.platform.db.selectFrom('coupons').select('id').execute();
    for (const [packId, token] of [[b.pack.id, sa.token], [a.pack.id, 'UnknownTok3n'], ['00000000-0000-4000-8000-000000000000', sa.token]]) {
      const res = await claimPack(f, packId, token);
      expect(res.statusCode, `${packId} ${token}`).toBe(404);
    }
    expect((await claimPack(f, b.pack.id, sa.token)).data.error.code).toBe('COUPONS_PACK_SHARE_NOT_FOUND');
    expect(await t.platform.db.selectFrom('coupons').select('id').execute()).toHaveLength(before.length);
    const bad = await t.request({ method: 'POST', url: `/api/v1/coupon-packs/${a.pack.id}/claim`, as: f, body: { shareToken: 'x y', extra: 1 } });
    expect([bad.statusCode, bad.data.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await t.request({ method: 'POST', url: `/api/v1/coupon-packs/${a.pack.id}/claim`, body: { shareToken: sa.token } })).statusCode).toBe(401);
  });

  it('when the friend coupon runs out the claim is refused and the share does not advance', async () => {
    const { pack: p } = await pack(3, 1);
    const sharer = await t.signUp();
    const s = await share(sharer, p.id);
    expect((await claimPack(await t.signUp(), p.id, s.token)).statusCode).toBe(201);
    const second = await claimPack(await t.signUp(), p.id, s.token);
    expect([second.statusCode, second.data.error.code]).toEqual([409, 'COUPONS_SOLD_OUT']);
    const progress = await t.platform.db.selectFrom('coupon_pack_progress').select('claimed_count').where('share_id', '=', s.id).executeTakeFirstOrThrow();
    expect(progress.claimed_count).toBe(1);
  });

  it('the public pack page shows both coupons; drafts are hidden and cannot be shared', async () => {
    const { pack: p, friend, sharer } = await pack(3);
    const page = await t.request({ method: 'GET', url: `/api/v1/coupon-packs/${p.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.data).toMatchObject({ id: p.id, friendsNeeded: 3, open: true, friendCoupon: { id: friend.id }, sharerCoupon: { id: sharer.id } });
    // A published pack never goes back to draft (its rules are locked by the campaign kernel).
    const back = await t.request({ method: 'PATCH', url: `/api/v1/admin/coupons/packs/${p.id}`, as: op, body: { status: 'draft' } });
    expect(back.statusCode).toBe(409);
    expect(back.data.error.code).toBe('CAMPAIGN_STATUS');
    const draft = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/packs', as: op, body: { name: '草稿券包', friendTemplateId: friend.id, sharerTemplateId: sharer.id, friendsNeeded: 3, validFrom: '2026-05-01T00:00:00.000Z', validUntil: '2026-07-01T00:00:00.000Z' } });
    expect(draft.data.status).toBe('draft');
    expect((await t.request({ method: 'GET', url: `/api/v1/coupon-packs/${draft.data.id}` })).statusCode).toBe(404);
    const res = await t.request({ method: 'POST', url: '/api/v1/shares', as: await t.signUp(), body: { target: { type: 'coupon_pack', id: draft.data.id }, channel: 'wechat' } });
    expect(res.statusCode).toBe(404);
  });

  it('operator pack routes validate input', async () => {
    const { friend, sharer } = await pack(1);
    const base = { name: 'x', friendTemplateId: friend.id, sharerTemplateId: sharer.id, friendsNeeded: 3, validFrom: '2026-05-01T00:00:00.000Z', validUntil: '2026-07-01T00:00:00.000Z' };
    for (const body of [{ ...base, friendsNeeded: 0 }, { ...base, friendsNeeded: 51 }, { ...base, friendTemplateId: 'nope' }, { ...base, extra: true }]) {
      expect((await t.request({ method: 'POST', url: '/api/v1/admin/coupons/packs', as: op, body })).statusCode).toBe(400);
    }
    const backwards = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/packs', as: op, body: { ...base, validUntil: '2026-04-01T00:00:00.000Z' } });
    expect(backwards.data.error.code).toBe('COUPONS_PACK_INVALID');
    const unknown = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/packs', as: op, body: { ...base, friendTemplateId: '00000000-0000-4000-8000-000000000000' } });
    expect([unknown.statusCode, unknown.data.error.code]).toEqual([404, 'COUPONS_TEMPLATE_NOT_FOUND']);
  });
});
