import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const plannerMigrations: NamedMigration[] = [
  {
    name: '0490_planner_plans',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('plans')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'launching', 'launched')`))
        .addColumn('goal_metric', 'text', (c) => c.notNull().check(sql`goal_metric in ('new_customers', 'gmv', 'k')`))
        .addColumn('goal_target', 'double precision', (c) => c.notNull())
        .addColumn('segment_id', 'uuid')
        .addColumn('budget_amount', 'bigint')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
        .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
        .addColumn('mechanic', 'jsonb', (c) => c.notNull())
        .addColumn('channels', 'jsonb', (c) => c.notNull())
        .addColumn('variants', 'jsonb', (c) => c.notNull())
        .addColumn('campaign_id', 'uuid')
        .addColumn('experiment_id', 'uuid')
        .addColumn('forecast', 'jsonb')
        .addColumn('forecast_at', 'timestamptz')
        .addColumn('launch_claimed_at', 'timestamptz')
        .addColumn('launched_at', 'timestamptz')
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plans_created_idx').on('plans').columns(['created_at', 'id']).execute();
      // One plan per campaign: a campaign is created by exactly one launch.
      await sql`create unique index plans_campaign_uq on plans (campaign_id) where campaign_id is not null`.execute(db);
    },
  },
];
