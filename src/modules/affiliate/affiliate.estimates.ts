// The promoter centre's products to promote, each with what the promoter would earn on it (赚 ¥x):
// the level-1 commission of one unit at the product's lowest price, by the same rates and split as
// a paid order (per-product override, else the store-wide level-1 rate).
import { forbidden } from '../../platform/errors.ts';
import { money } from '../../platform/money.ts';
import type { AffiliateCore, AffiliateDeps } from './affiliate.core.ts';
import { currentRates } from './affiliate.rates.ts';
import * as repo from './affiliate.repo.ts';
import { level1Estimate } from './affiliate.rules.ts';
import type { AffiliatePlatform } from './affiliate.table.ts';

export function estimateUseCases(p: AffiliatePlatform, deps: Pick<AffiliateDeps, 'catalog'>, core: AffiliateCore) {
  const { db } = p;

  async function productsToPromote(userId: string, query: { cursor?: string; limit: number }) {
    if (!(await core.isApproved(db, userId))) throw forbidden('AFFILIATE_NOT_APPROVED', 'Only approved promoters see commission estimates');
    const page = await deps.catalog.listProducts({ cursor: query.cursor, limit: query.limit });
    const priced = page.items.filter((x) => x.price !== null);
    const defaults = await currentRates(p, db);
    const overrides = new Map((await repo.findProductRates(db, priced.map((x) => x.id))).map((r) => [r.product_id, { level1Bp: r.level1_bp, level2Bp: r.level2_bp }]));
    return {
      items: priced.map((x) => {
        const price = x.price!.min;
        const estimate = level1Estimate({ productId: x.id, price: price.amount, defaults, override: overrides.get(x.id) ?? null });
        return { productId: x.id, title: x.title, titleEn: x.titleEn, image: x.image, price, rateBp: estimate.rateBp, estimatedCommission: money(estimate.amount, price.currency) };
      }),
      nextCursor: page.nextCursor,
    };
  }

  return { productsToPromote };
}
