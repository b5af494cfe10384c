// The experiment statistics, pure and DB-free: summaries in, figures out. Definitions follow
// GrowthBook's open statistics engine (gbstats: Welch t-test on the difference and the relative
// lift by the delta method, regression adjustment (CUPED), the normal-mixture confidence sequence,
// the Bayesian normal approximation of the lift) and Howard, Ramdas, McAuliffe & Sekhon (2021),
// "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist. 49(2), eq. (14).
// Distributions come from jstat rather than hand-written special functions.
import jstat from 'jstat';

const { jStat } = jstat;

/** A group's summary of one metric: size, mean and sample variance (n − 1 denominator). */
export interface SampleStats {
  n: number;
  mean: number;
  variance: number;
}

export interface Interval {
  lo: number;
  hi: number;
}

/** Summary of raw per-subject values. */
export function summarize(values: readonly number[]): SampleStats {
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : 0 };
}

/** A proportion as a summary: the Bernoulli variance p(1 − p) (what gbstats uses for binomial metrics). */
export const proportionStats = (conversions: number, n: number): SampleStats => {
  const p = n > 0 ? conversions / n : 0;
  return { n, mean: p, variance: p * (1 - p) };
};

const normalQuantile = (p: number) => jStat.normal.inv(p, 0, 1);
const normalCdf = (z: number) => jStat.normal.cdf(z, 0, 1);
/** Student's t quantile; an infinite (or huge) df is the normal. */
const tQuantile = (p: number, df: number) => (Number.isFinite(df) && df < 1e7 ? jStat.studentt.inv(p, df) : normalQuantile(p));
const tCdf = (x: number, df: number) => (Number.isFinite(df) && df < 1e7 ? jStat.studentt.cdf(x, df) : normalCdf(x));
/** Two-sided p-value of a statistic; 1 when the statistic is undefined (no variance). */
const twoSided = (stat: number, df: number) => (Number.isFinite(stat) ? Math.min(1, 2 * (1 - tCdf(Math.abs(stat), df))) : 1);

/** Welch–Satterthwaite degrees of freedom of the difference of two means. */
export function welchDf(a: SampleStats, b: SampleStats): number {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const den = (va * va) / (a.n - 1) + (vb * vb) / (b.n - 1);
  return den > 0 ? (va + vb) ** 2 / den : Infinity;
}

export interface TestResult {
  /** The estimate: treatment − control (absolute) or (treatment − control) ÷ control (relative). */
  estimate: number;
  se: number;
  /** The test statistic estimate ÷ se. */
  statistic: number;
  df: number;
  pValue: number;
  ci: Interval;
}

function result(estimate: number, se: number, df: number, alpha: number): TestResult {
  const statistic = se > 0 ? estimate / se : NaN;
  const w = se > 0 ? tQuantile(1 - alpha / 2, df) * se : 0;
  return { estimate, se, statistic, df, pValue: twoSided(statistic, df), ci: { lo: estimate - w, hi: estimate + w } };
}

/** Difference in means, Welch's unequal-variance t-test: se = √(s²_b/n_b + s²_a/n_a). */
export function welchTest(control: SampleStats, treatment: SampleStats, alpha = 0.05): TestResult {
  const se = Math.sqrt(treatment.variance / treatment.n + control.variance / control.n);
  return result(treatment.mean - control.mean, se, welchDf(control, treatment), alpha);
}

/** Difference in proportions with the unpooled (Welch) standard error √(p_b(1−p_b)/n_b + p_a(1−p_a)/n_a), normal reference. */
export function proportionTest(control: { conversions: number; n: number }, treatment: { conversions: number; n: number }, alpha = 0.05): TestResult {
  const a = proportionStats(control.conversions, control.n);
  const b = proportionStats(treatment.conversions, treatment.n);
  return result(b.mean - a.mean, Math.sqrt(b.variance / b.n + a.variance / a.n), Infinity, alpha);
}

/**
 * Relative lift (μ_b − μ_a) ÷ μ_a with the delta-method variance
 * s²_b ÷ (μ_a² n_b) + s²_a μ_b² ÷ (μ_a⁴ n_a) (gbstats TTest.variance), t with Welch df
 * (pass `df: Infinity` for proportions). Undefined (se 0, p 1) when the control mean is 0.
 */
export function relativeLift(control: SampleStats, treatment: SampleStats, alpha = 0.05, df = welchDf(control, treatment)): TestResult {
  if (control.mean === 0) return { estimate: 0, se: 0, statistic: NaN, df, pValue: 1, ci: { lo: 0, hi: 0 } };
  const ma = control.mean;
  const mb = treatment.mean;
  const variance = treatment.variance / (ma * ma * treatment.n) + (control.variance * mb * mb) / (ma ** 4 * control.n);
  return result((mb - ma) / ma, Math.sqrt(variance), df, alpha);
}

