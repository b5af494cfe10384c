import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const inventoryMigrations: NamedMigration[] = [
  {
    name: '0030_inventory',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('inventory_levels')
        .addColumn('sku_id', 'uuid', (c) => c.primaryKey().references('skus.id'))
        .addColumn('on_hand', 'integer', (c) => c.notNull())
        .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('inventory_levels_on_hand_nonnegative', sql`on_hand >= 0`)
        .addCheckConstraint('inventory_levels_reserved_nonnegative', sql`reserved >= 0`)
        .addCheckConstraint('inventory_levels_reserved_within_on_hand', sql`reserved <= on_hand`)
        .execute();
      await sql`create index inventory_levels_available on inventory_levels ((on_hand - reserved), sku_id)`.execute(db);

      await db.schema
        .createTable('inventory_reservations')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('sku_id', 'uuid', (c) => c.notNull().references('inventory_levels.sku_id'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('inventory_reservations_ref_sku', ['ref', 'sku_id'])
        .addCheckConstraint('inventory_reservations_quantity_positive', sql`quantity > 0`)
        .addCheckConstraint('inventory_reservations_status', sql`status in ('active', 'released', 'committed')`)
        .execute();
      await sql`create index inventory_reservations_active on inventory_reservations (sku_id) where status = 'active'`.execute(db);

      await db.schema
        .createTable('inventory_movements')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('delta_on_hand', 'integer', (c) => c.notNull())
        .addColumn('delta_reserved', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('ref', 'text')
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inventory_movements_sku').on('inventory_movements').columns(['sku_id', 'id']).execute();
      // A restock (returned goods) counts once per ref and SKU, however often it is retried.
      await sql`create unique index inventory_movements_restock_once on inventory_movements (ref, sku_id) where reason = 'restock'`.execute(db);
    },
  },
];
