// Pure rules for the operator dashboard: which days a report covers and how per-module day counts
// become one gap-free series (a day with no activity is a zero, not a missing point).
import { chinaDate, chinaDayStart } from '../../platform/clock.ts';

export const MAX_REPORT_DAYS = 366;
export const DEFAULT_REPORT_DAYS = 30;

export interface DailyMetrics {
  gmv: number;
  orders: number;
  paidOrders: number;
  newCustomers: number;
  shares: number;
  clicks: number;
  attributedSignups: number;
}
export type Metric = keyof DailyMetrics;
export const METRICS: Metric[] = ['gmv', 'orders', 'paidOrders', 'newCustomers', 'shares', 'clicks', 'attributedSignups'];

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY_RE.test(s) && chinaDate(chinaDayStart(s)) === s;

export type RangeDecision =
  | { ok: true; from: string; to: string; days: string[]; start: Date; end: Date }
  | { ok: false; reason: 'DATE_INVALID' | 'RANGE_REVERSED' | 'RANGE_TOO_LONG'; field?: 'from' | 'to' };

/** Inclusive China-calendar days; `to` defaults to today, `from` to 30 days ending at `to`. */
export function reportRange(input: { from?: string; to?: string }, now: Date): RangeDecision {
  if (input.from !== undefined && !isDay(input.from)) return { ok: false, reason: 'DATE_INVALID', field: 'from' };
  if (input.to !== undefined && !isDay(input.to)) return { ok: false, reason: 'DATE_INVALID', field: 'to' };
  const to = input.to ?? chinaDate(now);
  const from = input.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
  if (from > to) return { ok: false, reason: 'RANGE_REVERSED', field: 'from' };
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.push(d);
    if (days.length > MAX_REPORT_DAYS) return { ok: false, reason: 'RANGE_TOO_LONG', field: 'from' };
  }
  return { ok: true, from, to, days, start: chinaDayStart(from), end: chinaDayStart(addDays(to, 1)) };
}

/**
 * The period a report is compared with: as many days, ending the day before it starts (today →
 * yesterday, the last 7 days → the 7 before).
 */
export function previousDays(days: string[]): string[] {
  return days.map((d) => addDays(d, -days.length));
}

export function addDays(day: string, n: number): string {
  return chinaDate(new Date(chinaDayStart(day).getTime() + n * 86_400_000));
}

/** One row per day, every metric present; counts for days outside the range are ignored. */
export function dailySeries(days: string[], counts: Partial<Record<Metric, { day: string; value: number }[]>>) {
  const index = new Map(days.map((day, i) => [day, i]));
  const rows = days.map((date) => ({ date, ...(Object.fromEntries(METRICS.map((m) => [m, 0])) as unknown as DailyMetrics) }));
  for (const metric of METRICS) {
    for (const { day, value } of counts[metric] ?? []) {
      const i = index.get(day);
      if (i !== undefined) rows[i][metric] += value;
    }
  }
  return { rows, totals: totalsOf(rows) };
}

export function totalsOf(rows: DailyMetrics[]): DailyMetrics {
  return Object.fromEntries(METRICS.map((m) => [m, rows.reduce((sum, r) => sum + r[m], 0)])) as unknown as DailyMetrics;
}