/** One subject's metric value after exposure (y) and the same metric before exposure (x). */
export interface Paired {
  y: number;
  x: number;
}

export interface CupedResult {
  /** θ = Σ_g Σ_i (x − x̄_g)(y − ȳ_g) ÷ Σ_g Σ_i (x − x̄_g)²: the pooled within-group regression slope; 0 when x does not vary. */
  theta: number;
  /** The adjusted summaries, ready for welchTest / relativeLift. */
  groups: SampleStats[];
  /** Var(ŷ_adj) ÷ Var(ŷ) summed over groups: how much variance was removed (1 − this). */
  varianceRatio: number;
}

/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013; gbstats' regression adjustment): each group's mean becomes
 * ȳ_g − θ(x̄_g − x̄) with x̄ the pooled pre-exposure mean, and its variance
 * s²_y + θ² s²_x − 2θ cov(x, y), so the difference of adjusted means is ȳ_b − ȳ_a − θ(x̄_b − x̄_a).
 * The covariate is measured before exposure, so it cannot be moved by the treatment and the
 * adjustment keeps the estimate unbiased while shrinking its variance by about 1 − ρ².
 */
export function cuped(groups: readonly (readonly Paired[])[]): CupedResult {
  let sxy = 0;
  let sxx = 0;
  let total = 0;
  let xSum = 0;
  const parts = groups.map((rows) => {
    const n = rows.length;
    let mx = 0;
    let my = 0;
    for (const r of rows) {
      mx += r.x;
      my += r.y;
    }
    mx = n ? mx / n : 0;
    my = n ? my / n : 0;
    let cxy = 0;
    let cxx = 0;
    let cyy = 0;
    for (const r of rows) {
      cxy += (r.x - mx) * (r.y - my);
      cxx += (r.x - mx) ** 2;
      cyy += (r.y - my) ** 2;
    }
    sxy += cxy;
    sxx += cxx;
    total += n;
    xSum += mx * n;
    return { n, mx, my, cxy, cxx, cyy };
  });
  const theta = sxx > 0 ? sxy / sxx : 0;
  const xBar = total ? xSum / total : 0;
  let before = 0;
  let after = 0;
  const adjusted = parts.map((g) => {
    const d = g.n > 1 ? g.n - 1 : 1;
    const vy = g.cyy / d;
    const v = Math.max(0, vy + theta * theta * (g.cxx / d) - 2 * theta * (g.cxy / d));
    if (g.n > 0) {
      before += vy / g.n;
      after += v / g.n;
    }
    return { n: g.n, mean: g.my - theta * (g.mx - xBar), variance: g.n > 1 ? v : 0 };
  });
  return { theta, groups: adjusted, varianceRatio: before > 0 ? after / before : 1 };
}

export interface SequentialResult {
  /** The always-valid (1 − α) interval for the estimate at this look. */
  ci: Interval;
  halfWidth: number;
  /** The mixture parameter ρ tuned for the sample size N*. */
  rho: number;
  /** The interval excludes 0. */
  significant: boolean;
}

/**
 * ρ of the normal mixture chosen so the boundary is tightest at N* subjects (Howard et al. 2021,
 * the ρ that minimises the boundary at a given intrinsic time; gbstats' sequential tuning parameter):
 * ρ = √((−2 ln α + ln(1 − 2 ln α)) ÷ N*).
 */
export const mixtureRho = (alpha: number, tuningN: number) => Math.sqrt((-2 * Math.log(alpha) + Math.log(1 - 2 * Math.log(alpha))) / tuningN);

/**
 * The two-sided normal-mixture confidence sequence (Howard et al. 2021, eq. (14)): with S_t the
 * sum of centred observations and V_t its variance, P(∃t: |S_t| ≥ √(2(V_t + 1/ρ²·σ²)·ln(√(1 + V_t ρ²/σ²)/α))) ≤ α.
 * Written for an estimate from N subjects whose variance is `variance` (so the per-subject
 * variance is s² = variance × N), the half-width is
 *   √s² · √( 2(Nρ² + 1) ÷ (N²ρ²) · ln(√(Nρ² + 1) ÷ α) ),
 * valid at every N at once: looking every day does not inflate the false-positive rate.
 */
export function confidenceSequence(estimate: number, variance: number, n: number, alpha = 0.05, tuningN = 5000): SequentialResult {
  const rho = mixtureRho(alpha, tuningN);
  if (!(variance > 0) || n <= 0) return { ci: { lo: estimate, hi: estimate }, halfWidth: 0, rho, significant: false };
  const s2 = variance * n;
  const nr2 = n * rho * rho;
  const halfWidth = Math.sqrt(s2) * Math.sqrt(((2 * (nr2 + 1)) / (n * n * rho * rho)) * Math.log(Math.sqrt(nr2 + 1) / alpha));
  return { ci: { lo: estimate - halfWidth, hi: estimate + halfWidth }, halfWidth, rho, significant: estimate - halfWidth > 0 || estimate + halfWidth < 0 };
}

