import { describe, expect, it } from 'vitest';
import { bandOf, dayBands, exhaustion, simulate, type ModelParams } from './simulator.model.ts';
import { sampleBinomial, sampleCount } from './simulator.sampling.ts';
import { seededRandom } from '../../platform/random.ts';
import { graphOf, syntheticGraph } from './simulator.calibration.ts';

/** A pure branching process: every reached shopper shares (p = 1), a share is clicked Poisson(μ) times by strangers. */
function galtonWatson(mu: number, over: Partial<ModelParams> = {}): ModelParams {
  return {
    seedAudience: 1,
    seedShareProbability: 1,
    seedOrderRate: 0,
    shareProbabilityByDepth: [1],
    friendClickProbability: 0,
    strangerClicksByDepth: [mu],
    strangerDispersion: 1,
    offGraphDegree: 0,
    channels: [{ weight: 1, clickFactor: 1, newCustomerPerStranger: 0.5, orderPerClick: 0.2 }],
    cycleHours: [0.1, 0.5],
    rewardPerNewCustomer: 100,
    rewardPerOrder: 50,
    budget: null,
    ...over,
  };
}

describe('simulator model', () => {
  it('draws binomial and over-dispersed counts with their mean and variance', () => {
    const random = seededRandom(17);
    const n = 20_000;
    for (const [trials, p] of [[20, 0.3], [1000, 0.3], [5000, 0.001]] as const) {
      const xs = Array.from({ length: n }, () => sampleBinomial(random, trials, p));
      const mean = xs.reduce((a, x) => a + x, 0) / n;
      expect(Math.abs(mean - trials * p)).toBeLessThan(4 * Math.sqrt((trials * p * (1 - p)) / n) + 1e-9);
    }
    const ys = Array.from({ length: n }, () => sampleCount(random, 4, 3));
    const m = ys.reduce((a, x) => a + x, 0) / n;
    const v = ys.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1);
    expect(m).toBeGreaterThan(3.85);
    expect(m).toBeLessThan(4.15);
    expect(v / m).toBeGreaterThan(2.7);
    expect(v / m).toBeLessThan(3.3);
  });

  it('gives a Galton–Watson process its expected total progeny 1/(1−μ) per seed, within 3 standard errors', () => {
    for (const mu of [0.3, 0.6]) {
      const runs = 20_000;
      const r = simulate(galtonWatson(mu), null, { runs, seed: 11, days: 30 });
      const sizes = [...r.shares];
      const mean = sizes.reduce((a, x) => a + x, 0) / runs;
      const variance = sizes.reduce((a, x) => a + (x - mean) ** 2, 0) / (runs - 1);
      // Theory: E = 1/(1−μ); Var = μ/(1−μ)^3 for Poisson offspring (σ² = μ).
      expect(variance).toBeGreaterThan(0.5 * (mu / (1 - mu) ** 3));
      expect(Math.abs(mean - 1 / (1 - mu))).toBeLessThan(3 * Math.sqrt(variance / runs));
      // Reach: the seed and every click (each click is a shopper who then shares).
      const finalReach = [...r.reach].filter((_, i) => i % 30 === 29);
      expect(finalReach.reduce((a, x) => a + x, 0) / runs).toBeCloseTo(mean, 6);
    }
  });

  it('counts new customers, orders and reward cost from reached shoppers', () => {
    const r = simulate(galtonWatson(0.5), null, { runs: 4000, seed: 3, days: 30 });
    const last = (a: Float64Array) => [...a].filter((_, i) => i % 30 === 29).reduce((s, x) => s + x, 0) / r.runs;
    const clickers = last(r.reach) - 1;
    expect(clickers).toBeGreaterThan(0.8);
    expect(last(r.newCustomers) / clickers).toBeGreaterThan(0.45);
    expect(last(r.newCustomers) / clickers).toBeLessThan(0.55);
    expect(last(r.rewardCost)).toBeCloseTo(100 * last(r.newCustomers) + 50 * last(r.orders), 6);
  });

  it('ends the campaign the hour the budget runs out and never spends past it', () => {
    const params = galtonWatson(0.9, { seedAudience: 200, cycleHours: [1, 48], budget: 20_000 });
    const r = simulate(params, null, { runs: 300, seed: 5, days: 20 });
    const ex = exhaustion(r);
    expect(ex.share).toBeGreaterThan(0.9);
    expect(ex.day).not.toBeNull();
    for (let run = 0; run < r.runs; run++) {
      for (let d = 0; d < r.days; d++) expect(r.rewardCost[run * r.days + d]).toBeLessThanOrEqual(20_000);
      const h = r.exhaustedHour[run];
      if (h >= 0) {
        // Nothing reached after the budget ran out: the totals stay flat from that day on.
        const day = Math.floor(h / 24);
        expect(r.reach[run * r.days + r.days - 1]).toBe(r.reach[run * r.days + day]);
      }
    }
    const unlimited = simulate({ ...params, budget: null }, null, { runs: 300, seed: 5, days: 20 });
    expect(exhaustion(unlimited)).toEqual({ share: 0, day: null });
    expect(bandOf(unlimited.reach.filter((_, i) => i % 20 === 19)).p50).toBeGreaterThan(bandOf(r.reach.filter((_, i) => i % 20 === 19)).p50);
  });

  it('is reproducible by seed and differs across seeds', () => {
    const params = galtonWatson(0.7, { seedAudience: 50, cycleHours: [2, 30] });
    const a = simulate(params, null, { runs: 200, seed: 42, days: 10 });
    const b = simulate(params, null, { runs: 200, seed: 42, days: 10 });
    const c = simulate(params, null, { runs: 200, seed: 43, days: 10 });
    expect([...a.reach]).toEqual([...b.reach]);
    expect([...a.rewardCost]).toEqual([...b.rewardCost]);
    expect([...a.reach]).not.toEqual([...c.reach]);
  });

  it('orders bands p10 ≤ p50 ≤ p90 and keeps cumulative days non-decreasing', () => {
    const r = simulate(galtonWatson(0.8, { seedAudience: 30, cycleHours: [3, 40] }), null, { runs: 500, seed: 9, days: 14 });
    for (const metric of ['reach', 'newCustomers', 'orders', 'rewardCost'] as const) {
      const bands = dayBands(r, metric);
      bands.forEach((b, d) => {
        expect(b.p10).toBeLessThanOrEqual(b.p50);
        expect(b.p50).toBeLessThanOrEqual(b.p90);
        if (d > 0) expect(b.p50).toBeGreaterThanOrEqual(bands[d - 1].p50);
      });
    }
  });

  it('saturates on the friendship graph: a friend is reached once however many friends share', () => {
    // A complete graph of 20: everyone shares, every friend clicks; reach can never exceed the 20 nodes.
    const ids = Array.from({ length: 20 }, (_, i) => `u${i}`);
    const { graph } = graphOf(ids, new Map(ids.map((id) => [id, ids.filter((x) => x !== id)])));
    const params = galtonWatson(0, { friendClickProbability: 1 });
    const r = simulate(params, graph, { runs: 50, seed: 1, days: 5 });
    for (let run = 0; run < r.runs; run++) expect(r.reach[run * 5 + 4]).toBe(20);
    const synthetic = syntheticGraph(500, 6, 2);
    expect(synthetic.offsets[500]).toBe(synthetic.neighbours.length);
    expect(synthetic.neighbours.length / 500).toBeGreaterThan(4);
  });

  it('conditions on observed shares: no simulated child before the cut-off', () => {
    const params = galtonWatson(0.5, { cycleHours: [1, 10] });
    const observed = { fromHour: 48, shares: [{ hour: 0, node: -1, depth: 0, channel: 0 }, { hour: 30, node: -1, depth: 1, channel: 0 }] };
    const r = simulate(params, null, { runs: 500, seed: 4, days: 10, observed });
    // Every child is drawn 1–10 h after its parent: all fall before the cut-off at 48 h and were
    // (not) observed, so no share is added to the two observed ones.
    expect(Math.max(...r.shares)).toBe(2);
  });
});
