// The order lifecycle as an explicit transition table (DESIGN.md §4).
import { DAY_MS } from '../../platform/clock.ts';
export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'awaiting_team',
  'to_ship',
  'shipped',
  'completed',
  'cancelled',
  'refunding',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderAction = 'pay' | 'hold_for_team' | 'release_to_ship' | 'ship' | 'complete' | 'cancel' | 'start_refund' | 'finish_refund';

const TRANSITIONS: Record<OrderAction, Partial<Record<OrderStatus, OrderStatus>>> = {
  pay: { pending_payment: 'paid' },
  hold_for_team: { paid: 'awaiting_team' },
  release_to_ship: { paid: 'to_ship', awaiting_team: 'to_ship' },
  ship: { to_ship: 'shipped' },
  complete: { shipped: 'completed' },
  cancel: { pending_payment: 'cancelled' },
  start_refund: { paid: 'refunding', awaiting_team: 'refunding', to_ship: 'refunding', shipped: 'refunding', completed: 'refunding' },
  finish_refund: { refunding: 'refunded', paid: 'refunded', awaiting_team: 'refunded', to_ship: 'refunded', shipped: 'refunded', completed: 'refunded' },
};

export type Transition = { ok: true; from: OrderStatus; to: OrderStatus } | { ok: false; reason: 'ORDER_INVALID_TRANSITION'; from: OrderStatus; action: OrderAction };

export function transition(from: OrderStatus, action: OrderAction): Transition {
  const to = TRANSITIONS[action][from];
  return to ? { ok: true, from, to } : { ok: false, reason: 'ORDER_INVALID_TRANSITION', from, action };
}

export const canTransition = (from: OrderStatus, action: OrderAction) => transition(from, action).ok;

export const isTerminal = (s: OrderStatus) => s === 'cancelled' || s === 'refunded';

/** States in which money has been taken and not fully returned. */
export const isPaidState = (s: OrderStatus) => ['paid', 'awaiting_team', 'to_ship', 'shipped', 'completed', 'refunding'].includes(s);

/** Which actions a shopper or operator may take next (the UI shows these as buttons). */
export function nextActions(s: OrderStatus): OrderAction[] {
  return (Object.keys(TRANSITIONS) as OrderAction[]).filter((a) => TRANSITIONS[a][s] !== undefined);
}

/** After-sales may be opened while paid and not yet refunded, and within the window after completion. */
export function aftersalesOpen(s: OrderStatus, completedAt: Date | null, now: Date, windowDays: number): boolean {
  if (['paid', 'awaiting_team', 'to_ship', 'shipped'].includes(s)) return true;
  if (s === 'completed' && completedAt) return now.getTime() - completedAt.getTime() <= windowDays * DAY_MS;
  return false;
}

export interface RefundableLine {
  id: string;
  quantity: number;
  totalAmount: number;
  refundedQuantity: number;
  refundedAmount: number;
}

export interface RefundRequest {
  /** Refund these quantities of these lines (goods refund). */
  lines?: { lineId: string; quantity: number }[];
  /** Refund this amount, spread over the lines in proportion to what is left on each. */
  amount?: number;
  /** Refund everything still refundable, shipping included. */
  full?: boolean;
}

export type RefundPlan =
  | { ok: true; amount: number; full: boolean; lines: { lineId: string; quantity: number; amount: number }[] }
  | { ok: false; reason: 'REFUND_NOTHING_LEFT' | 'REFUND_LINE_UNKNOWN' | 'REFUND_QUANTITY_EXCEEDED' | 'REFUND_AMOUNT_EXCEEDED' | 'REFUND_EMPTY'; details?: Record<string, unknown> };

/**
 * How much a refund returns and to which lines. Line refunds return each unit's share of what was
 * paid for the line (the last unit returns whatever is left, so rounding never strands a fen);
 * an amount refund is prorated over what is left on each line; a full refund also returns shipping.
 */
export function planRefund(lines: RefundableLine[], paidAmount: number, refundedAmount: number, req: RefundRequest, prorateFn: (total: number, weights: number[]) => number[]): RefundPlan {
  const remainingPaid = paidAmount - refundedAmount;
  if (remainingPaid <= 0) return { ok: false, reason: 'REFUND_NOTHING_LEFT' };
  const left = (l: RefundableLine) => l.totalAmount - l.refundedAmount;

  if (req.full) {
    return { ok: true, amount: remainingPaid, full: true, lines: lines.filter((l) => l.quantity > l.refundedQuantity || left(l) > 0).map((l) => ({ lineId: l.id, quantity: l.quantity - l.refundedQuantity, amount: left(l) })) };
  }

  if (req.lines && req.lines.length > 0) {
    const planned: { lineId: string; quantity: number; amount: number }[] = [];
    for (const r of req.lines) {
      const line = lines.find((l) => l.id === r.lineId);
      if (!line) return { ok: false, reason: 'REFUND_LINE_UNKNOWN', details: { lineId: r.lineId } };
      const qtyLeft = line.quantity - line.refundedQuantity;
      if (r.quantity < 1 || r.quantity > qtyLeft) return { ok: false, reason: 'REFUND_QUANTITY_EXCEEDED', details: { lineId: r.lineId, requested: r.quantity, refundable: qtyLeft } };
      const amount = r.quantity === qtyLeft ? left(line) : Math.min(left(line), Math.round((line.totalAmount * r.quantity) / line.quantity));
      planned.push({ lineId: line.id, quantity: r.quantity, amount });
    }
    const amount = planned.reduce((s, p) => s + p.amount, 0);
    if (amount > remainingPaid) return { ok: false, reason: 'REFUND_AMOUNT_EXCEEDED', details: { requested: amount, refundable: remainingPaid } };
    return { ok: true, amount, full: amount === remainingPaid, lines: planned };
  }

  if (req.amount !== undefined) {
    if (req.amount <= 0) return { ok: false, reason: 'REFUND_EMPTY' };
    if (req.amount > remainingPaid) return { ok: false, reason: 'REFUND_AMOUNT_EXCEEDED', details: { requested: req.amount, refundable: remainingPaid } };
    const goodsLeft = lines.reduce((s, l) => s + left(l), 0);
    // Beyond the goods, what remains is shipping: it is refunded only as part of the whole.
    const goodsPart = Math.min(req.amount, goodsLeft);
    const shares = goodsLeft > 0 ? prorateFn(goodsPart, lines.map(left)) : lines.map(() => 0);
    return {
      ok: true,
      amount: req.amount,
      full: req.amount === remainingPaid,
      lines: lines.map((l, i) => ({ lineId: l.id, quantity: 0, amount: shares[i] })).filter((x) => x.amount > 0),
    };
  }
  return { ok: false, reason: 'REFUND_EMPTY' };
}
