// Customer profile rules, pure: RFM quintile scores, the purchase summary the BG/NBD model reads,
// and the rule tags every profile gets at recompute. Plain data and `now` in, numbers out.
import type { Rfm } from './audience.model.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/**
 * Quintile score 1-5 of each value among all values, 5 the best. A value's score counts the values
 * strictly worse than it, so ties always share a score and a store where everyone bought once
 * gives everyone F = 1 rather than spreading identical customers over five bands.
 */
export function quintileScores(values: readonly number[], better: 'higher' | 'lower'): number[] {
  const n = values.length;
  if (n === 0) return [];
  const sorted = [...values].sort((u, v) => (better === 'higher' ? u - v : v - u));
  return values.map((v) => {
    // Count of values strictly worse than v: the first index of v in worst-to-best order.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const worse = better === 'higher' ? sorted[mid] < v : sorted[mid] > v;
      if (worse) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(5, 1 + Math.floor((5 * lo) / n));
  });
}

export interface Purchase {
  at: Date;
  /** Net of refunds, fen. */
  amount: number;
}

export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

/** R, F and M quintiles of the customers who bought (recency in days: fewer is better). */
export function rfmScores(buyers: readonly { recencyDays: number; frequency: number; monetary: number }[]): RfmScores[] {
  const r = quintileScores(buyers.map((b) => b.recencyDays), 'lower');
  const f = quintileScores(buyers.map((b) => b.frequency), 'higher');
  const m = quintileScores(buyers.map((b) => b.monetary), 'higher');
  return buyers.map((_, i) => ({ r: r[i], f: f[i], m: m[i] }));
}

/**
 * The model's view of a history up to `until`: x repeat purchases (purchases on the same day as
 * the first count once, as in Fader-Hardie-Lee, whose unit is a purchase occasion), t_x and T in
 * weeks since the first purchase. Null for a customer with no purchase before `until`.
 */
export function purchaseSummary(purchases: readonly Purchase[], until: Date): Rfm | null {
  const before = purchases.filter((p) => p.at < until).sort((u, v) => u.at.getTime() - v.at.getTime());
  if (before.length === 0) return null;
  const first = before[0].at.getTime();
  const days = new Set(before.map((p) => Math.floor((p.at.getTime() - first) / DAY)));
  const last = before.at(-1)!.at.getTime();
  return { x: days.size - 1, tx: days.size > 1 ? (last - first) / WEEK : 0, T: (until.getTime() - first) / WEEK };
}

export const weeks = (days: number) => days / 7;

export interface TagFacts {
  frequency: number;
  recencyDays: number | null;
  daysSinceSignup: number;
  rScore: number;
  fScore: number;
  mScore: number;
  churnRisk: number | null;
  shares: number;
  shareSignups: number;
}

/** Rule tags a profile gets at every recompute (operator tags are kept separately and never overwritten). */
export const RULE_TAGS = ['never_bought', 'new_customer', 'loyal', 'big_spender', 'at_risk', 'dormant', 'sharer', 'super_sharer'] as const;
export type RuleTag = (typeof RULE_TAGS)[number];

export function ruleTags(f: TagFacts): RuleTag[] {
  const tags: RuleTag[] = [];
  if (f.frequency === 0) tags.push('never_bought');
  if (f.frequency > 0 && f.daysSinceSignup <= 30) tags.push('new_customer');
  if (f.fScore >= 4 && f.rScore >= 4) tags.push('loyal');
  if (f.mScore === 5) tags.push('big_spender');
  if (f.frequency >= 2 && f.churnRisk !== null && f.churnRisk >= 0.5) tags.push('at_risk');
  if (f.recencyDays !== null && f.recencyDays > 60) tags.push('dormant');
  if (f.shares > 0) tags.push('sharer');
  if (f.shareSignups >= 3) tags.push('super_sharer');
  return tags;
}

/** Operator tags: short words, lower-case letters, digits, '_' and '-' or CJK, so they read the same in SQL and JSON. */
export const TAG_PATTERN = '^[a-z0-9_\\-\\u4e00-\\u9fa5]{1,32}$';
