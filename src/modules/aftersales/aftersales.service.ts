// After-sales: a shopper asks for a refund (or a return and refund); an operator approves or
// rejects; approval refunds through payments, and the request closes when the money is back.
import type { Updateable } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import { conflict, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { money } from '../../platform/money.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { OrdersService } from '../orders/index.ts';
import { aftersalesOpen } from '../orders/index.ts';
import type { PaymentsService } from '../payments/index.ts';
import * as repo from './aftersales.repo.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { aftersalesTables, type AftersalesRequestsTable, type AftersalesStatus, type AftersalesType, type AftersalesDb, type AftersalesPlatform } from './aftersales.table.ts';

export const AFTERSALES_REASONS = ['not_as_described', 'damaged', 'wrong_item', 'not_received', 'changed_mind', 'quality', 'other'] as const;

export function presentRequest(r: repo.RequestRow) {
  return {
    id: r.id,
    orderId: r.order_id,
    type: r.type,
    status: r.status,
    reason: r.reason,
    description: r.description,
    lines: r.lines,
    amount: money(r.amount, r.currency),
    refundId: r.refund_id,
    operatorNote: r.operator_note,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}

export function createAftersalesService(p: AftersalesPlatform, deps: { orders: OrdersService; payments: PaymentsService }) {
  const { db, clock } = p;
  const { orders, payments } = deps;

  async function open(userId: string, orderId: string, input: { type: AftersalesType; reason: string; description?: string; lines?: { lineId: string; quantity: number }[] }) {
    const order = await orders.getOrderRecord(db, orderId, userId);
    const windowDays = await p.settings.get('aftersales.windowDays');
    if (!aftersalesOpen(order.status, order.completed_at, clock.now(), windowDays)) {
      throw unprocessable('AFTERSALES_NOT_ALLOWED', order.status === 'completed' ? `After-sales closes ${windowDays} days after completion` : `An order that is ${order.status.replace('_', ' ')} cannot have an after-sales request`, { status: order.status });
    }
    if (input.type === 'return_refund' && !order.shipped_at) throw unprocessable('AFTERSALES_NOTHING_TO_RETURN', 'Nothing has shipped yet; ask for a refund instead');
    const lines = input.lines ?? [];
    // Dry-run the refund so a request that could never be paid out is refused now.
    const { plan } = await orders.planOrderRefund(db, orderId, lines.length ? { lines } : { full: true });
    const now = clock.now();
    try {
      return await db.transaction().execute(async (trx) => {
        const row = await repo.insertRequest(trx, { id: newId(), order_id: orderId, user_id: userId, type: input.type, status: 'pending', reason: input.reason, description: input.description?.trim() || null, lines: JSON.stringify(lines), amount: plan.amount, currency: order.currency, refund_id: null, operator_note: null, decided_by: null, created_at: now, decided_at: null, updated_at: now });
        await publishEvent(trx, now, 'aftersales.requested', row.id, { requestId: row.id, orderId, userId, type: row.type, amount: row.amount });
        return row;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'aftersales_one_open_per_order')) throw conflict('AFTERSALES_ALREADY_OPEN', 'This order already has an open after-sales request');
      throw err;
    }
  }

  async function getOwn(userId: string, id: string) {
    const row = await repo.findRequest(db, id);
    if (!row || row.user_id !== userId) throw notFound('AFTERSALES_NOT_FOUND', 'No such after-sales request', { id });
    return row;
  }

  async function get(id: string) {
    const row = await repo.findRequest(db, id);
    if (!row) throw notFound('AFTERSALES_NOT_FOUND', 'No such after-sales request', { id });
    return row;
  }

  async function list(filter: { userId?: string; status?: AftersalesStatus; cursor?: string; limit: number }) {
    const after = decodeCursor<{ at: string; id: string }>(filter.cursor);
    const rows = await repo.findRequests(db, { userId: filter.userId, status: filter.status, after: after ? { at: new Date(after.at), id: after.id } : undefined, limit: filter.limit });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return { items: page, nextCursor: rows.length > filter.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }

  async function decide(trx: AftersalesDb, id: string, from: AftersalesStatus, patch: Updateable<AftersalesRequestsTable>) {
    const row = await repo.updateRequestFrom(trx, id, from, { ...patch, updated_at: clock.now() });
    if (!row) throw conflict('AFTERSALES_ALREADY_DECIDED', 'This request was already decided');
    return row;
  }

  async function cancel(userId: string, id: string) {
    const row = await getOwn(userId, id);
    if (row.status !== 'pending') throw conflict('AFTERSALES_ALREADY_DECIDED', 'Only a pending request can be withdrawn');
    return db.transaction().execute((trx) => decide(trx, id, 'pending', { status: 'cancelled' }));
  }

  async function approve(actorId: string, id: string, note?: string) {
    return db.transaction().execute(async (trx) => {
      const row = await repo.lockRequest(trx, id);
      if (!row) throw notFound('AFTERSALES_NOT_FOUND', 'No such after-sales request', { id });
      if (row.status !== 'pending') throw conflict('AFTERSALES_ALREADY_DECIDED', 'This request was already decided');
      const request = row.lines.length ? { lines: row.lines } : { full: true };
      const { refund } = await payments.requestRefund({ orderId: row.order_id, request, reason: `aftersales ${row.type}: ${row.reason}`, requestedBy: actorId, idempotencyKey: `aftersales:${row.id}`, restock: row.type === 'return_refund' }, trx);
      const now = clock.now();
      const updated = await decide(trx, id, 'pending', { status: 'approved', refund_id: refund.id, decided_by: actorId, decided_at: now, operator_note: note ?? null });
      await recordAudit(trx, now, { actorId, action: 'aftersales.approved', subjectType: 'aftersales_request', subjectId: id, details: { refundId: refund.id, amount: refund.amount } });
      await publishEvent(trx, now, 'aftersales.approved', id, { requestId: id, orderId: row.order_id, refundId: refund.id });
      return updated;
    });
  }

  async function reject(actorId: string, id: string, note: string) {
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      const updated = await decide(trx, id, 'pending', { status: 'rejected', decided_by: actorId, decided_at: now, operator_note: note });
      await recordAudit(trx, now, { actorId, action: 'aftersales.rejected', subjectType: 'aftersales_request', subjectId: id, details: { note } });
      await publishEvent(trx, now, 'aftersales.rejected', id, { requestId: id, orderId: updated.order_id });
      return updated;
    });
  }

  /** Consumer of refund.succeeded: the approved request whose refund landed is done. */
  async function closeRefunded(trx: AnyExecutor, refundId: string) {
    await repo.updateApprovedRequestsOfRefund(aftersalesTables.of(trx), refundId, { status: 'refunded', updated_at: clock.now() });
  }

  /** Whether the order has a pending or approved (not yet refunded) request (affiliate keeps commission frozen). */
  async function hasOpenRequest(executor: AnyExecutor, orderId: string) {
    return !!(await repo.findOpenRequestOfOrder(aftersalesTables.of(executor), orderId));
  }

  /** People's names through identity's look-up, on this module's connection (the operator's list). */
  const namesOf = (lookup: (executor: AnyExecutor, userIds: string[]) => Promise<Map<string, string>>, userIds: string[]) => lookup(db, userIds);

  return { open, getOwn, get, list, cancel, approve, reject, closeRefunded, hasOpenRequest, namesOf };
}

export type AftersalesService = ReturnType<typeof createAftersalesService>;
