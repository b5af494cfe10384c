import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { BacktestReport, EffectEstimate } from './supply.forecast.ts';
import type { SupplyAlert } from './supply.rules.ts';

/** Lead time and service level: one row per SKU an operator set, and 'default' for the store. */
export interface SupplySettingsTable {
  /** 'default' or a SKU id. */
  scope: string;
  lead_time_days: number;
  service_level: number;
  cover_days: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** Which SKUs a campaign sells, learnt from the mechanics' events (or read once from their services). */
export interface SupplyCampaignSkusTable {
  campaign_id: string;
  sku_id: string;
  mechanic: string;
}

/** Units paid per SKU and China day over the history the last recompute read (net of refunded units). */
export interface SupplyDailyUnitsTable {
  sku_id: string;
  day: string;
  units: number;
}

/** The last recompute's forecast per SKU and day, with its 80% band. */
export interface SupplyForecastsTable {
  sku_id: string;
  day: string;
  mean: number;
  lo: number;
  hi: number;
}

/** The last recompute's reorder plan per SKU. */
export interface SupplySkuStatusTable {
  sku_id: string;
  available: number;
  daily_forecast: number;
  sigma: number;
  lead_time_days: number;
  service_level: number;
  safety_stock: number;
  reorder_point: number;
  stockout_day: string | null;
  suggested_order: number;
  alerts: Json<SupplyAlert[]>;
  history_units: number;
  computed_at: Timestamp;
}

/** One recompute: when, how long, the pooled event effects and (for full runs) the backtest. */
export interface SupplyRunsTable {
  id: string;
  seq: Generated<number>;
  computed_at: Timestamp;
  trigger: string;
  history_from: string;
  history_to: string;
  skus: number;
  took_ms: number;
  effects: Json<EffectEstimate[]>;
  season: Json<number[]>;
  /** Null when the run skipped the backtest. */
  backtest: ColumnType<BacktestReport | null, string | null, string | null>;
}

export interface SupplyTables {
  supply_settings: SupplySettingsTable;
  supply_campaign_skus: SupplyCampaignSkusTable;
  supply_daily_units: SupplyDailyUnitsTable;
  supply_forecasts: SupplyForecastsTable;
  supply_sku_status: SupplySkuStatusTable;
  supply_runs: SupplyRunsTable;
}

/** The tables supply owns: the only ones its code can query (platform/tables.ts). */
export const supplyTables = ownTables<SupplyTables>({ supply_settings: true, supply_campaign_skus: true, supply_daily_units: true, supply_forecasts: true, supply_sku_status: true, supply_runs: true });
export type SupplyDb = Executor<SupplyTables>;
export type SupplyPlatform = ModulePlatform<SupplyTables>;

declare module '../../platform/db.ts' {
  interface Database extends SupplyTables {}
}
