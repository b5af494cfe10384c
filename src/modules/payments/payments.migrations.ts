import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const paymentsMigrations: NamedMigration[] = [
  {
    name: '0060_payments',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('payments')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('gateway', 'text', (c) => c.notNull())
        .addColumn('provider_ref', 'text', (c) => c.unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('refund_reserved_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('idempotency_key', 'text')
        .addColumn('failure_code', 'text')
        .addColumn('failure_message', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('succeeded_at', 'timestamptz')
        .addCheckConstraint('payments_refund_bound', sql`refund_reserved_amount >= 0 and refund_reserved_amount <= amount`)
        .execute();
      // At most one live or successful payment per order: the database refuses a double charge.
      await sql`create unique index payments_one_live_per_order on payments (order_id) where status in ('pending', 'processing', 'succeeded')`.execute(db);
      await sql`create unique index payments_idempotency on payments (user_id, idempotency_key) where idempotency_key is not null`.execute(db);
      await db.schema.createIndex('payments_order').on('payments').column('order_id').execute();

      await db.schema
        .createTable('refunds')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('payment_id', 'uuid', (c) => c.notNull().references('payments.id'))
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('lines', 'jsonb', (c) => c.notNull())
        .addColumn('restock', 'boolean', (c) => c.notNull())
        .addColumn('idempotency_key', 'text')
        .addColumn('provider_ref', 'text', (c) => c.unique())
        .addColumn('requested_by', 'uuid')
        .addColumn('failure_message', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('completed_at', 'timestamptz')
        .execute();
      await sql`create unique index refunds_idempotency on refunds (order_id, idempotency_key) where idempotency_key is not null`.execute(db);
      await sql`create unique index refunds_one_pending_per_order on refunds (order_id) where status = 'pending' and kind = 'order'`.execute(db);
      await db.schema.createIndex('refunds_order').on('refunds').column('order_id').execute();

      await db.schema
        .createTable('webhook_events')
        .addColumn('gateway', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_events_pk', ['gateway', 'event_id'])
        .execute();

      await db.schema
        .createTable('sandbox_charges')
        .addColumn('ref', 'text', (c) => c.primaryKey())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('card_last4', 'text')
        .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('sandbox_charges_refund_bound', sql`refunded_amount <= amount`)
        .execute();
      await db.schema
        .createTable('sandbox_refunds')
        .addColumn('ref', 'text', (c) => c.primaryKey())
        .addColumn('charge_ref', 'text', (c) => c.notNull())
        .addColumn('merchant_refund_id', 'text', (c) => c.notNull().unique())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  {
    // The sandbox's card fingerprint (what a real gateway reports per card number), for fraud checks.
    name: '0390_payments_sandbox_card_fingerprint',
    async up(db) {
      await db.schema.alterTable('sandbox_charges').addColumn('card_fingerprint', 'text').execute();
    },
  },
];
