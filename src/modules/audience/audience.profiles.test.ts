// The fit the nightly recompute reports, on purchase histories drawn from a known BG/NBD process:
// the holdout check predicts the last four weeks' purchases from the weeks before, and on data that
// really follows the model the prediction lands near what happened.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random.ts';
import { fitModels, HOLDOUT_WEEKS, type CustomerFacts } from './audience.profiles.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const NOW = new Date('2026-12-01T00:00:00Z');

function gamma(k: number, rand: () => number): number {
  if (k < 1) return gamma(k + 1, rand) * Math.pow(rand(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A store whose customers arrive over 30 weeks, buy at Poisson rates and drop out after purchases. */
function store(customers: number, seed: number): CustomerFacts[] {
  const rand = seededRandom(seed);
  return Array.from({ length: customers }, (_, i) => {
    const lambda = gamma(0.9, rand) / 5; // purchases per week
    const ga = gamma(0.8, rand);
    const p = ga / (ga + gamma(4, rand));
    const start = NOW.getTime() - (8 + rand() * 22) * WEEK;
    const purchases = [{ at: new Date(start), amount: 5000 + Math.floor(rand() * 20000) }];
    let t = start;
    for (;;) {
      if (rand() < p) break;
      t += (-Math.log(1 - rand()) / lambda) * WEEK;
      if (t >= NOW.getTime()) break;
      purchases.push({ at: new Date(t), amount: 5000 + Math.floor(rand() * 20000) });
    }
    return { userId: `u${i}`, signedUpAt: new Date(start - DAY), purchases, currency: 'CNY', shares: 0, shareSignups: 0, lastShareAt: null, channel: 'direct', campaignId: null };
  });
}

describe('model fit of the recompute', () => {
  it('fits BG/NBD and Gamma-Gamma and predicts the holdout weeks within a fifth of what happened', () => {
    const models = fitModels(store(1500, 11), NOW);
    expect(models.bgnbd).not.toBeNull();
    expect(models.gg).not.toBeNull();
    const h = models.holdout!;
    expect(h.weeks).toBe(HOLDOUT_WEEKS);
    expect(h.actual).toBeGreaterThan(100);
    expect(Math.abs(h.predicted - h.actual) / h.actual).toBeLessThan(0.2);
    // Customers with more purchases before the holdout are expected to buy more in it.
    const means = h.byRepeatPurchases.filter((b) => b.customers > 20).map((b) => b.predicted);
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1]);
  }, 60_000);

  it('says why it does not fit a store with too few buyers', () => {
    const models = fitModels(store(10, 3), NOW);
    expect(models.bgnbd).toBeNull();
    expect(models.reason).toMatch(/needs 20 buyers/);
  });
});
