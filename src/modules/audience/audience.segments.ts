// Segment rules: conditions over profile fields, tags and behaviour in nested AND/OR groups (three
// levels deep at most: deeper trees are no clearer to an operator and cost the planner more). One
// TypeBox schema validates them; `matches` is the pure evaluator and `ruleToSql` the same rule as
// a WHERE clause over audience_profiles. Both read a missing value (a customer who never bought
// has no recency) the same way: no comparison holds on it except "is not equal".
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { Type, type Static } from 'typebox';
import { TAG_PATTERN } from './audience.rules.ts';

export const NUMERIC_FIELDS = {
  recency_days: 'recency_days',
  frequency: 'frequency',
  monetary: 'monetary_amount',
  r_score: 'r_score',
  f_score: 'f_score',
  m_score: 'm_score',
  churn_risk: 'churn_risk',
  p_alive: 'p_alive',
  expected_orders: 'expected_orders',
  predicted_value: 'predicted_value_amount',
  shares: 'shares',
  share_signups: 'share_signups',
  days_since_active: 'days_since_active',
  days_since_signup: 'days_since_signup',
} as const;
export const TEXT_FIELDS = { channel: 'channel', campaign_id: 'campaign_id' } as const;

export type NumericField = keyof typeof NUMERIC_FIELDS;
export type TextField = keyof typeof TEXT_FIELDS;
export const NUMERIC_CMPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;

const strict = { additionalProperties: false } as const;

const NumericCondition = Type.Object(
  { field: Type.Enum(Object.keys(NUMERIC_FIELDS) as NumericField[]), cmp: Type.Enum([...NUMERIC_CMPS]), value: Type.Number({ minimum: -1e12, maximum: 1e12 }) },
  { ...strict, description: 'A profile number: money fields in fen, risks and probabilities in 0..1, days as whole days' },
);
const TextCondition = Type.Object({ field: Type.Enum(Object.keys(TEXT_FIELDS) as TextField[]), cmp: Type.Enum(['eq', 'ne']), value: Type.String({ minLength: 1, maxLength: 64 }) }, strict);
const TagCondition = Type.Object({ field: Type.Literal('tag'), cmp: Type.Enum(['has', 'lacks']), value: Type.String({ pattern: TAG_PATTERN }) }, strict);
export const ConditionSchema = Type.Union([NumericCondition, TextCondition, TagCondition]);

const group = <T extends ReturnType<typeof Type.Union> | typeof ConditionSchema>(item: T) =>
  Type.Object({ op: Type.Enum(['and', 'or']), rules: Type.Array(item, { minItems: 1, maxItems: 20 }) }, strict);
const Group1 = group(ConditionSchema);
const Group2 = group(Type.Union([ConditionSchema, Group1]));
/** The root of a segment rule: an AND/OR group of conditions and groups, three levels deep at most. */
export const SegmentRuleSchema = group(Type.Union([ConditionSchema, Group1, Group2]));

export type Condition = Static<typeof ConditionSchema>;
export type SegmentRule = Static<typeof SegmentRuleSchema>;
/** A rule node at any depth (the evaluators walk the tree without caring about the level). */
export type RuleNode = Condition | { op: 'and' | 'or'; rules: readonly RuleNode[] };

/** What the evaluator reads of a profile: the fields by their rule names, and all tags. */
export type ProfileFacts = Record<NumericField, number | null> & Record<TextField, string | null> & { tags: readonly string[] };

const isGroup = (n: RuleNode): n is { op: 'and' | 'or'; rules: readonly RuleNode[] } => 'op' in n;

function compare(cmp: (typeof NUMERIC_CMPS)[number], left: number, right: number): boolean {
  switch (cmp) {
    case 'eq': return left === right;
    case 'ne': return left !== right;
    case 'gt': return left > right;
    case 'gte': return left >= right;
    case 'lt': return left < right;
    case 'lte': return left <= right;
  }
}

/** Whether a profile is in the segment. */
export function matches(rule: RuleNode, p: ProfileFacts): boolean {
  if (isGroup(rule)) return rule.op === 'and' ? rule.rules.every((r) => matches(r, p)) : rule.rules.some((r) => matches(r, p));
  if (rule.field === 'tag') return rule.cmp === 'has' ? p.tags.includes(rule.value) : !p.tags.includes(rule.value);
  if (rule.field === 'channel' || rule.field === 'campaign_id') {
    const v = p[rule.field];
    return rule.cmp === 'eq' ? v === rule.value : v !== rule.value;
  }
  const v = p[rule.field as NumericField];
  if (v === null) return rule.cmp === 'ne';
  return compare(rule.cmp as (typeof NUMERIC_CMPS)[number], v, rule.value as number);
}

const SQL_CMP = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * The rule as a WHERE clause on audience_profiles. Every leaf is made two-valued (coalesce to
 * false, `is distinct from` for "not equal") so SQL's NULL logic cannot disagree with `matches`.
 */
export function ruleToSql(eb: ExpressionBuilder<any, any>, rule: RuleNode): Expression<SqlBool> {
  if (isGroup(rule)) {
    const parts = rule.rules.map((r) => ruleToSql(eb, r));
    return rule.op === 'and' ? eb.and(parts) : eb.or(parts);
  }
  if (rule.field === 'tag') {
    const has = sql<SqlBool>`(${sql.ref('tags')} @> ${JSON.stringify([rule.value])}::jsonb)`;
    return rule.cmp === 'has' ? has : sql<SqlBool>`not ${has}`;
  }
  if (rule.field === 'channel' || rule.field === 'campaign_id') {
    // campaign_id is a uuid column: compare as text so any string is a valid (if unmatched) value.
    const col = sql`${sql.ref(TEXT_FIELDS[rule.field])}::text`;
    return rule.cmp === 'eq' ? sql<SqlBool>`coalesce(${col} = ${rule.value}, false)` : sql<SqlBool>`(${col} is distinct from ${rule.value})`;
  }
  const col = sql.ref(NUMERIC_FIELDS[rule.field as NumericField]);
  const value = rule.value as number;
  if (rule.cmp === 'ne') return sql<SqlBool>`(${col} is distinct from ${value}::float8)`;
  return sql<SqlBool>`coalesce(${col} ${sql.raw(SQL_CMP[rule.cmp as keyof typeof SQL_CMP])} ${value}::float8, false)`;
}

/** Every tag a rule mentions (the console offers them; the tests check them). */
export function tagsIn(rule: RuleNode): string[] {
  if (isGroup(rule)) return [...new Set(rule.rules.flatMap(tagsIn))];
  return rule.field === 'tag' ? [rule.value] : [];
}
