// All of the supply module's SQL; no business decisions here.
import { sql, type Insertable } from 'kysely';
import type { SupplyDb, SupplyForecastsTable, SupplyRunsTable, SupplySkuStatusTable, SupplyDailyUnitsTable } from './supply.table.ts';

const CHUNK = 500;

export const findSettings = (db: SupplyDb, scopes: readonly string[]) =>
  scopes.length ? db.selectFrom('supply_settings').selectAll().where('scope', 'in', [...scopes]).execute() : Promise.resolve([]);

export const findAllSettings = (db: SupplyDb) => db.selectFrom('supply_settings').selectAll().orderBy('scope').execute();

export async function upsertSettings(db: SupplyDb, row: { scope: string; lead_time_days: number; service_level: number; cover_days: number; updated_by: string | null; updated_at: Date }) {
  return db
    .insertInto('supply_settings')
    .values(row)
    .onConflict((oc) => oc.column('scope').doUpdateSet({ lead_time_days: row.lead_time_days, service_level: row.service_level, cover_days: row.cover_days, updated_by: row.updated_by, updated_at: row.updated_at }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const deleteSettings = (db: SupplyDb, scope: string) => db.deleteFrom('supply_settings').where('scope', '=', scope).returning('scope').executeTakeFirst();

/** Remembers a campaign's SKUs; a second telling of the same pair changes nothing. */
export async function insertCampaignSkus(db: SupplyDb, rows: { campaign_id: string; sku_id: string; mechanic: string }[]) {
  if (rows.length) await db.insertInto('supply_campaign_skus').values(rows).onConflict((oc) => oc.columns(['campaign_id', 'sku_id']).doNothing()).execute();
}

/** A draft's SKU was edited: the campaign sells only the SKUs named now. */
export async function replaceCampaignSkus(db: SupplyDb, campaignId: string, mechanic: string, skuIds: readonly string[]) {
  await db.deleteFrom('supply_campaign_skus').where('campaign_id', '=', campaignId).execute();
  await insertCampaignSkus(db, skuIds.map((sku_id) => ({ campaign_id: campaignId, sku_id, mechanic })));
}

export const findCampaignSkus = (db: SupplyDb, campaignIds: readonly string[]) =>
  campaignIds.length ? db.selectFrom('supply_campaign_skus').selectAll().where('campaign_id', 'in', [...campaignIds]).execute() : Promise.resolve([]);

/** Replaces the whole derived state of a recompute in the caller's transaction. */
export async function replaceDerived(
  trx: SupplyDb,
  rows: { units: Insertable<SupplyDailyUnitsTable>[]; forecasts: Insertable<SupplyForecastsTable>[]; status: Insertable<SupplySkuStatusTable>[]; run: Insertable<SupplyRunsTable> },
) {
  await trx.deleteFrom('supply_daily_units').execute();
  await trx.deleteFrom('supply_forecasts').execute();
  await trx.deleteFrom('supply_sku_status').execute();
  for (let i = 0; i < rows.units.length; i += CHUNK) await trx.insertInto('supply_daily_units').values(rows.units.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < rows.forecasts.length; i += CHUNK) await trx.insertInto('supply_forecasts').values(rows.forecasts.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < rows.status.length; i += CHUNK) await trx.insertInto('supply_sku_status').values(rows.status.slice(i, i + CHUNK)).execute();
  await trx.insertInto('supply_runs').values(rows.run).execute();
}

export const findLatestRun = (db: SupplyDb) => db.selectFrom('supply_runs').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();

/** The latest run that carried a backtest (the daily job and the CLI run one; a quick recompute may not). */
export const findLatestBacktest = (db: SupplyDb) =>
  db.selectFrom('supply_runs').selectAll().where('backtest', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();

export const findStatus = (db: SupplyDb, skuIds: readonly string[]) =>
  skuIds.length ? db.selectFrom('supply_sku_status').selectAll().where('sku_id', 'in', [...skuIds]).execute() : Promise.resolve([]);

/** SKUs with at least one alert, soonest stock-out first (none last), then by most to order. */
export const findAlerting = (db: SupplyDb, limit: number) =>
  db
    .selectFrom('supply_sku_status')
    .selectAll()
    .where(sql<boolean>`jsonb_array_length(alerts) > 0`)
    .orderBy('stockout_day', (ob) => ob.asc().nullsLast())
    .orderBy('suggested_order', 'desc')
    .orderBy('sku_id')
    .limit(limit)
    .execute();

export const findForecast = (db: SupplyDb, skuId: string) => db.selectFrom('supply_forecasts').selectAll().where('sku_id', '=', skuId).orderBy('day').execute();
export const findForecasts = (db: SupplyDb, skuIds: readonly string[]) =>
  skuIds.length ? db.selectFrom('supply_forecasts').selectAll().where('sku_id', 'in', [...skuIds]).orderBy('sku_id').orderBy('day').execute() : Promise.resolve([]);
export const findUnits = (db: SupplyDb, skuId: string) => db.selectFrom('supply_daily_units').selectAll().where('sku_id', '=', skuId).orderBy('day').execute();
