// All catalog SQL.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { CategoriesTable, MediaTable, ProductsTable, ProductStatus, SkuPriceHistoryTable, SkusTable, CatalogDb } from './catalog.table.ts';

// ---- categories

export const findCategories = (db: CatalogDb) => db.selectFrom('categories').selectAll().orderBy('sort').orderBy('name').execute();

export const findCategory = (db: CatalogDb, id: string) => db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();

export const insertCategory = (db: CatalogDb, row: Insertable<CategoriesTable>) => db.insertInto('categories').values(row).returningAll().executeTakeFirstOrThrow();

export const updateCategory = (db: CatalogDb, id: string, patch: Updateable<CategoriesTable>) =>
  db.updateTable('categories').set(patch).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteCategory = (db: CatalogDb, id: string) => db.deleteFrom('categories').where('id', '=', id).executeTakeFirst();

export const countCategoryUse = async (db: CatalogDb, id: string) => {
  const row = await db
    .selectNoFrom([
      sql<number>`(select count(*)::int from categories where parent_id = ${id})`.as('children'),
      sql<number>`(select count(*)::int from products where category_id = ${id})`.as('products'),
    ])
    .executeTakeFirstOrThrow();
  return row;
};

/** The category and every category below it. */
const subtreeOf = (categoryId: string) =>
  sql`(with recursive sub(id) as (select id from categories where id = ${categoryId}::uuid union all select c.id from categories c join sub on c.parent_id = sub.id) select id from sub)`;

// ---- products

export const insertProducts = (db: CatalogDb, rows: Insertable<ProductsTable>[]) =>
  rows.length ? db.insertInto('products').values(rows).execute() : Promise.resolve([]);

export const findProduct = (db: CatalogDb, id: string) => db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();

export const lockProduct = (db: CatalogDb, id: string) => db.selectFrom('products').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const updateProduct = (db: CatalogDb, id: string, patch: Updateable<ProductsTable>) =>
  db.updateTable('products').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** Keeps the product's price range in step with its active SKUs. */
export const refreshPriceRange = (db: CatalogDb, productId: string, now: Date) =>
  db
    .updateTable('products')
    .set({
      price_min_amount: sql`(select min(price_amount) from skus where product_id = ${productId}::uuid and status = 'active')`,
      price_max_amount: sql`(select max(price_amount) from skus where product_id = ${productId}::uuid and status = 'active')`,
      updated_at: now,
    })
    .where('id', '=', productId)
    .returningAll()
    .executeTakeFirstOrThrow();

export type ProductSort = 'newest' | 'price_asc' | 'price_desc';
export type ProductCursor = { s: ProductSort; v: string | number; id: string };

export interface ProductSearch {
  statuses?: ProductStatus[];
  q?: string; // a LIKE pattern, already escaped
  categoryId?: string;
  sort: ProductSort;
  after?: ProductCursor;
  limit: number;
  /** Shopper lists show only products with something to buy. */
  priced?: boolean;
}

export const searchProducts = (db: CatalogDb, s: ProductSearch) => {
  let qb = db.selectFrom('products').selectAll().limit(s.limit + 1);
  if (s.statuses) qb = qb.where('status', 'in', s.statuses);
  if (s.priced) qb = qb.where('price_min_amount', 'is not', null);
  if (s.q) {
    const like = s.q;
    qb = qb.where((eb) => eb.or([eb('title', 'ilike', like), eb('subtitle', 'ilike', like), eb('title_en', 'ilike', like)]));
  }
  if (s.categoryId) qb = qb.where(sql<boolean>`category_id in ${subtreeOf(s.categoryId)}`);
  switch (s.sort) {
    case 'newest':
      qb = qb.orderBy('created_at', 'desc').orderBy('id', 'desc');
      if (s.after) qb = qb.where(sql<boolean>`(created_at, id) < (${new Date(s.after.v as string)}::timestamptz, ${s.after.id}::uuid)`);
      break;
    case 'price_asc':
      qb = qb.orderBy('price_min_amount', 'asc').orderBy('id', 'asc');
      if (s.after) qb = qb.where(sql<boolean>`(price_min_amount, id) > (${s.after.v}::bigint, ${s.after.id}::uuid)`);
      break;
    case 'price_desc':
      qb = qb.orderBy('price_min_amount', 'desc').orderBy('id', 'desc');
      if (s.after) qb = qb.where(sql<boolean>`(price_min_amount, id) < (${s.after.v}::bigint, ${s.after.id}::uuid)`);
      break;
  }
  return qb.execute();
};

// ---- skus

export const insertSkus = (db: CatalogDb, rows: Insertable<SkusTable>[]) => (rows.length ? db.insertInto('skus').values(rows).execute() : Promise.resolve([]));

