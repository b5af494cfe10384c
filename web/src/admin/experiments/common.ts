// Query keys and formatting shared by the experiment screens.
import { formatMoney, formatNumber, formatPercent } from '../../shared/format';
export const EXPERIMENTS = ['experiments'] as const;
export const experimentKey = (id: string) => ['experiments', id] as const;
export const resultsKey = (id: string, correction: string) => ['experiments', id, 'results', correction] as const;

export const METRICS = ['conversion', 'revenue', 'orders', 'new_customer', 'shares'] as const;
export type Metric = (typeof METRICS)[number];

/** A relative figure as a signed percentage: 0.0312 → "+3.12%". */
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(2)}%`);
export const interval = (ci: { lo: number | null; hi: number | null }) => `[${pct(ci.lo)}, ${pct(ci.hi)}]`;
/** A p-value: four decimals, or "< 0.0001". */
export const pValue = (p: number) => (p < 0.0001 ? '< 0.0001' : p.toFixed(4));
/** A mean in its unit: revenue is fen, shown in yuan; proportions as percentages. */
export const metricMean = (metric: Metric, mean: number) => (metric === 'revenue' ? formatMoney({ amount: Math.round(mean), currency: 'CNY' }) : metric === 'conversion' || metric === 'new_customer' ? formatPercent(mean, undefined, 2) : formatNumber(mean, undefined, 3));
