import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const affiliateMigrations: NamedMigration[] = [
  {
    name: '0160_affiliate',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('affiliate_promoters')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('operator_note', 'text')
        .addColumn('balance_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'timestamptz', (c) => c.notNull())
        .addColumn('decided_at', 'timestamptz')
        .addColumn('decided_by', 'uuid')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('affiliate_promoters_status').on('affiliate_promoters').columns(['status', 'applied_at']).execute();

      await db.schema
        .createTable('promoter_bindings')
        .addColumn('customer_id', 'uuid', (c) => c.primaryKey())
        .addColumn('promoter_id', 'uuid', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('share_id', 'uuid')
        .addColumn('bound_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz')
        .addCheckConstraint('promoter_bindings_not_self', sql`customer_id <> promoter_id`)
        .execute();
      await db.schema.createIndex('promoter_bindings_promoter').on('promoter_bindings').columns(['promoter_id', 'bound_at']).execute();

      await db.schema
        .createTable('affiliate_product_rates')
        .addColumn('product_id', 'uuid', (c) => c.primaryKey())
        .addColumn('level1_bp', 'integer', (c) => c.notNull())
        .addColumn('level2_bp', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('affiliate_commissions')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        .addColumn('order_line_id', 'uuid', (c) => c.notNull())
        .addColumn('level', 'smallint', (c) => c.notNull())
        .addColumn('promoter_id', 'uuid', (c) => c.notNull())
        .addColumn('buyer_id', 'uuid', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('base_amount', 'bigint', (c) => c.notNull())
        .addColumn('rate_bp', 'integer', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('reversed_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('on_hold', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('settle_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('settled_at', 'timestamptz')
        .addColumn('reversed_at', 'timestamptz')
        // Two levels, never three (anti-pyramid): the database refuses a third even if code were wrong.
        .addCheckConstraint('affiliate_commissions_two_levels', sql`level in (1, 2)`)
        .addCheckConstraint('affiliate_commissions_reversal_bounded', sql`reversed_amount >= 0 and reversed_amount <= amount`)
        .execute();
      await db.schema.createIndex('affiliate_commissions_line_level').on('affiliate_commissions').columns(['order_line_id', 'level']).unique().execute();
      await db.schema.createIndex('affiliate_commissions_order').on('affiliate_commissions').column('order_id').execute();
      await db.schema.createIndex('affiliate_commissions_promoter').on('affiliate_commissions').columns(['promoter_id', 'created_at']).execute();

      await db.schema
        .createTable('affiliate_withdrawals')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('promoter_id', 'uuid', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('fee_amount', 'bigint', (c) => c.notNull())
        .addColumn('net_amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text')
        .addColumn('operator_note', 'text')
        .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
        .addColumn('decided_at', 'timestamptz')
        .addColumn('decided_by', 'uuid')
        .addCheckConstraint('affiliate_withdrawals_positive', sql`amount > 0 and fee_amount >= 0 and net_amount = amount - fee_amount`)
        .execute();
      await db.schema.createIndex('affiliate_withdrawals_promoter').on('affiliate_withdrawals').columns(['promoter_id', 'requested_at']).execute();
      await db.schema.createIndex('affiliate_withdrawals_idem').on('affiliate_withdrawals').columns(['promoter_id', 'idempotency_key']).unique().execute();
      await sql`create index affiliate_withdrawals_pending on affiliate_withdrawals (requested_at) where status = 'pending'`.execute(db);

      await db.schema
        .createTable('affiliate_ledger')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('promoter_id', 'uuid', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('affiliate_ledger_once').on('affiliate_ledger').columns(['kind', 'ref']).unique().execute();
      await db.schema.createIndex('affiliate_ledger_promoter').on('affiliate_ledger').columns(['promoter_id', 'at']).execute();
    },
  },
  {
    // Where a withdrawal is to be paid: the method, the account sealed like any personal data
    // (platform/pii.ts), and its last four characters in the clear so lists can show it masked.
    name: '0620_affiliate_withdrawal_payout',
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('affiliate_withdrawals')
        .addColumn('payout_method', 'text')
        .addColumn('payout_account', 'text')
        .addColumn('payout_account_tail', 'text')
        .execute();
      await sql`alter table affiliate_withdrawals add constraint affiliate_withdrawals_payout_whole check ((payout_method is null) = (payout_account is null))`.execute(db);
    },
  },
];
