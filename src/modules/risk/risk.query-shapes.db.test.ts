// Risk's hot statements are compiled once per shape and then run with each call's values
// (risk.query-shapes.ts): a later call of the same shape must see its own values and what changed
// in the tables since, never the first call's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insertable } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './risk.repo.ts';
import { QueryShapes, slot } from './risk.query-shapes.ts';
import { riskTables, type RiskDecisionsTable, type RiskSignalsTable } from './risk.table.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const db = () => riskTables.of(t.platform.db);
const at = () => t.clock.now();
const since = () => new Date(at().getTime() - 86_400_000);
const PREFIX = '58.1.2.0/24';

async function seen(userId: string, o: { device?: string; campaignId?: string | null; prefix?: string }) {
  await repo.insertSignal(db(), signal(userId, o));
}
function signal(userId: string, o: { device?: string; campaignId?: string | null; prefix?: string }): Insertable<RiskSignalsTable> {
  return {
    id: newId(), user_id: userId, action_kind: 'coupon.claim', campaign_id: o.campaignId ?? null, device_id: o.device ?? null, ip: o.prefix ? '58.1.2.9' : null, ip_prefix: o.prefix ?? null, user_agent: null,
    phone_prefix: null, address_hash: null, card_fingerprint: null, email_domain: null, disposable_email: false, account_age_seconds: null, first_order: null, at: at(),
  };
}
function decision(userId: string, subjectRef: string | null, score: number): Insertable<RiskDecisionsTable> {
  return {
    id: newId(), action_kind: 'coupon.claim', subject_ref: subjectRef, user_id: userId, campaign_id: null, counterpart_id: null, verdict: 'allow', level: 'moderate', score,
    reasons: JSON.stringify(score ? [{ code: 'NEW_ACCOUNT', weight: score, detail: { ageSeconds: 5 } }] : []), explanation_en: `score ${score}`, explanation_zh: `分 ${score}`, signals: JSON.stringify({}), payload: JSON.stringify({ templateId: 't' }),
    status: 'allowed', money_amount: 100 + score, currency: 'CNY', reviewer_id: null, review_reason: null, reviewed_at: null, created_at: at(),
  };
}
const evidence = (shapes: QueryShapes, q: Partial<Parameters<typeof repo.findEvidence>[2]> & { userId: string }) =>
  repo.findEvidence(db(), shapes, { devices: [], since: since(), subject: null, network: null, blacklist: null, cardOnFile: true, ...q });
const accounts = (rows: { user_id: string }[]) => [...new Set(rows.map((r) => r.user_id))].sort();

