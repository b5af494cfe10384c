// Experiments over HTTP: definitions refused with a code and nothing written, the lifecycle,
// assignment through the campaign kernel's variant hook, exposures logged once, and results
// equal to the pure statistics on a seeded set of exposures and outcomes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../platform/clock.ts';
import type { EventRow } from '../analytics/index.ts';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';
import { assignVariant } from './experiments.rules.ts';
import { bayesian, confidenceSequence, cuped, proportionTest, relativeLift, sampleRatioMismatch, summarize, welchTest } from './experiments.stats.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  t.clock.set('2026-06-20T00:00:00.000Z');
  op = await t.operator();
});
afterAll(() => t?.close());

const DAY = 86_400_000;

async function campaign(): Promise<string> {
  const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '实验拼团', skuId, groupPrice: 5900, teamSize: 2, stock: 100 } });
  expect(res.statusCode, res.body).toBe(201);
  return res.data.id;
}

const variants = (over: Record<string, unknown>[] = []) => [
  { key: 'control', name: '对照：两人团', weight: 50, isControl: true, config: { teamSize: 2 } },
  { key: 'reward_15', name: '三人团', weight: 50, isControl: false, config: { teamSize: 3 } },
  ...over,
];
const create = (body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/admin/experiments', as: op, body });
const act = (id: string, action: 'start' | 'stop') => t.request({ method: 'POST', url: `/api/v1/admin/experiments/${id}/${action}`, as: op });
const rows = async (table: 'experiments' | 'experiment_exposures') => Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('defining an experiment', () => {
  it('refuses bad input with a coded 4xx and writes nothing', async () => {
    const campaignId = await campaign();
    const base = { campaignId, name: '奖励大小', goalMetric: 'conversion', secondaryMetrics: ['revenue'], variants: variants() };
    const before = await rows('experiments');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, variants: [{ ...variants()[0], weight: 60 }, variants()[1]] }, 422, 'EXPERIMENT_WEIGHTS_INVALID'],
      [{ ...base, variants: [{ ...variants()[0], isControl: false }, variants()[1]] }, 422, 'EXPERIMENT_CONTROL_INVALID'],
      [{ ...base, variants: [variants()[0], { ...variants()[1], isControl: true }] }, 422, 'EXPERIMENT_CONTROL_INVALID'],
      [{ ...base, variants: [variants()[0], { ...variants()[1], key: 'control' }] }, 422, 'EXPERIMENT_VARIANTS_INVALID'],
      [{ ...base, secondaryMetrics: ['conversion'] }, 422, 'EXPERIMENT_METRICS_INVALID'],
      [{ ...base, campaignId: randomUUID() }, 404, 'EXPERIMENT_CAMPAIGN_NOT_FOUND'],
      [{ ...base, goalMetric: 'happiness' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, variants: [variants()[0]] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, variants: [variants()[0], { ...variants()[1], weight: '50' }] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, variants: [variants()[0], { ...variants()[1], config: { nested: { a: 1 } } }] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, extra: true }, 400, 'VALIDATION_FAILED'],
      [{ ...base, campaignId: 'not-a-uuid' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await create(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.data.error.code).toBe(code);
    }
    expect(await rows('experiments')).toBe(before);
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/experiments', body: base })).statusCode).toBe(401);
  });

  it('creates a draft, starts and stops it, and refuses the transitions that are not allowed', async () => {
    const campaignId = await campaign();
    const made = await create({ campaignId, name: '成团人数', hypothesis: '三人团比两人团转化低', goalMetric: 'revenue', variants: variants() });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.data).toMatchObject({ status: 'draft', goalMetric: 'revenue', secondaryMetrics: [], startedAt: null });
    const id = made.data.id;
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/experiments/${id}/results`, as: op })).data.error.code).toBe('EXPERIMENT_NOT_STARTED');
    expect((await act(id, 'stop')).data.error.code).toBe('EXPERIMENT_STATUS');
    const started = await act(id, 'start');
    expect(started.statusCode, started.body).toBe(200);
    expect(started.data.status).toBe('running');
    // One running experiment per campaign.
    const other = await create({ campaignId, name: '另一个', goalMetric: 'conversion', variants: variants() });
    const busy = await act(other.data.id, 'start');
    expect(busy.statusCode).toBe(409);
    expect(busy.data.error.code).toBe('EXPERIMENT_CAMPAIGN_BUSY');
    expect((await act(id, 'start')).data.error.code).toBe('EXPERIMENT_STATUS');
    const stopped = await act(id, 'stop');
    expect(stopped.data).toMatchObject({ status: 'stopped', stoppedAt: t.clock.now().toISOString() });
    expect((await act(id, 'start')).statusCode).toBe(409);
    const listed = await t.request({ method: 'GET', url: `/api/v1/admin/experiments?campaignId=${campaignId}`, as: op });
    expect(listed.data.items.map((e: { id: string }) => e.id).sort()).toEqual([id, other.data.id].sort());
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/experiments/${randomUUID()}`, as: op })).data.error.code).toBe('EXPERIMENT_NOT_FOUND');
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/experiments?status=bogus', as: op })).statusCode).toBe(400);
  });
});

