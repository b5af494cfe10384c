import { describe, expect, it } from 'vitest';
import { gram, trainEase, trainItemItem, trainPopularity } from './recommend.models.ts';
import { chooseEaseLambda, EASE_LAMBDAS, evaluateHistories, syntheticHistory } from './recommend.offline.ts';
import type { UserHistory } from './recommend.rules.ts';
import { blendSocial, fillWithPopular, leaveLastOut, ndcgAtK, recallAtK, strongest, topK } from './recommend.rules.ts';

describe('offline metrics on hand-computed cases', () => {
  it('recall@k counts the relevant items found in the first k', () => {
    expect(recallAtK([3, 1, 2], new Set([1, 5]), 2)).toBe(0.5);
    expect(recallAtK([3, 1, 2], new Set([1, 2]), 3)).toBe(1);
    expect(recallAtK([3, 1, 2], new Set([2]), 2)).toBe(0);
    expect(recallAtK([3, 1, 2], new Set(), 10)).toBe(0);
  });

  it('NDCG@k discounts a hit by log2(position + 1) over the ideal ordering', () => {
    // One relevant item at position 2: 1 / log2(3).
    expect(ndcgAtK([3, 1, 2], new Set([1]), 10)).toBeCloseTo(0.63093, 5);
    // At the top: perfect.
    expect(ndcgAtK([1, 3, 2], new Set([1]), 10)).toBe(1);
    // Two relevant at positions 2 and 3: (1/log2 3 + 1/log2 4) / (1 + 1/log2 3) = 1.130930 / 1.630930 = 0.693426.
    expect(ndcgAtK([3, 1, 2], new Set([1, 2]), 10)).toBeCloseTo(0.69343, 5);
    // Outside the cut-off counts nothing.
    expect(ndcgAtK([3, 4, 1], new Set([1]), 2)).toBe(0);
  });

  it('topK returns the best indices first, skipping excluded ones, lower index first on ties', () => {
    expect(topK([0.1, 0.9, 0.5, 0.9, 0.2], 3)).toEqual([1, 3, 2]);
    expect(topK([0.1, 0.9, 0.5, 0.9, 0.2], 2, new Set([1]))).toEqual([3, 2]);
    expect(topK([1, 2], 5)).toEqual([1, 0]);
  });
});

describe('leave-last-out split', () => {
  it('holds out each user’s most recent item and keeps single-item users for training only', () => {
    const split = leaveLastOut([
      { user: 0, items: [{ item: 4, weight: 1, at: 10 }, { item: 7, weight: 5, at: 30 }, { item: 2, weight: 3, at: 20 }] },
      { user: 1, items: [{ item: 3, weight: 1, at: 5 }] },
    ]);
    expect(split.test).toEqual([{ row: 0, item: 7 }]);
    expect(split.train[0]).toEqual({ items: [4, 2], weights: [1, 3] });
    expect(split.train[1]).toEqual({ items: [3], weights: [1] });
  });

  it('keeps the strongest behaviour and the latest time per item', () => {
    expect(strongest({ weight: 5, at: 10 }, { weight: 1, at: 20 })).toEqual({ weight: 5, at: 20 });
    expect(strongest(undefined, { weight: 3, at: 1 })).toEqual({ weight: 3, at: 1 });
  });
});

describe('models on tiny matrices', () => {
  // Users: {0,1}, {0,1}, {1,2}, {2,3}, every weight 1.
  const rows = [[0, 1], [0, 1], [1, 2], [2, 3]].map((items) => ({ items, weights: items.map(() => 1) }));

  it('builds XᵀX as co-occurrence counts', () => {
    const g = gram(rows, 4);
    expect([g[0], g[1], g[5], g[6], g[10], g[11], g[15]]).toEqual([2, 2, 3, 1, 2, 1, 1]);
  });

  it('item-to-item uses the cosine of item columns: cos(0,1) = 2/√6, cos(2,3) = 1/√2, cos(0,2) = 0', () => {
    const m = trainItemItem(rows, 4);
    expect(m.neighbours[0]).toEqual([{ item: 1, score: expect.closeTo(2 / Math.sqrt(6), 10) }]);
    expect(m.neighbours[3]).toEqual([{ item: 2, score: expect.closeTo(1 / Math.SQRT2, 10) }]);
    const out = new Float64Array(4);
    m.score({ items: [0], weights: [1] }, out);
    expect(topK(out, 1, new Set([0]))).toEqual([1]);
    expect(m.because({ items: [0, 3], weights: [1, 1] }, 2)).toBe(3);
  });

  it('EASE^R matches the closed form on two items: B01 = c/(a+λ), B10 = c/(b+λ), zero diagonal', () => {
    // Users {0,1}, {0,1}, {0}: a = G00 = 3, b = G11 = 2, c = G01 = 2; λ = 1.
    const two = [[0, 1], [0, 1], [0]].map((items) => ({ items, weights: items.map(() => 1) }));
    const m = trainEase(two, 2, { lambda: 1 });
    expect(m.weights[0]).toBe(0);
    expect(m.weights[3]).toBe(0);
    expect(m.weights[1]).toBeCloseTo(2 / 4, 10);
    expect(m.weights[2]).toBeCloseTo(2 / 3, 10);
  });

  it('popularity sums the weights each item got', () => {
    const m = trainPopularity([{ items: [0, 2], weights: [5, 1] }, { items: [2], weights: [3] }], 3);
    expect([...m.counts]).toEqual([5, 0, 4]);
  });
});

