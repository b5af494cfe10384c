import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const signInOn = async (user: TestUser, deviceId: string) => {
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-device-id': deviceId }, body: { login: user.email, password: 'fission2026', session: 'bearer' } });
  expect(res.statusCode).toBe(200);
  await t.settle();
};
const chancesOf = async (drawId: string, userId: string) => (await t.platform.db.selectFrom('lottery_chance_grants').select('amount').where('draw_id', '=', drawId).where('user_id', '=', userId).execute()).reduce((s, r) => s + r.amount, 0);
const grantForShare = (drawId: string, userId: string, ref: string) => t.platform.db.transaction().execute((trx) => t.services.lottery.grantChances(trx as any, { drawId, userId, amount: 2, source: 'share', ref }));

describe('risk on lucky-draw chances earned by sharing', () => {
  it('a sharer on a device farm earns no chances until an operator releases them, then exactly once', async () => {
    const iso = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
    const draw = (await t.request({ method: 'POST', url: '/api/v1/admin/lottery/draws', as: op, body: { name: '转盘', rulesText: '分享得机会', startsAt: iso(-60_000), endsAt: iso(86_400_000), dailyFreeChances: 1, shareDailyCap: 10, prizes: [{ name: '谢谢参与', kind: 'nothing', weight: 1 }] } })).data;
    expect(draw.id).toBeTruthy();
    await t.request({ method: 'POST', url: `/api/v1/admin/lottery/draws/${draw.id}/start`, as: op });
    const farm = [await t.signUp(), await t.signUp(), await t.signUp()];
    for (const u of farm) await signInOn(u, 'chance-farm-001');
    const clean = await t.signUp();
    await signInOn(clean, 'own-phone-001');

    expect((await grantForShare(draw.id, clean.id, 'share:a:v1')).granted).toBe(2);
    expect((await grantForShare(draw.id, farm[2]!.id, 'share:b:v1')).granted).toBe(0);
    const held = await t.platform.db.selectFrom('risk_decisions').selectAll().where('action_kind', '=', 'lottery.chance').where('user_id', '=', farm[2]!.id).executeTakeFirstOrThrow();
    expect(held.status).toBe('held');
    expect(held.reasons.map((r) => r.code)).toContain('DEVICE_FARM');
    // The same click delivered again is the same decision: still nothing.
    expect((await grantForShare(draw.id, farm[2]!.id, 'share:b:v1')).granted).toBe(0);

    const both = await Promise.all([0, 1].map(() => t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${held.id}/release`, as: op, body: { reason: '核实' } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await chancesOf(draw.id, farm[2]!.id)).toBe(2);
  });

  it('chances given before the farm was evident are taken back while undrawn; released, they come back once', async () => {
    const iso = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
    const draw = (await t.request({ method: 'POST', url: '/api/v1/admin/lottery/draws', as: op, body: { name: '转盘二', rulesText: '分享得机会', startsAt: iso(-60_000), endsAt: iso(86_400_000), dailyFreeChances: 1, shareDailyCap: 10, prizes: [{ name: '谢谢参与', kind: 'nothing', weight: 1 }] } })).data;
    await t.request({ method: 'POST', url: `/api/v1/admin/lottery/draws/${draw.id}/start`, as: op });
    const farm = [await t.signUp(), await t.signUp(), await t.signUp()];
    const balance = async (userId: string) => (await t.platform.db.selectFrom('lottery_chances').select('balance').where('draw_id', '=', draw.id).where('user_id', '=', userId).executeTakeFirst())?.balance ?? 0;
    for (const u of farm.slice(0, 2)) await signInOn(u, 'chance-farm-002');
    expect((await grantForShare(draw.id, farm[0]!.id, 'share:c:v1')).granted).toBe(2);
    expect((await grantForShare(draw.id, farm[1]!.id, 'share:d:v1')).granted).toBe(2);
    await signInOn(farm[2]!, 'chance-farm-002');
    expect((await grantForShare(draw.id, farm[2]!.id, 'share:e:v1')).granted).toBe(0);
    expect([await balance(farm[0]!.id), await balance(farm[1]!.id)]).toEqual([0, 0]);
    const first = await t.platform.db.selectFrom('risk_decisions').selectAll().where('action_kind', '=', 'lottery.chance').where('user_id', '=', farm[0]!.id).executeTakeFirstOrThrow();
    expect(first.status).toBe('held');
    expect(first.reasons.map((r) => r.code)).toContain('DEVICE_FARM');
    const both = await Promise.all([0, 1].map(() => t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${first.id}/release`, as: op, body: { reason: '核实' } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await balance(farm[0]!.id)).toBe(2);
  });
});