describe('assignment and exposure', () => {
  it('assigns through the kernel hook, stably, and logs each subject once with one event', async () => {
    const campaignId = await campaign();
    expect(await t.services.campaigns.variantFor(campaignId, 'nobody')).toBeNull();
    const id = (await create({ campaignId, name: '稳定分组', goalMetric: 'conversion', variants: variants() })).data.id;
    await act(id, 'start');
    const shopper = await t.signUp();
    const first = await t.request({ method: 'GET', url: `/api/v1/experiments/campaigns/${campaignId}/variant`, as: shopper });
    expect(first.statusCode, first.body).toBe(200);
    const key = assignVariant(id, shopper.id, variants() as never);
    expect(first.data.variant).toMatchObject({ experimentId: id, key, config: { teamSize: key === 'control' ? 2 : 3 } });
    for (let i = 0; i < 3; i++) expect((await t.request({ method: 'GET', url: `/api/v1/experiments/campaigns/${campaignId}/variant`, as: shopper })).data.variant.key).toBe(key);
    expect(await t.services.campaigns.variantFor(campaignId, shopper.id)).toBe(key);
    const counts = await t.request({ method: 'GET', url: `/api/v1/admin/experiments/${id}/exposures`, as: op });
    expect(counts.data.total).toBe(1);
    const events = await t.platform.db.selectFrom('outbox_events').select(['payload']).where('type', '=', 'experiment.exposed').where('aggregate_id', '=', id).execute();
    expect(events.map((e) => e.payload)).toEqual([{ experimentId: id, campaignId, subjectId: shopper.id, variantKey: key }]);
    expect((await t.request({ method: 'GET', url: `/api/v1/experiments/campaigns/${campaignId}/variant` })).statusCode).toBe(401);
  });
});

