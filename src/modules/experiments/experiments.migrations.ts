import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const experimentsMigrations: NamedMigration[] = [
  {
    name: '0470_experiments_tables',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('experiments')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('campaign_id', 'uuid', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('hypothesis', 'text')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'running', 'stopped')`))
        .addColumn('goal_metric', 'text', (c) => c.notNull())
        .addColumn('secondary_metrics', 'jsonb', (c) => c.notNull())
        .addColumn('variants', 'jsonb', (c) => c.notNull())
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz')
        .addColumn('stopped_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('experiments_campaign_idx').on('experiments').columns(['campaign_id', 'status']).execute();
      // At most one running experiment per campaign: the kernel's variant hook asks "which one runs here?".
      await sql`create unique index experiments_one_running on experiments (campaign_id) where status = 'running'`.execute(db);
      await db.schema
        .createTable('experiment_exposures')
        .addColumn('experiment_id', 'uuid', (c) => c.notNull().references('experiments.id'))
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('variant_key', 'text', (c) => c.notNull())
        .addColumn('exposed_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('experiment_exposures_pk', ['experiment_id', 'subject_id'])
        .execute();
    },
  },
];
