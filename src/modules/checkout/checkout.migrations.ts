import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const checkoutMigrations: NamedMigration[] = [
  {
    name: '0040_checkout',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('cart_items')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0 and quantity <= 999`))
        .addColumn('added_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('cart_items_pk', ['user_id', 'sku_id'])
        .execute();
    },
  },
];
