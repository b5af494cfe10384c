// Pure rules of a live session: its life (scheduled → live → ended), what a viewer may do in each
// state, the pinned product's live price, and the viewer count summed over processes' heartbeats.

export type SessionStatus = 'scheduled' | 'live' | 'ended';
export type SessionAction = 'start' | 'end';

export type Transition = { ok: true; status: SessionStatus } | { ok: false; reason: 'NOT_SCHEDULED' | 'NOT_LIVE' };

/** A session starts once, from scheduled, and ends once, from live; an ended session stays ended. */
export function transition(status: SessionStatus, action: SessionAction): Transition {
  if (action === 'start') return status === 'scheduled' ? { ok: true, status: 'live' } : { ok: false, reason: 'NOT_SCHEDULED' };
  return status === 'live' ? { ok: true, status: 'ended' } : { ok: false, reason: 'NOT_LIVE' };
}

/** Chat, likes, claims and the buy button work only while the room is live. */
export const isOpen = (status: SessionStatus) => status === 'live';

export const LIMITS = {
  titleMax: 80,
  productsMax: 20,
  chatMax: 200,
  announcementMax: 300,
  likesPerTap: 50,
  /** Recent messages each process keeps per room for a reconnecting viewer (Last-Event-ID). */
  replay: 100,
  /** Chat lines per viewer per minute (and per IP, for many accounts behind one address). */
  chatPerUserPerMinute: 20,
  chatPerIpPerMinute: 600,
  /** An order placed this long after the viewer tapped buy in the room is the room's. */
  intentWindowMs: 2 * 60 * 60 * 1000,
} as const;

export interface CouponTerms {
  kind: string;
  amount: number | null;
  percentBp: number | null;
  maxDiscountAmount: number | null;
  minSpendAmount: number;
}

/**
 * The price a viewer pays for one unit with the live coupon: a fixed or threshold coupon takes its
 * amount off (not below zero) when one unit reaches the minimum spend; a percentage coupon takes
 * its share, capped. Null when the coupon does not bring one unit's price down.
 */
export function priceWithCoupon(unitAmount: number, c: CouponTerms): number | null {
  if (unitAmount < c.minSpendAmount) return null;
  let off = 0;
  if ((c.kind === 'fixed' || c.kind === 'threshold') && c.amount) off = c.amount;
  else if (c.kind === 'percent' && c.percentBp) off = Math.floor((unitAmount * c.percentBp) / 10_000);
  if (c.maxDiscountAmount !== null && c.kind === 'percent') off = Math.min(off, c.maxDiscountAmount);
  off = Math.min(off, unitAmount);
  return off > 0 ? unitAmount - off : null;
}

export type LivePrice = { kind: 'flash'; amount: number; listAmount: number } | { kind: 'coupon'; amount: number; listAmount: number } | { kind: 'list'; amount: number; listAmount: number };

/** A running flash-sale price wins; else the price with the released live coupon; else the list price. */
export function livePrice(listAmount: number, flashAmount: number | null, coupon: CouponTerms | null): LivePrice {
  if (flashAmount !== null && flashAmount < listAmount) return { kind: 'flash', amount: flashAmount, listAmount };
  const withCoupon = coupon ? priceWithCoupon(listAmount, coupon) : null;
  if (withCoupon !== null) return { kind: 'coupon', amount: withCoupon, listAmount };
  return { kind: 'list', amount: listAmount, listAmount };
}

/**
 * The room's viewer count from each process's heartbeat: a process that has not beaten within
 * `staleMs` is gone (crashed or cut off) and its viewers no longer count.
 */
export function sumViewers(beats: readonly { count: number; at: number }[], now: number, staleMs: number): number {
  let total = 0;
  for (const b of beats) if (now - b.at <= staleMs && b.count > 0) total += b.count;
  return total;
}

/** The messages a reconnecting viewer missed: those after `lastId` in a room's recent buffer, oldest first. */
export function missedSince<T extends { id: number }>(buffer: readonly T[], lastId: number | null): T[] {
  if (lastId === null) return [];
  return buffer.filter((m) => m.id > lastId);
}
