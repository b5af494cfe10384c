import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { PointReason } from './loyalty.rules.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

/** One row per member, kept in step with the ledger in the same transaction. */
export interface LoyaltyAccountsTable {
  user_id: string;
  /** Always the sum of the member's entries' deltas and of their lots' remaining points. */
  balance: Generated<number>;
  /** Always the sum of the member's entries' growth deltas. */
  growth_value: Generated<number>;
  tier_code: string;
  checkin_streak: Generated<number>;
  /** China-time calendar day (YYYY-MM-DD) of the last check-in. */
  last_checkin_date: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The points ledger: every change to a balance is one entry; (reason, ref) makes grants idempotent. */
export interface PointsEntriesTable {
  id: Generated<number>;
  user_id: string;
  /** Signed points. */
  delta: number;
  /** Signed growth value carried by the same event (orders only). */
  growth_delta: Generated<number>;
  reason: PointReason;
  ref: string;
  note: string | null;
  /** Points a reversal should have taken but could not (the balance was already spent). */
  shortfall: Generated<number>;
  /** A reversal or return points at the entry it undoes. */
  reverses_entry_id: number | null;
  /** The money (fen) the entry was computed from: the paid total for order_paid, the order total for redeemed. */
  base_amount: number | null;
  balance_after: number;
  created_at: Timestamp;
  /** Earnings: when the points expire (the earliest of the entry's lots). */
  expires_at: Date | null;
}

/** Earned points not yet spent, each with its expiry; spending takes the soonest-expiring first. */
export interface PointsLotsTable {
  id: Generated<number>;
  user_id: string;
  entry_id: number;
  amount: number;
  remaining: number;
  expires_at: Timestamp;
  created_at: Timestamp;
}

/** Which lots a negative entry took its points from (returns keep the original expiry). */
export interface PointsLotSpendsTable {
  entry_id: number;
  lot_id: number;
  amount: number;
}

export interface CheckinsTable {
  user_id: string;
  /** China-time calendar day, YYYY-MM-DD. */
  date: string;
  streak: number;
  points: number;
  bonus_points: number;
  created_at: Timestamp;
}

export interface LoyaltyTiersTable {
  code: string;
  name: string;
  name_en: string;
  min_growth: number;
  /** What the member pays in basis points of the goods: 9900 = 1% off, 10000 = no discount. */
  discount_bp: number;
  free_shipping: boolean;
  sort: number;
  updated_at: ColumnType<Date, Date, Date>;
}

export interface LoyaltyTables {
  loyalty_accounts: LoyaltyAccountsTable;
  points_entries: PointsEntriesTable;
  points_lots: PointsLotsTable;
  points_lot_spends: PointsLotSpendsTable;
  checkins: CheckinsTable;
  loyalty_tiers: LoyaltyTiersTable;
}

/** The tables loyalty owns: the only ones its code can query (platform/tables.ts). */
export const loyaltyTables = ownTables<LoyaltyTables>({ loyalty_accounts: true, points_entries: true, points_lots: true, points_lot_spends: true, checkins: true, loyalty_tiers: true });
/** A handle on loyalty's own tables: its pool or a transaction on it. */
export type LoyaltyDb = Executor<LoyaltyTables>;
/** The platform as loyalty sees it: its pool queries loyalty's tables only. */
export type LoyaltyPlatform = ModulePlatform<LoyaltyTables>;

declare module '../../platform/db.ts' {
  interface Database extends LoyaltyTables {}
}
