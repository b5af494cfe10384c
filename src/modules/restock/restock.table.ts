import type { Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

/** waiting: sold out, the shopper wants a message; notified: stock came back and we told them. */
export type RestockAlertStatus = 'waiting' | 'notified' | 'cancelled';

/** One shopper asking to hear when one SKU is back; a later ask re-opens the same row. */
export interface RestockAlertsTable {
  id: string;
  user_id: string;
  sku_id: string;
  product_id: string;
  status: RestockAlertStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When stock came back and the alert was marked for sending. */
  notified_at: Timestamp | null;
  /** When the message sender accepted the message (null while the send job is pending). */
  messaged_at: Timestamp | null;
}

export interface RestockTables {
  restock_alerts: RestockAlertsTable;
}

/** The tables restock owns: the only ones its code can query (platform/tables.ts). */
export const restockTables = ownTables<RestockTables>({ restock_alerts: true });
/** A handle on restock's own tables: its pool or a transaction on it. */
export type RestockDb = Executor<RestockTables>;
/** The platform as restock sees it: its pool queries restock's tables only. */
export type RestockPlatform = ModulePlatform<RestockTables>;

declare module '../../platform/db.ts' {
  interface Database extends RestockTables {}
}
