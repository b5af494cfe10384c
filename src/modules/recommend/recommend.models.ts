// The three recommenders, pure and DB-free, over items numbered 0..n-1 and user rows of
// (item, weight): a popularity baseline, item-to-item collaborative filtering (cosine on the
// weighted interactions, pruned to each item's nearest neighbours), and EASE^R (Steck 2019,
// "Embarrassingly Shallow Autoencoders for Sparse Data"): B = I − P·diagMat(1/diag(P)) with
// P = (XᵀX + λI)⁻¹, the inverse taken by ml-matrix. EASE^R holds two dense n×n matrices, so it
// is meant for catalogues of up to a few thousand items (n = 1,000 is 8 MB per matrix).
import { inverse, Matrix } from 'ml-matrix';
import type { UserRow } from './recommend.rules.ts';

export type ModelName = 'popularity' | 'item_item' | 'ease';
export const MODEL_NAMES: readonly ModelName[] = ['popularity', 'item_item', 'ease'];

export interface Recommender {
  name: ModelName;
  items: number;
  /** Scores of every item for a user with these items (higher is better); `out` has length `items`. */
  score(row: UserRow, out: Float64Array): void;
  /** The user's item that contributes most to `target`'s score (the "because you viewed"), or null. */
  because(row: UserRow, target: number): number | null;
}

/** Σ over users of the outer product of their weighted rows: the n×n co-occurrence (Gram) matrix XᵀX, row-major. */
export function gram(rows: readonly UserRow[], n: number): Float64Array {
  const g = new Float64Array(n * n);
  for (const r of rows) {
    const { items, weights } = r;
    for (let a = 0; a < items.length; a++) {
      const base = items[a] * n;
      const wa = weights[a];
      for (let b = 0; b < items.length; b++) g[base + items[b]] += wa * weights[b];
    }
  }
  return g;
}

/** Popularity: the summed weight each item got from all users; the same list for everyone. */
export function trainPopularity(rows: readonly UserRow[], n: number): Recommender & { counts: Float64Array } {
  const counts = new Float64Array(n);
  for (const r of rows) r.items.forEach((item, i) => (counts[item] += r.weights[i]));
  return {
    name: 'popularity',
    items: n,
    counts,
    score: (_row, out) => out.set(counts),
    because: () => null,
  };
}

export interface ItemItemOptions {
  /** Neighbours kept per item: pruning the long tail of weak similarities removes noise. */
  neighbours?: number;
  /** Shrinks similarities of rarely co-occurring pairs: s = cos × c / (c + shrink). */
  shrink?: number;
}

/** Item-to-item CF: cosine similarity of item columns of the weighted user × item matrix. */
export function trainItemItem(rows: readonly UserRow[], n: number, opts: ItemItemOptions = {}, g = gram(rows, n)): Recommender & { neighbours: { item: number; score: number }[][] } {
  const k = opts.neighbours ?? 50;
  const shrink = opts.shrink ?? 0;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(g[i * n + i]);
  const neighbours: { item: number; score: number }[][] = [];
  const sims = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sims.fill(0);
    if (norms[i] > 0) {
      for (let j = 0; j < n; j++) {
        const c = g[i * n + j];
        if (j !== i && c > 0 && norms[j] > 0) sims[j] = (c / (norms[i] * norms[j])) * (shrink > 0 ? c / (c + shrink) : 1);
      }
    }
    neighbours.push(topNonZero(sims, k));
  }
  return {
    name: 'item_item',
    items: n,
    neighbours,
    score(row, out) {
      out.fill(0);
      row.items.forEach((i, idx) => {
        const w = row.weights[idx];
        for (const nb of neighbours[i]) out[nb.item] += w * nb.score;
      });
    },
    because(row, target) {
      let best: number | null = null;
      let bestScore = 0;
      row.items.forEach((i, idx) => {
        const s = (neighbours[i].find((nb) => nb.item === target)?.score ?? 0) * row.weights[idx];
        if (s > bestScore) [best, bestScore] = [i, s];
      });
      return best;
    },
  };
}

function topNonZero(scores: Float64Array, k: number) {
  const idx: number[] = [];
  for (let j = 0; j < scores.length; j++) if (scores[j] > 0) idx.push(j);
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  return idx.slice(0, k).map((item) => ({ item, score: scores[item] }));
}

export interface EaseOptions {
  /** L2 regularisation λ added to the diagonal of XᵀX. */
  lambda?: number;
  /**
   * Every interaction counts 1 (a view as much as an order) in training and scoring. Whether the
   * view < cart < order weights help depends on the store, so validation chooses (chooseEaseLambda).
   */
  binary?: boolean;
}

const binarised = (rows: readonly UserRow[]): UserRow[] => rows.map((r) => ({ items: r.items, weights: r.items.map(() => 1) }));

/**
 * EASE^R: the item-item weight matrix B minimising ‖X − XB‖² + λ‖B‖² with diag(B) = 0, which has
 * the closed form B = I − P·diagMat(1/diag(P)), P = (XᵀX + λI)⁻¹ (Steck 2019, eq. 8); ml-matrix's
 * LU inverse measured faster than solving its Cholesky factor against I (10 s against 17 s at n = 1,000).
 */
export function trainEase(rows: readonly UserRow[], n: number, opts: EaseOptions = {}, shared?: Float64Array): Recommender & { weights: Float64Array } {
  const lambda = opts.lambda ?? 200;
  const binary = opts.binary === true;
  const g = binary ? gram(binarised(rows), n) : (shared ?? gram(rows, n));
  const a = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.set(i, j, g[i * n + j] + (i === j ? lambda : 0));
  const p = inverse(a);
  const b = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[i * n + j] = i === j ? 0 : -p.get(i, j) / p.get(j, j);
  }
  return {
    name: 'ease',
    items: n,
    weights: b,
    score(row, out) {
      out.fill(0);
      row.items.forEach((i, idx) => {
        const w = binary ? 1 : row.weights[idx];
        const base = i * n;
        for (let j = 0; j < n; j++) out[j] += w * b[base + j];
      });
    },
    because(row, target) {
      let best: number | null = null;
      let bestScore = 0;
      row.items.forEach((i, idx) => {
        const s = b[i * n + target] * (binary ? 1 : row.weights[idx]);
        if (s > bestScore) [best, bestScore] = [i, s];
      });
      return best;
    },
  };
}

/** Trains one of the three by name on the same rows (the Gram matrix shared when given). */
export function trainModel(name: ModelName, rows: readonly UserRow[], n: number, g?: Float64Array, opts: ItemItemOptions & EaseOptions = {}): Recommender {
  if (name === 'popularity') return trainPopularity(rows, n);
  const shared = g ?? gram(rows, n);
  return name === 'item_item' ? trainItemItem(rows, n, opts, shared) : trainEase(rows, n, opts, shared);
}
