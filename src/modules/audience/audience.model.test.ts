// BG/NBD and Gamma-Gamma checked against independent computations: closed forms done by hand,
// numerical integration of the model's definition (not its closed-form likelihood), a Monte
// Carlo simulation, and maximum likelihood recovering known parameters from simulated data.
// The published CDNOW total (-9582.4 for r=0.243, α=4.414, a=0.793, b=2.426) needs the CDNOW
// sample, which is not in the repository, so it is not asserted here.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random.ts';
import {
  bgnbdLogLikelihood,
  bgnbdTotalLogLikelihood,
  expectedOrderValue,
  expectedPurchases,
  expectedPurchasesNew,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  hyp2f1,
  lnGamma,
  probabilityAlive,
  type BgNbdParams,
  type Rfm,
} from './audience.model.ts';

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Simpson's rule on [lo, hi] with n (even) intervals. */
function simpson(f: (x: number) => number, lo: number, hi: number, n = 4000) {
  const h = (hi - lo) / n;
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/**
 * The individual likelihood integrated over the mixing distributions by quadrature, from the
 * model's definition: L(λ, p) = (1-p)^x λ^x e^{-λT} + [x>0] p (1-p)^{x-1} λ^x e^{-λ t_x}, with
 * λ ~ Gamma(r, α) and p ~ Beta(a, b). Substitutions v = λ^ρ (ρ = min(r, 1)) and s = p^σ (σ = min(a, 1))
 * remove the endpoint singularities of the densities when r < 1 or a < 1.
 */
function likelihoodByQuadrature(params: BgNbdParams, c: Rfm) {
  const { r, alpha, a, b } = params;
  const lambdaMax = 80 / alpha;
  const rho = Math.min(r, 1);
  const sigma = Math.min(a, 1);
  // ∫ λ^x e^{-λ t} g(λ) dλ with g the Gamma(r, α) density; λ^{r-1} dλ = λ^{r-ρ} dv / ρ.
  const gammaPart = (t: number) =>
    (simpson((v) => { const l = Math.pow(v, 1 / rho); return Math.pow(l, c.x + r - rho) * Math.exp(-l * (t + alpha)); }, 0, Math.pow(lambdaMax, rho)) * Math.pow(alpha, r)) / rho / Math.exp(lnGamma(r));
  // ∫ h(p) p^{a-1} (1-p)^{b-1} dp with p^{a-1} dp = p^{a-σ} ds / σ, divided by B(a, b) computed the same way.
  const betaPart = (h: (p: number) => number) => simpson((s) => { const p = Math.pow(s, 1 / sigma); return h(p) * Math.pow(p, a - sigma) * Math.pow(1 - p, b - 1); }, 0, 1) / sigma;
  const B = betaPart(() => 1);
  const alive = (betaPart((p) => Math.pow(1 - p, c.x)) / B) * gammaPart(c.T);
  const died = c.x > 0 ? (betaPart((p) => p * Math.pow(1 - p, c.x - 1)) / B) * gammaPart(c.tx) : 0;
  return alive + died;
}

describe('special functions', () => {
  it('lnGamma matches factorials and Γ(1/2) = √π', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    // Γ(1/4) = 3.625609908221908 (Abramowitz & Stegun 6.1)
    expect(lnGamma(0.25)).toBeCloseTo(Math.log(3.625609908221908), 12);
  });
  it('2F1 matches closed forms', () => {
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
    // 2F1(a, b; b; z) = (1 - z)^-a
    expect(hyp2f1(2.5, 3, 3, 0.3)).toBeCloseTo(Math.pow(0.7, -2.5), 12);
  });
});

describe('BG/NBD likelihood with the CDNOW parameters', () => {
  it('is (α / (α + T))^r for a customer with no repeat purchase (worked by hand)', () => {
    // r ln(α / (α + T)) = 0.243 × ln(4.414 / 43.274) = 0.243 × -2.28276 = -0.554712
    expect(bgnbdLogLikelihood(CDNOW, { x: 0, tx: 0, T: 38.86 })).toBeCloseTo(-0.554712, 5);
  });

  it.each([
    { x: 0, tx: 0, T: 38.86 },
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 1, tx: 1.71, T: 38.86 },
    { x: 7, tx: 29.43, T: 32 },
  ])('equals the model integrated numerically for x=$x, t_x=$tx, T=$T', (c) => {
    const closed = bgnbdLogLikelihood(CDNOW, c);
    const numeric = Math.log(likelihoodByQuadrature(CDNOW, c));
    expect(Math.abs(closed - numeric)).toBeLessThan(1e-4);
  });

  it('also equals the integral for parameters away from CDNOW (r, a > 1)', () => {
    const params = { r: 2.5, alpha: 7, a: 1.8, b: 4.2 };
    for (const c of [{ x: 3, tx: 12, T: 20 }, { x: 0, tx: 0, T: 5 }]) expect(Math.abs(bgnbdLogLikelihood(params, c) - Math.log(likelihoodByQuadrature(params, c)))).toBeLessThan(1e-4);
  });
});

