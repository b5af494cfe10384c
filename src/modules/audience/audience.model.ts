// "Buy till you die": BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way")
// for how many more orders a customer places and whether they are still "alive", and Gamma-Gamma
// (Fader, Hardie & Lee 2005, "RFM and CLV") for how much each order is worth. Pure functions: the
// service feeds them the store's own order history, fitted by maximum likelihood (Nelder-Mead on
// log parameters, so every parameter stays positive without constraints).
import 'fmin/build/fmin.js';

// fmin's published build is a UMD bundle inside a "type": "module" package: loaded as ESM it
// exports nothing and installs itself on globalThis instead, which is where we take it from.
const fmin = (globalThis as unknown as { fmin: FminApi }).fmin;

/**
 * Nelder-Mead with restarts. fmin 0.0.4's shrink step assigns an undeclared loop variable, which
 * throws in strict (ESM) code, so shrinking is turned off (sigma = 1 makes it stop instead) and
 * the search restarts with a fresh simplex around its best point until a restart gains nothing:
 * a restart does what a shrink would, and also escapes a simplex collapsed too early.
 */
function minimise(f: (x: number[]) => number, x0: number[]) {
  let best = fmin.nelderMead(f, x0, { maxIterations: 2000, sigma: 1 });
  for (let restart = 0; restart < 40; restart++) {
    const next = fmin.nelderMead(f, best.x, { maxIterations: 2000, sigma: 1 });
    const gained = best.fx - next.fx;
    if (next.fx < best.fx) best = next;
    if (gained < 1e-7) break;
  }
  return best;
}

/** One customer's purchase summary, time in weeks: x repeat purchases, the last at t_x, observed for T since the first. */
export interface Rfm {
  x: number;
  tx: number;
  T: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

// Lanczos approximation (g = 7, n = 9): |error| < 1e-13 over the positive reals, which is far
// below what a likelihood summed over thousands of customers can notice.
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
  const x = z - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Gauss hypergeometric 2F1(a, b; c; z) by its series, for 0 <= z < 1 (all the model needs). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 10_000; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (Math.abs(term) < 1e-14 * Math.abs(sum)) break;
  }
  return sum;
}

const logAddExp = (u: number, v: number) => (u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v)));

/** ln L(r, α, a, b | x, t_x, T): equation (6) of Fader, Hardie & Lee (2005). */
export function bgnbdLogLikelihood(params: BgNbdParams, c: Rfm): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = c;
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logAddExp(a3, a4);
}

export const bgnbdTotalLogLikelihood = (params: BgNbdParams, customers: readonly Rfm[]) => customers.reduce((acc, c) => acc + bgnbdLogLikelihood(params, c), 0);

/** P(still alive | x, t_x, T): 1 for a customer with no repeat purchase (the model's dropout happens only after a purchase). */
export function probabilityAlive(params: BgNbdParams, c: Rfm): number {
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logRatio = Math.log(a) - Math.log(b + c.x - 1) + (r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx));
  return 1 / (1 + Math.exp(logRatio));
}

/** E[purchases in (T, T + t] | x, t_x, T]: equation (10) of Fader, Hardie & Lee (2005). */
export function expectedPurchases(params: BgNbdParams, c: Rfm, t: number): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = c;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const tail = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const denom = x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
  return Math.max(0, (head * tail) / denom);
}

/** E[X(t)] for a customer just acquired: equation (9), the population's expected purchases. */
export function expectedPurchasesNew(params: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}

/** ln of the Gamma-Gamma density of a customer's mean order value m over n orders. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, n: number, m: number): number {
  const { p, q, gamma } = params;
  return lnGamma(p * n + q) - lnGamma(p * n) - lnGamma(q) + q * Math.log(gamma) + (p * n - 1) * Math.log(m) + p * n * Math.log(n) - (p * n + q) * Math.log(gamma + m * n);
}

/** E[order value | n orders averaging m]: a weighted mean of the population mean and the customer's own (needs q > 1). */
export function expectedOrderValue(params: GammaGammaParams, n: number, m: number): number {
  const { p, q, gamma } = params;
  if (n === 0) return (p * gamma) / (q - 1);
  return (p * (gamma + n * m)) / (p * n + q - 1);
}

export interface FitResult<P> {
  params: P;
  logLikelihood: number;
  iterations: number;
}

const safe = (v: number) => (Number.isFinite(v) ? v : 1e300);

/** Maximum likelihood BG/NBD fit: Nelder-Mead on (ln r, ln α, ln a, ln b) from a start scaled to the data. */
export function fitBgNbd(customers: readonly Rfm[]): FitResult<BgNbdParams> {
  const meanT = customers.reduce((s, c) => s + c.T, 0) / Math.max(1, customers.length);
  const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });
  let evaluations = 0;
  const objective = (v: number[]) => {
    evaluations++;
    // Parameters past e^±12 are numerically meaningless and let the simplex wander off.
    if (v.some((k) => Math.abs(k) > 12)) return 1e300;
    return safe(-bgnbdTotalLogLikelihood(toParams(v), customers));
  };
  const best = minimise(objective, [0, Math.log(Math.max(1, meanT)), 0, 0]);
  return { params: toParams(best.x), logLikelihood: -best.fx, iterations: evaluations };
}

/** Maximum likelihood Gamma-Gamma fit on (n orders, mean value m) pairs with n >= 1 and m > 0. */
export function fitGammaGamma(spend: readonly { n: number; m: number }[]): FitResult<GammaGammaParams> {
  const meanM = spend.reduce((s, c) => s + c.m, 0) / Math.max(1, spend.length);
  const toParams = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
  let evaluations = 0;
  const objective = (v: number[]) => {
    evaluations++;
    if (v.some((k) => Math.abs(k) > 15)) return 1e300;
    const params = toParams(v);
    return safe(-spend.reduce((acc, c) => acc + gammaGammaLogLikelihood(params, c.n, c.m), 0));
  };
  const best = minimise(objective, [Math.log(2), Math.log(3), Math.log(Math.max(1, meanM))]);
  return { params: toParams(best.x), logLikelihood: -best.fx, iterations: evaluations };
}
