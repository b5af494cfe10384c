// Commission on paid order lines for level 1 and level 2 only; frozen until the order completes plus
// the settlement period (and while after-sales is open); reversed in proportion on refunds. These
// run inside the order events' transactions, except settlement, which the jobs runner calls.
import { addDays, addMs, DAY_MS } from '../../platform/clock.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { SETTLE_JOB, type AffiliateCore, type AffiliateDeps } from './affiliate.core.ts';
import { currentRates } from './affiliate.rates.ts';
import * as repo from './affiliate.repo.ts';
import { commissionChain, MAX_LEVELS, reversalTarget, splitCommission } from './affiliate.rules.ts';
import { affiliateTables, type CommissionStatus, type AffiliateDb, type AffiliatePlatform } from './affiliate.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

/** How long a settlement held by an open after-sales request waits before it looks again. */
const RETRY_HELD_MS = DAY_MS;

export function commissionUseCases(p: AffiliatePlatform, deps: AffiliateDeps, core: AffiliateCore) {
  const { db, clock } = p;
  const { orders, aftersales } = deps;

  /** Commission for a paid order, once per line and level (caller's transaction). */
  async function commissionOrder(handle: AnyExecutor, orderId: string) {
    const trx = affiliateTables.of(handle);
    const order = await orders.getOrderRecord(trx, orderId);
    if (!order.paid_at || ['cancelled', 'refunded', 'refunding'].includes(order.status)) return [];
    if (await repo.findAnyCommissionOfOrder(trx, orderId)) return [];
    const buyerId = order.user_id;
    const selfPurchase = await p.settings.get('affiliate.selfPurchaseCommission', trx);
    // Walk one level further than pays, so the rules see (and drop) a third level.
    const uplines = await core.uplineChain(trx, buyerId, MAX_LEVELS + 1);
    const approved: string[] = [];
    for (const id of uplines) {
      if (!(await core.isApproved(trx, id))) break;
      approved.push(id);
    }
    const chain = commissionChain({ buyerId, buyerIsPromoter: selfPurchase && (await core.isApproved(trx, buyerId)), selfPurchaseCommission: selfPurchase, uplines: approved });
    if (!chain.length) return [];
    const lines = await orders.getOrderLines(trx, orderId);
    const overrideRows = await repo.findProductRates(trx, [...new Set(lines.map((l) => l.product_id))]);
    const overrides = new Map(overrideRows.map((r) => [r.product_id, { level1Bp: r.level1_bp, level2Bp: r.level2_bp }]));
    let shares = splitCommission({ lines: lines.map((l) => ({ lineId: l.id, productId: l.product_id, paidAmount: l.total_amount })), chain, defaults: await currentRates(p, trx), overrides });
    // Risk per promoter: a blocked promoter earns nothing on this order; a held one's stays frozen until review.
    for (const promoterId of deps.risk ? new Set(shares.map((s) => s.promoterId)) : []) {
      const amount = shares.filter((s) => s.promoterId === promoterId).reduce((sum, s) => sum + s.amount, 0);
      if ((await deps.risk!.assess(trx, { orderId, promoterId, buyerId, amount, currency: order.currency })) === 'block') shares = shares.filter((s) => s.promoterId !== promoterId);
    }
    if (!shares.length) return [];
    const now = clock.now();
    const rows = await repo.insertCommissions(
      trx,
      shares.map((s) => ({ id: newId(), order_id: orderId, order_line_id: s.lineId, level: s.level, promoter_id: s.promoterId, buyer_id: buyerId, product_id: s.productId, base_amount: s.baseAmount, rate_bp: s.rateBp, amount: s.amount, reversed_amount: 0, currency: order.currency, status: 'frozen' as const, on_hold: false, settle_at: null, created_at: now, settled_at: null, reversed_at: null })),
    );
    if (rows.length) {
      const byPromoter: Record<string, number> = {};
      for (const r of rows) byPromoter[r.promoter_id] = (byPromoter[r.promoter_id] ?? 0) + r.amount;
      await publishEvent(trx, now, 'affiliate.commission_created', orderId, { orderId, buyerId, byPromoter, currency: order.currency });
    }
    // An order that completed before its commission was found (late attribution) starts its clock now.
    if (order.completed_at) await startSettlementClock(trx, orderId, order.completed_at);
    return rows;
  }

  async function onOrderPaid(handle: AnyExecutor, payload: { orderId: string; userId: string }) {
    const trx = affiliateTables.of(handle);
    await commissionOrder(trx, payload.orderId);
    if ((await p.settings.get('affiliate.promoterMode', trx)) !== 'after_first_paid_order') return;
    const row = await core.lockOrCreatePromoter(trx, payload.userId, 'first_paid_order', null);
    // A pending application (or none) is approved; an operator's rejection stands.
    if (row.status === 'pending') await core.approveLocked(trx, row, null, 'first paid order');
  }

  async function startSettlementClock(trx: AffiliateDb, orderId: string, completedAt: Date) {
    const settleAt = addDays(completedAt, await p.settings.get('affiliate.settlementDays', trx));
    const updated = await repo.updateFrozenSettleAt(trx, orderId, settleAt);
    if (updated.length) await scheduleJob(trx, { kind: SETTLE_JOB, payload: { orderId }, runAt: settleAt, dedupeKey: `affiliate-settle:${orderId}`, now: clock.now() });
  }

  async function onOrderCompleted(handle: AnyExecutor, payload: { orderId: string }) {
    const trx = affiliateTables.of(handle);
    const order = await orders.getOrderRecord(trx, payload.orderId);
    await startSettlementClock(trx, payload.orderId, order.completed_at ?? clock.now());
  }

  async function onAftersalesRequested(handle: AnyExecutor, payload: { orderId: string }) {
    const trx = affiliateTables.of(handle);
    await repo.updateFrozenHold(trx, payload.orderId, true);
  }

  /** A rejected request: the hold lifts and, if the settlement date has passed, settlement runs now. */
  async function onAftersalesRejected(handle: AnyExecutor, payload: { orderId: string; requestId: string }) {
    const trx = affiliateTables.of(handle);
    const rows = await repo.updateFrozenHold(trx, payload.orderId, false);
    const settleAt = rows.map((r) => r.settle_at).find((d): d is Date => !!d);
    if (!settleAt) return;
    const now = clock.now();
    await scheduleJob(trx, { kind: SETTLE_JOB, payload: { orderId: payload.orderId }, runAt: settleAt > now ? settleAt : now, dedupeKey: `affiliate-settle:${payload.orderId}:${payload.requestId}`, now });
  }

  /** Job: settle an order's frozen commission once its date has come and no after-sales request is open. */
  async function settleOrder(orderId: string) {
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const due = await repo.lockDueCommissions(trx, orderId, now);
      if (!due.length) return;
      if (await aftersales.hasOpenRequest(trx, orderId)) {
        await repo.updateCommissionsHeld(trx, due.map((c) => c.id));
        const retryAt = addMs(now, RETRY_HELD_MS);
        await scheduleJob(trx, { kind: SETTLE_JOB, payload: { orderId }, runAt: retryAt, dedupeKey: `affiliate-settle:${orderId}:${retryAt.toISOString()}`, now });
        return;
      }
      const paid = [];
      for (const c of due) {
        if (deps.risk && !(await deps.risk.mayPay(trx, { orderId, promoterId: c.promoter_id }))) continue;
        paid.push(c);
        await repo.updateCommission(trx, c.id, { status: 'settled', settled_at: now, on_hold: false });
        const net = c.amount - c.reversed_amount;
        if (net > 0) await core.book(trx, c.promoter_id, 'commission_settled', net, c.id);
      }
      if (paid.length) await publishEvent(trx, now, 'affiliate.commission_settled', orderId, { orderId, commissions: paid.map((c) => ({ id: c.id, promoterId: c.promoter_id, level: c.level, amount: c.amount - c.reversed_amount })) });
    });
  }

  /** order.refunded: reverse each commission in proportion to what has been refunded of the order. */
  async function onOrderRefunded(handle: AnyExecutor, payload: { orderId: string; refundId: string; refundedTotal: number; full: boolean }) {
    const trx = affiliateTables.of(handle);
    const commissions = await repo.lockUnreversedCommissions(trx, payload.orderId);
    if (!commissions.length) return;
    const order = await orders.getOrderRecord(trx, payload.orderId);
    const now = clock.now();
    const reversed: { id: string; promoterId: string; amount: number }[] = [];
    for (const c of commissions) {
      const target = reversalTarget({ commission: c.amount, paidAmount: order.paid_amount, refundedTotal: payload.refundedTotal, full: payload.full });
      const delta = target - c.reversed_amount;
      if (delta <= 0) continue;
      const status: CommissionStatus = target >= c.amount ? 'reversed' : c.status;
      await repo.updateCommission(trx, c.id, { reversed_amount: target, status, reversed_at: now });
      // Settled money already sat in the balance: take it back (the balance may go below zero).
      if (c.status === 'settled') await core.book(trx, c.promoter_id, 'commission_reversed', -delta, `${c.id}:${payload.refundId}`);
      reversed.push({ id: c.id, promoterId: c.promoter_id, amount: delta });
    }
    if (reversed.length) await publishEvent(trx, now, 'affiliate.commission_reversed', payload.orderId, { orderId: payload.orderId, refundId: payload.refundId, commissions: reversed });
  }

  /**
   * Risk cancelled a held commission (a promoter's sock-puppet order): reversed in full and never
   * paid, so it leaves the frozen total. A settled one is left alone (risk never lets a held one settle).
   */
  async function cancelHeldCommission(handle: AnyExecutor, q: { orderId: string; promoterId: string; decisionId: string }) {
    const trx = affiliateTables.of(handle);
    const now = clock.now();
    const cancelled: { id: string; promoterId: string; amount: number; level: number }[] = [];
    for (const c of await repo.lockUnreversedCommissions(trx, q.orderId)) {
      if (c.promoter_id !== q.promoterId || c.status === 'settled') continue;
      await repo.updateCommission(trx, c.id, { reversed_amount: c.amount, status: 'reversed', reversed_at: now, on_hold: false });
      cancelled.push({ id: c.id, promoterId: c.promoter_id, amount: c.amount - c.reversed_amount, level: c.level });
    }
    if (cancelled.length) await publishEvent(trx, now, 'affiliate.commission_cancelled', q.orderId, { orderId: q.orderId, decisionId: q.decisionId, commissions: cancelled });
  }

  return { commissionOrder, onOrderPaid, onOrderCompleted, onOrderRefunded, onAftersalesRequested, onAftersalesRejected, settleOrder, cancelHeldCommission };
}
