import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const assess = (userId: string, campaignId: string, card: string, ref: string, address: string | null = null) =>
  t.platform.db.transaction().execute((trx) => t.services.risk.assess(trx, { kind: 'referral.reward', userId, campaignId, subjectRef: ref, money: { amount: 500, currency: 'CNY' }, paysLater: true, known: { cardFingerprint: card, addressHash: address } }));

describe('the graph job', () => {
  it('finds a ring on its tenth account and holds the first nine\'s unpaid rewards; the mechanic may not pay them', async () => {
    const campaignId = newId();
    const ring = Array.from({ length: 10 }, () => newId());
    const organic = Array.from({ length: 5 }, () => newId());
    // A chain: pairs share a card, neighbouring pairs a second card, so no single identifier is a farm.
    for (const [i, u] of ring.entries()) {
      const d = await assess(u, campaignId, `card-${Math.floor(i / 2)}`, `ring-${i}`, `address-${Math.floor((i + 1) / 2)}`);
      expect(d.status).toBe('pending');
      expect((await assess(u, campaignId, `link-${Math.floor((i + 1) / 2)}`, `ring-${i}-b`)).status).toBe('pending');
    }
    for (const [i, u] of organic.entries()) expect((await assess(u, campaignId, `own-card-${i}`, `organic-${i}`)).status).toBe('pending');

    const found = await t.services.risk.recomputeGraph();
    expect(found.flaggedAccounts).toBe(10);
    const rows = await t.platform.db.selectFrom('risk_decisions').select(['subject_ref', 'status', 'reasons']).where('campaign_id', '=', campaignId).execute();
    const ringRows = rows.filter((r) => r.subject_ref!.startsWith('ring-'));
    expect(ringRows.every((r) => r.status === 'held')).toBe(true);
    expect(ringRows[0]!.reasons.at(-1)).toMatchObject({ code: 'RING_MEMBER', detail: { size: 10 } });
    expect(rows.filter((r) => r.subject_ref!.startsWith('organic-')).every((r) => r.status === 'pending')).toBe(true);

    // The mechanic's own timer asks before paying: held ones may not be paid, organic ones may (once allowed, stay allowed).
    const may = (ref: string) => t.platform.db.transaction().execute((trx) => t.services.risk.mayPay(trx, 'referral.reward', ref));
    expect(await may('ring-0')).toBe(false);
    expect(await may('organic-0')).toBe(true);
    expect(await may('organic-0')).toBe(true);
    expect(await may('never-assessed')).toBe(true);

    // A later decision for a ring account carries the ring as a reason.
    const next = await assess(ring[3]!, campaignId, 'card-99', 'ring-later');
    expect(next.reasons.map((r) => r.code)).toContain('RING_MEMBER');
    expect(next.status).toBe('held');

    // The case shows the ring as a graph of accounts linked by cards (a shared address alone links none).
    const held = (await t.services.risk.listCases({ status: 'held', campaignId, limit: 50 }))[0]!;
    const c = await t.services.risk.getCase(held.id);
    expect(c.cluster.nodes.length).toBe(10);
    expect(c.cluster.edges.every((e) => e.kinds.includes('card') || e.kinds.includes('address'))).toBe(true);
    expect(c.cluster.edges.length).toBeGreaterThanOrEqual(9);
  });

  it('a redelivered assessment returns the first decision and writes no second one', async () => {
    const u = newId();
    const first = await assess(u, newId(), 'x-card-1', 'same-subject');
    const again = await assess(u, newId(), 'x-card-2', 'same-subject');
    expect(again.id).toBe(first.id);
    expect(await t.platform.db.selectFrom('risk_decisions').select('id').where('subject_ref', '=', 'same-subject').execute()).toHaveLength(1);
  });
});