export const findSku = (db: CatalogDb, id: string) => db.selectFrom('skus').selectAll().where('id', '=', id).executeTakeFirst();

export const findSkusOfProducts = (db: CatalogDb, productIds: string[]) =>
  productIds.length
    ? db.selectFrom('skus').selectAll().where('product_id', 'in', productIds).orderBy('position').orderBy('created_at').orderBy('id').execute()
    : Promise.resolve([]);

export const findSkuCodes = (db: CatalogDb, codes: string[]) =>
  codes.length ? db.selectFrom('skus').select('code').where('code', 'in', codes).execute() : Promise.resolve([]);

export const findSkusByCode = (db: CatalogDb, codes: string[]) =>
  codes.length ? db.selectFrom('skus').select(['id', 'code', 'product_id']).where('code', 'in', codes).execute() : Promise.resolve([]);

export const updateSku = (db: CatalogDb, id: string, patch: Updateable<SkusTable>) =>
  db.updateTable('skus').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const findSkusWithProducts = (db: CatalogDb, skuIds: string[]) =>
  skuIds.length
    ? db
        .selectFrom('skus')
        .innerJoin('products', 'products.id', 'skus.product_id')
        .select([
          'skus.id as sku_id',
          'skus.product_id',
          'skus.code',
          'skus.label',
          'skus.attributes',
          'skus.attribute_names',
          'skus.attrs_en',
          'skus.price_amount',
          'skus.currency',
          'skus.status as sku_status',
          'products.title',
          'products.title_en',
          'products.category_id',
          'products.images',
          'products.status as product_status',
        ])
        .where('skus.id', 'in', skuIds)
        .execute()
    : Promise.resolve([]);

export const insertPriceHistory = (db: CatalogDb, rows: Insertable<SkuPriceHistoryTable>[]) =>
  rows.length ? db.insertInto('sku_price_history').values(rows).execute() : Promise.resolve([]);

// ---- media

export const insertMedia = (db: CatalogDb, rows: Insertable<MediaTable>[]) => (rows.length ? db.insertInto('media').values(rows).execute() : Promise.resolve([]));

export const findMedia = (db: CatalogDb, id: string) => db.selectFrom('media').select(['id', 'content_type', 'bytes', 'size', 'created_at']).where('id', '=', id).executeTakeFirst();

// ---- the operator's product board (list with stock, sales and a total)

export interface BoardFilter {
  status?: ProductStatus;
  categoryId?: string;
  q?: string; // a LIKE pattern, already escaped
}

const boardFiltered = (db: CatalogDb, f: BoardFilter) => {
  let qb = db.selectFrom('products');
  if (f.status) qb = qb.where('status', '=', f.status);
  if (f.q) {
    const like = f.q;
    qb = qb.where((eb) => eb.or([eb('title', 'ilike', like), eb('subtitle', 'ilike', like), eb('title_en', 'ilike', like)]));
  }
  if (f.categoryId) qb = qb.where(sql<boolean>`category_id in ${subtreeOf(f.categoryId)}`);
  return qb;
};

export const countBoard = async (db: CatalogDb, f: BoardFilter) =>
  Number((await boardFiltered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

/** One page of the filtered products by creation time or lowest price (unpriced last), with the id as tiebreak. */
export const findBoardPage = (db: CatalogDb, f: BoardFilter, sort: 'created' | 'price', desc: boolean, offset: number, limit: number) => {
  const dir = desc ? 'desc' : 'asc';
  const qb = boardFiltered(db, f).selectAll();
  const sorted = sort === 'created' ? qb.orderBy('created_at', dir) : qb.orderBy(sql`price_min_amount ${sql.raw(dir)} nulls last`);
  return sorted.orderBy('id', dir).offset(offset).limit(limit).execute();
};

/** Every filtered product's id (sorting by figures other modules hold happens in memory). */
export const findBoardIds = (db: CatalogDb, f: BoardFilter) => boardFiltered(db, f).select(['id', 'created_at']).execute();

export const findProducts = (db: CatalogDb, ids: string[]) => (ids.length ? db.selectFrom('products').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]));

/** Each product's SKU ids. */
export const findSkuIdsOfProducts = (db: CatalogDb, productIds: string[]) =>
  productIds.length ? db.selectFrom('skus').select(['id', 'product_id']).where('product_id', 'in', productIds).execute() : Promise.resolve([]);

/** Products per category (its own, not its subcategories'). */
export const countProductsByCategory = (db: CatalogDb) =>
  db.selectFrom('products').select(['category_id', sql<number>`count(*)::int`.as('n')]).groupBy('category_id').execute();

export const findProductStatuses = (db: CatalogDb, ids: string[]) =>
  ids.length ? db.selectFrom('products').select(['id', 'status']).where('id', 'in', ids).execute() : Promise.resolve([]);
