import type { MirroredStatus } from '../campaigns/index.ts';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { BuyMode, CutStatus } from './bargain.rules.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export interface BargainCampaignsTable {
  id: string;
  name: string;
  /** Optional English name for the storefront's English mode. */
  name_en: string | null;
  sku_id: string;
  product_id: string;
  title: string;
  /** The product's English title when the campaign was saved, else null. */
  title_en: string | null;
  image: string | null;
  currency: string;
  original_amount: number;
  floor_amount: number;
  helpers_needed: number;
  expiry_hours: number;
  stock_total: number;
  /** Taken by a conditional update when a price-cut is bought; returned when its order is cancelled. */
  stock_left: number;
  helper_daily_limit: number;
  buy_mode: BuyMode;
  pay_within_minutes: number;
  /** The campaign kernel's status, mirrored (live is `active`). */
  status: MirroredStatus;
  starts_at: Date | null;
  ends_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BargainCutsTable {
  id: string;
  campaign_id: string;
  user_id: string;
  currency: string;
  original_amount: number;
  floor_amount: number;
  current_amount: number;
  helpers_needed: number;
  helps: number;
  status: CutStatus;
  order_id: string | null;
  expires_at: Timestamp;
  succeeded_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BargainHelpsTable {
  id: string;
  cut_id: string;
  helper_id: string;
  seq: number;
  amount: number;
  /** The random value in [0,1) the split used: the help can be recomputed. */
  random_value: number;
  new_customer: boolean;
  price_before: number;
  price_after: number;
  created_at: Timestamp;
}

/** Helps per helper per campaign per China day: the daily limit K by conditional upsert. */
export interface BargainHelperDaysTable {
  campaign_id: string;
  helper_id: string;
  day: string;
  helps: number;
}

export interface BargainTables {
  bargain_campaigns: BargainCampaignsTable;
  bargain_cuts: BargainCutsTable;
  bargain_helps: BargainHelpsTable;
  bargain_helper_days: BargainHelperDaysTable;
}

/** The tables bargain owns: the only ones its code can query (platform/tables.ts). */
export const bargainTables = ownTables<BargainTables>({ bargain_campaigns: true, bargain_cuts: true, bargain_helps: true, bargain_helper_days: true });
/** A handle on bargain's own tables: its pool or a transaction on it. */
export type BargainDb = Executor<BargainTables>;
/** The platform as bargain sees it: its pool queries bargain's tables only. */
export type BargainPlatform = ModulePlatform<BargainTables>;

declare module '../../platform/db.ts' {
  interface Database extends BargainTables {}
}
