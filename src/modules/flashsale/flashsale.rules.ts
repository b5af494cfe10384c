// Pure flash-sale rules: a slot's state is derived from time, and what a purchase may ask for.

export type SlotState = 'draft' | 'scheduled' | 'live' | 'ended';
export type ShopperState = 'upcoming' | 'live' | 'ended';

export interface SlotTimes {
  starts_at: Date;
  ends_at: Date;
  published_at: Date | null;
  stopped_at: Date | null;
}

export function slotState(slot: SlotTimes, now: Date): SlotState {
  if (!slot.published_at) return 'draft';
  if (slot.stopped_at && slot.stopped_at <= now) return 'ended';
  if (now >= slot.ends_at) return 'ended';
  if (now >= slot.starts_at) return 'live';
  return 'scheduled';
}

/** Seconds until the slot starts (upcoming) or ends (live); 0 when ended or a draft. */
export function countdownSeconds(slot: SlotTimes, now: Date): number {
  const state = slotState(slot, now);
  const target = state === 'scheduled' ? slot.starts_at : state === 'live' ? slot.ends_at : null;
  return target ? Math.max(0, Math.ceil((target.getTime() - now.getTime()) / 1000)) : 0;
}

export const shopperState = (s: SlotState): ShopperState | null => (s === 'scheduled' ? 'upcoming' : s === 'draft' ? null : s);

export interface SlotItemInput {
  skuId: string;
  flashAmount: number;
  listAmount: number;
  stock: number;
  perUserLimit: number;
}

export type SlotProblem =
  | { code: 'FLASHSALE_WINDOW_INVALID'; message: string }
  | { code: 'FLASHSALE_DUPLICATE_SKU'; message: string; skuId: string }
  | { code: 'FLASHSALE_PRICE_INVALID'; message: string; skuId: string };

/** Checks a new slot: a real window, each SKU once, a flash price below the list price. */
export function checkSlot(input: { startsAt: Date; endsAt: Date; items: SlotItemInput[] }): SlotProblem | null {
  if (!(input.endsAt > input.startsAt)) return { code: 'FLASHSALE_WINDOW_INVALID', message: 'A slot must end after it starts' };
  const seen = new Set<string>();
  for (const i of input.items) {
    if (seen.has(i.skuId)) return { code: 'FLASHSALE_DUPLICATE_SKU', message: 'Each SKU may appear once per slot', skuId: i.skuId };
    seen.add(i.skuId);
    if (i.flashAmount <= 0 || i.flashAmount >= i.listAmount) return { code: 'FLASHSALE_PRICE_INVALID', message: 'The flash price must be above zero and below the list price', skuId: i.skuId };
  }
  return null;
}

export type GateResult = { ok: true } | { ok: false; reason: 'SOLD_OUT' | 'LIMIT' };

/** The purchase request before the gate: a quantity above the per-user limit can never pass. */
export function checkQuantity(quantity: number, perUserLimit: number): GateResult {
  return quantity > perUserLimit ? { ok: false, reason: 'LIMIT' } : { ok: true };
}