describe('results', () => {
  it('equal the pure statistics on seeded exposures and outcomes, SRM first', async () => {
    const campaignId = await campaign();
    const made = await create({ campaignId, name: '奖励金额', goalMetric: 'revenue', secondaryMetrics: ['conversion', 'shares'], variants: variants() });
    const id = made.data.id;
    await act(id, 'start');
    const exposedAt = t.clock.now();
    // 300 subjects; each has a pre-exposure habit (paid orders in the 28 days before) that predicts
    // what it spends after, and the bigger reward adds ~20%.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const subjects = Array.from({ length: 300 }, () => randomUUID());
    const events: EventRow[] = [];
    const truth = new Map<string, { y: number[]; x: number[]; conv: number[]; shares: number[] }>([['control', { y: [], x: [], conv: [], shares: [] }], ['reward_15', { y: [], x: [], conv: [], shares: [] }]]);
    const event = (name: string, userId: string, at: Date, amount: number | null, i: number): EventRow => ({
      dedupe_key: `exp-test-${userId}-${i}`, name, occurred_at: at, received_at: at, day: chinaDate(at), visitor_id: null, user_id: userId, session_id: null,
      page: null, referrer: null, channel: null, share_token: null, share_id: null, campaign_id: null, product_id: null, order_id: null, amount, props: '{}', source: 'server',
    });
    for (const s of subjects) {
      const key = (await t.services.campaigns.variantFor(campaignId, s))!;
      const habit = 1000 + Math.floor(random() * 4000);
      const before = random() < 0.7 ? habit : 0;
      const after = Math.floor((before ? habit : 800) * (key === 'reward_15' ? 1.2 : 1) * (0.7 + 0.6 * random()));
      const paid = random() < 0.8;
      const shares = Math.floor(random() * 3);
      let i = 0;
      if (before) events.push(event('order.paid', s, new Date(exposedAt.getTime() - 5 * DAY), before, i++));
      events.push(event('order.paid', s, new Date(exposedAt.getTime() - 40 * DAY), 9999, i++)); // outside the covariate window
      if (paid) events.push(event('order.paid', s, new Date(exposedAt.getTime() + 2 * DAY), after, i++));
      for (let k = 0; k < shares; k++) events.push(event('share.created', s, new Date(exposedAt.getTime() + DAY), null, i++));
      const g = truth.get(key)!;
      g.y.push(paid ? after : 0);
      g.x.push(before);
      g.conv.push(paid ? 1 : 0);
      g.shares.push(shares);
    }
    await t.services.analytics.importRows(events);
    t.clock.advance(3 * DAY);
    const res = await t.request({ method: 'GET', url: `/api/v1/admin/experiments/${id}/results?correction=bh`, as: op });
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.data)).toEqual(['experimentId', 'status', 'computedAt', 'windowEnd', 'srm', 'correction', 'alpha', 'metrics']);

    const [c, b] = [truth.get('control')!, truth.get('reward_15')!];
    const srm = sampleRatioMismatch([c.y.length, b.y.length], [50, 50]);
    expect(res.data.srm).toMatchObject({ mismatch: false, observed: { control: c.y.length, reward_15: b.y.length } });
    expect(res.data.srm.pValue).toBeCloseTo(srm.pValue, 9);

    const revenue = res.data.metrics[0];
    expect(revenue).toMatchObject({ metric: 'revenue', isGoal: true, kind: 'mean' });
    const cmp = revenue.variants[1].comparison;
    expect(revenue.variants[0].comparison).toBeNull();
    const abs = welchTest(summarize(c.y), summarize(b.y));
    const rel = relativeLift(summarize(c.y), summarize(b.y));
    expect(cmp.absolute.estimate).toBeCloseTo(abs.estimate, 6);
    expect(cmp.absolute.se).toBeCloseTo(abs.se, 6);
    expect(cmp.absolute.pValue).toBeCloseTo(abs.pValue, 9);
    expect(cmp.relative.ci.lo).toBeCloseTo(rel.ci.lo, 9);
    const adj = cuped([c.y.map((y, i) => ({ y, x: c.x[i] })), b.y.map((y, i) => ({ y, x: b.x[i] }))]);
    expect(cmp.cuped.theta).toBeCloseTo(adj.theta, 9);
    expect(cmp.cuped.absolute.se).toBeCloseTo(welchTest(adj.groups[0], adj.groups[1]).se, 6);
    expect(cmp.cuped.absolute.se).toBeLessThan(cmp.absolute.se);
    const cs = confidenceSequence(abs.estimate, abs.se ** 2, c.y.length + b.y.length);
    expect(cmp.sequential.absolute.lo).toBeCloseTo(cs.ci.lo, 6);
    expect(cmp.bayesian.chanceToBeatControl).toBeCloseTo(bayesian(rel.estimate, rel.se).chanceToBeatControl, 9);

    const conversion = res.data.metrics[1].variants[1].comparison;
    const prop = proportionTest({ conversions: c.conv.reduce((s, v) => s + v, 0), n: c.conv.length }, { conversions: b.conv.reduce((s, v) => s + v, 0), n: b.conv.length });
    expect(conversion.absolute.pValue).toBeCloseTo(prop.pValue, 9);
    expect(conversion.absolute.df).toBeNull(); // the normal reference, sent as null
    expect(conversion.bayesian.betaChanceToBeatControl).toBeGreaterThan(0);
    const shares = res.data.metrics[2].variants[1].comparison;
    expect(shares.cuped).toBeNull(); // no shares before exposure: nothing to adjust on
    // Benjamini–Hochberg over the three comparisons.
    const ps = [cmp, conversion, shares].map((x) => x.absolute.pValue);
    const sorted = [...ps].sort((x, y) => x - y);
    const bh = ps.map((p) => Math.min(...sorted.map((q, j) => (q >= p ? Math.min(1, (3 * q) / (j + 1)) : 1))));
    [cmp, conversion, shares].forEach((x, i) => expect(x.adjustedPValue).toBeCloseTo(bh[i], 9));
  });

  it('flags a sample-ratio mismatch on a skewed split', async () => {
    const campaignId = await campaign();
    const id = (await create({ campaignId, name: '分流异常', goalMetric: 'conversion', variants: variants() })).data.id;
    await act(id, 'start');
    // Only some treatment subjects ever reach the page (a broken redirect, say): 300 control, 200 treatment.
    const counts = { control: 0, reward_15: 0 };
    while (counts.control < 300 || counts.reward_15 < 200) {
      const s = randomUUID();
      const key = assignVariant(id, s, variants() as never) as 'control' | 'reward_15';
      if (counts[key] >= (key === 'control' ? 300 : 200)) continue;
      await t.services.campaigns.variantFor(campaignId, s);
      counts[key]++;
    }
    t.clock.advance(DAY);
    const res = await t.request({ method: 'GET', url: `/api/v1/admin/experiments/${id}/results`, as: op });
    expect(res.data.srm).toMatchObject({ mismatch: true, observed: { control: 300, reward_15: 200 }, threshold: 0.001 });
    expect(res.data.srm.chiSquare).toBeCloseTo(20, 9);
    expect(res.data.srm.pValue).toBeLessThan(0.001);
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/experiments/${id}/exposures`, as: op })).data.total).toBe(500);
    expect(await rows('experiment_exposures')).toBeGreaterThanOrEqual(800);
  });
});
