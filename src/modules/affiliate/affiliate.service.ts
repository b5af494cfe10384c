// Two-level affiliate distribution (分销): promoters (open, by application, or after a first paid
// order — never for a fee), customer→promoter bindings from share links (no self-binding, no cycles),
// commission on paid order lines for level 1 and level 2 only, frozen until completion + a settlement
// period (and while after-sales is open), reversed in proportion on refunds; a balance row per
// promoter that withdrawals take from by conditional update, and a ledger the statement is built from.
import { sql, type Selectable } from 'kysely';
import type { Platform } from '../../platform/context.ts';
import { addDays } from '../../platform/clock.ts';
import { conflict, forbidden, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent, type Executor } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { DEFAULT_CURRENCY } from '../../platform/money.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { Role } from '../../platform/auth.ts';
import {
  bindingExpiry,
  bindingRefusal,
  bindingReplaceable,
  buildStatement,
  commissionChain,
  definesThirdLevel,
  MAX_LEVELS,
  reversalTarget,
  splitCommission,
  THIRD_LEVEL_ERROR,
  withdrawalFee,
  type Rates,
} from './affiliate.rules.ts';
import type { AffiliateCommissionsTable, AffiliatePromotersTable, AffiliateWithdrawalsTable, CommissionStatus, LedgerKind, PromoterStatus, WithdrawalStatus } from './affiliate.table.ts';

export const SETTLE_JOB = 'affiliate.settle';
const UPLINE_WALK_LIMIT = 32;
const RETRY_HELD_MS = 86_400_000;
const BINDING_LOCK_KEY = 160_160;

type PromoterRow = Selectable<AffiliatePromotersTable>;
type CommissionRow = Selectable<AffiliateCommissionsTable>;
type WithdrawalRow = Selectable<AffiliateWithdrawalsTable>;

export interface AffiliateDeps {
  identity: {
    grantRole(trx: Executor, actorId: string | null, userId: string, role: Role): Promise<void>;
    displayNames(executor: Executor, userIds: string[]): Promise<Map<string, string>>;
  };
  orders: {
    getOrderRecord(executor: Executor, id: string): Promise<{ id: string; user_id: string; status: string; paid_at: Date | null; paid_amount: number; completed_at: Date | null; currency: string }>;
    getOrderLines(executor: Executor, id: string): Promise<{ id: string; product_id: string; total_amount: number }[]>;
  };
  aftersales: { hasOpenRequest(executor: Executor, orderId: string): Promise<boolean> };
}

const money = (amount: number, currency = DEFAULT_CURRENCY) => ({ amount, currency });
const maskName = (name: string) => {
  const chars = [...name];
  return chars.length <= 1 ? name + '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
};

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
  };
}

