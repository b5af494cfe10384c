// Customer → promoter bindings from share links and attributed orders: no self-binding, no cycles,
// the first binding wins unless the store lets a newer link re-bind.
import { unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import type { AffiliateCore } from './affiliate.core.ts';
import * as repo from './affiliate.repo.ts';
import { bindingExpiry, bindingRefusal, bindingReplaceable } from './affiliate.rules.ts';
import { affiliateTables, type AffiliateDb, type AffiliatePlatform } from './affiliate.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

const UPLINE_WALK_LIMIT = 32;

type BindResult = { ok: true; promoterId: string } | { ok: false; reason: 'NOT_PROMOTER' | 'SELF' | 'DOWNLINE' | 'ALREADY_BOUND' };

export function bindingUseCases(p: AffiliatePlatform, core: AffiliateCore, commissionOrder: (trx: AffiliateDb, orderId: string) => Promise<unknown>) {
  const { db, clock } = p;

  /** Bind a customer to a promoter (caller's transaction). First binding wins unless overriding is on. */
  async function bind(trx: AffiliateDb, x: { customerId: string; promoterId: string; source: 'share' | 'order' | 'operator'; shareId?: string | null; onlyIfUnbound?: boolean }): Promise<BindResult> {
    const now = clock.now();
    if (x.customerId === x.promoterId) return { ok: false, reason: 'SELF' };
    // Only a promoter can have a downline, so only their binding could close a cycle: those bindings
    // serialise on one transaction-scoped lock, and each then sees the others' committed bindings.
    if (await core.isApproved(trx, x.customerId)) await repo.lockBindingGraph(trx);
    // Lock the promoter row: bindings that pass through the same promoter serialise on it.
    const promoter = await repo.lockPromoterStatus(trx, x.promoterId);
    if (promoter?.status !== 'approved') return { ok: false, reason: 'NOT_PROMOTER' };
    const refusal = bindingRefusal({ customerId: x.customerId, promoterId: x.promoterId, promoterUplines: await core.uplineChain(trx, x.promoterId, UPLINE_WALK_LIMIT) });
    if (refusal) return { ok: false, reason: refusal };
    const existing = await repo.lockBinding(trx, x.customerId);
    const override = await p.settings.get('affiliate.bindingOverride', trx);
    const existingActive = existing && (!existing.expires_at || existing.expires_at > now) ? existing : null;
    if (existingActive && x.onlyIfUnbound) return { ok: false, reason: 'ALREADY_BOUND' };
    if (existing && !bindingReplaceable({ existing: { promoterId: existing.promoter_id, expiresAt: existing.expires_at }, newPromoterId: x.promoterId, override, now })) return { ok: false, reason: 'ALREADY_BOUND' };
    const expiresAt = bindingExpiry(now, await p.settings.get('affiliate.bindingDays', trx));
    const values = { promoter_id: x.promoterId, source: x.source, share_id: x.shareId ?? null, bound_at: now, expires_at: expiresAt };
    if (existing) {
      await repo.updateBinding(trx, x.customerId, existing.promoter_id, values);
    } else {
      const inserted = await repo.insertBindingIfAbsent(trx, { customer_id: x.customerId, ...values });
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
      throw unprocessable(`AFFILIATE_BINDING_${result.reason}`, messages[result.reason]);
    }
    return result;
  }

  async function onCustomerAttributed(handle: AnyExecutor, payload: { userId: string; sharerId: string; shareId?: string | null }) {
    const trx = affiliateTables.of(handle);
    if (!payload.sharerId || !payload.userId) return;
    await bind(trx, { customerId: payload.userId, promoterId: payload.sharerId, source: 'share', shareId: payload.shareId ?? null });
  }

  /** An existing customer's order came through a promoter's link: bind if not yet bound, then earn on it if it is already paid. */
  async function onOrderAttributed(handle: AnyExecutor, payload: { orderId: string; userId: string; sharerId: string; shareId?: string | null }) {
    const trx = affiliateTables.of(handle);
    if (!payload.sharerId || !payload.userId) return;
    const result = await bind(trx, { customerId: payload.userId, promoterId: payload.sharerId, source: 'order', shareId: payload.shareId ?? null, onlyIfUnbound: true });
    if (result.ok) await commissionOrder(trx, payload.orderId);
  }

  return { bind, bindCustomer, uplineChain: core.uplineChain, onCustomerAttributed, onOrderAttributed };
}
