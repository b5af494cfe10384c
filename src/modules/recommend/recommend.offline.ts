// Offline evaluation, pure: leave-last-out on a history, recall@10 and NDCG@10 per model against
// the popularity baseline, with training times; and a seeded synthetic history with latent taste
// clusters, large enough to time training on a million interactions.
import { seededRandom } from '../../platform/random.ts';
import { gram, MODEL_NAMES, trainEase, trainModel, type EaseOptions, type ItemItemOptions, type ModelName, type Recommender } from './recommend.models.ts';
import { INTERACTION_WEIGHTS, leaveLastOut, ndcgAtK, recallAtK, topK, type UserHistory, type UserRow } from './recommend.rules.ts';

export interface ModelFigures {
  model: ModelName;
  recallAt10: number;
  ndcgAt10: number;
  /** recall@10 over popularity's recall@10 (null when popularity found nothing). */
  recallVsPopularity: number | null;
  trainMs: number;
  /** EASE^R's λ and weighting, chosen on a validation split of the training rows (see chooseEaseLambda). */
  lambda?: number;
  binary?: boolean;
}

export interface EvaluationReport {
  users: number;
  items: number;
  interactions: number;
  testUsers: number;
  /** Time to build the shared co-occurrence matrix XᵀX, counted once, not in each model's time. */
  gramMs: number;
  models: ModelFigures[];
}

const K = 10;

/** Leave-last-out on the histories: every model trains on the same split and is scored on the held-out items. */
export function evaluateHistories(histories: readonly UserHistory[], items: number, opts: ItemItemOptions & EaseOptions & { models?: readonly ModelName[] } = {}): EvaluationReport {
  const split = leaveLastOut(histories);
  const interactions = histories.reduce((s, h) => s + h.items.length, 0);
  let started = performance.now();
  const g = gram(split.train, items);
  const gramMs = performance.now() - started;
  const figures: ModelFigures[] = [];
  for (const name of opts.models ?? MODEL_NAMES) {
    started = performance.now();
    // λ is chosen on the training rows alone (their own last item held out), never on the test items.
    const tuned = name !== 'ease' ? undefined : opts.lambda !== undefined ? { lambda: opts.lambda, binary: opts.binary === true } : chooseEaseLambda(withoutLast(histories), items);
    const model = trainModel(name, split.train, items, g, { ...opts, ...(tuned ? { lambda: tuned.lambda, binary: tuned.binary } : {}) });
    const trainMs = performance.now() - started;
    const scored = recallOn(model, split.train, split.test, items);
    figures.push({ model: name, recallAt10: scored.recall, ndcgAt10: scored.ndcg, recallVsPopularity: null, trainMs, ...(tuned ? { lambda: tuned.lambda, binary: tuned.binary } : {}) });
  }
  const base = figures.find((f) => f.model === 'popularity')?.recallAt10 ?? 0;
  for (const f of figures) f.recallVsPopularity = base > 0 ? f.recallAt10 / base : null;
  return { users: histories.length, items, interactions, testUsers: split.test.length, gramMs, models: figures };
}

/** Mean recall@10 and NDCG@10 of a model over held-out items, the rows' own items excluded. */
function recallOn(model: Recommender, rows: readonly UserRow[], test: readonly { row: number; item: number }[], items: number) {
  const scores = new Float64Array(items);
  let recall = 0;
  let ndcg = 0;
  for (const t of test) {
    const row = rows[t.row];
    model.score(row, scores);
    const ranked = topK(scores, K, new Set(row.items));
    const relevant = new Set([t.item]);
    recall += recallAtK(ranked, relevant, K);
    ndcg += ndcgAtK(ranked, relevant, K);
  }
  const n = Math.max(1, test.length);
  return { recall: recall / n, ndcg: ndcg / n };
}

/** Each history without its latest item: the training side of leave-last-out, with times kept. */
function withoutLast(histories: readonly UserHistory[]): UserHistory[] {
  const split = leaveLastOut(histories);
  const held = new Map(split.test.map((t) => [t.row, t.item]));
  return histories.map((h, row) => ({ user: h.user, items: held.has(row) ? h.items.filter((x) => x.item !== held.get(row)) : h.items }));
}

/** The λ candidates for EASE^R; Steck reports the best λ between a few tens and a few thousands. */
export const EASE_LAMBDAS = [25, 50, 100, 200, 400, 800, 1600] as const;
/** Above this many items a candidate costs a multi-second inverse each, so the default λ is used. */
export const EASE_SELECT_MAX_ITEMS = 600;
export const EASE_DEFAULT_LAMBDA = 200;

/**
 * EASE^R's λ and weighting by validation: hold out each history's latest item, train on the rest
 * for every candidate λ with the store's interaction weights and with every interaction counted 1,
 * keep the best recall@10 (ties: weighted before binary, then the larger λ, the smoother model).
 * Pass the training side of an evaluation split so the evaluation's own test items never choose.
 */
