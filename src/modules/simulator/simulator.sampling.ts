// Samplers on a [0, 1) source (the platform's seeded mulberry32): counts and draws the simulator
// makes millions of times a forecast, so each is a few arithmetic operations.

export function samplePoisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  }
  // Large means: a rounded normal is accurate to well under the Monte Carlo error here.
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * sampleNormal(random)));
}

/** Binomial(n, p): exact below 50 trials, a rounded normal (clamped to 0..n) above when n·p·(1−p) ≥ 9, else Poisson(n·p). */
export function sampleBinomial(random: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n < 50) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random() < p) k++;
    return k;
  }
  const variance = n * p * (1 - p);
  if (variance < 9) return Math.min(n, samplePoisson(random, n * p));
  return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(variance) * sampleNormal(random))));
}

export function sampleNormal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Marsaglia–Tsang gamma(shape, 1). */
export function sampleGamma(random: () => number, shape: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = 0;
    let v = 0;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A count with this mean and variance ÷ mean: Poisson at 1, gamma–Poisson (negative binomial) above. */
export function sampleCount(random: () => number, mean: number, dispersion: number): number {
  return sampleCountAfter(random, mean, dispersion, 0, 0);
}

/**
 * Rest of a gamma–Poisson count once a share `seenShare` of it has come and `seen` were counted:
 * the gamma rate's posterior is gamma(shape + seen, scale θ ÷ (1 + θ·seenShare)), θ = dispersion − 1,
 * and what is still to come is Poisson(rate × (1 − seenShare)). With nothing seen (0, 0) it is the
 * whole count, with the same draws.
 */
export function sampleCountAfter(random: () => number, mean: number, dispersion: number, seen: number, seenShare: number): number {
  const rest = 1 - seenShare;
  if (mean <= 0 || rest <= 0) return 0;
  if (dispersion <= 1.01) return samplePoisson(random, mean * rest);
  const scale = dispersion - 1;
  return samplePoisson(random, sampleGamma(random, mean / scale + seen) * (scale / (1 + scale * seenShare)) * rest);
}

/**
 * The chance that something with chance `p` of happening at all happens after a cut-off, given it
 * had not by then, when `past` (G) is the share of its delays already over: p(1 − G) ÷ (1 − pG).
 * Nothing is left once every delay is over.
 */
export function chanceAfter(p: number, past: number): number {
  return past >= 1 ? 0 : (p * (1 - past)) / (1 - p * past);
}

/** Inverse-CDF draw from quantiles at equal steps, linear between them; `from` > 0 draws above that probability (a draw conditioned on D ≥ the value quantileCdf gave it for). */
export function sampleQuantiles(random: () => number, q: number[], from = 0): number {
  if (q.length === 1) return q[0];
  const x = (from + random() * (1 - from)) * (q.length - 1);
  const i = Math.min(Math.floor(x), q.length - 2);
  return q[i] + (q[i + 1] - q[i]) * (x - i);
}

/** P(D < x) for D drawn by sampleQuantiles from these quantiles. */
export function quantileCdf(q: number[], x: number): number {
  const steps = q.length - 1;
  if (x <= q[0]) return 0;
  if (x > q[steps]) return 1;
  let i = 0;
  while (q[i + 1] < x) i++;
  // q[i] < x ≤ q[i + 1]: linear inside the step.
  return (i + (x - q[i]) / (q[i + 1] - q[i])) / steps;
}
