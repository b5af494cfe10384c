import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { OrderStatus } from './orders.rules.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export interface OrderAddress {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  line1: string;
  postalCode: string | null;
}

export interface OrdersTable {
  id: string;
  order_no: string;
  user_id: string;
  status: OrderStatus;
  /** 'standard' now; campaign engines add their own kinds (groupbuy, flashsale, bargain). */
  kind: string;
  currency: string;
  goods_amount: number;
  discount_amount: number;
  shipping_amount: number;
  total_amount: number;
  paid_amount: Generated<number>;
  refunded_amount: Generated<number>;
  address: Json<OrderAddress>;
  note: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  /** Why a paid order waits before shipping (e.g. 'team'); null ships at once. */
  fulfilment_hold: string | null;
  /** False for campaign orders whose engine keeps its own stock: refunds then restock nothing here. */
  stock_reserved: Generated<boolean>;
  placed_at: Timestamp;
  expires_at: Timestamp;
  paid_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  shipped_at: Date | null;
  tracking: Json<{ carrier: string; trackingNo: string } | null>;
  completed_at: Date | null;
  refunded_at: Date | null;
  updated_at: Timestamp;
}

export interface OrderLinesTable {
  id: string;
  order_id: string;
  sku_id: string;
  product_id: string;
  category_id: string;
  title: string;
  sku_label: string;
  image: string | null;
  quantity: number;
  list_unit_amount: number;
  unit_amount: number;
  discount_amount: number;
  total_amount: number;
  refunded_quantity: Generated<number>;
  refunded_amount: Generated<number>;
}

export interface OrderAdjustmentsTable {
  id: Generated<number>;
  order_id: string;
  seq: number;
  step: string;
  code: string;
  label: string;
  amount: number;
  sku_id: string | null;
  ref: string | null;
}

export interface OrderStatusHistoryTable {
  id: Generated<number>;
  order_id: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface OrdersTables {
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_adjustments: OrderAdjustmentsTable;
  order_status_history: OrderStatusHistoryTable;
}

/** The tables orders owns: the only ones its code can query (platform/tables.ts). */
export const ordersTables = ownTables<OrdersTables>({ orders: true, order_lines: true, order_adjustments: true, order_status_history: true });
/** A handle on orders's own tables: its pool or a transaction on it. */
export type OrdersDb = Executor<OrdersTables>;
/** The platform as orders sees it: its pool queries orders's tables only. */
export type OrdersPlatform = ModulePlatform<OrdersTables>;

declare module '../../platform/db.ts' {
  interface Database extends OrdersTables {}
}
