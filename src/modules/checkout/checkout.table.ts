import type { Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export interface CartItemsTable {
  user_id: string;
  sku_id: string;
  quantity: number;
  added_at: Timestamp;
}

export interface CheckoutTables {
  cart_items: CartItemsTable;
}

/** The tables checkout owns: the only ones its code can query (platform/tables.ts). */
export const checkoutTables = ownTables<CheckoutTables>({ cart_items: true });
/** A handle on checkout's own tables: its pool or a transaction on it. */
export type CheckoutDb = Executor<CheckoutTables>;
/** The platform as checkout sees it: its pool queries checkout's tables only. */
export type CheckoutPlatform = ModulePlatform<CheckoutTables>;

declare module '../../platform/db.ts' {
  interface Database extends CheckoutTables {}
}