describe('risk statements compiled once per shape', () => {
  it('a second call of the same evidence shape answers with its own account, devices and campaign, and sees signals added since', async () => {
    const shapes = new QueryShapes();
    const [a, b, c, d] = [newId(), newId(), newId(), newId()];
    const [x, y] = [newId(), newId()];
    await seen(a, { device: 'qs-phone-1', campaignId: x, prefix: PREFIX });
    await seen(b, { device: 'qs-phone-1', campaignId: x, prefix: PREFIX });
    await seen(c, { device: 'qs-phone-2', prefix: PREFIX });
    await seen(d, { prefix: PREFIX });

    const first = await evidence(shapes, { userId: a, devices: ['qs-phone-1'], network: { prefix: PREFIX, kind: 'coupon.claim', campaignId: x, since: since() } });
    expect(accounts(first.onDevices)).toEqual([a, b].sort());
    expect(first.networkAccounts).toBe(2);
    // Same shape (one device, a campaign), other values.
    const second = await evidence(shapes, { userId: c, devices: ['qs-phone-2'], network: { prefix: PREFIX, kind: 'coupon.claim', campaignId: y, since: since() } });
    expect(accounts(second.onDevices)).toEqual([c]);
    expect(second.networkAccounts).toBe(0);
    // The store-wide network (`campaign_id is null`) is a shape of its own.
    const storeWide = await evidence(shapes, { userId: c, devices: ['qs-phone-2'], network: { prefix: PREFIX, kind: 'coupon.claim', campaignId: null, since: since() } });
    expect(storeWide.networkAccounts).toBe(2);
    // A signal recorded since is seen by the next call of the first shape.
    await seen(c, { device: 'qs-phone-1', campaignId: x, prefix: PREFIX });
    const again = await evidence(shapes, { userId: a, devices: ['qs-phone-1'], network: { prefix: PREFIX, kind: 'coupon.claim', campaignId: x, since: since() } });
    expect(accounts(again.onDevices)).toEqual([a, b, c].sort());
    expect(again.networkAccounts).toBe(3);
  });

  it('the blacklist matched in SQL and the earlier decision on a subject are each call\'s own', async () => {
    const shapes = new QueryShapes();
    const u = newId();
    await seen(u, { device: 'qs-own-phone' });
    await repo.insertBlacklist(db(), { id: newId(), kind: 'device', value: 'qs-farm-phone', note: 'farm', created_by: null, created_at: at() });
    const listed = await evidence(shapes, { userId: u, blacklist: [{ kind: 'device', value: 'qs-farm-phone' }] });
    expect(listed.blacklist.exact).toEqual(['device']);
    const clean = await evidence(shapes, { userId: u, blacklist: [{ kind: 'device', value: 'qs-other-phone' }] });
    expect(clean.blacklist.exact).toEqual([]);

    const inserted = await repo.insertDecisionWithSignal(db(), shapes, signal(u, {}), decision(u, 'qs-subject-1', 0), false);
    expect((await evidence(shapes, { userId: u, subject: { kind: 'coupon.claim', ref: 'qs-subject-1' } })).earlierId).toBe(inserted!.id);
    expect((await evidence(shapes, { userId: u, subject: { kind: 'coupon.claim', ref: 'qs-subject-2' } })).earlierId).toBeNull();
  });

  it('the decision insert stores each call\'s own row, once per subject, and returns the whole row when asked', async () => {
    const shapes = new QueryShapes();
    const [u, v] = [newId(), newId()];
    const first = decision(u, null, 0);
    const second = decision(v, null, 10);
    expect(await repo.insertDecisionWithSignal(db(), shapes, signal(u, {}), first, false)).toEqual({ id: first.id });
    expect(await repo.insertDecisionWithSignal(db(), shapes, signal(v, {}), second, false)).toEqual({ id: second.id });
    const stored = await repo.findDecision(db(), second.id!);
    expect(stored).toMatchObject({ user_id: v, score: 10, money_amount: 110, explanation_en: 'score 10', reasons: [{ code: 'NEW_ACCOUNT', weight: 10, detail: { ageSeconds: 5 } }] });
    expect((await repo.findDecision(db(), first.id!))).toMatchObject({ user_id: u, score: 0, reasons: [] });

    const whole = await repo.insertDecisionWithSignal(db(), shapes, signal(u, {}), decision(u, 'qs-subject-3', 10), true);
    expect(whole).toMatchObject({ user_id: u, subject_ref: 'qs-subject-3', status: 'allowed', reasons: [{ code: 'NEW_ACCOUNT' }] });
    // The subject has its decision: nothing inserted, the signal recorded all the same.
    const signals = async () => (await db().selectFrom('risk_signals').select('id').where('user_id', '=', u).execute()).length;
    const before = await signals();
    expect(await repo.insertDecisionWithSignal(db(), shapes, signal(u, {}), decision(u, 'qs-subject-3', 0), true)).toBeUndefined();
    expect(await signals()).toBe(before + 1);
  });

  it('builds a shape once, and refuses a call that leaves a value out rather than sending null', async () => {
    const shapes = new QueryShapes();
    let built = 0;
    const build = () => {
      built++;
      return db().selectFrom('risk_signals').select('user_id').where('user_id', '=', slot<string>('userId'));
    };
    const [u, v] = [newId(), newId()];
    await seen(u, {});
    await seen(v, {});
    expect((await shapes.run(db(), 'by-user', build, { userId: u })).rows).toEqual([{ user_id: u }]);
    expect((await shapes.run(db(), 'by-user', build, { userId: v })).rows).toEqual([{ user_id: v }]);
    expect(built).toBe(1);
    await expect(shapes.run(db(), 'by-user', build, {})).rejects.toThrow(/no value for userId/);
  });
});
