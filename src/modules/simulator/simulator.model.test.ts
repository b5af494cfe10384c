import { describe, expect, it } from 'vitest';
import { simulate, type ModelParams, type ObservedShare } from './simulator.model.ts';
import { bandOf, dayBands, exhaustion } from './simulator.bands.ts';
import { quantileCdf, sampleBinomial, sampleCount, sampleCountAfter, sampleGamma, samplePoisson, sampleQuantiles } from './simulator.sampling.ts';
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
    strangerClickHours: [0],
    friendClickHours: [0],
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

  it('dates a click a delay after its share, and what it brings by the click', () => {
    // Every stranger clicks 30 h after the share: the seed shares within the first hour, so its
    // clicks, their new customers and orders land on day 2, and their own shares' clicks on day 3.
    const runs = 4000;
    const r = simulate(galtonWatson(0.5, { strangerClickHours: [30] }), null, { runs, seed: 8, days: 5 });
    const day = (a: Float64Array, run: number, d: number) => a[run * 5 + d] - (d > 0 ? a[run * 5 + d - 1] : 0);
    const mean = (f: (run: number) => number) => Array.from({ length: runs }, (_, run) => f(run)).reduce((a, x) => a + x, 0) / runs;
    for (let run = 0; run < runs; run++) {
      expect(r.reach[run * 5]).toBe(1);
      expect(r.newCustomers[run * 5] + r.orders[run * 5] + r.rewardCost[run * 5]).toBe(0);
    }
    // First-generation clicks (Poisson 0.5) on day 2, half of them new customers; the second generation (0.25) on day 3.
    const se = Math.sqrt(0.5 / runs);
    expect(Math.abs(mean((run) => day(r.reach, run, 1)) - 0.5)).toBeLessThan(4 * se);
    expect(Math.abs(mean((run) => day(r.newCustomers, run, 1)) - 0.25)).toBeLessThan(4 * se);
    expect(Math.abs(mean((run) => day(r.reach, run, 2)) - 0.25)).toBeLessThan(4 * se);
    // A one-day campaign ends before any click comes.
    const short = simulate(galtonWatson(0.5, { strangerClickHours: [30] }), null, { runs: 200, seed: 8, days: 1 });
    expect([...short.reach].every((x) => x === 1)).toBe(true);

    // Friends too: on a complete graph every friend clicks the seed's share 30 h after it (day 2).
    const ids = Array.from({ length: 20 }, (_, i) => `u${i}`);
    const { graph } = graphOf(ids, new Map(ids.map((id) => [id, ids.filter((x) => x !== id)])));
    const friends = simulate(galtonWatson(0, { friendClickProbability: 1, friendClickHours: [30] }), graph, { runs: 50, seed: 1, days: 3 });
    for (let run = 0; run < friends.runs; run++) expect([friends.reach[run * 3], friends.reach[run * 3 + 1]]).toEqual([1, 20]);
  });

  it('draws delays above a cut-off as the delays that land after it, and updates a share’s click rate on what it got', () => {
    const random = seededRandom(23);
    const q = [0, 2, 10, 30, 48];
    // P(D < x) matches the draws, and draws above F never fall below x.
    for (const x of [1, 6, 20, 40]) {
      const f = quantileCdf(q, x);
      const below = Array.from({ length: 20_000 }, () => sampleQuantiles(random, q)).filter((d) => d < x).length / 20_000;
      expect(Math.abs(below - f)).toBeLessThan(0.015);
      expect(Math.min(...Array.from({ length: 2000 }, () => sampleQuantiles(random, q, f)))).toBeGreaterThanOrEqual(x - 1e-9);
    }
    expect([quantileCdf([5], 5), quantileCdf([5], 5.1), quantileCdf([1, 1, 1], 2)]).toEqual([0, 1, 1]);
    // Gamma–Poisson, mean 4, variance ÷ mean 3 (shape 2, scale 2), half its clicks come by the cut-off:
    // a share that had 10 then expects (2 + 10) × 2 ÷ (1 + 2 × ½) × ½ = 6 more; one that had none 1.
    const n = 40_000;
    const meanOf = (f: () => number) => Array.from({ length: n }, f).reduce((a, x) => a + x, 0) / n;
    expect(meanOf(() => sampleCountAfter(random, 4, 3, 10, 0.5))).toBeCloseTo(6, 1);
    expect(meanOf(() => sampleCountAfter(random, 4, 3, 0, 0.5))).toBeCloseTo(1, 1);
    expect(meanOf(() => sampleCountAfter(random, 4, 1, 10, 0.5))).toBeCloseTo(2, 1); // Poisson: what came says nothing
    // Over shares drawn from the model, the late clicks average mean × (1 − F): conditioning adds no bias.
    const late = meanOf(() => sampleCountAfter(random, 4, 3, samplePoisson(random, sampleGamma(random, 2) * 2 * 0.5), 0.5));
    expect(Math.abs(late - 2)).toBeLessThan(0.06);
  });

  it('nowcasts from what was seen by the cut-off: nothing more when every click and reshare time has passed', () => {
    const params = galtonWatson(0.5, { strangerClickHours: [1, 10], cycleHours: [1, 5] });
    const clicks = [{ hour: 2, node: -1, stranger: true, shared: false }, { hour: 5, node: -1, stranger: true, shared: true }];
    const observed = { fromHour: 48, shares: [{ hour: 0, node: -1, depth: 0, channel: 0, clicks }, { hour: 30, node: -1, depth: 1, channel: 0, clicks: [] }] };
    const r = simulate(params, null, { runs: 500, seed: 4, days: 10, observed });
    // Every click comes 1–10 h after its share and every reshare 1–5 h after its click: all were
    // due before the cut-off at 48 h, so the nowcast adds nothing to what was seen.
    expect([...r.shares].every((x) => x === 2)).toBe(true);
    for (const metric of [r.reach, r.newCustomers, r.orders, r.rewardCost]) expect([...metric].every((x) => x === 0)).toBe(true);
  });

  it('nowcasts the clicks still to come on an observed share, after the cut-off only', () => {
    const runs = 4000;
    // Stranger delays uniform on 0–20 h; the share is 8 h old at the cut-off, so 40% of its clicks
    // had come: of Poisson(5), 3 are still to come on average, all after hour 48.
    const params = galtonWatson(5, { strangerClickHours: [0, 20], shareProbabilityByDepth: [0] });
    const share: ObservedShare = { hour: 40, node: -1, depth: 0, channel: 0, clicks: [] };
    const r = simulate(params, null, { runs, seed: 6, days: 4, observed: { fromHour: 48, shares: [share] } });
    for (let run = 0; run < runs; run++) expect(r.reach[run * 4 + 1]).toBe(0);
    const final = [...r.reach].filter((_, i) => i % 4 === 3);
    expect(Math.abs(final.reduce((a, x) => a + x, 0) / runs - 3)).toBeLessThan(4 * Math.sqrt(3 / runs));

    // Friends: a sharer with 100 friends (q = ½, delays uniform on 0–20 h), 20 of whom had clicked by
    // the cut-off. Each of the other 80 had not by then, so clicks later with ½ × 0.6 ÷ (1 − ½ × 0.4) = 0.375.
    const ids = Array.from({ length: 101 }, (_, i) => `u${i}`);
    const { graph } = graphOf(ids, new Map([['u0', ids.slice(1)]]));
    const star = galtonWatson(0, { friendClickProbability: 0.5, friendClickHours: [0, 20], shareProbabilityByDepth: [0] });
    const seen = Array.from({ length: 20 }, (_, i) => ({ hour: 41, node: i + 1, stranger: false, shared: false }));
    const f = simulate(star, graph, { runs, seed: 6, days: 4, observed: { fromHour: 48, shares: [{ ...share, node: 0, clicks: seen }] } });
    const friends = [...f.reach].filter((_, i) => i % 4 === 3);
    expect(Math.max(...friends)).toBeLessThanOrEqual(80);
    expect(Math.abs(friends.reduce((a, x) => a + x, 0) / runs - 30)).toBeLessThan(4 * Math.sqrt((80 * 0.375 * 0.625) / runs));
  });

  it('lets a shopper reached before the cut-off share after it, with the chance left once their time had partly passed', () => {
    const runs = 6000;
    // Propensity ½, reshare time uniform on 0–4 h, the click 2 h before the cut-off: ½ × ½ ÷ (1 − ¼) = ⅓.
    const params = galtonWatson(0, { shareProbabilityByDepth: [0.5], cycleHours: [0, 4] });
    const observed = { fromHour: 48, shares: [{ hour: 40, node: -1, depth: 0, channel: 0, clicks: [{ hour: 46, node: -1, stranger: true, shared: false }] }] };
    const r = simulate(params, null, { runs, seed: 12, days: 4, observed });
    const later = [...r.shares].reduce((a, x) => a + x - 1, 0) / runs;
    expect(Math.abs(later - 1 / 3)).toBeLessThan(4 * Math.sqrt((1 / 3) * (2 / 3) / runs));
    // The same click already shared on: nothing more.
    const shared = simulate(params, null, { runs: 500, seed: 12, days: 4, observed: { ...observed, shares: [{ ...observed.shares[0], clicks: [{ ...observed.shares[0].clicks[0], shared: true }] }] } });
    expect([...shared.shares].every((x) => x === 1)).toBe(true);
  });

  it('gives strangers and friends their own share propensity, in a run and for a click seen by the cut-off', () => {
    const runs = 4000;
    // A seed's share is clicked by Poisson(2) strangers and by its 10 friends with q = ½; friends share
    // on with ⅔, strangers never: the seed share and ⅔ × 5 friends' shares on average.
    const ids = Array.from({ length: 11 }, (_, i) => `u${i}`);
    const { graph } = graphOf(ids, new Map([['u0', ids.slice(1)]]));
    const params = galtonWatson(2, { seedAudience: 1, friendClickProbability: 0.5, shareProbabilityByDepth: [2 / 3, 0], strangerShareProbabilityByDepth: [0] });
    const seed: ObservedShare = { hour: 0, node: 0, depth: 0, channel: 0, clicks: [] };
    const r = simulate(params, graph, { runs, seed: 8, days: 3, observed: { fromHour: 0, shares: [seed] } });
    const mean = [...r.shares].reduce((a, x) => a + x - 1, 0) / runs;
    expect(Math.abs(mean - 10 / 3)).toBeLessThan(4 * Math.sqrt(10 * 0.5 * (2 / 3) / runs));
    // Swapped, only strangers share on: 2 on average.
    const swapped = simulate({ ...params, shareProbabilityByDepth: [0], strangerShareProbabilityByDepth: [1, 0] }, graph, { runs, seed: 8, days: 3, observed: { fromHour: 0, shares: [seed] } });
    expect(Math.abs([...swapped.shares].reduce((a, x) => a + x - 1, 0) / runs - 2)).toBeLessThan(4 * Math.sqrt(2 / runs));
    // A stranger who had clicked by the cut-off and not shared yet shares on with the strangers' chance left.
    const cutoff = { fromHour: 48, shares: [{ hour: 40, node: -1, depth: 0, channel: 0, clicks: [{ hour: 46, node: -1, stranger: true, shared: false }] }] };
    const still = galtonWatson(0, { shareProbabilityByDepth: [1], strangerShareProbabilityByDepth: [0], cycleHours: [0, 4] });
    expect([...simulate(still, null, { runs: 500, seed: 12, days: 4, observed: cutoff }).shares].every((x) => x === 1)).toBe(true);
  });
});
