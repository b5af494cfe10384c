// The segment evaluator against a brute-force filter written independently (a flattening of the
// rule into its conditions, evaluated by a truth table over the tree), on random rules and
// profiles from fast-check; and every generated rule is one the TypeBox schema accepts.
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { matches, NUMERIC_FIELDS, SegmentRuleSchema, tagsIn, type Condition, type ProfileFacts, type RuleNode, type SegmentRule } from './audience.segments.ts';

const TAGS = ['vip', 'loyal', 'at_risk', '新客'];
const CHANNELS = ['wechat', 'moments', 'direct'];
const NUMERIC = Object.keys(NUMERIC_FIELDS) as (keyof typeof NUMERIC_FIELDS)[];

// Small value ranges, so equalities and boundaries actually occur.
const numberValue = fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constantFrom(0.25, 0.5, 0.75));
const profileArb: fc.Arbitrary<ProfileFacts> = fc.record({
  ...Object.fromEntries(NUMERIC.map((f) => [f, fc.option(numberValue, { nil: null, freq: 4 })])),
  channel: fc.option(fc.constantFrom(...CHANNELS), { nil: null }),
  campaign_id: fc.option(fc.constantFrom('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'), { nil: null }),
  tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
}) as unknown as fc.Arbitrary<ProfileFacts>;

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ field: fc.constantFrom(...NUMERIC), cmp: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), value: numberValue }),
  fc.record({ field: fc.constant('channel'), cmp: fc.constantFrom('eq', 'ne'), value: fc.constantFrom(...CHANNELS) }),
  fc.record({ field: fc.constant('campaign_id'), cmp: fc.constantFrom('eq', 'ne'), value: fc.constantFrom('00000000-0000-4000-8000-000000000001', 'not-a-campaign') }),
  fc.record({ field: fc.constant('tag'), cmp: fc.constantFrom('has', 'lacks'), value: fc.constantFrom(...TAGS) }),
) as fc.Arbitrary<Condition>;

const group = <T>(item: fc.Arbitrary<T>) => fc.record({ op: fc.constantFrom('and' as const, 'or' as const), rules: fc.array(item, { minLength: 1, maxLength: 4 }) });
const g1 = group(conditionArb);
const g2 = group(fc.oneof(conditionArb, g1));
const ruleArb = group(fc.oneof({ weight: 2, arbitrary: conditionArb }, { weight: 1, arbitrary: g1 }, { weight: 1, arbitrary: g2 })) as fc.Arbitrary<SegmentRule>;

/** Brute force: each leaf looked up in a table of every (field, cmp) meaning; groups by counting true children. */
function bruteForce(rule: RuleNode, p: ProfileFacts): boolean {
  if ('op' in rule) {
    const trues = rule.rules.filter((r) => bruteForce(r, p)).length;
    return rule.op === 'and' ? trues === rule.rules.length : trues > 0;
  }
  if (rule.field === 'tag') return (p.tags.indexOf(rule.value) >= 0) === (rule.cmp === 'has');
  const v = (p as unknown as Record<string, number | string | null>)[rule.field];
  const meaning: Record<string, (a: number | string, b: number | string) => boolean> = {
    eq: (a, b) => a === b,
    ne: (a, b) => a !== b,
    gt: (a, b) => a > b,
    gte: (a, b) => !(a < b),
    lt: (a, b) => a < b,
    lte: (a, b) => !(a > b),
  };
  // A missing value satisfies only "not equal".
  if (v === null || v === undefined) return rule.cmp === 'ne';
  return meaning[rule.cmp](v, rule.value);
}

describe('segment rules', () => {
  it('every generated rule is valid under the TypeBox schema', () => {
    fc.assert(fc.property(ruleArb, (rule) => Value.Check(SegmentRuleSchema, rule)), { numRuns: 300 });
  });

  it('the evaluator agrees with a brute-force filter on random rules and profiles', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(profileArb, { minLength: 1, maxLength: 30 }), (rule, profiles) => {
        const a = profiles.filter((p) => matches(rule, p));
        const b = profiles.filter((p) => bruteForce(rule, p));
        expect(a).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a worked example: big spenders from WeChat, or anyone tagged vip who is not at risk', () => {
    const rule: SegmentRule = {
      op: 'or',
      rules: [
        { op: 'and', rules: [{ field: 'm_score', cmp: 'gte', value: 4 }, { field: 'channel', cmp: 'eq', value: 'wechat' }] },
        { op: 'and', rules: [{ field: 'tag', cmp: 'has', value: 'vip' }, { field: 'tag', cmp: 'lacks', value: 'at_risk' }] },
      ],
    };
    const base = Object.fromEntries(NUMERIC.map((f) => [f, null])) as unknown as ProfileFacts;
    expect(matches(rule, { ...base, m_score: 5, channel: 'wechat', campaign_id: null, tags: [] })).toBe(true);
    expect(matches(rule, { ...base, m_score: 5, channel: 'weibo', campaign_id: null, tags: [] })).toBe(false);
    expect(matches(rule, { ...base, channel: null, campaign_id: null, tags: ['vip'] })).toBe(true);
    expect(matches(rule, { ...base, channel: null, campaign_id: null, tags: ['vip', 'at_risk'] })).toBe(false);
    expect(tagsIn(rule)).toEqual(['vip', 'at_risk']);
  });

  it('the schema refuses a rule four levels deep, an unknown field, an empty group and a bad tag', () => {
    const leaf = { field: 'frequency', cmp: 'gte', value: 1 };
    expect(Value.Check(SegmentRuleSchema, { op: 'and', rules: [{ op: 'or', rules: [{ op: 'and', rules: [leaf] }] }] })).toBe(true);
    expect(Value.Check(SegmentRuleSchema, { op: 'and', rules: [{ op: 'or', rules: [{ op: 'and', rules: [{ op: 'or', rules: [leaf] }] }] }] })).toBe(false);
    expect(Value.Check(SegmentRuleSchema, { op: 'and', rules: [{ field: 'password', cmp: 'eq', value: 1 }] })).toBe(false);
    expect(Value.Check(SegmentRuleSchema, { op: 'and', rules: [] })).toBe(false);
    expect(Value.Check(SegmentRuleSchema, { op: 'and', rules: [{ field: 'tag', cmp: 'has', value: "x'; drop table" }] })).toBe(false);
    expect(Value.Check(SegmentRuleSchema, { op: 'and', rules: [{ ...leaf, extra: true }] })).toBe(false);
  });
});
