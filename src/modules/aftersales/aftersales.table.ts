import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export type AftersalesType = 'refund' | 'return_refund';
export type AftersalesStatus = 'pending' | 'approved' | 'rejected' | 'refunded' | 'cancelled';

export interface AftersalesRequestsTable {
  id: string;
  order_id: string;
  user_id: string;
  type: AftersalesType;
  status: AftersalesStatus;
  reason: string;
  description: string | null;
  /** Requested lines; empty means the whole order. */
  lines: Json<{ lineId: string; quantity: number }[]>;
  amount: number;
  currency: string;
  refund_id: string | null;
  operator_note: string | null;
  decided_by: string | null;
  created_at: Timestamp;
  decided_at: Date | null;
  updated_at: Timestamp;
}

export interface AftersalesTables {
  aftersales_requests: AftersalesRequestsTable;
}

/** The tables aftersales owns: the only ones its code can query (platform/tables.ts). */
export const aftersalesTables = ownTables<AftersalesTables>({ aftersales_requests: true });
/** A handle on aftersales's own tables: its pool or a transaction on it. */
export type AftersalesDb = Executor<AftersalesTables>;
/** The platform as aftersales sees it: its pool queries aftersales's tables only. */
export type AftersalesPlatform = ModulePlatform<AftersalesTables>;

declare module '../../platform/db.ts' {
  interface Database extends AftersalesTables {}
}
