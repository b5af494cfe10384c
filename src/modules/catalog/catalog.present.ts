// API shapes of categories, products and SKUs: rows in, JSON-ready objects out.
import type { Selectable } from 'kysely';
import { money } from '../../platform/money.ts';
import { orderAttributes, type CategoryRow } from './catalog.rules.ts';
import type { CategoriesTable, ProductsTable, ProductStatus, SkusTable } from './catalog.table.ts';

type CategoryRecord = Selectable<CategoriesTable>;
export type ProductRecord = Selectable<ProductsTable>;
type SkuRecord = Selectable<SkusTable>;

export function publicCategory(c: CategoryRecord): CategoryRow {
  return { id: c.id, parentId: c.parent_id, name: c.name, nameEn: c.name_en, slug: c.slug, sort: c.sort };
}

export function productSummary(p: ProductRecord) {
  return {
    id: p.id,
    title: p.title,
    titleEn: p.title_en,
    subtitle: p.subtitle,
    subtitleEn: p.subtitle_en,
    image: p.images[0] ?? null,
    price: p.price_min_amount === null ? null : { min: money(p.price_min_amount, p.currency), max: money(p.price_max_amount ?? p.price_min_amount, p.currency) },
    categoryId: p.category_id,
    status: p.status,
    createdAt: p.created_at.toISOString(),
  };
}

/** A SKU with its stock; purchasable when it and its product are active and some is available. */
export function skuView(s: SkuRecord, stock: { onHand: number; reserved: number; available: number } | undefined, productStatus: ProductStatus) {
  return {
    id: s.id,
    productId: s.product_id,
    code: s.code,
    label: s.label,
    attributes: orderAttributes(s.attributes, s.attribute_names),
    attrsEn: s.attrs_en ?? null,
    price: money(s.price_amount, s.currency),
    listPrice: s.list_price_amount === null ? null : money(s.list_price_amount, s.currency),
    status: s.status,
    onHand: stock?.onHand ?? 0,
    reserved: stock?.reserved ?? 0,
    available: Math.max(0, stock?.available ?? 0),
    purchasable: s.status === 'active' && productStatus === 'active' && (stock?.available ?? 0) > 0,
  };
}
