import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const restockMigrations: NamedMigration[] = [
  {
    name: '0210_restock_alerts',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('restock_alerts')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('notified_at', 'timestamptz')
        .addColumn('messaged_at', 'timestamptz')
        // One row per shopper and SKU: asking twice is the same ask, asking again later re-opens it.
        .addUniqueConstraint('restock_alerts_user_sku', ['user_id', 'sku_id'])
        .execute();
      // The consumer looks up the waiting alerts of one SKU whenever its stock changes.
      await db.schema.createIndex('restock_alerts_sku_status').on('restock_alerts').columns(['sku_id', 'status']).execute();
    },
  },
];