export function createAffiliateService(p: Platform, deps: AffiliateDeps) {
  const { db, clock } = p;
  const { identity, orders, aftersales } = deps;

  const audit = (trx: Executor, actorId: string | null, action: string, subjectType: string, subjectId: string, details: Record<string, unknown>) =>
    trx.insertInto('audit_log').values({ actor_id: actorId, action, subject_type: subjectType, subject_id: subjectId, details: JSON.stringify(details), at: clock.now() }).execute();

  // ---- promoters ------------------------------------------------------------------------------
  const findPromoter = (executor: Executor, userId: string) => executor.selectFrom('affiliate_promoters').selectAll().where('user_id', '=', userId).executeTakeFirst();

  async function isApproved(executor: Executor, userId: string) {
    const row = await executor.selectFrom('affiliate_promoters').select('status').where('user_id', '=', userId).executeTakeFirst();
    return row?.status === 'approved';
  }

  async function approveLocked(trx: Executor, row: PromoterRow, actorId: string | null, note: string | null) {
    const now = clock.now();
    const updated = await trx
      .updateTable('affiliate_promoters')
      .set({ status: 'approved', decided_at: now, decided_by: actorId, operator_note: note, updated_at: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await identity.grantRole(trx, actorId, row.user_id, 'promoter');
    await publishEvent(trx, now, 'affiliate.promoter_approved', row.user_id, { promoterId: row.user_id, applicationId: row.id, source: row.source });
    return updated;
  }

  /** Create (or lock) the user's promoter row inside the caller's transaction. */
  async function lockOrCreatePromoter(trx: Executor, userId: string, source: PromoterRow['source'], note: string | null) {
    const now = clock.now();
    await trx
      .insertInto('affiliate_promoters')
      .values({ id: newId(), user_id: userId, status: 'pending', source, note, operator_note: null, balance_amount: 0, currency: DEFAULT_CURRENCY, applied_at: now, decided_at: null, decided_by: null, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    return trx.selectFrom('affiliate_promoters').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirstOrThrow();
  }

  /** A shopper asks to become a promoter. No fee and no purchase is ever asked for (anti-pyramid). */
  async function apply(userId: string, input: { note?: string } = {}) {
    return db.transaction().execute(async (trx) => {
      const mode = await p.settings.get('affiliate.promoterMode', trx);
      const note = input.note?.trim() || null;
      let row = await lockOrCreatePromoter(trx, userId, mode === 'open' ? 'open' : 'application', note);
      if (row.status === 'approved') return row;
      const now = clock.now();
      if (row.status === 'rejected') {
        row = await trx.updateTable('affiliate_promoters').set({ status: 'pending', note, applied_at: now, decided_at: null, decided_by: null, operator_note: null, updated_at: now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
      }
      await publishEvent(trx, now, 'affiliate.promoter_applied', userId, { promoterId: userId, applicationId: row.id, mode });
      if (mode === 'open') row = await approveLocked(trx, row, null, 'open mode');
      return row;
    });
  }

  async function decideApplication(actorId: string, id: string, decision: 'approve' | 'reject', note?: string) {
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('affiliate_promoters').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound('AFFILIATE_APPLICATION_NOT_FOUND', 'No such promoter application', { id });
      if (row.status !== 'pending') throw conflict('AFFILIATE_APPLICATION_DECIDED', 'This application was already decided', { status: row.status });
      await audit(trx, actorId, `affiliate.application_${decision}d`, 'affiliate_promoter', row.user_id, { note: note ?? null });
      if (decision === 'approve') return approveLocked(trx, row, actorId, note ?? null);
      const now = clock.now();
      const updated = await trx.updateTable('affiliate_promoters').set({ status: 'rejected', decided_at: now, decided_by: actorId, operator_note: note ?? null, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await publishEvent(trx, now, 'affiliate.promoter_rejected', row.user_id, { promoterId: row.user_id, applicationId: id });
      return updated;
    });
  }

  /** Make a user a promoter directly (operators, demo data). */
  async function appointPromoter(actorId: string | null, userId: string, note: string | null = null) {
    return db.transaction().execute(async (trx) => {
      const row = await lockOrCreatePromoter(trx, userId, 'operator', note);
      return row.status === 'approved' ? row : approveLocked(trx, row, actorId, 'appointed');
    });
  }

  async function listApplications(filter: { status?: PromoterStatus; cursor?: string; limit: number }) {
    const after = decodeCursor<{ at: string; id: string }>(filter.cursor);
    let qb = db.selectFrom('affiliate_promoters').selectAll().orderBy('applied_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
    if (filter.status) qb = qb.where('status', '=', filter.status);
    if (after) qb = qb.where(sql<boolean>`(applied_at, id) < (${new Date(after.at)}, ${after.id})`);
    const rows = await qb.execute();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return { items: page, nextCursor: rows.length > filter.limit && last ? encodeCursor({ at: last.applied_at.toISOString(), id: last.id }) : null };
  }

  // ---- bindings -------------------------------------------------------------------------------
  const activeBinding = (executor: Executor, customerId: string, now: Date) =>
    executor
      .selectFrom('promoter_bindings')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();

  /** The user's upline promoters, nearest first, following active bindings (bounded; a cycle stops it). */
  async function uplineChain(executor: Executor, userId: string, max: number) {
    const now = clock.now();
    const chain: string[] = [];
    let current = userId;
    for (let i = 0; i < max; i++) {
      const b = await activeBinding(executor, current, now);
      if (!b || b.promoter_id === userId || chain.includes(b.promoter_id)) break;
      chain.push(b.promoter_id);
      current = b.promoter_id;
    }
    return chain;
  }

  type BindResult = { ok: true; promoterId: string } | { ok: false; reason: 'NOT_PROMOTER' | 'SELF' | 'DOWNLINE' | 'ALREADY_BOUND' };

  /** Bind a customer to a promoter (caller's transaction). First binding wins unless overriding is on. */
  async function bind(trx: Executor, x: { customerId: string; promoterId: string; source: 'share' | 'order' | 'operator'; shareId?: string | null; onlyIfUnbound?: boolean }): Promise<BindResult> {
    const now = clock.now();
    if (x.customerId === x.promoterId) return { ok: false, reason: 'SELF' };
    // Only a promoter can have a downline, so only their binding could close a cycle: those bindings
    // serialise on one transaction-scoped lock, and each then sees the others' committed bindings.
    if (await isApproved(trx, x.customerId)) await sql`select pg_advisory_xact_lock(${BINDING_LOCK_KEY})`.execute(trx);
    // Lock the promoter row: bindings that pass through the same promoter serialise on it.
    const promoter = await trx.selectFrom('affiliate_promoters').select(['status']).where('user_id', '=', x.promoterId).forUpdate().executeTakeFirst();
    if (promoter?.status !== 'approved') return { ok: false, reason: 'NOT_PROMOTER' };
    const refusal = bindingRefusal({ customerId: x.customerId, promoterId: x.promoterId, promoterUplines: await uplineChain(trx, x.promoterId, UPLINE_WALK_LIMIT) });
    if (refusal) return { ok: false, reason: refusal };
    const existing = await trx.selectFrom('promoter_bindings').selectAll().where('customer_id', '=', x.customerId).forUpdate().executeTakeFirst();
    const override = await p.settings.get('affiliate.bindingOverride', trx);
    const existingActive = existing && (!existing.expires_at || existing.expires_at > now) ? existing : null;
    if (existingActive && x.onlyIfUnbound) return { ok: false, reason: 'ALREADY_BOUND' };
    if (existing && !bindingReplaceable({ existing: { promoterId: existing.promoter_id, expiresAt: existing.expires_at }, newPromoterId: x.promoterId, override, now })) return { ok: false, reason: 'ALREADY_BOUND' };
    const expiresAt = bindingExpiry(now, await p.settings.get('affiliate.bindingDays', trx));
    const values = { promoter_id: x.promoterId, source: x.source, share_id: x.shareId ?? null, bound_at: now, expires_at: expiresAt };
    if (existing) {
      await trx.updateTable('promoter_bindings').set(values).where('customer_id', '=', x.customerId).where('promoter_id', '=', existing.promoter_id).execute();
    } else {
      const inserted = await trx.insertInto('promoter_bindings').values({ customer_id: x.customerId, ...values }).onConflict((oc) => oc.column('customer_id').doNothing()).returning('customer_id').executeTakeFirst();
      if (!inserted) return { ok: false, reason: 'ALREADY_BOUND' };
    }
    await publishEvent(trx, now, 'affiliate.customer_bound', x.customerId, { customerId: x.customerId, promoterId: x.promoterId, previousPromoterId: existing?.promoter_id ?? null, source: x.source, shareId: x.shareId ?? null, expiresAt: expiresAt?.toISOString() ?? null });
    return { ok: true, promoterId: x.promoterId };
  }

  /** Bind in a transaction of its own; refusals become 422s (operators, demo data, tests). */
  async function bindCustomer(customerId: string, promoterId: string, source: 'share' | 'order' | 'operator' = 'operator') {
    const result = await db.transaction().execute((trx) => bind(trx, { customerId, promoterId, source }));
    if (!result.ok) {
      const messages = { NOT_PROMOTER: 'That user is not an approved promoter', SELF: 'A customer cannot bind to themself', DOWNLINE: 'A customer cannot bind to someone in their own downline', ALREADY_BOUND: 'The customer is already bound to a promoter' };
      throw unprocessable(`AFFILIATE_BINDING_${result.reason === 'SELF' ? 'SELF' : result.reason}`, messages[result.reason]);
    }
    return result;
  }

  async function onCustomerAttributed(trx: Executor, payload: { userId: string; sharerId: string; shareId?: string | null }) {
    if (!payload.sharerId || !payload.userId) return;
    await bind(trx, { customerId: payload.userId, promoterId: payload.sharerId, source: 'share', shareId: payload.shareId ?? null });
  }

  /** An existing customer's order came through a promoter's link: bind if not yet bound, then earn on it if it is already paid. */
  async function onOrderAttributed(trx: Executor, payload: { orderId: string; userId: string; sharerId: string; shareId?: string | null }) {
    if (!payload.sharerId || !payload.userId) return;
    const result = await bind(trx, { customerId: payload.userId, promoterId: payload.sharerId, source: 'order', shareId: payload.shareId ?? null, onlyIfUnbound: true });
    if (result.ok) await commissionOrder(trx, payload.orderId);
  }

  // ---- commission -----------------------------------------------------------------------------
  async function currentRates(executor: Executor): Promise<Rates> {
    return { level1Bp: await p.settings.get('affiliate.level1RateBp', executor), level2Bp: await p.settings.get('affiliate.level2RateBp', executor) };
  }

  /** Commission for a paid order, once per line and level (caller's transaction). */
  async function commissionOrder(trx: Executor, orderId: string) {
    const order = await orders.getOrderRecord(trx, orderId);
    if (!order.paid_at || ['cancelled', 'refunded', 'refunding'].includes(order.status)) return [];
    const already = await trx.selectFrom('affiliate_commissions').select('id').where('order_id', '=', orderId).executeTakeFirst();
    if (already) return [];
    const buyerId = order.user_id;
    const selfPurchase = await p.settings.get('affiliate.selfPurchaseCommission', trx);
    // Walk one level further than pays, so the rules see (and drop) a third level.
    const uplines = await uplineChain(trx, buyerId, MAX_LEVELS + 1);
    const approved: string[] = [];
    for (const id of uplines) {
      if (!(await isApproved(trx, id))) break;
      approved.push(id);
    }
    const chain = commissionChain({ buyerId, buyerIsPromoter: selfPurchase && (await isApproved(trx, buyerId)), selfPurchaseCommission: selfPurchase, uplines: approved });
    if (!chain.length) return [];
    const lines = await orders.getOrderLines(trx, orderId);
    const productIds = [...new Set(lines.map((l) => l.product_id))];
    const overrideRows = productIds.length ? await trx.selectFrom('affiliate_product_rates').selectAll().where('product_id', 'in', productIds).execute() : [];
    const overrides = new Map(overrideRows.map((r) => [r.product_id, { level1Bp: r.level1_bp, level2Bp: r.level2_bp }]));
    const shares = splitCommission({ lines: lines.map((l) => ({ lineId: l.id, productId: l.product_id, paidAmount: l.total_amount })), chain, defaults: await currentRates(trx), overrides });
    if (!shares.length) return [];
    const now = clock.now();
    const rows = await trx
      .insertInto('affiliate_commissions')
      .values(shares.map((s) => ({ id: newId(), order_id: orderId, order_line_id: s.lineId, level: s.level, promoter_id: s.promoterId, buyer_id: buyerId, product_id: s.productId, base_amount: s.baseAmount, rate_bp: s.rateBp, amount: s.amount, reversed_amount: 0, currency: order.currency, status: 'frozen' as const, on_hold: false, settle_at: null, created_at: now, settled_at: null, reversed_at: null })))
      .onConflict((oc) => oc.columns(['order_line_id', 'level']).doNothing())
      .returningAll()
      .execute();
    if (rows.length) {
      const byPromoter: Record<string, number> = {};
      for (const r of rows) byPromoter[r.promoter_id] = (byPromoter[r.promoter_id] ?? 0) + r.amount;
      await publishEvent(trx, now, 'affiliate.commission_created', orderId, { orderId, buyerId, byPromoter, currency: order.currency });
    }
    // An order that completed before its commission was found (late attribution) starts its clock now.
    if (order.completed_at) await startSettlementClock(trx, orderId, order.completed_at);
    return rows;
  }

  async function onOrderPaid(trx: Executor, payload: { orderId: string; userId: string }) {
    await commissionOrder(trx, payload.orderId);
    if ((await p.settings.get('affiliate.promoterMode', trx)) !== 'after_first_paid_order') return;
    const row = await lockOrCreatePromoter(trx, payload.userId, 'first_paid_order', null);
    // A pending application (or none) is approved; an operator's rejection stands.
    if (row.status === 'pending') await approveLocked(trx, row, null, 'first paid order');
  }

  async function startSettlementClock(trx: Executor, orderId: string, completedAt: Date) {
    const days = await p.settings.get('affiliate.settlementDays', trx);
    const settleAt = addDays(completedAt, days);
    const updated = await trx.updateTable('affiliate_commissions').set({ settle_at: settleAt }).where('order_id', '=', orderId).where('status', '=', 'frozen').returning('id').execute();
    if (updated.length) await scheduleJob(trx, { kind: SETTLE_JOB, payload: { orderId }, runAt: settleAt, dedupeKey: `affiliate-settle:${orderId}`, now: clock.now() });
  }

  async function onOrderCompleted(trx: Executor, payload: { orderId: string }) {
    const order = await orders.getOrderRecord(trx, payload.orderId);
    await startSettlementClock(trx, payload.orderId, order.completed_at ?? clock.now());
  }

  async function onAftersalesRequested(trx: Executor, payload: { orderId: string }) {
    await trx.updateTable('affiliate_commissions').set({ on_hold: true }).where('order_id', '=', payload.orderId).where('status', '=', 'frozen').execute();
  }

  /** A rejected request: the hold lifts and, if the settlement date has passed, settlement runs now. */
  async function onAftersalesRejected(trx: Executor, payload: { orderId: string; requestId: string }) {
    const rows = await trx.updateTable('affiliate_commissions').set({ on_hold: false }).where('order_id', '=', payload.orderId).where('status', '=', 'frozen').returning('settle_at').execute();
    const settleAt = rows.map((r) => r.settle_at).find((d): d is Date => !!d);
    if (!settleAt) return;
    const now = clock.now();
    await scheduleJob(trx, { kind: SETTLE_JOB, payload: { orderId: payload.orderId }, runAt: settleAt > now ? settleAt : now, dedupeKey: `affiliate-settle:${payload.orderId}:${payload.requestId}`, now });
  }

  async function book(trx: Executor, promoterId: string, kind: LedgerKind, amount: number, ref: string) {
    const inserted = await trx.insertInto('affiliate_ledger').values({ id: newId(), promoter_id: promoterId, kind, amount, ref, at: clock.now() }).onConflict((oc) => oc.columns(['kind', 'ref']).doNothing()).returning('id').executeTakeFirst();
    if (!inserted) return false;
    await trx.updateTable('affiliate_promoters').set((eb) => ({ balance_amount: eb('balance_amount', '+', amount), updated_at: clock.now() })).where('user_id', '=', promoterId).execute();
    return true;
  }

  /** Job: settle an order's frozen commission once its date has come and no after-sales request is open. */
  async function settleOrder(orderId: string) {
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const due = await trx.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', orderId).where('status', '=', 'frozen').where('settle_at', '<=', now).orderBy('id').forUpdate().execute();
      if (!due.length) return;
      if (await aftersales.hasOpenRequest(trx, orderId)) {
        await trx.updateTable('affiliate_commissions').set({ on_hold: true }).where('id', 'in', due.map((c) => c.id)).execute();
        const retryAt = new Date(now.getTime() + RETRY_HELD_MS);
        await scheduleJob(trx, { kind: SETTLE_JOB, payload: { orderId }, runAt: retryAt, dedupeKey: `affiliate-settle:${orderId}:${retryAt.toISOString()}`, now });
        return;
      }
      for (const c of due) {
        await trx.updateTable('affiliate_commissions').set({ status: 'settled', settled_at: now, on_hold: false }).where('id', '=', c.id).execute();
        const net = c.amount - c.reversed_amount;
        if (net > 0) await book(trx, c.promoter_id, 'commission_settled', net, c.id);
      }
      await publishEvent(trx, now, 'affiliate.commission_settled', orderId, { orderId, commissions: due.map((c) => ({ id: c.id, promoterId: c.promoter_id, level: c.level, amount: c.amount - c.reversed_amount })) });
    });
  }

  /** order.refunded: reverse each commission in proportion to what has been refunded of the order. */
  async function onOrderRefunded(trx: Executor, payload: { orderId: string; refundId: string; refundedTotal: number; full: boolean }) {
    const commissions = await trx.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', payload.orderId).where('status', '!=', 'reversed').orderBy('id').forUpdate().execute();
    if (!commissions.length) return;
    const order = await orders.getOrderRecord(trx, payload.orderId);
    const now = clock.now();
    const reversed: { id: string; promoterId: string; amount: number }[] = [];
    for (const c of commissions) {
      const target = reversalTarget({ commission: c.amount, paidAmount: order.paid_amount, refundedTotal: payload.refundedTotal, full: payload.full });
      const delta = target - c.reversed_amount;
      if (delta <= 0) continue;
      const status: CommissionStatus = target >= c.amount ? 'reversed' : c.status;
      await trx.updateTable('affiliate_commissions').set({ reversed_amount: target, status, reversed_at: now }).where('id', '=', c.id).execute();
      // Settled money already sat in the balance: take it back (the balance may go below zero).
      if (c.status === 'settled') await book(trx, c.promoter_id, 'commission_reversed', -delta, `${c.id}:${payload.refundId}`);
      reversed.push({ id: c.id, promoterId: c.promoter_id, amount: delta });
    }
    if (reversed.length) await publishEvent(trx, now, 'affiliate.commission_reversed', payload.orderId, { orderId: payload.orderId, refundId: payload.refundId, commissions: reversed });
  }

  // ---- rates ----------------------------------------------------------------------------------
  const refuseThirdLevel = (body: Record<string, unknown>) => {
    if (definesThirdLevel(body)) throw unprocessable(THIRD_LEVEL_ERROR, 'Commission is paid on two levels at most; a third level is forbidden (anti-pyramid rules)', { maxLevels: MAX_LEVELS });
  };

  async function getRates() {
    return { levels: MAX_LEVELS, ...(await currentRates(db)) };
  }

  async function setRates(actorId: string, body: { level1RateBp?: number; level2RateBp?: number; levels?: number } & Record<string, unknown>) {
    refuseThirdLevel(body);
    const now = clock.now();
    if (body.level1RateBp !== undefined) await p.settings.set('affiliate.level1RateBp', body.level1RateBp, now);
    if (body.level2RateBp !== undefined) await p.settings.set('affiliate.level2RateBp', body.level2RateBp, now);
    await audit(db, actorId, 'affiliate.rates_changed', 'settings', 'affiliate', { level1RateBp: body.level1RateBp, level2RateBp: body.level2RateBp });
    return getRates();
  }

  async function setProductRate(actorId: string | null, productId: string, body: { level1Bp: number; level2Bp: number } & Record<string, unknown>) {
    refuseThirdLevel(body);
    const now = clock.now();
    const row = await db
      .insertInto('affiliate_product_rates')
      .values({ product_id: productId, level1_bp: body.level1Bp, level2_bp: body.level2Bp, updated_at: now })
      .onConflict((oc) => oc.column('product_id').doUpdateSet({ level1_bp: body.level1Bp, level2_bp: body.level2Bp, updated_at: now }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(db, actorId, 'affiliate.product_rate_set', 'product', productId, { level1Bp: body.level1Bp, level2Bp: body.level2Bp });
    return row;
  }

  async function deleteProductRate(actorId: string, productId: string) {
    const row = await db.deleteFrom('affiliate_product_rates').where('product_id', '=', productId).returning('product_id').executeTakeFirst();
    if (!row) throw notFound('AFFILIATE_PRODUCT_RATE_NOT_FOUND', 'That product has no commission override', { productId });
    await audit(db, actorId, 'affiliate.product_rate_removed', 'product', productId, {});
  }

  const listProductRates = () => db.selectFrom('affiliate_product_rates').selectAll().orderBy('updated_at', 'desc').execute();

  // ---- promoter centre ------------------------------------------------------------------------
  async function commissionTotals(executor: Executor, promoterIds: string[]) {
    const out = new Map<string, { frozen: number; settled: number; reversed: number }>();
    if (!promoterIds.length) return out;
    const rows = await executor
      .selectFrom('affiliate_commissions')
      .select(['promoter_id', 'status', sql<number>`coalesce(sum(amount - reversed_amount), 0)::bigint`.as('net'), sql<number>`coalesce(sum(reversed_amount), 0)::bigint`.as('reversed')])
      .where('promoter_id', 'in', promoterIds)
      .groupBy(['promoter_id', 'status'])
      .execute();
    for (const r of rows) {
      const t = out.get(r.promoter_id) ?? { frozen: 0, settled: 0, reversed: 0 };
      if (r.status === 'frozen') t.frozen += Number(r.net);
      if (r.status === 'settled') t.settled += Number(r.net);
      t.reversed += Number(r.reversed);
      out.set(r.promoter_id, t);
    }
    return out;
  }

  async function withdrawalTotals(executor: Executor, promoterIds: string[]) {
    const out = new Map<string, { paid: number; pending: number; fees: number }>();
    if (!promoterIds.length) return out;
    const rows = await executor
      .selectFrom('affiliate_withdrawals')
      .select(['promoter_id', 'status', sql<number>`coalesce(sum(amount), 0)::bigint`.as('amount'), sql<number>`coalesce(sum(fee_amount), 0)::bigint`.as('fees')])
      .where('promoter_id', 'in', promoterIds)
      .where('status', 'in', ['paid', 'pending'])
      .groupBy(['promoter_id', 'status'])
      .execute();
    for (const r of rows) {
      const t = out.get(r.promoter_id) ?? { paid: 0, pending: 0, fees: 0 };
      if (r.status === 'paid') (t.paid += Number(r.amount)), (t.fees += Number(r.fees));
      else t.pending += Number(r.amount);
      out.set(r.promoter_id, t);
    }
    return out;
  }

  async function refereeCounts(executor: Executor, promoterIds: string[]) {
    const out = new Map<string, { level1: number; level2: number }>();
    if (!promoterIds.length) return out;
    const now = clock.now();
    const active = sql<boolean>`(b1.expires_at is null or b1.expires_at > ${now})`;
    const l1 = await executor.selectFrom('promoter_bindings as b1').select(['b1.promoter_id', sql<number>`count(*)::int`.as('n')]).where('b1.promoter_id', 'in', promoterIds).where(active).groupBy('b1.promoter_id').execute();
    const l2 = await executor
      .selectFrom('promoter_bindings as b1')
      .innerJoin('promoter_bindings as b2', 'b2.promoter_id', 'b1.customer_id')
      .select(['b1.promoter_id', sql<number>`count(*)::int`.as('n')])
      .where('b1.promoter_id', 'in', promoterIds)
      .where(active)
      .where(sql<boolean>`(b2.expires_at is null or b2.expires_at > ${now})`)
      .groupBy('b1.promoter_id')
      .execute();
    for (const id of promoterIds) out.set(id, { level1: l1.find((r) => r.promoter_id === id)?.n ?? 0, level2: l2.find((r) => r.promoter_id === id)?.n ?? 0 });
    return out;
  }

  async function me(userId: string) {
    const row = await findPromoter(db, userId);
    const [c, w, r] = await Promise.all([commissionTotals(db, [userId]), withdrawalTotals(db, [userId]), refereeCounts(db, [userId])]);
    const ct = c.get(userId) ?? { frozen: 0, settled: 0, reversed: 0 };
    const wt = w.get(userId) ?? { paid: 0, pending: 0, fees: 0 };
    const binding = await activeBinding(db, userId, clock.now());
    return {
      status: (row?.status ?? 'none') as PromoterStatus | 'none',
      applicationId: row?.id ?? null,
      link: row?.status === 'approved'
        ? { hint: 'Share any product or your invite page (POST /api/v1/shares); customers who arrive through your links are bound to you', inviteTarget: { type: 'invite', id: userId } }
        : null,
      upline: binding ? { boundAt: binding.bound_at.toISOString(), expiresAt: binding.expires_at?.toISOString() ?? null } : null,
      referees: r.get(userId) ?? { level1: 0, level2: 0 },
      totals: {
        frozen: money(ct.frozen),
        settled: money(ct.settled),
        reversed: money(ct.reversed),
        withdrawn: money(wt.paid),
        pendingWithdrawals: money(wt.pending),
        available: money(row?.balance_amount ?? 0),
      },
    };
  }

  async function myCommissions(userId: string, filter: { status?: CommissionStatus; cursor?: string; limit: number }) {
    const after = decodeCursor<{ at: string; id: string }>(filter.cursor);
    let qb = db.selectFrom('affiliate_commissions').selectAll().where('promoter_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
    if (filter.status) qb = qb.where('status', '=', filter.status);
    if (after) qb = qb.where(sql<boolean>`(created_at, id) < (${new Date(after.at)}, ${after.id})`);
    const rows = await qb.execute();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return { items: page.map(presentCommission), nextCursor: rows.length > filter.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }

  /** My customers (level 1) and theirs (level 2), names masked. */
  async function myReferees(userId: string, filter: { level?: 1 | 2; limit: number }) {
    const now = clock.now();
    const active = (alias: string) => sql<boolean>`(${sql.ref(`${alias}.expires_at`)} is null or ${sql.ref(`${alias}.expires_at`)} > ${now})`;
    const level1 = filter.level === 2 ? [] : await db.selectFrom('promoter_bindings as b1').select(['b1.customer_id', 'b1.bound_at']).where('b1.promoter_id', '=', userId).where(active('b1')).orderBy('b1.bound_at', 'desc').limit(filter.limit).execute();
    const level2 = filter.level === 1 ? [] : await db
      .selectFrom('promoter_bindings as b1')
      .innerJoin('promoter_bindings as b2', 'b2.promoter_id', 'b1.customer_id')
      .select(['b2.customer_id', 'b2.bound_at'])
      .where('b1.promoter_id', '=', userId)
      .where(active('b1'))
      .where(active('b2'))
      .orderBy('b2.bound_at', 'desc')
      .limit(filter.limit)
      .execute();
    const names = await identity.displayNames(db, [...level1, ...level2].map((r) => r.customer_id));
    const present = (level: 1 | 2) => (r: { customer_id: string; bound_at: Date }) => ({ level, name: maskName(names.get(r.customer_id) ?? '?'), boundAt: r.bound_at.toISOString() });
    return { items: [...level1.map(present(1)), ...level2.map(present(2))] };
  }

  async function statement(userId: string, from: Date, to: Date) {
    if (!(from < to)) throw invalid('AFFILIATE_STATEMENT_RANGE', 'The statement must end after it starts');
    const opening = await db.selectFrom('affiliate_ledger').select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('n')).where('promoter_id', '=', userId).where('at', '<', from).executeTakeFirstOrThrow();
    const entries = await db.selectFrom('affiliate_ledger').select(['kind', 'amount']).where('promoter_id', '=', userId).where('at', '>=', from).where('at', '<', to).execute();
    const s = buildStatement(Number(opening.n), entries);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      openingBalance: money(s.openingBalance),
      commissionsSettled: money(s.commissionsSettled),
      reversals: money(s.reversals),
      withdrawals: money(s.withdrawals),
      fees: money(s.fees),
      withdrawalsReturned: money(s.withdrawalsReturned),
      closingBalance: money(s.closingBalance),
    };
  }

  // ---- withdrawals ----------------------------------------------------------------------------
  async function requestWithdrawal(userId: string, amount: number, idempotencyKey?: string) {
    const findByKey = (executor: Executor) => executor.selectFrom('affiliate_withdrawals').selectAll().where('promoter_id', '=', userId).where('idempotency_key', '=', idempotencyKey!).executeTakeFirst();
    if (idempotencyKey) {
      const prior = await findByKey(db);
      if (prior) return { withdrawal: prior, replayed: true };
    }
    try {
      const withdrawal = await db.transaction().execute(async (trx) => {
        const promoter = await trx.selectFrom('affiliate_promoters').select(['status']).where('user_id', '=', userId).executeTakeFirst();
        if (promoter?.status !== 'approved') throw forbidden('AFFILIATE_NOT_PROMOTER', 'Only an approved promoter can withdraw commission');
        const min = await p.settings.get('affiliate.withdrawMinAmount', trx);
        if (amount < min) throw unprocessable('AFFILIATE_WITHDRAW_BELOW_MINIMUM', `The smallest withdrawal is ${min} fen`, { minimum: min });
        const { fee, net } = withdrawalFee(amount, await p.settings.get('affiliate.withdrawFeeBp', trx));
        const now = clock.now();
        // The balance is the scarce thing: take it by conditional update, so racing requests cannot overdraw.
        const taken = await trx
          .updateTable('affiliate_promoters')
          .set((eb) => ({ balance_amount: eb('balance_amount', '-', amount), updated_at: now }))
          .where('user_id', '=', userId)
          .where('balance_amount', '>=', amount)
          .returning('balance_amount')
          .executeTakeFirst();
        if (!taken) {
          const current = await trx.selectFrom('affiliate_promoters').select('balance_amount').where('user_id', '=', userId).executeTakeFirstOrThrow();
          throw unprocessable('AFFILIATE_INSUFFICIENT_BALANCE', 'That is more than your available commission', { available: current.balance_amount, requested: amount });
        }
        const w = await trx
          .insertInto('affiliate_withdrawals')
          .values({ id: newId(), promoter_id: userId, amount, fee_amount: fee, net_amount: net, currency: DEFAULT_CURRENCY, status: 'pending', idempotency_key: idempotencyKey ?? null, operator_note: null, requested_at: now, decided_at: null, decided_by: null })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.insertInto('affiliate_ledger').values({ id: newId(), promoter_id: userId, kind: 'withdrawal', amount: -net, ref: w.id, at: now }).execute();
        if (fee > 0) await trx.insertInto('affiliate_ledger').values({ id: newId(), promoter_id: userId, kind: 'withdrawal_fee', amount: -fee, ref: w.id, at: now }).execute();
        await publishEvent(trx, now, 'affiliate.withdrawal_requested', w.id, { withdrawalId: w.id, promoterId: userId, amount, fee, net });
        return w;
      });
      return { withdrawal, replayed: false };
    } catch (err) {
      if (idempotencyKey && isUniqueViolation(err, 'affiliate_withdrawals_idem')) {
        const prior = await findByKey(db);
        if (prior) return { withdrawal: prior, replayed: true };
      }
      throw err;
    }
  }

  async function decideWithdrawal(actorId: string, id: string, decision: 'approve' | 'reject', note?: string) {
    return db.transaction().execute(async (trx) => {
      const w = await trx.selectFrom('affiliate_withdrawals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!w) throw notFound('AFFILIATE_WITHDRAWAL_NOT_FOUND', 'No such withdrawal', { id });
      if (w.status !== 'pending') throw conflict('AFFILIATE_WITHDRAWAL_DECIDED', 'This withdrawal was already decided', { status: w.status });
      const now = clock.now();
      const status: WithdrawalStatus = decision === 'approve' ? 'paid' : 'rejected';
      const updated = await trx.updateTable('affiliate_withdrawals').set({ status, decided_at: now, decided_by: actorId, operator_note: note ?? null }).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirstOrThrow();
      if (decision === 'reject') await book(trx, w.promoter_id, 'withdrawal_returned', w.amount, w.id);
      await audit(trx, actorId, `affiliate.withdrawal_${status}`, 'affiliate_withdrawal', id, { amount: w.amount, note: note ?? null });
      await publishEvent(trx, now, `affiliate.withdrawal_${status}`, id, { withdrawalId: id, promoterId: w.promoter_id, amount: w.amount, net: w.net_amount });
      return updated;
    });
  }

  async function listWithdrawals(filter: { promoterId?: string; status?: WithdrawalStatus; cursor?: string; limit: number }) {
    const after = decodeCursor<{ at: string; id: string }>(filter.cursor);
    let qb = db.selectFrom('affiliate_withdrawals').selectAll().orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
    if (filter.promoterId) qb = qb.where('promoter_id', '=', filter.promoterId);
    if (filter.status) qb = qb.where('status', '=', filter.status);
    if (after) qb = qb.where(sql<boolean>`(requested_at, id) < (${new Date(after.at)}, ${after.id})`);
    const rows = await qb.execute();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return { items: page.map(presentWithdrawal), nextCursor: rows.length > filter.limit && last ? encodeCursor({ at: last.requested_at.toISOString(), id: last.id }) : null };
  }

  /** Operator list of approved promoters with their totals. */
  async function listPromoters(filter: { cursor?: string; limit: number }) {
    const page = await listApplications({ status: 'approved', cursor: filter.cursor, limit: filter.limit });
    const ids = page.items.map((r) => r.user_id);
    const [c, w, r, names] = await Promise.all([commissionTotals(db, ids), withdrawalTotals(db, ids), refereeCounts(db, ids), identity.displayNames(db, ids)]);
    return {
      items: page.items.map((row) => {
        const ct = c.get(row.user_id) ?? { frozen: 0, settled: 0, reversed: 0 };
        const wt = w.get(row.user_id) ?? { paid: 0, pending: 0, fees: 0 };
        return {
          ...presentPromoter(row),
          name: names.get(row.user_id) ?? '',
          referees: r.get(row.user_id) ?? { level1: 0, level2: 0 },
          totals: { frozen: money(ct.frozen), settled: money(ct.settled), reversed: money(ct.reversed), withdrawn: money(wt.paid), pendingWithdrawals: money(wt.pending), available: money(row.balance_amount) },
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  return {
    apply,
    decideApplication,
    appointPromoter,
    listApplications,
    listPromoters,
    bind,
    bindCustomer,
    uplineChain,
    onCustomerAttributed,
    onOrderAttributed,
    commissionOrder,
    onOrderPaid,
    onOrderCompleted,
    onOrderRefunded,
    onAftersalesRequested,
    onAftersalesRejected,
    settleOrder,
    getRates,
    setRates,
    setProductRate,
    deleteProductRate,
    listProductRates,
    me,
    myCommissions,
    myReferees,
    statement,
    requestWithdrawal,
    decideWithdrawal,
    listWithdrawals,
  };
}

export type AffiliateService = ReturnType<typeof createAffiliateService>;
