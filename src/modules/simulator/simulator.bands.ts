// Bands over Monte Carlo runs: the median and the 80% interval a forecast reports, per day and
// metric, and the day the budget runs out.
import type { SimResult } from './simulator.model.ts';

export interface Bands {
  p10: number;
  p50: number;
  p90: number;
}

/** Quantile with linear interpolation on sorted values (type 7, as R and NumPy default). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const x = (sorted.length - 1) * p;
  const i = Math.floor(x);
  return i + 1 < sorted.length ? sorted[i] + (sorted[i + 1] - sorted[i]) * (x - i) : sorted[i];
}

export function bandOf(values: Float64Array): Bands {
  const sorted = Float64Array.from(values).sort();
  return { p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9) };
}

/** Per day and metric, the 10th, 50th and 90th percentile over runs. */
export function dayBands(result: SimResult, metric: 'reach' | 'newCustomers' | 'orders' | 'rewardCost'): Bands[] {
  const values = result[metric];
  const column = new Float64Array(result.runs);
  const bands: Bands[] = [];
  for (let d = 0; d < result.days; d++) {
    for (let r = 0; r < result.runs; r++) column[r] = values[r * result.days + d];
    bands.push(bandOf(column));
  }
  return bands;
}

/** The day (1-based) the budget ran out, among the runs where it did. */
export function exhaustion(result: SimResult): { share: number; day: Bands | null } {
  const daysOut = [...result.exhaustedHour].filter((h) => h >= 0).map((h) => Math.floor(h / 24) + 1);
  const share = result.runs ? daysOut.length / result.runs : 0;
  return { share, day: share >= 0.1 ? bandOf(Float64Array.from(daysOut)) : null };
}
