// The SQL translation of segment rules against the pure evaluator, on the same random profiles
// stored in audience_profiles: whatever the rule, the database returns exactly the profiles the
// evaluator picks (missing values, ties at the boundaries, tags, nested AND/OR included).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import { seededRandom } from '../../platform/random.ts';
import * as repo from './audience.repo.ts';
import { matches, type Condition, type ProfileFacts, type SegmentRule } from './audience.segments.ts';
import { audienceTables } from './audience.table.ts';

let t: TestContext;
const TAGS = ['vip', 'loyal', 'at_risk', '新客'];
const CHANNELS = ['wechat', 'moments', 'direct'];
const CAMPAIGNS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
const INT_FIELDS = ['recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'predicted_value', 'shares', 'share_signups', 'days_since_active', 'days_since_signup'] as const;
const FLOAT_FIELDS = ['churn_risk', 'p_alive', 'expected_orders'] as const;
const NULLABLE = new Set(['recency_days', 'churn_risk', 'p_alive', 'expected_orders', 'predicted_value']);
const stored: { userId: string; facts: ProfileFacts }[] = [];

beforeAll(async () => {
  t = await createTestContext();
  const rand = seededRandom(41);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const now = t.clock.now();
  const db = audienceTables.of(t.platform.db);
  for (let i = 0; i < 80; i++) {
    const facts = { tags: TAGS.filter(() => rand() < 0.35) } as Record<string, unknown>;
    for (const f of INT_FIELDS) facts[f] = NULLABLE.has(f) && rand() < 0.2 ? null : Math.floor(rand() * 7) - (f === 'recency_days' ? 0 : 1);
    for (const f of FLOAT_FIELDS) facts[f] = rand() < 0.2 ? null : pick([0, 0.25, 0.5, 0.75, 1]);
    facts.channel = rand() < 0.2 ? null : pick(CHANNELS);
    facts.campaign_id = rand() < 0.5 ? null : pick(CAMPAIGNS);
    const p = facts as unknown as ProfileFacts;
    const userId = newId();
    stored.push({ userId, facts: p });
    await repo.upsertProfiles(db, [{
      user_id: userId, currency: 'CNY', signed_up_at: now, first_order_at: null, last_order_at: null, last_active_at: now,
      recency_days: p.recency_days, frequency: p.frequency!, monetary_amount: p.monetary!, r_score: p.r_score!, f_score: p.f_score!, m_score: p.m_score!,
      p_alive: p.p_alive, churn_risk: p.churn_risk, expected_orders: p.expected_orders, predicted_value_amount: p.predicted_value,
      channel: p.channel, campaign_id: p.campaign_id, shares: p.shares!, share_signups: p.share_signups!, days_since_active: p.days_since_active!, days_since_signup: p.days_since_signup!,
      tags: JSON.stringify(p.tags), rule_tags: '[]', computed_at: now,
    }]);
  }
});
afterAll(() => t?.close());

const numberValue = fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constantFrom(0.25, 0.5, 0.75));
const conditionArb = fc.oneof(
  fc.record({ field: fc.constantFrom(...INT_FIELDS, ...FLOAT_FIELDS), cmp: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), value: numberValue }),
  fc.record({ field: fc.constant('channel'), cmp: fc.constantFrom('eq', 'ne'), value: fc.constantFrom(...CHANNELS) }),
  fc.record({ field: fc.constant('campaign_id'), cmp: fc.constantFrom('eq', 'ne'), value: fc.constantFrom(CAMPAIGNS[0], 'not-a-uuid') }),
  fc.record({ field: fc.constant('tag'), cmp: fc.constantFrom('has', 'lacks'), value: fc.constantFrom(...TAGS) }),
) as fc.Arbitrary<Condition>;
const group = <T>(item: fc.Arbitrary<T>) => fc.record({ op: fc.constantFrom('and' as const, 'or' as const), rules: fc.array(item, { minLength: 1, maxLength: 4 }) });
const ruleArb = group(fc.oneof(conditionArb, group(conditionArb), group(fc.oneof(conditionArb, group(conditionArb))))) as fc.Arbitrary<SegmentRule>;

describe('segment rules in SQL', () => {
  it('select exactly the profiles the pure evaluator selects', async () => {
    const db = audienceTables.of(t.platform.db);
    const ours = new Set(stored.map((s) => s.userId));
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(ruleArb, async (rule) => {
        const fromSql = (await repo.memberIds(db, rule)).filter((id) => ours.has(id)).sort();
        const fromPure = stored.filter((s) => matches(rule, s.facts)).map((s) => s.userId).sort();
        expect(fromSql).toEqual(fromPure);
        expect(await repo.countMatching(db, rule)).toBe(fromPure.length);
        if (fromPure.length > 0 && fromPure.length < stored.length) nonTrivial++;
      }),
      { numRuns: 150 },
    );
    // The generated rules split the population, rather than always taking everyone or no one.
    expect(nonTrivial).toBeGreaterThan(50);
  });
});
