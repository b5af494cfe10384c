import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const catalogMigrations: NamedMigration[] = [
  {
    name: '0020_catalog',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('categories')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('parent_id', 'uuid', (c) => c.references('categories.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('categories_parent').on('categories').column('parent_id').execute();

      await db.schema
        .createTable('products')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('subtitle', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('category_id', 'uuid', (c) => c.notNull().references('categories.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('images', 'jsonb', (c) => c.notNull())
        .addColumn('price_min_amount', 'bigint')
        .addColumn('price_max_amount', 'bigint')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('products_status', sql`status in ('draft', 'active', 'archived')`)
        .execute();
      // Shopper listings: newest first and by price, within active products.
      await sql`create index products_active_newest on products (created_at desc, id desc) where status = 'active'`.execute(db);
      await sql`create index products_active_price on products (price_min_amount, id) where status = 'active'`.execute(db);
      await db.schema.createIndex('products_category').on('products').columns(['category_id', 'status']).execute();
      await db.schema.createIndex('products_admin').on('products').columns(['status', 'created_at', 'id']).execute();

      await db.schema
        .createTable('skus')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('attributes', 'jsonb', (c) => c.notNull())
        .addColumn('attribute_names', 'jsonb', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('price_amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('list_price_amount', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('skus_status', sql`status in ('active', 'inactive')`)
        .addCheckConstraint('skus_price_positive', sql`price_amount > 0`)
        .addCheckConstraint('skus_list_price_positive', sql`list_price_amount is null or list_price_amount > 0`)
        .execute();
      await db.schema.createIndex('skus_product').on('skus').columns(['product_id', 'position']).execute();

      await db.schema
        .createTable('sku_price_history')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('sku_id', 'uuid', (c) => c.notNull().references('skus.id'))
        .addColumn('price_amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sku_price_history_sku').on('sku_price_history').columns(['sku_id', 'at']).execute();

      await db.schema
        .createTable('media')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('bytes', 'bytea', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  {
    // English shop texts, optional: the storefront shows them in English and falls back to Chinese.
    name: '0220_catalog_english_titles',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('products').addColumn('title_en', 'text').addColumn('subtitle_en', 'text').addColumn('description_en', 'text').execute();
    },
  },
  {
    // Optional English option names and values per SKU, keyed by the Chinese attribute name
    // ({"颜色": {"name": "Colour", "value": "Red"}}), so each pairs with its Chinese one exactly.
    name: '0241_catalog_sku_english_attrs',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('skus').addColumn('attrs_en', 'jsonb').execute();
    },
  },
];
