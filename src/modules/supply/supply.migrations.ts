import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const supplyMigrations: NamedMigration[] = [
  {
    name: '0430_supply_tables',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('supply_settings')
        .addColumn('scope', 'text', (c) => c.primaryKey())
        .addColumn('lead_time_days', 'integer', (c) => c.notNull())
        .addColumn('service_level', 'double precision', (c) => c.notNull())
        .addColumn('cover_days', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'uuid')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('supply_campaign_skus')
        .addColumn('campaign_id', 'uuid', (c) => c.notNull())
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('mechanic', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('supply_campaign_skus_pk', ['campaign_id', 'sku_id'])
        .execute();
      await db.schema
        .createTable('supply_daily_units')
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('units', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('supply_daily_units_pk', ['sku_id', 'day'])
        .execute();
      await db.schema
        .createTable('supply_forecasts')
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('mean', 'double precision', (c) => c.notNull())
        .addColumn('lo', 'double precision', (c) => c.notNull())
        .addColumn('hi', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('supply_forecasts_pk', ['sku_id', 'day'])
        .execute();
      await db.schema
        .createTable('supply_sku_status')
        .addColumn('sku_id', 'uuid', (c) => c.primaryKey())
        .addColumn('available', 'integer', (c) => c.notNull())
        .addColumn('daily_forecast', 'double precision', (c) => c.notNull())
        .addColumn('sigma', 'double precision', (c) => c.notNull())
        .addColumn('lead_time_days', 'integer', (c) => c.notNull())
        .addColumn('service_level', 'double precision', (c) => c.notNull())
        .addColumn('safety_stock', 'double precision', (c) => c.notNull())
        .addColumn('reorder_point', 'double precision', (c) => c.notNull())
        .addColumn('stockout_day', 'text')
        .addColumn('suggested_order', 'integer', (c) => c.notNull())
        .addColumn('alerts', 'jsonb', (c) => c.notNull())
        .addColumn('history_units', 'integer', (c) => c.notNull())
        .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('supply_runs')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        // Two runs at one clock instant (tests, a double click) still have an order.
        .addColumn('seq', 'serial', (c) => c.notNull().unique())
        .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('history_from', 'text', (c) => c.notNull())
        .addColumn('history_to', 'text', (c) => c.notNull())
        .addColumn('skus', 'integer', (c) => c.notNull())
        .addColumn('took_ms', 'integer', (c) => c.notNull())
        .addColumn('effects', 'jsonb', (c) => c.notNull())
        .addColumn('season', 'jsonb', (c) => c.notNull())
        .addColumn('backtest', 'jsonb')
        .execute();
    },
  },
];
