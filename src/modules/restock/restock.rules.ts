// When a back-in-stock alert fires: pure, so the rule is tested without a database.

/** Stock as an inventory event reports it. */
export interface StockReport {
  onHand: number;
  reserved: number;
}

export const availableOf = (s: StockReport) => Math.max(0, s.onHand - s.reserved);

/**
 * Waiting alerts fire on any stock report that shows units a shopper could buy. That covers the
 * 0 → >0 step of an operator's delivery, and also a SKU whose units came back silently first (an
 * unpaid order released its reservation, which publishes no stock event) and then grew again:
 * its waiting shoppers have still not been told. Alerts only ever wait while the SKU was sold out
 * when they were made, and firing marks them notified, so nobody hears twice for one return.
 */
export function shouldNotify(after: StockReport, waiting: number): boolean {
  return waiting > 0 && availableOf(after) > 0;
}

/** A shopper may only ask to be told about a SKU they cannot buy right now. */
export function canSubscribe(available: number): boolean {
  return available <= 0;
}

/** The message template the sender receives; a provider maps it to its own wording. */
export const RESTOCK_TEMPLATE = 'restock.available';
