// 猜你喜欢: serving the lists the training wrote. A shopper who allows personalisation gets their
// own list on the home page, the product's neighbours on a product page and the cart's neighbours
// on the cart page; anyone else (anonymous, or personalisation off) gets the popular list. Every
// list is topped up with popular items and shows only products that can be bought now.
import { invalid, notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { CheckoutService } from '../checkout/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { PrivacyService } from '../privacy/index.ts';
import * as repo from './recommend.repo.ts';
import { fillWithPopular, type ReasonKind, type RecommendContext } from './recommend.rules.ts';
import type { RecommendPlatform } from './recommend.table.ts';
import { createRecommendTraining, type TrainDeps } from './recommend.train.ts';

export interface RecommendDeps extends TrainDeps {
  catalog: TrainDeps['catalog'] & Pick<CatalogService, 'getShopperProduct' | 'describeSkus'>;
  checkout: Pick<CheckoutService, 'cartItems'>;
  identity: TrainDeps['identity'] & Pick<IdentityService, 'getUser'>;
  privacy: Pick<PrivacyService, 'allows'>;
}

interface Candidate {
  productId: string;
  reason: ReasonKind;
  reasonProductId: string | null;
  friends: number;
}

/** One card of 猜你喜欢: what the catalog list shows (title, image, from-price) and why it is there. */
export interface Recommended {
  productId: string;
  title: string;
  titleEn: string | null;
  image: string | null;
  price: { amount: number; currency: string };
  reason: { kind: ReasonKind; productId: string | null; productTitle: string | null; productTitleEn: string | null; friends: number };
}

export function createRecommendService(p: RecommendPlatform, deps: RecommendDeps) {
  const { db } = p;
  const training = createRecommendTraining(p, deps);

  /** A product as the catalog list shows it, or null when it cannot be bought now. */
  async function sellable(productId: string) {
    const product = await deps.catalog.getShopperProduct(productId).catch(() => null);
    if (!product || !product.price || !product.skus.some((s) => s.purchasable)) return null;
    return product;
  }

  async function present(candidates: Candidate[], limit: number) {
    const out: Recommended[] = [];
    const titles = new Map<string, { title: string; titleEn: string | null }>();
    for (let i = 0; i < candidates.length && out.length < limit; i += limit) {
      const batch = candidates.slice(i, i + limit);
      const products = await Promise.all(batch.map((c) => sellable(c.productId)));
      const reasonIds = [...new Set(batch.map((c) => c.reasonProductId).filter((id): id is string => !!id && !titles.has(id)))];
      for (const [k, r] of (await Promise.all(reasonIds.map((id) => deps.catalog.getShopperProduct(id).catch(() => null)))).entries()) {
        if (r) titles.set(reasonIds[k], { title: r.title, titleEn: r.titleEn });
      }
      batch.forEach((c, k) => {
        const pr = products[k];
        if (!pr || out.length >= limit) return;
        const because = c.reasonProductId ? titles.get(c.reasonProductId) : undefined;
        out.push({
          productId: pr.id,
          title: pr.title,
          titleEn: pr.titleEn,
          image: pr.image,
          price: pr.price!.min,
          reason: { kind: c.reason, productId: c.reasonProductId, productTitle: because?.title ?? null, productTitleEn: because?.titleEn ?? null, friends: c.friends },
        });
      });
    }
    return out;
  }

  const popularCandidates = async () => (await repo.findPopular(db, 50)).map((r): Candidate => ({ productId: r.product_id, reason: 'popular', reasonProductId: null, friends: 0 }));

  /** Neighbours of several products, summed: the cart's or a single product's "goes well with". */
  async function neighboursOf(productIds: string[], reason: ReasonKind): Promise<Candidate[]> {
    const score = new Map<string, { total: number; best: number; from: string }>();
    for (const r of await repo.findNeighbours(db, productIds)) {
      const s = score.get(r.neighbour_id) ?? { total: 0, best: 0, from: r.product_id };
      s.total += r.score;
      if (r.score > s.best) [s.best, s.from] = [r.score, r.product_id];
      score.set(r.neighbour_id, s);
    }
    return [...score].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0])).map(([productId, s]) => ({ productId, reason, reasonProductId: s.from, friends: 0 }));
  }

  async function cartProducts(userId: string) {
    const items = await deps.checkout.cartItems(db, userId);
    const skus = await deps.catalog.describeSkus(items.map((i) => i.skuId));
    return [...new Set([...skus.values()].map((s) => s.productId))];
  }

  /** GET /recommendations: `userId` null for an anonymous visitor. */
  async function recommend(userId: string | null, query: { context: RecommendContext; productId?: string; limit: number }) {
    if (query.context === 'product') {
      if (!query.productId) throw invalid('RECOMMEND_PRODUCT_REQUIRED', 'context=product needs productId', { field: 'productId' });
      if (!isUuid(query.productId) || !(await deps.catalog.getShopperProduct(query.productId).catch(() => null))) throw notFound('RECOMMEND_PRODUCT_NOT_FOUND', 'No such product', { productId: query.productId });
    }
    const personalised = userId !== null && (await deps.privacy.allows(userId, 'personalisation'));
    const exclude = new Set<string>(query.productId ? [query.productId] : []);
    let personal: Candidate[] = [];
    if (personalised) {
      if (query.context === 'home') {
        personal = (await repo.findUserItems(db, userId)).map((r) => ({ productId: r.product_id, reason: r.reason, reasonProductId: r.reason_product_id, friends: r.friends }));
      } else if (query.context === 'product') {
        personal = await neighboursOf([query.productId!], 'because_viewed');
      } else {
        const inCart = await cartProducts(userId);
        inCart.forEach((id) => exclude.add(id));
        personal = await neighboursOf(inCart, 'in_cart');
      }
      // Products they already have (viewed, carted, bought) are not news on the home page.
      if (query.context === 'home') for (const id of await repo.findUserInteractedProducts(db, userId)) exclude.add(id);
    }
    const candidates = fillWithPopular(personal, await popularCandidates(), exclude, 3 * query.limit);
    const trained = await repo.findLatestRun(db, 'done');
    return { context: query.context, personalised, trainedAt: trained?.finished_at?.toISOString() ?? null, items: await present(candidates, query.limit) };
  }

  /** The console's preview: a customer by id, phone or email, and what their home page would show. */
  async function preview(customer: string) {
    const q = customer.trim();
    if (!q) throw invalid('RECOMMEND_CUSTOMER_REQUIRED', 'Enter a customer id, phone or email', { field: 'customer' });
    const user = isUuid(q) ? await deps.identity.getUser(q).catch(() => null) : ((await deps.identity.listCustomers({ q, limit: 1 })).items[0] ?? null);
    if (!user) throw notFound('RECOMMEND_CUSTOMER_NOT_FOUND', 'No customer matches that id, phone or email', { field: 'customer' });
    const result = await recommend(user.id, { context: 'home', limit: 10 });
    return { customer: { id: user.id, displayName: user.display_name ?? null }, ...result };
  }

  /** The console's quality page: the latest run (whatever its outcome) and the latest good one. */
  async function quality() {
    const [latest, lastDone] = await Promise.all([repo.findLatestRun(db), repo.findLatestRun(db, 'done')]);
    return { latest: latest ? presentRun(latest) : null, lastDone: lastDone ? presentRun(lastDone) : null };
  }

  async function train(trigger: 'schedule' | 'operator' | 'cli' | 'demo') {
    await training.train(trigger);
    return (await quality()).latest!;
  }

  return { recommend, preview, quality, train, scheduleDaily: training.scheduleDaily, evaluateStore: training.evaluateStore };
}

export type RecommendService = ReturnType<typeof createRecommendService>;

function presentRun(r: Awaited<ReturnType<typeof repo.findLatestRun>> & {}) {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    interactions: r.interactions,
    users: r.users,
    items: r.items,
    model: r.model,
    trainMs: r.train_ms,
    metrics: (typeof r.metrics === 'string' ? JSON.parse(r.metrics) : r.metrics) as import('./recommend.offline.ts').EvaluationReport | null,
    error: r.error,
  };
}
