// Lucky draw (抽奖): the prize pool, odds and the pick. Pure and DB-free: a draw is decided by a
// random value r in [0,1) and the prize table snapshot it was drawn against, so any recorded draw
// can be recomputed for an audit.

import type { ErrorCode } from '../../platform/errors.ts';
export const PRIZE_KINDS = ['coupon', 'points', 'product', 'nothing'] as const;
export type PrizeKind = (typeof PRIZE_KINDS)[number];

/** China's promotion rules cap a single prize's market value at ¥50,000 (a setting per market). */
export const DEFAULT_MAX_PRIZE_VALUE_AMOUNT = 50_000_00;

export interface PrizeInput {
  name: string;
  kind: PrizeKind;
  templateId?: string | null;
  points?: number | null;
  skuId?: string | null;
  weight: number;
  /** null = unlimited (and `nothing` is always unlimited). */
  stock?: number | null;
  valueAmount?: number;
}

/** One row of the table a draw was picked against. */
export interface SnapshotPrize {
  id: string;
  kind: PrizeKind;
  name: string;
  weight: number;
}

/** Why a prize pool cannot be saved, or null. */
export function poolProblem(prizes: PrizeInput[], maxValueAmount: number): { code: ErrorCode; message: string; details?: Record<string, unknown> } | null {
  if (prizes.length === 0) return { code: 'LOTTERY_POOL_EMPTY', message: 'A draw needs at least one prize' };
  if (prizes.length > 20) return { code: 'LOTTERY_POOL_INVALID', message: 'At most 20 prizes' };
  let total = 0;
  for (const [i, p] of prizes.entries()) {
    if (!Number.isInteger(p.weight) || p.weight < 0) return { code: 'LOTTERY_POOL_INVALID', message: 'Weights are whole numbers ≥ 0', details: { index: i } };
    total += p.weight;
    if (p.kind === 'coupon' && !p.templateId) return { code: 'LOTTERY_POOL_INVALID', message: 'A coupon prize needs a coupon template', details: { index: i } };
    if (p.kind === 'points' && !(Number.isInteger(p.points) && (p.points as number) > 0)) return { code: 'LOTTERY_POOL_INVALID', message: 'A points prize needs a positive amount of points', details: { index: i } };
    if (p.kind === 'product' && !p.skuId) return { code: 'LOTTERY_POOL_INVALID', message: 'A product prize needs a SKU', details: { index: i } };
    if (p.kind === 'nothing' && p.stock != null) return { code: 'LOTTERY_POOL_INVALID', message: 'A "nothing" prize has unlimited stock', details: { index: i } };
    if (p.stock != null && (!Number.isInteger(p.stock) || p.stock < 0)) return { code: 'LOTTERY_POOL_INVALID', message: 'Stock is a whole number ≥ 0 or null (unlimited)', details: { index: i } };
    const value = p.valueAmount ?? 0;
    if (!Number.isInteger(value) || value < 0) return { code: 'LOTTERY_POOL_INVALID', message: 'Market value is whole fen ≥ 0', details: { index: i } };
    if (value > maxValueAmount) {
      return { code: 'LOTTERY_PRIZE_VALUE_CAP', message: `A single prize may be worth at most ¥${(maxValueAmount / 100).toFixed(2)}`, details: { index: i, name: p.name, valueAmount: value, maxValueAmount } };
    }
  }
  if (total <= 0) return { code: 'LOTTERY_POOL_INVALID', message: 'The weights must add up to more than 0' };
  return null;
}

/**
 * The prize for random value r ∈ [0,1) over the snapshot (the prizes with stock left, in their
 * fixed order): the first prize whose cumulative weight exceeds r × total. Null when the snapshot
 * has no weight at all.
 */
export function pickPrize(snapshot: SnapshotPrize[], r: number): SnapshotPrize | null {
  const total = snapshot.reduce((s, p) => s + p.weight, 0);
  if (total <= 0) return null;
  const target = Math.min(Math.max(r, 0), 1 - Number.EPSILON) * total;
  let cumulative = 0;
  for (const p of snapshot) {
    cumulative += p.weight;
    if (p.weight > 0 && target < cumulative) return p;
  }
  return [...snapshot].reverse().find((p) => p.weight > 0) ?? null;
}

/** Published odds: each prize's share of the total weight. */
export function oddsOf<T extends { weight: number }>(prizes: T[]): (T & { probability: number })[] {
  const total = prizes.reduce((s, p) => s + p.weight, 0);
  return prizes.map((p) => ({ ...p, probability: total > 0 ? p.weight / total : 0 }));
}


export { seededRandom } from '../../platform/random.ts';
