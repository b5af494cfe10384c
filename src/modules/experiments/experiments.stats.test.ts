// The statistics against independent computations: every reference below is written out from its
// textbook / SciPy definition in this file (numerical integration of the densities, bisection for
// quantiles, closed forms), never by calling jstat, and must agree to 1e-6.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random.ts';
import {
  adjustPValues, bayesian, betaChanceToBeat, confidenceSequence, cuped, mixtureRho, proportionTest, relativeLift,
  sampleRatioMismatch, summarize, welchTest, type Paired,
} from './experiments.stats.ts';

const TOL = 1e-6;
const close = (actual: number, expected: number, tol = TOL) => expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThan(tol);

// ---- independent reference distributions ----
/** Composite Simpson's rule. */
function simpson(f: (x: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
/** Φ(z) = ½ + ∫₀ᶻ e^{−x²/2}/√(2π) dx (scipy.stats.norm.cdf). */
const normCdf = (z: number) => 0.5 + simpson((x) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI), 0, z);
const normPdf = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
/** Student's t CDF by x = √ν tan θ: F(t) = ∫_{−π/2}^{atan(t/√ν)} cos^{ν−1}θ dθ ÷ ∫_{−π/2}^{π/2} cos^{ν−1}θ dθ (scipy.stats.t.cdf). */
const tTotal = new Map<number, number>();
function tCdf(t: number, nu: number): number {
  const g = (th: number) => Math.cos(th) ** (nu - 1);
  if (!tTotal.has(nu)) tTotal.set(nu, simpson(g, -Math.PI / 2, Math.PI / 2));
  return simpson(g, -Math.PI / 2, Math.atan(t / Math.sqrt(nu))) / tTotal.get(nu)!;
}
function bisect(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 64; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
const normInv = (p: number) => bisect(normCdf, p, -10, 10);
const tInv = (p: number, nu: number) => bisect((x) => tCdf(x, nu), p, -50, 50);
/** χ² survival in closed form (scipy.stats.chi2.sf) for 1, 2 and 3 degrees of freedom. */
function chi2Sf(x: number, df: 1 | 2 | 3): number {
  if (df === 1) return 2 * (1 - normCdf(Math.sqrt(x)));
  if (df === 2) return Math.exp(-x / 2);
  return 2 * (1 - normCdf(Math.sqrt(x))) + Math.sqrt((2 * x) / Math.PI) * Math.exp(-x / 2);
}

// ---- deterministic data ----
const rng = seededRandom;
function normals(seed: number) {
  const u = rng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}
const sample = (seed: number, n: number, mean: number, sd: number) => {
  const z = normals(seed);
  return Array.from({ length: n }, () => mean + sd * z());
};
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const sampleVar = (v: number[]) => {
  const m = mean(v);
  return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
};

describe('frequentist tests', { timeout: 60_000 }, () => {
  const a = sample(1, 400, 100, 30);
  const b = sample(2, 350, 106, 36);

  it('Welch difference in means matches scipy.stats.ttest_ind(equal_var=False) written out', () => {
    const r = welchTest(summarize(a), summarize(b));
    const [va, vb] = [sampleVar(a) / a.length, sampleVar(b) / b.length];
    const se = Math.sqrt(va + vb);
    const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
    const diff = mean(b) - mean(a);
    close(r.estimate, diff);
    close(r.se, se);
    close(r.df, df);
    close(r.pValue, 2 * (1 - tCdf(Math.abs(diff / se), df)));
    const w = tInv(0.975, df) * se;
    close(r.ci.lo, diff - w);
    close(r.ci.hi, diff + w);
    expect(r.pValue).toBeLessThan(0.05);
  });

  it('difference in proportions uses the unpooled standard error and the normal', () => {
    const r = proportionTest({ conversions: 120, n: 1000 }, { conversions: 150, n: 1000 });
    const [pa, pb] = [0.12, 0.15];
    const se = Math.sqrt(pa * (1 - pa) / 1000 + pb * (1 - pb) / 1000);
    close(r.estimate, 0.03);
    close(r.se, se);
    close(r.pValue, 2 * (1 - normCdf(0.03 / se)));
    close(r.ci.hi, 0.03 + normInv(0.975) * se);
  });

  it('relative lift carries the delta-method variance (gbstats TTest.variance)', () => {
    const [sa, sb] = [summarize(a), summarize(b)];
    const r = relativeLift(sa, sb);
    const [ma, mb] = [mean(a), mean(b)];
    const variance = sampleVar(b) / (ma ** 2 * b.length) + sampleVar(a) * mb ** 2 / (ma ** 4 * a.length);
    const df = welchTest(sa, sb).df;
    close(r.estimate, (mb - ma) / ma);
    close(r.se, Math.sqrt(variance));
    close(r.pValue, 2 * (1 - tCdf(Math.abs(((mb - ma) / ma) / Math.sqrt(variance)), df)));
    close(r.ci.lo, (mb - ma) / ma - tInv(0.975, df) * Math.sqrt(variance));
  });

  it('a control mean of zero gives no lift rather than a division by zero', () => {
    const r = relativeLift({ n: 10, mean: 0, variance: 0 }, { n: 10, mean: 1, variance: 1 });
    expect(r).toMatchObject({ estimate: 0, pValue: 1 });
  });
});

describe('CUPED', { timeout: 60_000 }, () => {
  // y depends on the pre-exposure x; the treatment adds 2.
  const make = (seed: number, n: number, lift: number): Paired[] => {
    const z = normals(seed);
    return Array.from({ length: n }, () => {
      const x = 50 + 10 * z();
      return { x, y: 0.8 * x + lift + 4 * z() };
    });
  };
  const ga = make(11, 500, 0);
  const gb = make(12, 480, 2);

  it('θ is the pooled within-group OLS slope and the adjusted difference is Δȳ − θΔx̄', () => {
    const r = cuped([ga, gb]);
    // OLS of y on x with a group dummy, by the normal equations on centred data.
    const centred = [ga, gb].flatMap((g) => {
      const mx = mean(g.map((p) => p.x));
      const my = mean(g.map((p) => p.y));
      return g.map((p) => [p.x - mx, p.y - my]);
    });
    const theta = centred.reduce((s, [x, y]) => s + x * y, 0) / centred.reduce((s, [x]) => s + x * x, 0);
    close(r.theta, theta);
    const dy = mean(gb.map((p) => p.y)) - mean(ga.map((p) => p.y));
    const dx = mean(gb.map((p) => p.x)) - mean(ga.map((p) => p.x));
    close(r.groups[1].mean - r.groups[0].mean, dy - theta * dx);
    // Each adjusted variance is the sample variance of y − θx.
    close(r.groups[0].variance, sampleVar(ga.map((p) => p.y - theta * p.x)), 1e-6);
    close(r.groups[1].variance, sampleVar(gb.map((p) => p.y - theta * p.x)), 1e-6);
  });

  it('shrinks the standard error by about √(1 − ρ²) and keeps the estimate near the true lift', () => {
    const r = cuped([ga, gb]);
    const plain = welchTest(summarize(ga.map((p) => p.y)), summarize(gb.map((p) => p.y)));
    const adjusted = welchTest(r.groups[0], r.groups[1]);
    expect(adjusted.se).toBeLessThan(plain.se * 0.5);
    expect(Math.abs(adjusted.estimate - 2)).toBeLessThan(3 * adjusted.se);
    expect(r.varianceRatio).toBeLessThan(0.25);
  });

  it('a covariate that never varies leaves the data alone (θ = 0)', () => {
    const r = cuped([ga.map((p) => ({ ...p, x: 0 })), gb.map((p) => ({ ...p, x: 0 }))]);
    expect(r.theta).toBe(0);
    close(r.groups[0].mean, mean(ga.map((p) => p.y)));
  });
});

describe('always-valid confidence sequence', { timeout: 60_000 }, () => {
  it('ρ and the half-width reproduce Howard et al. (2021) eq. (14) in intrinsic time', () => {
    const alpha = 0.05;
    const tuning = 5000;
    // GrowthBook's default: N* = 5000, α = 0.05 gives ρ ≈ 0.0398.
    const rho = Math.sqrt((-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuning);
    close(mixtureRho(alpha, tuning), rho);
    close(rho, 0.039842, 1e-5);
    for (const [n, varianceOfEstimate] of [[200, 0.5], [2000, 0.01], [50_000, 1e-4]] as const) {
      const s2 = varianceOfEstimate * n; // per-subject variance
      const v = n * s2; // intrinsic time V_t of the sum
      const r0 = s2 / rho ** 2; // the mixture's ρ in the units of V
      const sumBoundary = Math.sqrt(2 * (v + r0) * Math.log(Math.sqrt((v + r0) / r0) / alpha));
      const cs = confidenceSequence(0.3, varianceOfEstimate, n, alpha, tuning);
      close(cs.halfWidth, sumBoundary / n);
      close(cs.ci.lo, 0.3 - sumBoundary / n);
      // Always wider than the fixed-horizon interval at the same look.
      expect(cs.halfWidth).toBeGreaterThan(normInv(0.975) * Math.sqrt(varianceOfEstimate));
    }
  });

  it('peeking every day for 30 days keeps false positives at or under α; the fixed-horizon interval does not', () => {
    const z = normals(20261207);
    const trials = 400;
    const days = 30;
    const perDay = 40;
    let csFalse = 0;
    let naiveFalse = 0;
    for (let trial = 0; trial < trials; trial++) {
      let [na, sa, qa, nb, sb, qb] = [0, 0, 0, 0, 0, 0];
      let csHit = false;
      let naiveHit = false;
      for (let d = 0; d < days; d++) {
        for (let i = 0; i < perDay; i++) {
          const x = z();
          const y = z();
          na++; sa += x; qa += x * x;
          nb++; sb += y; qb += y * y;
        }
        const va = (qa - sa * sa / na) / (na - 1);
        const vb = (qb - sb * sb / nb) / (nb - 1);
        const diff = sb / nb - sa / na;
        const variance = va / na + vb / nb;
        if (confidenceSequence(diff, variance, na + nb).significant) csHit = true;
        if (Math.abs(diff / Math.sqrt(variance)) > 1.959964) naiveHit = true;
      }
      if (csHit) csFalse++;
      if (naiveHit) naiveFalse++;
    }
    expect(csFalse / trials).toBeLessThanOrEqual(0.05);
    expect(naiveFalse / trials).toBeGreaterThan(0.1);
  }, 60_000);
});

describe('Bayesian', { timeout: 60_000 }, () => {
  it('chance to beat control, expected loss and credible interval of N(μ, σ²)', () => {
    for (const [mu, sigma] of [[0.04, 0.03], [-0.02, 0.05], [0.001, 0.2]] as const) {
      const r = bayesian(mu, sigma);
      close(r.chanceToBeatControl, normCdf(mu / sigma));
      // E[max(0, −L)] by integrating the density directly, not through the closed form.
      const density = (x: number) => normPdf((x - mu) / sigma) / sigma;
      close(r.expectedLoss, simpson((x) => -x * density(x), mu - 12 * sigma, 0, 40_000));
      close(r.controlLoss, simpson((x) => x * density(x), 0, mu + 12 * sigma, 40_000));
      close(r.credibleInterval.hi, mu + normInv(0.975) * sigma);
    }
  });

  it('Beta posteriors: P(p_b > p_a) equals the closed form for integer parameters (Evan Miller)', () => {
    // P(B > A) = Σ_{i=0}^{α_B−1} B(α_A + i, β_A + β_B) ÷ ((β_B + i) B(1 + i, β_B) B(α_A, β_A)).
    const lnFact = (n: number) => { let s = 0; for (let k = 2; k <= n; k++) s += Math.log(k); return s; };
    const lnGamma = (n: number) => lnFact(n - 1); // integer arguments only
    const lnBeta = (x: number, y: number) => lnGamma(x) + lnGamma(y) - lnGamma(x + y);
    const [aA, bA, aB, bB] = [1 + 30, 1 + 170, 1 + 45, 1 + 155];
    let exact = 0;
    for (let i = 0; i < aB; i++) exact += Math.exp(lnBeta(aA + i, bA + bB) - Math.log(bB + i) - lnBeta(1 + i, bB) - lnBeta(aA, bA));
    close(betaChanceToBeat({ conversions: 30, n: 200 }, { conversions: 45, n: 200 }), exact);
  });
});

describe('sample-ratio mismatch', { timeout: 60_000 }, () => {
  it('is Pearson χ² with k − 1 degrees of freedom against the configured split', () => {
    const even = sampleRatioMismatch([5000, 5000], [50, 50]);
    expect(even).toMatchObject({ chiSquare: 0, pValue: 1, mismatch: false });
    const skewed = sampleRatioMismatch([5200, 4800], [50, 50]);
    close(skewed.chiSquare, 16);
    close(skewed.pValue, chi2Sf(16, 1));
    expect(skewed.mismatch).toBe(true);
    const three = sampleRatioMismatch([5100, 2450, 2450], [50, 25, 25]);
    close(three.chiSquare, 100 ** 2 / 5000 + 2 * 50 ** 2 / 2500);
    close(three.pValue, chi2Sf(three.chiSquare, 2));
    expect(three.mismatch).toBe(false);
    const four = sampleRatioMismatch([300, 200, 250, 250], [1, 1, 1, 1]);
    close(four.pValue, chi2Sf(four.chiSquare, 3));
  });
});

describe('multiple-testing correction', { timeout: 60_000 }, () => {
  it('Holm and Benjamini–Hochberg on a worked example', () => {
    const p = [0.01, 0.04, 0.03, 0.005];
    adjustPValues(p, 'holm').forEach((v, i) => close(v, [0.03, 0.06, 0.06, 0.02][i]));
    adjustPValues(p, 'bh').forEach((v, i) => close(v, [0.02, 0.04, 0.04, 0.02][i]));
  });

  it('match their definitions on any family (statsmodels multipletests written out)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (p) => {
        const m = p.length;
        const ranked = p.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v || x.i - y.i);
        const rankOf = new Map(ranked.map((r, k) => [r.i, k]));
        const holm = adjustPValues(p, 'holm');
        const bh = adjustPValues(p, 'bh');
        p.forEach((_, i) => {
          const k = rankOf.get(i)!;
          // Holm: max over the first k+1 sorted of min(1, (m − j) p_(j)).
          let h = 0;
          for (let j = 0; j <= k; j++) h = Math.max(h, Math.min(1, (m - j) * ranked[j].v));
          // BH: min over j ≥ k of min(1, m p_(j) ÷ (j + 1)).
          let b = 1;
          for (let j = k; j < m; j++) b = Math.min(b, Math.min(1, (m * ranked[j].v) / (j + 1)));
          close(holm[i], h, 1e-12);
          close(bh[i], b, 1e-12);
          expect(bh[i]).toBeLessThanOrEqual(holm[i] + 1e-15);
        });
      }),
    );
  });
});
