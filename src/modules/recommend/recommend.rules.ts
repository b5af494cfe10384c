// Recommendation rules, pure and DB-free: how strongly each behaviour counts, the leave-last-out
// split, the offline metrics (recall@k, NDCG@k), ranking, and blending the "friends bought"
// signal into a model's scores with the reason a shopper is shown.

/** Implicit feedback: a view says little, a cart more, an order most (weights view < cart < order). */
export const INTERACTION_WEIGHTS = { view: 1, cart: 3, order: 5 } as const;
export type InteractionKind = keyof typeof INTERACTION_WEIGHTS;

export const CONTEXTS = ['home', 'product', 'cart'] as const;
export type RecommendContext = (typeof CONTEXTS)[number];

/** Why an item is shown: a product the shopper looked at, one in their cart, friends' purchases, or plain popularity. */
export type ReasonKind = 'because_viewed' | 'in_cart' | 'friends_bought' | 'popular';

/** One user's history, aggregated per item: the strongest behaviour and when they last touched it. */
export interface UserHistory {
  user: number;
  items: { item: number; weight: number; at: number }[];
}

/** A user's training row: item indices with their weights. */
export interface UserRow {
  items: number[];
  weights: number[];
}

export interface Split {
  /** One row per user (index = position in the input), the held-out item removed. */
  train: UserRow[];
  /** The held-out item of each user that has one (users with fewer than two items have none). */
  test: { row: number; item: number }[];
}

/**
 * Leave-last-out: each user's most recently touched item is held out, everything else trains.
 * A user with a single item has nothing to predict from, so it only trains.
 */
export function leaveLastOut(histories: readonly UserHistory[]): Split {
  const train: UserRow[] = [];
  const test: Split['test'] = [];
  histories.forEach((h, row) => {
    let last = -1;
    if (h.items.length >= 2) {
      last = 0;
      // Ties on time break on the larger item index, so the split does not depend on input order.
      for (let i = 1; i < h.items.length; i++) if (h.items[i].at > h.items[last].at || (h.items[i].at === h.items[last].at && h.items[i].item > h.items[last].item)) last = i;
      test.push({ row, item: h.items[last].item });
    }
    const kept = h.items.filter((_, i) => i !== last);
    train.push({ items: kept.map((x) => x.item), weights: kept.map((x) => x.weight) });
  });
  return { train, test };
}

/** The indices of the k highest scores, best first, skipping excluded indices (ties: lower index first). */
export function topK(scores: ArrayLike<number>, k: number, exclude: ReadonlySet<number> = new Set()): number[] {
  const best: number[] = [];
  for (let j = 0; j < scores.length; j++) {
    if (exclude.has(j) || !Number.isFinite(scores[j])) continue;
    if (best.length === k && scores[j] <= scores[best[k - 1]]) continue;
    let pos = best.length < k ? best.length : k - 1;
    best[pos] = j;
    while (pos > 0 && scores[best[pos - 1]] < scores[j]) {
      best[pos] = best[pos - 1];
      best[pos - 1] = j;
      pos--;
    }
  }
  return best;
}

/** Recall@k: the share of the relevant items found in the first k recommendations. */
export function recallAtK(recommended: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (const item of recommended.slice(0, k)) if (relevant.has(item)) hits++;
  return hits / relevant.size;
}

/** NDCG@k with binary relevance: hits discounted by log2(position + 1), over the best possible ordering. */
export function ndcgAtK(recommended: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  recommended.slice(0, k).forEach((item, i) => {
    if (relevant.has(item)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

export interface Ranked {
  item: number;
  score: number;
  reason: ReasonKind;
  /** The item behind a because_viewed / in_cart reason. */
  reasonItem: number | null;
  /** How many friends bought it (friends_bought). */
  friends: number;
}

/**
 * Blends friends' purchases into a model's ranking. Model scores are scaled to [0, 1] by the
 * user's best score; an item bought by f friends gains SOCIAL_WEIGHT × min(f, 3) / 3, so three
 * friends buying something weighs as much as the model's own best guess. The reason is the larger part.
 */
export const SOCIAL_WEIGHT = 1;
export function blendSocial(
  model: readonly { item: number; score: number; because: number | null }[],
  friendsBought: ReadonlyMap<number, number>,
  exclude: ReadonlySet<number>,
  k: number,
): Ranked[] {
  const max = Math.max(0, ...model.map((m) => m.score));
  const byItem = new Map<number, Ranked & { modelPart: number; socialPart: number }>();
  for (const m of model) {
    if (exclude.has(m.item) || m.score <= 0) continue;
    const modelPart = max > 0 ? m.score / max : 0;
    byItem.set(m.item, { item: m.item, score: modelPart, reason: 'because_viewed', reasonItem: m.because, friends: 0, modelPart, socialPart: 0 });
  }
  for (const [item, friends] of friendsBought) {
    if (exclude.has(item) || friends <= 0) continue;
    const socialPart = (SOCIAL_WEIGHT * Math.min(friends, 3)) / 3;
    const row = byItem.get(item) ?? { item, score: 0, reason: 'friends_bought' as ReasonKind, reasonItem: null, friends: 0, modelPart: 0, socialPart: 0 };
    row.socialPart = socialPart;
    row.friends = friends;
    row.score = row.modelPart + socialPart;
    if (socialPart >= row.modelPart) {
      row.reason = 'friends_bought';
      row.reasonItem = null;
    }
    byItem.set(item, row);
  }
  return [...byItem.values()]
    .sort((a, b) => b.score - a.score || a.item - b.item)
    .slice(0, k)
    .map(({ modelPart: _m, socialPart: _s, ...r }) => r);
}

/**
 * What a request gets: the personal list first, then popular items to fill up to `limit`, never
 * an item twice and never one the context already shows (the product itself, the cart's items).
 */
export function fillWithPopular<T extends { productId: string }>(personal: readonly T[], popular: readonly T[], exclude: ReadonlySet<string>, limit: number): T[] {
  const seen = new Set(exclude);
  const out: T[] = [];
  for (const r of [...personal, ...popular]) {
    if (out.length >= limit) break;
    if (seen.has(r.productId)) continue;
    seen.add(r.productId);
    out.push(r);
  }
  return out;
}

/** The strongest weight per (user, item) wins: an order outranks a view of the same product. */
export function strongest(a: { weight: number; at: number } | undefined, b: { weight: number; at: number }) {
  if (!a) return { ...b };
  return { weight: Math.max(a.weight, b.weight), at: Math.max(a.at, b.at) };
}
