import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const aftersalesMigrations: NamedMigration[] = [
  {
    name: '0070_aftersales',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('aftersales_requests')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('lines', 'jsonb', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('refund_id', 'uuid')
        .addColumn('operator_note', 'text')
        .addColumn('decided_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('decided_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // One open request per order at a time.
      await sql`create unique index aftersales_one_open_per_order on aftersales_requests (order_id) where status in ('pending', 'approved')`.execute(db);
      await db.schema.createIndex('aftersales_user').on('aftersales_requests').columns(['user_id', 'created_at']).execute();
      await db.schema.createIndex('aftersales_status').on('aftersales_requests').columns(['status', 'created_at']).execute();
    },
  },
];
