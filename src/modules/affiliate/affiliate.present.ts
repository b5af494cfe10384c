// Rows as the API shows them, and the keyset paging the three lists share.
import { money } from '../../platform/money.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { After, CommissionRow, PromoterRow, WithdrawalRow } from './affiliate.repo.ts';

export function presentPromoter(r: PromoterRow) {
  return {
    id: r.id,
    userId: r.user_id,
    status: r.status,
    source: r.source,
    note: r.note,
    operatorNote: r.operator_note,
    balance: money(r.balance_amount, r.currency),
    appliedAt: r.applied_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}

export function presentCommission(c: CommissionRow) {
  return {
    id: c.id,
    orderId: c.order_id,
    level: c.level,
    productId: c.product_id,
    base: money(c.base_amount, c.currency),
    rateBp: c.rate_bp,
    amount: money(c.amount, c.currency),
    reversed: money(c.reversed_amount, c.currency),
    net: money(c.amount - c.reversed_amount, c.currency),
    status: c.status,
    onHold: c.on_hold,
    settleAt: c.settle_at?.toISOString() ?? null,
    createdAt: c.created_at.toISOString(),
    settledAt: c.settled_at?.toISOString() ?? null,
  };
}

/** An account number as lists show it: only its last four characters (**** 6789). */
export const maskedAccount = (tail: string) => `**** ${tail}`;

export function presentWithdrawal(w: WithdrawalRow) {
  return {
    id: w.id,
    promoterId: w.promoter_id,
    amount: money(w.amount, w.currency),
    fee: money(w.fee_amount, w.currency),
    net: money(w.net_amount, w.currency),
    status: w.status,
    operatorNote: w.operator_note,
    requestedAt: w.requested_at.toISOString(),
    decidedAt: w.decided_at?.toISOString() ?? null,
    payout: w.payout_method ? { method: w.payout_method, account: maskedAccount(w.payout_account_tail ?? '') } : null,
  };
}

export type CommissionTotals = { frozen: number; settled: number; reversed: number };
export type WithdrawalTotals = { paid: number; pending: number; fees: number };

/** A promoter's money at a glance (promoter centre and the operators' promoter list). */
export function presentTotals(ct: CommissionTotals, wt: WithdrawalTotals, available: number) {
  return {
    frozen: money(ct.frozen),
    settled: money(ct.settled),
    reversed: money(ct.reversed),
    withdrawn: money(wt.paid),
    pendingWithdrawals: money(wt.pending),
    available: money(available),
  };
}

/** The keyset position a cursor names; a cursor that does not decode starts from the top. */
export function afterCursor(cursor: string | undefined): After | undefined {
  const after = decodeCursor<{ at: string; id: string }>(cursor);
  return after ? { at: new Date(after.at), id: after.id } : undefined;
}

/** The repo fetched limit + 1 rows: the extra one only says whether there is a next page. */
export function keysetPage<R extends { id: string }>(rows: R[], limit: number, at: (row: R) => Date) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: at(last).toISOString(), id: last.id }) : null };
}
