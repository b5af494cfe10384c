import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export interface FlashsaleSlotsTable {
  id: string;
  name: string;
  /** Optional English name for the storefront's English mode. */
  name_en: string | null;
  starts_at: Date;
  ends_at: Date;
  /** Null while a draft; the slot is scheduled/live/ended by time once published. */
  published_at: Date | null;
  stopped_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FlashsaleItemsTable {
  id: string;
  slot_id: string;
  sku_id: string;
  position: number;
  flash_amount: number;
  currency: string;
  /** The flash stock, separate from the SKU's normal stock. */
  stock: number;
  /** Units taken (admitted and placed, paid or still unpaid); returns on cancellation. sold <= stock is a CHECK. */
  sold: number;
  per_user_limit: number;
  created_at: Timestamp;
}

/** Units one shopper holds of one item (the Postgres gate's per-user counter). */
export interface FlashsaleUserCountsTable {
  item_id: string;
  user_id: string;
  quantity: number;
}

export interface FlashsalePurchasesTable {
  id: string;
  order_id: string;
  slot_id: string;
  item_id: string;
  user_id: string;
  quantity: number;
  status: 'active' | 'released';
  created_at: Timestamp;
  released_at: Date | null;
  /** Its units are taken from the item when its transaction commits (migration 0640), not by a statement before. */
  units_at_commit: Generated<boolean>;
}

/**
 * A keyed purchase in flight: a retry with the same Idempotency-Key finds it and waits (409
 * IDEMPOTENCY_IN_PROGRESS) instead of meeting the gate as a second purchase. Deleted when the
 * attempt ends; one left by a crash goes stale and the next attempt takes it over.
 */
export interface FlashsaleClaimsTable {
  user_id: string;
  idempotency_key: string;
  token: string;
  claimed_at: Date;
}

export interface FlashsaleTables {
  flashsale_claims: FlashsaleClaimsTable;
  flashsale_slots: FlashsaleSlotsTable;
  flashsale_items: FlashsaleItemsTable;
  flashsale_user_counts: FlashsaleUserCountsTable;
  flashsale_purchases: FlashsalePurchasesTable;
}

/** The tables flashsale owns: the only ones its code can query (platform/tables.ts). */
export const flashsaleTables = ownTables<FlashsaleTables>({ flashsale_claims: true, flashsale_slots: true, flashsale_items: true, flashsale_user_counts: true, flashsale_purchases: true });
/** A handle on flashsale's own tables: its pool or a transaction on it. */
export type FlashsaleDb = Executor<FlashsaleTables>;
/** The platform as flashsale sees it: its pool queries flashsale's tables only. */
export type FlashsalePlatform = ModulePlatform<FlashsaleTables>;

declare module '../../platform/db.ts' {
  interface Database extends FlashsaleTables {}
}
