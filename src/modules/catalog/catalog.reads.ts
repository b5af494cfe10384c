// Read models: product and SKU detail for shoppers and operators, keyset-paged product lists, and
// the lookups other modules make (checkout's pricing, inventory's names, imports by SKU code).
import { invalid } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import { productNotFound, skuNotFound } from './catalog.errors.ts';
import { productSummary, skuView, type ProductRecord } from './catalog.present.ts';
import * as repo from './catalog.repo.ts';
import { attributeOptions, likePattern, orderAttributes } from './catalog.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { catalogTables, type EnglishAttributes, type ProductStatus, type CatalogPlatform } from './catalog.table.ts';

/** What catalog needs from inventory to show stock, read with the caller's executor. */
export interface StockSource {
  getAvailability(executor: AnyExecutor, skuIds: string[]): Promise<Map<string, { onHand: number; reserved: number; available: number }>>;
}

/** What checkout needs to price a SKU. */
export interface PricingSku {
  skuId: string;
  productId: string;
  productTitle: string;
  /** The product's optional English title (storefront English mode), else null. */
  productTitleEn: string | null;
  /** Attribute values, e.g. "红 / M"; "" for a product's only, plain SKU. */
  skuLabel: string;
  /** The label in English ("Red / M") when the SKU has English option values, else null. */
  skuLabelEn: string | null;
  attributes: Record<string, string>;
  priceAmount: number;
  currency: string;
  categoryId: string;
  image: string | null;
  /** The SKU is active and its product is active. */
  purchasable: boolean;
}

/** "Red / M" from the English option values, a value without one staying as it is; null without any. */
function englishLabel(attributes: Record<string, string>, attrsEn: EnglishAttributes | null): string | null {
  if (!attrsEn || Object.keys(attrsEn).length === 0) return null;
  return Object.entries(attributes).map(([name, value]) => attrsEn[name]?.value ?? value).join(' / ');
}

/** A cursor from the client, checked to belong to this sort before it reaches SQL. */
function readCursor(cursor: string | undefined, sort: repo.ProductSort): repo.ProductCursor | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor<repo.ProductCursor>(cursor);
  const ok =
    !!c &&
    c.s === sort &&
    typeof c.id === 'string' &&
    isUuid(c.id) &&
    (sort === 'newest' ? typeof c.v === 'string' && !Number.isNaN(Date.parse(c.v)) : Number.isSafeInteger(c.v));
  if (!ok) throw invalid('CATALOG_CURSOR_INVALID', 'That cursor does not belong to this list; start again without it', { field: 'cursor' });
  return c!;
}

/** Published after any catalog write (key `*`): every process drops its shopper list and product pages. */
export const CATALOG_CHANGED = 'catalog.changed';

