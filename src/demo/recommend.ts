// The demo's browsing for 猜你喜欢: each demo shopper has one or two favourite categories and
// browses them over the last 60 days (views, and some add-to-carts, mostly in those categories
// with the rest on the store's best-sellers), so the recommenders have tastes to find; then one
// training run writes the lists. Rows carry dedupe keys `seed-rec/{n}`: a re-run adds nothing.
import { chinaDate } from '../platform/clock.ts';
import type { Platform } from '../platform/context.ts';
import { seededRandom } from '../platform/random.ts';
import type { EventRow } from '../modules/analytics/index.ts';
import type { Services } from '../services.ts';

const DAY = 86_400_000;

interface Progress {
  stage(name: string): { onProgress(done: number, total: number): void; done(summary: string): void };
}

export async function seedDemoRecommend(platform: Platform, services: Services, progress: Progress, opts: { shopperIds: string[] }) {
  const stage = progress.stage('Recommend');
  const random = seededRandom(20261207);
  const products: { id: string; categoryId: string }[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await services.catalog.listProducts({ cursor: cursor ?? undefined, limit: 200 });
    products.push(...page.items.map((p) => ({ id: p.id, categoryId: p.categoryId })));
    cursor = page.nextCursor;
  } while (cursor);
  const byCategory = new Map<string, string[]>();
  for (const p of products) byCategory.set(p.categoryId, [...(byCategory.get(p.categoryId) ?? []), p.id]);
  const categories = [...byCategory.keys()];
  const now = platform.clock.now().getTime();
  const rows: EventRow[] = [];
  let n = 0;
  if (products.length && categories.length) {
    for (const userId of opts.shopperIds) {
      const favourite = categories[Math.floor(random() * categories.length)];
      const second = categories[Math.floor(random() * categories.length)];
      const events = 8 + Math.floor(random() * 25);
      let at = now - (2 + random() * 58) * DAY;
      for (let e = 0; e < events; e++) {
        const pool = random() < 0.75 ? byCategory.get(random() < 0.7 ? favourite : second)! : products.map((p) => p.id);
        // Lower positions are the better-sellers of the pool.
        const productId = pool[Math.min(pool.length - 1, Math.floor(pool.length * random() ** 2))];
        at = Math.min(now - 60_000, at + random() * 2 * DAY);
        const occurred = new Date(at);
        rows.push({
          dedupe_key: `seed-rec/${n++}`, name: random() < 0.25 ? 'add_to_cart' : 'product_view', occurred_at: occurred, received_at: occurred, day: chinaDate(occurred),
          visitor_id: `seed-u-${userId.slice(0, 8)}`, user_id: userId, session_id: null, page: `/product/${productId}`, referrer: null, channel: null, share_token: null, share_id: null,
          campaign_id: null, product_id: productId, order_id: null, amount: null, props: '{}', source: 'client',
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 1_000) {
    await services.analytics.importRows(rows.slice(i, i + 1_000));
    stage.onProgress(Math.min(rows.length, i + 1_000), rows.length + 1);
  }
  const run = await services.recommend.train('demo');
  stage.onProgress(rows.length + 1, rows.length + 1);
  const best = run.metrics?.models.filter((m) => m.model !== 'popularity').sort((a, b) => b.recallAt10 - a.recallAt10)[0];
  stage.done(`${rows.length.toLocaleString('en-US')} browsing events; ${run.model} trained on ${run.interactions.toLocaleString('en-US')} pairs${best?.recallVsPopularity ? `, recall@10 ${best.recallVsPopularity.toFixed(2)}× popularity` : ''}`);
  return run;
}
