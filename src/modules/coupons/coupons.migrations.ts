import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const couponsMigrations: NamedMigration[] = [
  {
    name: '0090_coupons',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('coupon_templates')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint')
        .addColumn('percent_bp', 'integer')
        .addColumn('max_discount_amount', 'bigint')
        .addColumn('min_spend_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('scope_ids', 'jsonb', (c) => c.notNull())
        .addColumn('valid_from', 'timestamptz')
        .addColumn('valid_until', 'timestamptz')
        .addColumn('valid_days_after_claim', 'integer')
        .addColumn('per_user_limit', 'integer', (c) => c.notNull())
        .addColumn('total_quota', 'integer')
        .addColumn('claimed_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('budget_amount', 'bigint')
        .addColumn('budget_used_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('claimable', 'boolean', (c) => c.notNull())
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        // The database itself refuses a quota or budget overrun, whatever the application does.
        .addCheckConstraint('coupon_templates_quota', sql`claimed_count >= 0 and (total_quota is null or claimed_count <= total_quota)`)
        .addCheckConstraint('coupon_templates_budget', sql`budget_used_amount >= 0 and (budget_amount is null or budget_used_amount <= budget_amount)`)
        .execute();
      await db.schema.createIndex('coupon_templates_status').on('coupon_templates').columns(['status', 'created_at']).execute();

      await db.schema
        .createTable('coupons')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('template_id', 'uuid', (c) => c.notNull().references('coupon_templates.id'))
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
        .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
        .addColumn('order_id', 'uuid')
        .addColumn('discount_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('source_ref', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('locked_at', 'timestamptz')
        .addColumn('used_at', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('coupons_discount_sane', sql`discount_amount >= 0`)
        .execute();
      // Rewards and share-pack grants carry a source_ref: granting twice gives one coupon.
      await sql`create unique index coupons_source_ref on coupons (template_id, user_id, source, source_ref) where source_ref is not null`.execute(db);
      await db.schema.createIndex('coupons_user').on('coupons').columns(['user_id', 'status', 'valid_until']).execute();
      await db.schema.createIndex('coupons_template').on('coupons').columns(['template_id', 'user_id']).execute();
      await sql`create index coupons_order on coupons (order_id) where order_id is not null`.execute(db);

      await db.schema
        .createTable('coupon_packs')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('friend_template_id', 'uuid', (c) => c.notNull().references('coupon_templates.id'))
        .addColumn('sharer_template_id', 'uuid', (c) => c.notNull().references('coupon_templates.id'))
        .addColumn('friends_needed', 'integer', (c) => c.notNull().check(sql`friends_needed between 1 and 50`))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
        .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('coupon_pack_progress')
        .addColumn('share_id', 'text', (c) => c.primaryKey())
        .addColumn('pack_id', 'uuid', (c) => c.notNull().references('coupon_packs.id'))
        .addColumn('sharer_id', 'uuid', (c) => c.notNull())
        .addColumn('claimed_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unlocked_at', 'timestamptz')
        .addColumn('sharer_coupon_id', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('coupon_pack_progress_count', sql`claimed_count >= 0 and claimed_count <= 50`)
        .execute();
      await db.schema.createIndex('coupon_pack_progress_sharer').on('coupon_pack_progress').columns(['sharer_id', 'created_at']).execute();

      await db.schema
        .createTable('coupon_pack_claims')
        .addColumn('share_id', 'text', (c) => c.notNull())
        .addColumn('friend_id', 'uuid', (c) => c.notNull())
        .addColumn('pack_id', 'uuid', (c) => c.notNull())
        .addColumn('coupon_id', 'uuid', (c) => c.notNull())
        .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('coupon_pack_claims_pk', ['share_id', 'friend_id'])
        .execute();
    },
  },
  {
    // The daily sweep that marks date-expired coupons finds them through this partial index.
    name: '0211_coupons_expiry_sweep',
    async up(db: Kysely<any>) {
      await sql`create index coupons_available_until on coupons (valid_until) where status = 'available'`.execute(db);
    },
  },
  {
    // Optional English name and description: the storefront shows them in English, else the Chinese.
    name: '0221_coupons_english_names',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('coupon_templates').addColumn('name_en', 'text').addColumn('description_en', 'text').execute();
    },
  },
  {
    // The campaign kernel (0250) took over the budget and what was spent from it: one ledger for
    // every mechanic. Its constraint goes with the columns.
    name: '0251_coupons_budget_to_kernel',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('coupon_templates').dropConstraint('coupon_templates_budget').execute();
      await db.schema.alterTable('coupon_templates').dropColumn('budget_amount').dropColumn('budget_used_amount').execute();
    },
  },
  {
    // A coupon claimed under an A/B variant keeps the face value it was claimed with (null: the template's).
    name: '0500_coupons_face_amount',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('coupons').addColumn('face_amount', 'bigint').execute();
      await sql`alter table coupons add constraint coupons_face_amount_positive check (face_amount is null or face_amount >= 1)`.execute(db);
    },
  },
];