describe('friends bought and filling', () => {
  it('blends friends’ purchases into the model ranking with the larger part as the reason', () => {
    const ranked = blendSocial(
      [{ item: 1, score: 4, because: 9 }, { item: 2, score: 2, because: 8 }, { item: 3, score: 1, because: 9 }],
      new Map([[3, 3], [5, 1], [9, 2]]),
      new Set([9]),
      10,
    );
    // 3: 0.25 model + 1 social; 1: 1 model; 2: 0.5 model; 5: 1/3 social; 9 excluded (already theirs).
    expect(ranked.map((r) => [r.item, r.reason])).toEqual([[3, 'friends_bought'], [1, 'because_viewed'], [2, 'because_viewed'], [5, 'friends_bought']]);
    expect(ranked[0]).toMatchObject({ friends: 3, reasonItem: null, score: 1.25 });
    expect(ranked[1]).toMatchObject({ reasonItem: 9, friends: 0 });
  });

  it('tops the personal list up with popular items, never twice and never an excluded one', () => {
    const r = (productId: string) => ({ productId });
    expect(fillWithPopular([r('a'), r('b')], [r('b'), r('c'), r('x'), r('d')], new Set(['x']), 4).map((x) => x.productId)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('offline evaluation on a synthetic history with taste clusters', () => {
  it('is reproducible from its seed and the personal models beat popularity by at least 1.5× on recall@10', () => {
    const a = syntheticHistory({ interactions: 20_000, items: 200, clusters: 10, seed: 7 });
    const b = syntheticHistory({ interactions: 20_000, items: 200, clusters: 10, seed: 7 });
    expect(a.histories).toEqual(b.histories);
    expect(a.events).toBe(20_000);
    const report = evaluateHistories(a.histories, a.items);
    expect(report.models.map((m) => m.model)).toEqual(['popularity', 'item_item', 'ease']);
    for (const m of report.models) {
      expect(m.recallAt10).toBeGreaterThan(0);
      expect(m.ndcgAt10).toBeLessThanOrEqual(m.recallAt10);
    }
    expect(report.models.find((m) => m.model === 'item_item')!.recallVsPopularity).toBeGreaterThanOrEqual(1.5);
    expect(report.models.find((m) => m.model === 'ease')!.recallVsPopularity).toBeGreaterThanOrEqual(1.5);
  });
});

describe('choosing EASE^R’s λ and weighting by validation', () => {
  // Views follow taste (user u views items u % 10, u % 10 + 10 and u % 10 + 20); the heavily weighted
  // orders are random: the weights mislead, so counting every interaction 1 should win on validation.
  // Times are random so every taste item is sometimes held out and sometimes trained on.
  function misleadingWeights(): UserHistory[] {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const out: UserHistory[] = [];
    for (let u = 0; u < 400; u++) {
      const taste = [u % 10, (u % 10) + 10, (u % 10) + 20];
      const items = new Map<number, { item: number; weight: number; at: number }>();
      for (let e = 0; e < 3; e++) {
        const item = 30 + Math.floor(random() ** 2 * 30);
        items.set(item, { item, weight: 5, at: random() });
      }
      taste.forEach((item) => items.set(item, { item, weight: 1, at: random() }));
      out.push({ user: u, items: [...items.values()] });
    }
    return out;
  }

  it('picks the candidate with the best validation recall, binary when the weights mislead', () => {
    const chosen = chooseEaseLambda(misleadingWeights(), 60);
    expect(chosen.binary).toBe(true);
    expect(EASE_LAMBDAS).toContain(chosen.lambda);
    expect(chosen.validationRecall).toBeGreaterThan(0.5);
  });

  it('the evaluation reports the chosen candidate and it scores at least as well as the fixed default', () => {
    const histories = misleadingWeights();
    const tuned = evaluateHistories(histories, 60, { models: ['popularity', 'ease'] }).models.find((m) => m.model === 'ease')!;
    const fixed = evaluateHistories(histories, 60, { models: ['popularity', 'ease'], lambda: 200 }).models.find((m) => m.model === 'ease')!;
    expect(tuned.binary).toBe(true);
    expect(fixed.binary).toBe(false);
    expect(tuned.recallAt10).toBeGreaterThan(fixed.recallAt10);
  });

  it('keeps the default λ when there is nothing to validate on', () => {
    expect(chooseEaseLambda([{ user: 0, items: [{ item: 0, weight: 1, at: 0 }] }], 3)).toEqual({ lambda: 200, binary: false, validationRecall: null });
  });
});
