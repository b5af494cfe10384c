// Inventory rules: plain data in, decisions out.
import type { ErrorCode } from '../../platform/errors.ts';
import { invalid } from '../../platform/errors.ts';

export interface StockLine {
  skuId: string;
  quantity: number;
}

export interface Availability {
  onHand: number;
  reserved: number;
  available: number;
}

export const MAX_LINE_QUANTITY = 100_000;
export const MAX_ON_HAND = 100_000_000;
export const DEFAULT_LOW_STOCK_THRESHOLD = 10;

/**
 * Lines for one reservation: quantities must be whole and positive; the same SKU twice is one line
 * with the summed quantity; sorted by SKU id so every transaction locks levels in the same order
 * (two orders for the same pair of SKUs can then never deadlock).
 */
export function normaliseLines(lines: StockLine[]): StockLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY) {
      throw invalid('INVENTORY_QUANTITY_INVALID', `A quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}`, { skuId: line.skuId, quantity: line.quantity });
    }
    merged.set(line.skuId, (merged.get(line.skuId) ?? 0) + line.quantity);
  }
  return [...merged]
    .map(([skuId, quantity]) => ({ skuId, quantity }))
    .sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
}

export function availability(level: { on_hand: number; reserved: number }): Availability {
  return { onHand: level.on_hand, reserved: level.reserved, available: level.on_hand - level.reserved };
}

export function shortfallMessage(available: number, requested: number): string {
  if (available <= 0) return `Sold out: none left of this item (${requested} requested)`;
  return `Only ${available} left of this item (${requested} requested)`;
}

/** An operator's new on-hand count is valid when whole, within bounds and not below what is reserved. */
export function onHandProblem(onHand: number, reserved: number): { code: ErrorCode; message: string } | null {
  if (!Number.isSafeInteger(onHand) || onHand < 0 || onHand > MAX_ON_HAND) {
    return { code: 'INVENTORY_QUANTITY_INVALID', message: `On-hand stock must be a whole number from 0 to ${MAX_ON_HAND}` };
  }
  if (onHand < reserved) {
    return { code: 'INVENTORY_BELOW_RESERVED', message: `${reserved} units are reserved by open orders; on-hand stock cannot go below that` };
  }
  return null;
}

export const isLowStock = (a: Availability, threshold = DEFAULT_LOW_STOCK_THRESHOLD) => a.available <= threshold;