export function createCatalogReads(p: CatalogPlatform, inventory: StockSource) {
  const { db } = p;
  // The storefront's hottest reads, kept per process. A catalog write drops them everywhere
  // through the bus; a product page also shows stock, which changes with every order, so a page
  // is kept at most config.caches.stockDisplayMs (checkout checks stock itself).
  const shopperLists = new ReadCache<Awaited<ReturnType<typeof searchPage>>>({ ttlMs: p.config.caches.maxAgeMs, max: 2_000 });
  const shopperPages = new ReadCache<Awaited<ReturnType<typeof loadShopperProduct>>>({ ttlMs: Math.min(p.config.caches.maxAgeMs, p.config.caches.stockDisplayMs), max: 5_000 });
  shopperLists.follow(p.invalidation, CATALOG_CHANGED, (_key, cache) => cache.clear());
  shopperPages.follow(p.invalidation, CATALOG_CHANGED, (_key, cache) => cache.clear());

  async function productDetail(product: ProductRecord, onlyActiveSkus: boolean) {
    const skus = (await repo.findSkusOfProducts(db, [product.id])).filter((s) => !onlyActiveSkus || s.status === 'active');
    const stock = await inventory.getAvailability(db, skus.map((s) => s.id));
    return {
      ...productSummary(product),
      description: product.description,
      descriptionEn: product.description_en,
      images: product.images,
      options: attributeOptions(skus.map((s) => ({ attributes: orderAttributes(s.attributes, s.attribute_names) }))),
      skus: skus.map((s) => skuView(s, stock.get(s.id), product.status)),
      updatedAt: product.updated_at.toISOString(),
    };
  }

  /** Operator view: any status, every SKU with its stock. */
  async function getProduct(id: string) {
    const product = await repo.findProduct(db, id);
    if (!product) throw productNotFound(id);
    return productDetail(product, false);
  }

  /** Shopper view: active products only, active SKUs with what is available. */
  async function getShopperProduct(id: string) {
    return shopperPages.getOrLoad(id, () => loadShopperProduct(id));
  }

  async function loadShopperProduct(id: string) {
    const product = await repo.findProduct(db, id);
    if (!product || product.status !== 'active') throw productNotFound(id);
    const detail = await productDetail(product, true);
    // A reference price is shown only when it is above what is charged.
    return { ...detail, skus: detail.skus.map(({ onHand: _o, reserved: _r, ...s }) => ({ ...s, listPrice: s.listPrice && s.listPrice.amount > s.price.amount ? s.listPrice : null })) };
  }

  async function getSku(id: string) {
    const sku = await repo.findSku(db, id);
    if (!sku) throw skuNotFound(id);
    const product = (await repo.findProduct(db, sku.product_id))!;
    const stock = await inventory.getAvailability(db, [id]);
    return skuView(sku, stock.get(id), product.status);
  }

  async function searchPage(s: Omit<repo.ProductSearch, 'after'> & { cursor?: string }) {
    const after = readCursor(s.cursor, s.sort);
    if (s.categoryId !== undefined && !isUuid(s.categoryId)) throw invalid('CATALOG_CATEGORY_INVALID', 'categoryId must be a UUID', { field: 'categoryId' });
    const rows = await repo.searchProducts(db, { ...s, after });
    const page = rows.slice(0, s.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > s.limit && last
        ? encodeCursor({ s: s.sort, v: s.sort === 'newest' ? last.created_at.toISOString() : (last.price_min_amount ?? 0), id: last.id } satisfies repo.ProductCursor)
        : null;
    return { items: page.map(productSummary), nextCursor };
  }

  /** Shopper list: active products with an active SKU, optional search and category (with subcategories). */
  async function listProducts(query: { q?: string; categoryId?: string; sort?: repo.ProductSort; cursor?: string; limit: number }) {
    // Searches by text are many and rarely repeated: only browsing pages are kept.
    if (query.q?.trim()) return searchShopperProducts(query);
    return shopperLists.getOrLoad(JSON.stringify([query.categoryId, query.sort, query.cursor, query.limit]), () => searchShopperProducts(query));
  }

  async function searchShopperProducts(query: { q?: string; categoryId?: string; sort?: repo.ProductSort; cursor?: string; limit: number }) {
    return searchPage({
      statuses: ['active'],
      priced: true,
      q: query.q?.trim() ? likePattern(query.q) : undefined,
      categoryId: query.categoryId,
      sort: query.sort ?? 'newest',
      cursor: query.cursor,
      limit: query.limit,
    });
  }

  async function listAdminProducts(query: { q?: string; status?: ProductStatus; categoryId?: string; cursor?: string; limit: number }) {
    return searchPage({
      statuses: query.status ? [query.status] : undefined,
      q: query.q?.trim() ? likePattern(query.q) : undefined,
      categoryId: query.categoryId,
      sort: 'newest',
      cursor: query.cursor,
      limit: query.limit,
    });
  }

  /** SKUs with their product, for checkout's pricing. Unknown ids are absent from the map. */
  async function getSkusForPricing(executor: AnyExecutor, skuIds: string[]): Promise<Map<string, PricingSku>> {
    const ids = [...new Set(skuIds)].filter(isUuid);
    const rows = await repo.findSkusWithProducts(catalogTables.of(executor), ids);
    return new Map(
      rows.map((r) => [
        r.sku_id,
        {
          skuId: r.sku_id,
          productId: r.product_id,
          productTitle: r.title,
          productTitleEn: r.title_en,
          skuLabel: r.label,
          skuLabelEn: englishLabel(orderAttributes(r.attributes, r.attribute_names), r.attrs_en),
          attributes: orderAttributes(r.attributes, r.attribute_names),
          priceAmount: r.price_amount,
          currency: r.currency,
          categoryId: r.category_id,
          image: r.images[0] ?? null,
          purchasable: r.sku_status === 'active' && r.product_status === 'active',
        },
      ]),
    );
  }

  /** SKUs by code (imports and the demo seed use it to skip what already exists). */
  async function findSkusByCode(codes: string[]) {
    const rows = await repo.findSkusByCode(db, [...new Set(codes)]);
    return new Map(rows.map((r) => [r.code, { skuId: r.id, productId: r.product_id }]));
  }

  /** Names for SKU ids (operator lists elsewhere, e.g. inventory). */
  async function describeSkus(skuIds: string[]) {
    const rows = await repo.findSkusWithProducts(db, [...new Set(skuIds)].filter(isUuid));
    return new Map(rows.map((r) => [r.sku_id, { productId: r.product_id, productTitle: r.title, skuLabel: r.label, code: r.code }]));
  }

  return { getProduct, getShopperProduct, getSku, listProducts, listAdminProducts, getSkusForPricing, findSkusByCode, describeSkus };
}

export type CatalogReads = ReturnType<typeof createCatalogReads>;