export function chooseEaseLambda(histories: readonly UserHistory[], items: number, lambdas: readonly number[] = EASE_LAMBDAS): { lambda: number; binary: boolean; validationRecall: number | null } {
  const fallback = { lambda: EASE_DEFAULT_LAMBDA, binary: false, validationRecall: null };
  if (items > EASE_SELECT_MAX_ITEMS) return fallback;
  const split = leaveLastOut(histories);
  if (split.test.length === 0) return fallback;
  const g = gram(split.train, items);
  let best: { lambda: number; binary: boolean; validationRecall: number } = { ...fallback, validationRecall: -1 };
  for (const binary of [false, true]) {
    for (const lambda of lambdas) {
      const { recall } = recallOn(trainEase(split.train, items, { lambda, binary }, binary ? undefined : g), split.train, split.test, items);
      const better = recall > best.validationRecall || (recall === best.validationRecall && binary === best.binary && lambda > best.lambda);
      if (better) best = { lambda, binary, validationRecall: recall };
    }
  }
  return best;
}

export interface SyntheticOptions {
  /** Interaction events to generate (views, carts, orders). */
  interactions: number;
  items?: number;
  /** Latent taste clusters: each item belongs to one, each user prefers one or two. */
  clusters?: number;
  /** Mean events per user. */
  perUser?: number;
  /** Share of a user's events drawn from their own tastes rather than the global best-sellers. */
  taste?: number;
  seed?: number;
}

/**
 * A store's history with structure a recommender can find: items in taste clusters with a
 * power-law popularity inside each cluster and overall, users with one or two favourite clusters,
 * events that are mostly views, some carts and fewer orders, in time order per user.
 */
export function syntheticHistory(opts: SyntheticOptions): { histories: UserHistory[]; items: number; events: number } {
  const random = seededRandom(opts.seed ?? 20261207);
  const n = opts.items ?? 1_000;
  const clusters = opts.clusters ?? 20;
  const perUser = opts.perUser ?? 50;
  const taste = opts.taste ?? 0.7;
  // Item i is in cluster i % clusters; within a cluster, lower rank sells more (Zipf-like).
  const members: number[][] = Array.from({ length: clusters }, () => []);
  for (let i = 0; i < n; i++) members[i % clusters].push(i);
  const inCluster = (c: number) => members[c][Math.min(members[c].length - 1, Math.floor(members[c].length * random() ** 2))];
  const global = () => Math.min(n - 1, Math.floor(n * random() ** 3));
  const histories: UserHistory[] = [];
  let events = 0;
  for (let u = 0; events < opts.interactions; u++) {
    const favourite = Math.floor(random() * clusters);
    const second = random() < 0.5 ? Math.floor(random() * clusters) : favourite;
    const count = Math.min(opts.interactions - events, Math.max(2, Math.round(perUser * (0.3 + 1.4 * random()))));
    const byItem = new Map<number, { weight: number; at: number }>();
    for (let e = 0; e < count; e++) {
      const item = random() < taste ? inCluster(random() < 0.7 ? favourite : second) : global();
      const roll = random();
      const weight = roll < 0.1 ? INTERACTION_WEIGHTS.order : roll < 0.3 ? INTERACTION_WEIGHTS.cart : INTERACTION_WEIGHTS.view;
      const prev = byItem.get(item);
      byItem.set(item, { weight: Math.max(prev?.weight ?? 0, weight), at: e });
    }
    events += count;
    histories.push({ user: u, items: [...byItem].map(([item, v]) => ({ item, weight: v.weight, at: v.at })) });
  }
  return { histories, items: n, events };
}

/** A fixed-width table of the figures for a terminal. */
export function formatReport(title: string, r: EvaluationReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const lines = [
    `${title}: ${r.users.toLocaleString('en-US')} users, ${r.items.toLocaleString('en-US')} items, ${r.interactions.toLocaleString('en-US')} user-item pairs, ${r.testUsers.toLocaleString('en-US')} held-out users; XᵀX in ${(r.gramMs / 1000).toFixed(2)} s`,
    `  ${'model'.padEnd(12)}${'recall@10'.padStart(11)}${'NDCG@10'.padStart(10)}${'vs popular'.padStart(12)}${'train'.padStart(10)}`,
    ...r.models.map((m) => `  ${m.model.padEnd(12)}${pct(m.recallAt10).padStart(11)}${pct(m.ndcgAt10).padStart(10)}${(m.recallVsPopularity === null ? '–' : `${m.recallVsPopularity.toFixed(2)}×`).padStart(12)}${`${(m.trainMs / 1000).toFixed(2)} s`.padStart(10)}${m.lambda === undefined ? '' : `  λ = ${m.lambda}${m.binary ? ', binary' : ''}`}`),
  ];
  return lines.join('\n');
}
