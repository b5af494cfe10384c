import type { Timestamp } from '../../platform/platform.table.ts';

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

declare module '../../platform/db.ts' {
  interface Database extends RestockTables {}
}
