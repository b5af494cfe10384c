import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export type ReservationStatus = 'active' | 'released' | 'committed';

export interface InventoryLevelsTable {
  sku_id: string;
  on_hand: number;
  reserved: Generated<number>;
  updated_at: Timestamp;
}

export interface InventoryReservationsTable {
  id: string;
  /** Whatever holds the stock, usually an order id. */
  ref: string;
  sku_id: string;
  quantity: number;
  status: ReservationStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Ledger of every stock change: the levels are the running sum of these deltas. */
export interface InventoryMovementsTable {
  id: Generated<number>;
  sku_id: string;
  delta_on_hand: number;
  delta_reserved: number;
  reason: string;
  ref: string | null;
  at: Timestamp;
}

export interface InventoryTables {
  inventory_levels: InventoryLevelsTable;
  inventory_reservations: InventoryReservationsTable;
  inventory_movements: InventoryMovementsTable;
}

/** The tables inventory owns: the only ones its code can query (platform/tables.ts). */
export const inventoryTables = ownTables<InventoryTables>({ inventory_levels: true, inventory_reservations: true, inventory_movements: true });
/** A handle on inventory's own tables: its pool or a transaction on it. */
export type InventoryDb = Executor<InventoryTables>;
/** The platform as inventory sees it: its pool queries inventory's tables only. */
export type InventoryPlatform = ModulePlatform<InventoryTables>;

declare module '../../platform/db.ts' {
  interface Database extends InventoryTables {}
}
