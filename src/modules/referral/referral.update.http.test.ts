// Editing a draft referral campaign over HTTP: PUT replaces the rules with the same checks as
// creating one; a started (or stopped) campaign refuses with CAMPAIGN_RULES_LOCKED.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

describe('referral: editing a draft campaign over HTTP', () => {
  let t: TestContext;
  let op: TestUser;
  beforeAll(async () => {
    t = await createTestContext();
    op = await t.operator();
  });
  afterAll(() => t?.close());

  const base = { name: '邀请有礼 草稿', inviterReward: { kind: 'points', points: 100 }, inviteeReward: { kind: 'points', points: 50 } };
  async function draft() {
    const res = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: base });
    expect(res.statusCode, res.body).toBe(201);
    return res.data as { id: string };
  }
  const put = (id: string, body: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/admin/referral/campaigns/${id}`, as: op, body });

  it('replaces a draft\'s rules and audits it', async () => {
    const c = await draft();
    const res = await put(c.id, { name: '邀请 3 人得 500 积分', description: '改过', qualifyOn: 'signup', inviterReward: { kind: 'points', points: 200 }, inviteeReward: null, milestones: [{ count: 3, reward: { kind: 'points', points: 500 } }], holdHours: 0, inviterDailyCap: 5 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ name: '邀请 3 人得 500 积分', description: '改过', qualifyOn: 'signup', inviterReward: { kind: 'points', points: 200 }, inviteeReward: null, milestones: [{ count: 3, reward: { kind: 'points', points: 500 } }], holdHours: 0, inviterDailyCap: 5, status: 'draft' });
    const audits = await t.platform.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', c.id).execute();
    expect(audits.map((a) => a.action)).toContain('referral.campaign_updated');
  });

  it('applies the create checks and changes nothing on bad input', async () => {
    const c = await draft();
    expect((await put(c.id, { ...base, milestones: [{ count: 3, reward: { kind: 'points', points: 1 } }, { count: 3, reward: { kind: 'points', points: 2 } }] })).data.error.code).toBe('REFERRAL_MILESTONES_INVALID');
    const now = t.clock.now().getTime();
    expect((await put(c.id, { ...base, startsAt: new Date(now + 3_600_000).toISOString(), endsAt: new Date(now).toISOString() })).data.error.code).toBe('REFERRAL_WINDOW_INVALID');
    expect((await put(c.id, { ...base, inviterReward: { kind: 'points', points: 0 } })).statusCode).toBe(400);
    expect((await put(c.id, { ...base, name: '' })).statusCode).toBe(400);
    const after = await t.request({ method: 'GET', url: `/api/v1/admin/referral/campaigns/${c.id}`, as: op });
    expect(after.data.campaign).toMatchObject({ name: '邀请有礼 草稿', inviteeReward: { kind: 'points', points: 50 } });
    expect((await put(randomUUID(), base)).statusCode).toBe(404);
  });

  it('refuses once started or stopped (CAMPAIGN_RULES_LOCKED)', async () => {
    const c = await draft();
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${c.id}/start`, as: op })).statusCode).toBe(200);
    const res = await put(c.id, { ...base, name: '不该改' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${c.id}/stop`, as: op });
    expect((await put(c.id, { ...base, name: '不该改' })).data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    const after = await t.request({ method: 'GET', url: `/api/v1/admin/referral/campaigns/${c.id}`, as: op });
    expect(after.data.campaign.name).toBe('邀请有礼 草稿');
  });

  it('is for operators only', async () => {
    const c = await draft();
    const shopper = await t.signUp();
    expect((await t.request({ method: 'PUT', url: `/api/v1/admin/referral/campaigns/${c.id}`, as: shopper, body: base })).statusCode).toBe(403);
  });
});
