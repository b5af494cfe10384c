import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export type ProductStatus = 'draft' | 'active' | 'archived';
export type SkuStatus = 'active' | 'inactive';

export interface CategoriesTable {
  id: string;
  parent_id: string | null;
  /** Display name in Chinese. */
  name: string;
  name_en: string;
  slug: string;
  sort: Generated<number>;
  created_at: Timestamp;
}

export interface ProductsTable {
  id: string;
  title: string;
  subtitle: string;
  description: string;
  /** English title, subtitle and description; null when the store has not written them (shoppers then see the Chinese). */
  title_en: string | null;
  subtitle_en: string | null;
  description_en: string | null;
  category_id: string;
  status: ProductStatus;
  /** Image URLs, first is the cover. */
  images: Json<string[]>;
  /** Lowest and highest price of the product's active SKUs (kept in step by the catalog service; null without one). */
  price_min_amount: number | null;
  price_max_amount: number | null;
  currency: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Chinese attribute name → its English name and value, e.g. {"颜色": {"name": "Colour", "value": "Red"}}. */
export type EnglishAttributes = Record<string, { name: string; value: string }>;

export interface SkusTable {
  id: string;
  product_id: string;
  code: string;
  /** e.g. {"颜色":"红","尺码":"M"}. jsonb reorders keys, so the label keeps the order they were given in. */
  attributes: Json<Record<string, string>>;
  /** Attribute names in the order given ("颜色" before "尺码"), which jsonb does not keep. */
  attribute_names: Json<string[]>;
  /** Optional English name and value per Chinese attribute name; null when none. */
  attrs_en: ColumnType<EnglishAttributes | null, string | null, string | null>;
  label: string;
  price_amount: number;
  currency: string;
  /** Reference ("strike-through") price, shown only when above the price. */
  list_price_amount: number | null;
  status: SkuStatus;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Every price a SKU has had, so a reference price can be checked against recent prices (DESIGN §8). */
export interface SkuPriceHistoryTable {
  id: Generated<number>;
  sku_id: string;
  price_amount: number;
  currency: string;
  at: Timestamp;
}

export interface MediaTable {
  id: string;
  content_type: string;
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
  size: number;
  created_at: Timestamp;
}

export interface CatalogTables {
  categories: CategoriesTable;
  products: ProductsTable;
  skus: SkusTable;
  sku_price_history: SkuPriceHistoryTable;
  media: MediaTable;
}

/** The tables catalog owns: the only ones its code can query (platform/tables.ts). */
export const catalogTables = ownTables<CatalogTables>({ categories: true, products: true, skus: true, sku_price_history: true, media: true });
/** A handle on catalog's own tables: its pool or a transaction on it. */
export type CatalogDb = Executor<CatalogTables>;
/** The platform as catalog sees it: its pool queries catalog's tables only. */
export type CatalogPlatform = ModulePlatform<CatalogTables>;

declare module '../../platform/db.ts' {
  interface Database extends CatalogTables {}
}
