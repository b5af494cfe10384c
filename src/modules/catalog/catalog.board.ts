// The operator's product board: products of any status with their stock (summed over SKUs, from
// inventory) and units sold (from orders, through a port), filtered, sorted and counted; bulk
// 上架 / 下架; and the category tree with how many products each category holds.
import { DomainError, invalid, notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { productSummary, publicCategory } from './catalog.present.ts';
import type { StockSource } from './catalog.reads.ts';
import * as repo from './catalog.repo.ts';
import { likePattern, type CategoryRow } from './catalog.rules.ts';
import type { CatalogPlatform, ProductStatus } from './catalog.table.ts';

/** Units sold per product (paid, less refunded): the orders service answers it, catalog does not read orders. */
export interface SalesSource {
  unitsSold(productIds: readonly string[]): Promise<Map<string, number>>;
}

export type BoardSort = 'created' | 'price' | 'stock' | 'sales';

export interface BoardQuery {
  status?: ProductStatus;
  categoryId?: string;
  q?: string;
  sort: BoardSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The most products one bulk status change takes. */
export const BULK_STATUS_MAX = 200;

export type BulkOutcome = { id: string; ok: true; status: ProductStatus; changed: boolean } | { id: string; ok: false; status: ProductStatus; error: { code: string; message: string; details?: Record<string, unknown> } };

type CountedCategory = CategoryRow & { products: number; productsWithin: number; children: CountedCategory[] };

const BATCH = 5_000; // ids per query, well below the bind-parameter limit

export function createProductBoard(p: CatalogPlatform, inventory: StockSource, writes: { updateProduct(actorId: string | null, id: string, patch: { status: ProductStatus }): Promise<unknown> }) {
  const { db } = p;

  /** Product id → stock on hand and available, summed over all its SKUs. */
  async function stockOf(productIds: string[]) {
    const totals = new Map<string, { stock: number; available: number; skus: number }>(productIds.map((id) => [id, { stock: 0, available: 0, skus: 0 }]));
    for (let i = 0; i < productIds.length; i += BATCH) {
      const skus = await repo.findSkuIdsOfProducts(db, productIds.slice(i, i + BATCH));
      for (let j = 0; j < skus.length; j += BATCH) {
        const chunk = skus.slice(j, j + BATCH);
        const levels = await inventory.getAvailability(db, chunk.map((s) => s.id));
        for (const s of chunk) {
          const t = totals.get(s.product_id)!;
          const level = levels.get(s.id);
          t.skus += 1;
          t.stock += level?.onHand ?? 0;
          t.available += Math.max(0, level?.available ?? 0);
        }
      }
    }
    return totals;
  }

  async function listBoard(query: BoardQuery, sales: SalesSource) {
    if (query.categoryId !== undefined && !isUuid(query.categoryId)) throw invalid('CATALOG_CATEGORY_INVALID', 'categoryId must be a UUID', { field: 'categoryId' });
    const filter: repo.BoardFilter = { status: query.status, categoryId: query.categoryId, q: query.q?.trim() ? likePattern(query.q) : undefined };
    const offset = (query.page - 1) * query.pageSize;
    const desc = query.order === 'desc';
    let rows: Awaited<ReturnType<typeof repo.findProducts>>;
    let total: number;
    let stock: Awaited<ReturnType<typeof stockOf>>;
    let sold: Map<string, number>;
    if (query.sort === 'created' || query.sort === 'price') {
      total = await repo.countBoard(db, filter);
      rows = await repo.findBoardPage(db, filter, query.sort, desc, offset, query.pageSize);
      const ids = rows.map((r) => r.id);
      [stock, sold] = await Promise.all([stockOf(ids), sales.unitsSold(ids)]);
    } else {
      // Stock and sales live in other modules: sort every filtered product by them here, then page.
      const all = await repo.findBoardIds(db, filter);
      total = all.length;
      const ids = all.map((r) => r.id);
      [stock, sold] = await Promise.all([stockOf(ids), sales.unitsSold(ids)]);
      const value = (id: string) => (query.sort === 'stock' ? stock.get(id)!.stock : (sold.get(id) ?? 0));
      const sign = desc ? -1 : 1;
      all.sort((a, b) => sign * (value(a.id) - value(b.id)) || b.created_at.getTime() - a.created_at.getTime() || a.id.localeCompare(b.id));
      const pageIds = all.slice(offset, offset + query.pageSize).map((r) => r.id);
      const found = new Map((await repo.findProducts(db, pageIds)).map((r) => [r.id, r]));
      rows = pageIds.map((id) => found.get(id)).filter((r) => r !== undefined);
    }
    const items = rows.map((r) => {
      const s = stock.get(r.id) ?? { stock: 0, available: 0, skus: 0 };
      return { ...productSummary(r), stock: s.stock, available: s.available, skuCount: s.skus, sales: sold.get(r.id) ?? 0 };
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * 上架 (active) or 下架 (archived) for up to BULK_STATUS_MAX products. Unknown ids refuse the whole
   * request before anything changes; otherwise each product moves in its own transaction and gets
   * its own outcome, so one that cannot go on sale (no active SKU) does not hold back the rest.
   */
  async function bulkStatus(actorId: string, ids: string[], status: 'active' | 'archived') {
    const unique = [...new Set(ids)];
    if (unique.length > BULK_STATUS_MAX) throw invalid('CATALOG_BULK_TOO_MANY', `At most ${BULK_STATUS_MAX} products at a time`, { field: 'ids', max: BULK_STATUS_MAX });
    const known = new Map((await repo.findProductStatuses(db, unique.filter(isUuid))).map((r) => [r.id, r.status]));
    const unknownIds = unique.filter((id) => !known.has(id));
    if (unknownIds.length) throw notFound('CATALOG_BULK_UNKNOWN_PRODUCTS', `${unknownIds.length} of the chosen products do not exist`, { count: unknownIds.length, unknownIds });
    const results: BulkOutcome[] = [];
    for (const id of unique) {
      const from = known.get(id)!;
      if (from === status) {
        results.push({ id, ok: true, status, changed: false });
        continue;
      }
      try {
        await writes.updateProduct(actorId, id, { status });
        results.push({ id, ok: true, status, changed: true });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ id, ok: false, status: from, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
      }
    }
    return { results, changed: results.filter((r) => r.ok && r.changed).length, failed: results.filter((r) => !r.ok).length };
  }

  /** The category tree, each category with its own products and those of everything below it. */
  async function categoryTreeWithCounts() {
    const [categories, counts] = await Promise.all([repo.findCategories(db), repo.countProductsByCategory(db)]);
    const own = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
    const nodes = new Map<string, CountedCategory>(categories.map((c) => [c.id, { ...publicCategory(c), products: own.get(c.id) ?? 0, productsWithin: 0, children: [] }]));
    const roots: CountedCategory[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    const settle = (list: CountedCategory[]): number => {
      list.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
      let sum = 0;
      for (const n of list) {
        n.productsWithin = n.products + settle(n.children);
        sum += n.productsWithin;
      }
      return sum;
    };
    settle(roots);
    return roots;
  }

  return { listBoard, bulkStatus, categoryTreeWithCounts };
}