describe('BG/NBD predictions', () => {
  it('P(alive) is 1 without a repeat purchase, falls with time since the last one, rises with a later last purchase', () => {
    expect(probabilityAlive(CDNOW, { x: 0, tx: 0, T: 30 })).toBe(1);
    const recent = probabilityAlive(CDNOW, { x: 4, tx: 30, T: 32 });
    const lapsed = probabilityAlive(CDNOW, { x: 4, tx: 10, T: 32 });
    const later = probabilityAlive(CDNOW, { x: 4, tx: 10, T: 60 });
    expect(recent).toBeGreaterThan(lapsed);
    expect(lapsed).toBeGreaterThan(later);
    expect(later).toBeGreaterThan(0);
    // Hand computed: 1 / (1 + a/(b+x-1) × ((α+T)/(α+t_x))^(r+x)) for x=2, t_x=30.43, T=38.86.
    const ratio = (0.793 / (2.426 + 1)) * Math.pow((4.414 + 38.86) / (4.414 + 30.43), 2.243);
    expect(probabilityAlive(CDNOW, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(1 / (1 + ratio), 12);
  });

  it('a customer seen at time 0 expects what a new customer expects', () => {
    expect(expectedPurchases(CDNOW, { x: 0, tx: 0, T: 0 }, 39)).toBeCloseTo(expectedPurchasesNew(CDNOW, 39), 10);
  });

  it('E[X(t)] of a new customer matches a Monte Carlo simulation of the model', () => {
    const rand = seededRandom(17);
    const t = 39;
    const n = 40_000;
    let total = 0;
    for (let i = 0; i < n; i++) total += simulate(CDNOW, t, rand).length;
    const expected = expectedPurchasesNew(CDNOW, t);
    // Purchases per customer have a standard deviation well under 4 here: 4 / √40000 = 0.02.
    expect(Math.abs(total / n - expected)).toBeLessThan(0.06);
  });
});

describe('maximum likelihood', () => {
  it('recovers known BG/NBD parameters from simulated customers and beats the truth on likelihood', () => {
    const truth: BgNbdParams = { r: 0.8, alpha: 6, a: 0.9, b: 3.5 };
    const rand = seededRandom(7);
    const customers: Rfm[] = Array.from({ length: 3000 }, () => {
      const T = 20 + rand() * 30;
      const times = simulate(truth, T, rand);
      return { x: times.length, tx: times.at(-1) ?? 0, T };
    });
    const fit = fitBgNbd(customers);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgnbdTotalLogLikelihood(truth, customers) - 1e-6);
    // The purchase rate r/α is what the data pins down best; the dropout (a, b) less so.
    expect(fit.params.r / fit.params.alpha).toBeGreaterThan(0.8 * (truth.r / truth.alpha));
    expect(fit.params.r / fit.params.alpha).toBeLessThan(1.25 * (truth.r / truth.alpha));
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeGreaterThan(0.5 * (truth.a / (truth.a + truth.b)));
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(2 * (truth.a / (truth.a + truth.b)));
    // A few seconds of CPU: generous room on a machine busy with other suites.
  }, 60_000);

  it('Gamma-Gamma: the density of a mean spend integrates to 1, and the fit recovers the mean spend', () => {
    const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
    for (const n of [1, 3]) expect(simpson((m) => (m === 0 ? 0 : Math.exp(gammaGammaLogLikelihood(gg, n, m))), 0, 400, 20_000)).toBeCloseTo(1, 3);
    // Population mean spend p γ / (q - 1) = 6.25 × 15.44 / 2.74 = 35.219.
    expect(expectedOrderValue(gg, 0, 0)).toBeCloseTo(35.219, 3);
    // A customer's expectation lies between the population mean and their own.
    const own = expectedOrderValue(gg, 4, 80);
    expect(own).toBeGreaterThan(35.219);
    expect(own).toBeLessThan(80);

    const rand = seededRandom(3);
    const spend = Array.from({ length: 2000 }, () => {
      const nu = gammaSample(gg.q, rand) / gg.gamma;
      const n = 2 + Math.floor(rand() * 5);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += gammaSample(gg.p, rand) / nu;
      return { n, m: sum / n };
    });
    const fit = fitGammaGamma(spend);
    const mean = (fit.params.p * fit.params.gamma) / (fit.params.q - 1);
    expect(mean).toBeGreaterThan(35.219 * 0.85);
    expect(mean).toBeLessThan(35.219 * 1.15);
  }, 60_000);
});

// ---- simulation of the model's story, written from the paper's assumptions ----

/** Marsaglia-Tsang gamma sampler (shape k, scale 1), with the k < 1 boost. */
function gammaSample(k: number, rand: () => number): number {
  if (k < 1) return gammaSample(k + 1, rand) * Math.pow(rand(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box-Muller normal
      x = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Repeat purchase times in (0, T] of one customer: Poisson(λ) purchases, each followed by dropout with probability p. */
function simulate(params: BgNbdParams, T: number, rand: () => number): number[] {
  const lambda = gammaSample(params.r, rand) / params.alpha;
  const ga = gammaSample(params.a, rand);
  const p = ga / (ga + gammaSample(params.b, rand));
  const times: number[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(1 - rand()) / lambda;
    if (t > T) return times;
    times.push(t);
    if (rand() < p) return times;
  }
}
