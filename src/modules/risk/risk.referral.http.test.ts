import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const points = async (userId: string) => (await t.services.loyalty.getAccount(userId)).balance;

async function campaign() {
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: '邀请有礼', qualifyOn: 'signup', holdHours: 24, inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'points', points: 100 }, milestones: [] } });
  expect(created.statusCode).toBe(201);
  await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${created.data.id}/start`, as: op });
  return created.data;
}

async function invitee(code: string, deviceId: string) {
  const email = `invitee-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { 'x-device-id': deviceId }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: '新朋友', inviteCode: code, session: 'bearer' } });
  expect(res.statusCode).toBe(201);
  await t.settle();
  return { id: res.data.user.id as string };
}

const rewardsOf = (campaignId: string) => t.platform.db.selectFrom('referral_rewards').selectAll().where('campaign_id', '=', campaignId).orderBy('created_at').execute();
const decisionsOf = (campaignId: string) => t.platform.db.selectFrom('risk_decisions').selectAll().where('campaign_id', '=', campaignId).where('action_kind', '=', 'referral.reward').execute();

describe('risk on referral rewards', () => {
  it('a device farm found on its third account holds the first two accounts\' unpaid rewards and the inviter\'s; a release pays once', async () => {
    const c = await campaign();
    const inviter = await t.signUp();
    const code = (await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter })).data.code;
    const farm: { id: string }[] = [];
    for (let i = 0; i < 2; i++) farm.push(await invitee(code, 'farm-device-0001'));
    // Two accounts on one device: allowed, but paid only after the campaign's 24-hour review window.
    expect((await rewardsOf(c.id)).map((r) => r.status)).toEqual(['held', 'held', 'held', 'held']);
    expect((await decisionsOf(c.id)).map((d) => d.status)).toEqual(['pending', 'pending', 'pending', 'pending']);

    farm.push(await invitee(code, 'farm-device-0001'));
    const decisions = await decisionsOf(c.id);
    expect(decisions).toHaveLength(6);
    expect(decisions.every((d) => d.status === 'held')).toBe(true);
    const third = decisions.find((d) => d.user_id === farm[2]!.id)!;
    expect(third.reasons.map((r) => r.code)).toContain('DEVICE_FARM');
    expect(third.explanation_zh).toContain('同一设备登录了 3 个账号');
    const inviterOnThird = decisions.find((d) => d.user_id === inviter.id && d.counterpart_id === farm[2]!.id)!;
    expect(inviterOnThird.reasons.map((r) => r.code)).toContain('COUNTERPART_ON_DEVICE_FARM');
    expect(inviterOnThird.money_amount).toBeGreaterThan(0);

    // The review window passes: the timer does not pay what risk holds.
    t.clock.advance(25 * 3_600_000);
    await t.settle();
    expect(await points(inviter.id)).toBe(0);
    expect(await points(farm[0]!.id)).toBe(0);

    // The queue shows them with their cluster.
    const queue = await t.request({ method: 'GET', url: `/api/v1/admin/risk/cases?status=held&campaignId=${c.id}`, as: op });
    expect(queue.statusCode).toBe(200);
    expect(queue.data.items).toHaveLength(6);
    const detail = await t.request({ method: 'GET', url: `/api/v1/admin/risk/cases/${third.id}`, as: op });
    expect(detail.statusCode).toBe(200);
    expect(detail.data.cluster.nodes.map((n: any) => n.id)).toEqual(expect.arrayContaining(farm.map((f) => f.id)));
    expect(detail.data.cluster.edges.some((e: any) => e.kinds.includes('device'))).toBe(true);

    // Two operators release the inviter's first reward at once: it is paid once.
    const first = decisions.find((d) => d.user_id === inviter.id && d.counterpart_id === farm[0]!.id)!;
    const both = await Promise.all([0, 1].map(() => t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${first.id}/release`, as: op, body: { reason: '核实为真实邀请' } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.data.error.code).toBe('RISK_NOT_HELD');
    expect(await points(inviter.id)).toBe(200);
    const again = await t.request({ method: 'POST', url: '/api/v1/admin/risk/cases/review', as: op, body: { ids: [first.id], action: 'release', reason: 'again' } });
    expect(again.data).toEqual({ done: [], skipped: [{ id: first.id, status: 'released' }] });
    expect(await points(inviter.id)).toBe(200);

    // The rest are cancelled in bulk, with a reason, audited; nothing is paid and the budget comes back.
    const rest = decisions.filter((d) => d.id !== first.id).map((d) => d.id);
    const cancelled = await t.request({ method: 'POST', url: '/api/v1/admin/risk/cases/review', as: op, body: { ids: rest, action: 'cancel', reason: '设备农场' } });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.data.done.sort()).toEqual([...rest].sort());
    expect(await points(inviter.id)).toBe(200);
    for (const f of farm) expect(await points(f.id)).toBe(0);
    expect((await rewardsOf(c.id)).filter((r) => r.status === 'reversed')).toHaveLength(5);
    const audits = await t.platform.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'risk_decision').execute();
    expect(audits.filter((a) => a.action === 'risk.case_cancelled')).toHaveLength(5);
    expect(audits.filter((a) => a.action === 'risk.case_released')).toHaveLength(1);

    const summary = await t.request({ method: 'GET', url: '/api/v1/admin/risk/summary', as: op });
    const row = summary.data.items.find((s: any) => s.campaignId === c.id);
    expect(row).toMatchObject({ actionKind: 'referral.reward', held: 0, released: 1, cancelled: 5 });
  });

  it('a blacklisted device blocks the reward: nothing recorded, nothing paid', async () => {
    const c = await campaign();
    const added = await t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'device', value: 'banned-device-01', note: '已确认的农场设备' } });
    expect(added.statusCode).toBe(201);
    const inviter = await t.signUp();
    const code = (await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter })).data.code;
    const bad = await invitee(code, 'banned-device-01');
    const rewards = await rewardsOf(c.id);
    expect(rewards.find((r) => r.beneficiary_id === bad.id)).toBeUndefined();
    const blocked = (await decisionsOf(c.id)).find((d) => d.user_id === bad.id)!;
    expect(blocked.status).toBe('blocked');
    expect(blocked.reasons[0]!.code).toBe('BLACKLISTED');
    t.clock.advance(25 * 3_600_000);
    await t.settle();
    expect(await points(bad.id)).toBe(0);
  });

  it('bad admin input gets a coded 4xx and writes nothing', async () => {
    const before = await t.platform.db.selectFrom('risk_blacklist').select('id').execute();
    const badIp = await t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'ip', value: '10.0.0.300/8', note: 'x' } });
    expect(badIp.statusCode).toBe(400);
    expect(badIp.data.error.code).toBe('RISK_BLACKLIST_INVALID');
    const badKind = await t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'email', value: 'a@b.c', note: 'x' } });
    expect(badKind.data.error.code).toBe('VALIDATION_FAILED');
    const extra = await t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'ip', value: '10.0.0.0/8', note: 'x', extra: 1 } });
    expect(extra.statusCode).toBe(400);
    expect(await t.platform.db.selectFrom('risk_blacklist').select('id').execute()).toHaveLength(before.length);
    const range = await t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'ip', value: '203.0.113.0/24', note: '机房段' } });
    expect(range.data.value).toBe('203.0.113.0/24');
    const dup = await t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'ip', value: '203.0.113.0/24', note: 'again' } });
    expect(dup.data.error.code).toBe('RISK_BLACKLIST_DUPLICATE');
    expect((await t.request({ method: 'DELETE', url: `/api/v1/admin/risk/blacklist/${range.data.id}`, as: op })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/admin/risk/blacklist/${range.data.id}`, as: op })).data.error.code).toBe('RISK_BLACKLIST_NOT_FOUND');
    const emptyReview = await t.request({ method: 'POST', url: '/api/v1/admin/risk/cases/review', as: op, body: { ids: [], action: 'release', reason: 'x' } });
    expect(emptyReview.data.error.code).toBe('VALIDATION_FAILED');
    const missing = await t.request({ method: 'POST', url: '/api/v1/admin/risk/cases/00000000-0000-4000-8000-000000000000/release', as: op, body: { reason: 'x' } });
    expect(missing.data.error.code).toBe('RISK_DECISION_NOT_FOUND');
    const badLevel = await t.request({ method: 'PUT', url: '/api/v1/admin/risk/levels', as: op, body: { scope: 'mechanic', key: 'coupon', level: 'paranoid' } });
    expect(badLevel.statusCode).toBe(400);
    const shopper = await t.signUp();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/risk/cases', as: shopper })).statusCode).toBe(403);
  });
});
