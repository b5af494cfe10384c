// An experiment's results from its exposures and each subject's outcome, as pure assembly over
// experiments.stats.ts: SRM first, then per metric and per variant against the control the
// frequentist, CUPED, sequential and Bayesian figures, with p-values corrected across the family
// of every metric × variant comparison.
import {
  adjustPValues, bayesian, betaChanceToBeat, confidenceSequence, cuped, proportionTest, relativeLift, sampleRatioMismatch, summarize, welchTest,
  type Correction, type Interval, type Paired, type SampleStats, type TestResult,
} from './experiments.stats.ts';
import { METRICS, type MetricKey, type VariantDef } from './experiments.rules.ts';

export const ALPHA = 0.05;
/** The sample size (both arms) where the confidence sequence is tightest: GrowthBook's default. */
export const SEQUENTIAL_TUNING_N = 5000;
export const SRM_THRESHOLD = 0.001;

export interface Comparison {
  absolute: TestResult;
  relative: TestResult;
  /** Regression-adjusted on the pre-exposure value of the same metric; null when there is no usable covariate. */
  cuped: { theta: number; varianceReduction: number; absolute: TestResult; relative: TestResult } | null;
  sequential: { absolute: Interval; relative: Interval; significant: boolean };
  bayesian: { chanceToBeatControl: number; expectedLoss: number; controlLoss: number; credibleInterval: Interval; betaChanceToBeatControl: number | null };
  /** The absolute test's p-value after the family-wise correction. */
  adjustedPValue: number;
  significant: boolean;
}

export interface VariantFigures {
  key: string;
  n: number;
  mean: number;
  variance: number;
  /** Null for the control. */
  comparison: Comparison | null;
}

export interface MetricResults {
  metric: MetricKey;
  kind: 'proportion' | 'mean';
  isGoal: boolean;
  variants: VariantFigures[];
}

export interface Results {
  srm: { chiSquare: number; df: number; pValue: number; mismatch: boolean; threshold: number; observed: Record<string, number>; expected: Record<string, number> };
  correction: Correction;
  alpha: number;
  metrics: MetricResults[];
}

/** Per variant key, each exposed subject's (y, x) for one metric. */
export type MetricData = Map<string, Paired[]>;

function compare(kind: 'proportion' | 'mean', control: Paired[], treatment: Paired[]): Omit<Comparison, 'adjustedPValue' | 'significant'> {
  const [a, b] = [summarize(control.map((p) => p.y)), summarize(treatment.map((p) => p.y))];
  const conv = (rows: Paired[]) => ({ conversions: rows.reduce((s, p) => s + p.y, 0), n: rows.length });
  const proportion = kind === 'proportion';
  const absolute = proportion ? proportionTest(conv(control), conv(treatment), ALPHA) : welchTest(a, b, ALPHA);
  const relStats = (s: SampleStats): SampleStats => (proportion ? { ...s, variance: s.mean * (1 - s.mean) } : s);
  const relative = relativeLift(relStats(a), relStats(b), ALPHA, proportion ? Infinity : absolute.df);
  const adjusted = cuped([control, treatment]);
  const usable = adjusted.theta !== 0;
  const n = a.n + b.n;
  const absCs = confidenceSequence(absolute.estimate, absolute.se ** 2, n, ALPHA, SEQUENTIAL_TUNING_N);
  const relCs = confidenceSequence(relative.estimate, relative.se ** 2, n, ALPHA, SEQUENTIAL_TUNING_N);
  const post = bayesian(relative.estimate, relative.se, ALPHA);
  return {
    absolute,
    relative,
    cuped: usable
      ? {
          theta: adjusted.theta,
          varianceReduction: 1 - adjusted.varianceRatio,
          absolute: welchTest(adjusted.groups[0], adjusted.groups[1], ALPHA),
          relative: relativeLift(adjusted.groups[0], adjusted.groups[1], ALPHA),
        }
      : null,
    sequential: { absolute: absCs.ci, relative: relCs.ci, significant: absCs.significant },
    bayesian: { ...post, betaChanceToBeatControl: proportion && a.n > 0 && b.n > 0 ? betaChanceToBeat(conv(control), conv(treatment)) : null },
  };
}

/** Everything the results page shows, from exposure counts and each metric's per-subject data. */
export function experimentResults(input: {
  variants: readonly VariantDef[];
  goalMetric: MetricKey;
  secondaryMetrics: readonly MetricKey[];
  data: ReadonlyMap<MetricKey, MetricData>;
  correction: Correction;
}): Results {
  const { variants } = input;
  const control = variants.find((v) => v.isControl)!;
  const goal = input.data.get(input.goalMetric)!;
  const observed = variants.map((v) => goal.get(v.key)?.length ?? 0);
  const srm = sampleRatioMismatch(observed, variants.map((v) => v.weight), SRM_THRESHOLD);
  const byKey = <T,>(values: readonly T[]) => Object.fromEntries(variants.map((v, i) => [v.key, values[i]]));

  const metrics = [input.goalMetric, ...input.secondaryMetrics].map((metric) => {
    const kind = METRICS[metric].kind;
    const data = input.data.get(metric)!;
    const controlRows = data.get(control.key) ?? [];
    return {
      metric,
      kind,
      isGoal: metric === input.goalMetric,
      variants: variants.map((v) => {
        const rows = data.get(v.key) ?? [];
        const s = summarize(rows.map((p) => p.y));
        const usable = !v.isControl && rows.length > 1 && controlRows.length > 1;
        return { key: v.key, n: s.n, mean: s.mean, variance: s.variance, raw: usable ? compare(kind, controlRows, rows) : null };
      }),
    };
  });

  // The family: every metric × non-control variant comparison that could be computed.
  const family = metrics.flatMap((m) => m.variants.filter((v) => v.raw).map((v) => v.raw!.absolute.pValue));
  const adjusted = adjustPValues(family, input.correction);
  let k = 0;
  return {
    srm: { chiSquare: srm.chiSquare, df: srm.df, pValue: srm.pValue, mismatch: srm.mismatch, threshold: SRM_THRESHOLD, observed: byKey(observed), expected: byKey(srm.expected) },
    correction: input.correction,
    alpha: ALPHA,
    metrics: metrics.map((m) => ({
      ...m,
      variants: m.variants.map(({ raw, ...v }) => {
        if (!raw) return { ...v, comparison: null };
        const adjustedPValue = adjusted[k++];
        return { ...v, comparison: { ...raw, adjustedPValue, significant: adjustedPValue < ALPHA } };
      }),
    })),
  };
}
