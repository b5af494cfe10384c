import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';
import { migrationCipher } from '../../platform/migration-cipher.ts';
import { resealOrders } from './orders.pii.ts';
import { ordersTables } from './orders.table.ts';

export const ordersMigrations: NamedMigration[] = [
  {
    name: '0050_orders',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('orders')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_no', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('standard'))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('goods_amount', 'bigint', (c) => c.notNull())
        .addColumn('discount_amount', 'bigint', (c) => c.notNull())
        .addColumn('shipping_amount', 'bigint', (c) => c.notNull())
        .addColumn('total_amount', 'bigint', (c) => c.notNull())
        .addColumn('paid_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('address', 'jsonb', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('idempotency_key', 'text')
        .addColumn('request_hash', 'text')
        .addColumn('fulfilment_hold', 'text')
        .addColumn('stock_reserved', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('paid_at', 'timestamptz')
        .addColumn('cancelled_at', 'timestamptz')
        .addColumn('cancel_reason', 'text')
        .addColumn('shipped_at', 'timestamptz')
        .addColumn('tracking', 'jsonb')
        .addColumn('completed_at', 'timestamptz')
        .addColumn('refunded_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('orders_amounts_sane', sql`total_amount >= 0 and paid_amount >= 0 and refunded_amount >= 0 and refunded_amount <= paid_amount`)
        .execute();
      await sql`create unique index orders_idempotency on orders (user_id, idempotency_key) where idempotency_key is not null`.execute(db);
      await db.schema.createIndex('orders_user_placed').on('orders').columns(['user_id', 'placed_at', 'id']).execute();
      await db.schema.createIndex('orders_status_placed').on('orders').columns(['status', 'placed_at']).execute();
      await db.schema.createIndex('orders_placed').on('orders').columns(['placed_at', 'id']).execute();

      await db.schema
        .createTable('order_lines')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id'))
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('category_id', 'uuid', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('sku_label', 'text', (c) => c.notNull())
        .addColumn('image', 'text')
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
        .addColumn('list_unit_amount', 'bigint', (c) => c.notNull())
        .addColumn('unit_amount', 'bigint', (c) => c.notNull())
        .addColumn('discount_amount', 'bigint', (c) => c.notNull())
        .addColumn('total_amount', 'bigint', (c) => c.notNull())
        .addColumn('refunded_quantity', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('order_lines_refund_bounds', sql`refunded_quantity <= quantity and refunded_amount <= total_amount`)
        .execute();
      await db.schema.createIndex('order_lines_order').on('order_lines').column('order_id').execute();
      await db.schema.createIndex('order_lines_product').on('order_lines').column('product_id').execute();

      await db.schema
        .createTable('order_adjustments')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('sku_id', 'uuid')
        .addColumn('ref', 'text')
        .execute();
      await db.schema.createIndex('order_adjustments_order').on('order_adjustments').column('order_id').execute();

      await db.schema
        .createTable('order_status_history')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id'))
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('actor_id', 'uuid')
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('order_status_history_order').on('order_status_history').column('order_id').execute();
    },
  },
  // Personal data at rest (issue 16): every stored shipping address's recipient, phone and line sealed.
  {
    name: '0292_orders_pii_seal',
    async up(db: Kysely<any>) {
      const pii = await migrationCipher(db);
      await resealOrders(ordersTables.of(db), pii);
    },
  },
];
