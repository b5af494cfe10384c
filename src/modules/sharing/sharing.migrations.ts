import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const sharingMigrations: NamedMigration[] = [
  {
    name: '0080_sharing',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('shares')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('token', 'text', (c) => c.notNull())
        .addColumn('sharer_id', 'uuid', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('parent_share_id', 'uuid', (c) => c.references('shares.id'))
        .addColumn('root_share_id', 'uuid', (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull().check(sql`depth >= 0`))
        .addColumn('target_url', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('shares_token').on('shares').column('token').unique().execute();
      await db.schema.createIndex('shares_sharer').on('shares').columns(['sharer_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('shares_root').on('shares').columns(['root_share_id', 'depth']).execute();
      await db.schema.createIndex('shares_campaign').on('shares').columns(['campaign_id', 'created_at']).execute();
      await db.schema.createIndex('shares_target').on('shares').columns(['target_type', 'target_id', 'created_at']).execute();
      await sql`create index shares_roots_created on shares (created_at, id) where parent_share_id is null`.execute(db);

      await db.schema
        .createTable('share_clicks')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('share_id', 'uuid', (c) => c.notNull().references('shares.id'))
        .addColumn('root_share_id', 'uuid', (c) => c.notNull())
        .addColumn('sharer_id', 'uuid', (c) => c.notNull())
        .addColumn('campaign_id', 'text')
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('visitor_id', 'text')
        .addColumn('user_id', 'uuid')
        .addColumn('referer', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('is_new_visitor', 'boolean', (c) => c.notNull())
        .addColumn('self_click', 'boolean', (c) => c.notNull())
        .addColumn('clicked_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('share_clicks_visitor').on('share_clicks').columns(['visitor_id', 'clicked_at']).execute();
      await db.schema.createIndex('share_clicks_user').on('share_clicks').columns(['user_id', 'clicked_at']).execute();
      await db.schema.createIndex('share_clicks_share').on('share_clicks').columns(['share_id', 'clicked_at']).execute();
      await db.schema.createIndex('share_clicks_root').on('share_clicks').column('root_share_id').execute();
      await db.schema.createIndex('share_clicks_clicked').on('share_clicks').columns(['clicked_at']).execute();

      await db.schema
        .createTable('share_visitors')
        .addColumn('visitor_id', 'text', (c) => c.primaryKey())
        .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('visitor_links')
        .addColumn('visitor_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('visitor_links_pk', ['visitor_id', 'user_id'])
        .execute();
      await db.schema.createIndex('visitor_links_user').on('visitor_links').column('user_id').execute();

      await db.schema
        .createTable('attributions')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('customer', 'order')`))
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull().check(sql`model in ('last_touch', 'first_touch')`))
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('share_id', 'uuid', (c) => c.notNull().references('shares.id'))
        .addColumn('root_share_id', 'uuid', (c) => c.notNull())
        .addColumn('sharer_id', 'uuid', (c) => c.notNull())
        .addColumn('campaign_id', 'text')
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('click_id', 'uuid', (c) => c.notNull().references('share_clicks.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('order_amount', 'bigint')
        .addColumn('currency', 'text')
        .addColumn('paid', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('paid_amount', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`paid_amount >= 0`))
        .addColumn('attributed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('attributions_subject_model', ['subject_type', 'subject_id', 'model'])
        .execute();
      await db.schema.createIndex('attributions_share').on('attributions').columns(['share_id', 'model']).execute();
      await db.schema.createIndex('attributions_root').on('attributions').column('root_share_id').execute();
      await db.schema.createIndex('attributions_campaign').on('attributions').columns(['campaign_id', 'attributed_at']).execute();
      await db.schema.createIndex('attributions_attributed').on('attributions').columns(['attributed_at']).execute();
    },
  },
];
