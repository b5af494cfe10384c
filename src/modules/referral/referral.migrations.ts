import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const referralMigrations: NamedMigration[] = [
  {
    name: '0110_referral',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('referral_campaigns')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('qualify_on', 'text', (c) => c.notNull())
        .addColumn('inviter_reward', 'jsonb', (c) => c.notNull())
        .addColumn('invitee_reward', 'jsonb', (c) => c.notNull())
        .addColumn('milestones', 'jsonb', (c) => c.notNull())
        .addColumn('hold_hours', 'integer', (c) => c.notNull())
        .addColumn('inviter_daily_cap', 'integer', (c) => c.notNull())
        .addColumn('starts_at', 'timestamptz')
        .addColumn('ends_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('invite_codes')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('referrals')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('referral_campaigns.id'))
        .addColumn('inviter_id', 'uuid', (c) => c.notNull())
        // One inviter per invitee, ever: the first binding wins.
        .addColumn('invitee_id', 'uuid', (c) => c.notNull().unique())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('share_id', 'uuid')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('refused_reason', 'text')
        .addColumn('qualifying_order_id', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('qualified_at', 'timestamptz')
        .addColumn('reversed_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('referrals_inviter').on('referrals').columns(['campaign_id', 'inviter_id', 'status']).execute();

      await db.schema
        .createTable('referral_rewards')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('campaign_id', 'uuid', (c) => c.notNull())
        .addColumn('referral_id', 'uuid')
        .addColumn('beneficiary_id', 'uuid', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('milestone', 'integer')
        .addColumn('reward', 'jsonb', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('release_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('granted_at', 'timestamptz')
        .addColumn('reversed_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('referral_rewards_beneficiary').on('referral_rewards').columns(['beneficiary_id', 'created_at']).execute();
      await sql`create index referral_rewards_held on referral_rewards (release_at) where status = 'held'`.execute(db);
    },
  },
  {
    // Whether a new customer who arrives through any of a shopper's share links (team, price-cut,
    // product ...) counts as that shopper's invite, not only through the invite page's own links.
    name: '0450_referral_count_share_links',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('referral_campaigns').addColumn('count_share_links', 'boolean', (c) => c.notNull().defaultTo(true)).execute();
    },
  },
];
