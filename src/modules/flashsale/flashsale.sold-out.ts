// Sold-out refusals answered from memory. Once an item is found sold out (by the gate or by the
// Postgres row), this process refuses further attempts on it without a database or gate round
// trip for at most config.caches.stockDisplayMs; then the next attempt asks again. The flag only
// ever refuses, never admits, so it cannot oversell; the worst it does is refuse a unit that
// came back (a cancelled order) for that short while, and a returned unit drops the flag at once
// in every process through the invalidation bus.
import { ReadCache } from '../../platform/read-cache.ts';
import type { FlashsalePlatform } from './flashsale.table.ts';

/** Published with an item id when units return to its flash stock. */
export const FLASH_STOCK_RETURNED = 'flashsale.stock-returned';

/** What a refusal needs from the item and its slot, as last read. */
export interface SoldOutItem {
  id: string;
  per_user_limit: number;
  starts_at: Date;
  ends_at: Date;
  published_at: Date | null;
  stopped_at: Date | null;
}

export function createSoldOutFlags(p: FlashsalePlatform) {
  const flags = new ReadCache<SoldOutItem>({ ttlMs: p.config.caches.stockDisplayMs, max: 10_000 });
  flags.follow(p.invalidation, FLASH_STOCK_RETURNED);
  const key = (slotId: string, itemId: string) => `${slotId}/${itemId}`;
  return {
    find: (slotId: string, itemId: string) => flags.get(key(slotId, itemId)),
    mark: (slotId: string, item: SoldOutItem) => flags.set(key(slotId, item.id), item),
    /** Units came back: every process asks the gate again on the next attempt. */
    returned: (slotId: string, itemId: string) => p.invalidation.publish(FLASH_STOCK_RETURNED, key(slotId, itemId)),
  };
}
