import type { Timestamp } from '../../platform/platform.table.ts';

export interface CartItemsTable {
  user_id: string;
  sku_id: string;
  quantity: number;
  added_at: Timestamp;
}

export interface CheckoutTables {
  cart_items: CartItemsTable;
}

declare module '../../platform/db.ts' {
  interface Database extends CheckoutTables {}
}