export interface BayesianResult {
  /** P(lift > 0). */
  chanceToBeatControl: number;
  /** E[max(0, −lift)]: what choosing the variant is expected to lose (relative units). */
  expectedLoss: number;
  /** E[max(0, lift)]: what keeping the control is expected to lose. */
  controlLoss: number;
  credibleInterval: Interval;
}

/**
 * The lift's posterior under a flat prior as gbstats' effect model with an improper prior: the
 * lift ~ N(estimate, se²). Chance to beat control Φ(μ/σ); expected loss of choosing the variant
 * E[max(0, −L)] = σφ(μ/σ) − μΦ(−μ/σ); credible interval μ ± z₁₋α/₂ σ.
 */
export function bayesian(estimate: number, se: number, alpha = 0.05): BayesianResult {
  if (!(se > 0)) return { chanceToBeatControl: estimate > 0 ? 1 : estimate < 0 ? 0 : 0.5, expectedLoss: Math.max(0, -estimate), controlLoss: Math.max(0, estimate), credibleInterval: { lo: estimate, hi: estimate } };
  const z = estimate / se;
  const density = jStat.normal.pdf(z, 0, 1);
  const w = normalQuantile(1 - alpha / 2) * se;
  return {
    chanceToBeatControl: normalCdf(z),
    expectedLoss: se * density - estimate * normalCdf(-z),
    controlLoss: se * density + estimate * normalCdf(z),
    credibleInterval: { lo: estimate - w, hi: estimate + w },
  };
}

/**
 * P(p_b > p_a) with Beta(1 + conversions, 1 + failures) posteriors (uniform priors):
 * ∫ f_b(p) F_a(p) dp by composite Simpson over [0, 1] (the integrand is smooth and bounded).
 */
export function betaChanceToBeat(control: { conversions: number; n: number }, treatment: { conversions: number; n: number }, steps = 2000): number {
  const [a1, b1] = [1 + control.conversions, 1 + control.n - control.conversions];
  const [a2, b2] = [1 + treatment.conversions, 1 + treatment.n - treatment.conversions];
  const f = (p: number) => (p <= 0 || p >= 1 ? 0 : jStat.beta.pdf(p, a2, b2) * jStat.beta.cdf(p, a1, b1));
  const h = 1 / steps;
  let total = f(0) + f(1);
  for (let i = 1; i < steps; i++) total += (i % 2 ? 4 : 2) * f(i * h);
  return Math.min(1, Math.max(0, (total * h) / 3));
}

export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  /** p < threshold (0.001 by default): the split is not what was configured, so no result is trusted. */
  mismatch: boolean;
  expected: number[];
}

/** Sample-ratio mismatch: Pearson's χ² of observed counts against the configured weights, k − 1 df. */
export function sampleRatioMismatch(observed: readonly number[], weights: readonly number[], threshold = 0.001): SrmResult {
  const total = observed.reduce((s, o) => s + o, 0);
  const wSum = weights.reduce((s, w) => s + w, 0);
  const expected = weights.map((w) => (total * w) / wSum);
  const df = observed.length - 1;
  if (total === 0 || df < 1) return { chiSquare: 0, df, pValue: 1, mismatch: false, expected };
  const chiSquare = observed.reduce((s, o, i) => s + (expected[i] > 0 ? (o - expected[i]) ** 2 / expected[i] : 0), 0);
  const pValue = Math.max(0, 1 - jStat.chisquare.cdf(chiSquare, df));
  return { chiSquare, df, pValue, mismatch: pValue < threshold, expected };
}

export type Correction = 'holm' | 'bh';

/**
 * Adjusted p-values across a family (every metric × variant): Holm–Bonferroni (step-down,
 * controls the family-wise error rate) or Benjamini–Hochberg (step-up, controls the false discovery
 * rate). Returned in the input order, capped at 1; rejecting adjusted p < α is the procedure.
 */
export function adjustPValues(pValues: readonly number[], method: Correction): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(m);
  if (method === 'holm') {
    let running = 0;
    order.forEach(({ p, i }, k) => {
      running = Math.max(running, Math.min(1, (m - k) * p));
      out[i] = running;
    });
  } else {
    let running = 1;
    for (let k = m - 1; k >= 0; k--) {
      const { p, i } = order[k];
      running = Math.min(running, Math.min(1, (m / (k + 1)) * p));
      out[i] = running;
    }
  }
  return out;
}
