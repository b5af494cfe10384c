// Coupons at checkout and through the order's life: the pricing step that checks and applies the
// shopper's chosen coupons, the commit that locks them to the order and spends the campaign budget,
// and the order.cancelled / order.paid consumers that release them or mark them used.
import { conflict, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { isUuid } from '../../platform/ids.ts';
import { PRICING_STAGES, type PricingContributor, type PricingStep } from '../checkout/index.ts';
import { couponNotFound } from './coupons.errors.ts';
import type { CouponExpiry } from './coupons.expiry.ts';
import * as repo from './coupons.repo.ts';
import { applyCoupons, categoryPath, couponUses, skusInScope, stackingProblem, useRefusal, type CouponToApply } from './coupons.rules.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import { couponsTables, type CouponsDb, type CouponsPlatform } from './coupons.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

/** What coupons needs from the catalog: the category tree, read with the caller's executor. */
export interface CategorySource {
  listCategories(executor?: CouponsDb): Promise<{ id: string; parentId: string | null }[]>;
}

export function createCouponPricing(p: CouponsPlatform, deps: { catalog: CategorySource; campaigns: CampaignsService }, expiry: Pick<CouponExpiry, 'scheduleSweep'>) {
  const { clock } = p;

  /** The shopper's chosen coupons, each checked as usable now; someone else's is "not found". */
  function usableCoupons(rows: repo.CouponWithTemplate[], ids: string[], userId: string | null, now: Date) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      // Someone else's coupon is indistinguishable from one that does not exist.
      if (!row || row.user_id !== userId) throw couponNotFound(id);
      const refusal = useRefusal({ status: row.status, validFrom: row.valid_from, validUntil: row.valid_until }, row.template_status, now);
      if (refusal?.code === 'COUPONS_EXPIRED') throw unprocessable('COUPONS_EXPIRED', refusal.reason === 'expired' ? `${row.name} has expired` : `${row.name} is not valid yet`, { couponId: id, reason: refusal.reason });
      if (refusal) throw unprocessable('COUPONS_NOT_USABLE', `${row.name} cannot be used (${refusal.reason.replaceAll('_', ' ')})`, { couponId: id, reason: refusal.reason });
      return row;
    });
  }

  const pricing: PricingContributor = {
    code: 'coupons',
    stage: PRICING_STAGES.coupons,
    async prepare(handle, request): Promise<PricingStep[]> {
      const executor = couponsTables.of(handle);
      const ids = request.options.couponIds ?? [];
      if (ids.length === 0) return [];
      const rows = request.userId && ids.every(isUuid) ? await repo.findCouponsWithTemplates(executor, ids) : [];
      const chosen = usableCoupons(rows, ids, request.userId, request.now);
      const limits = { maxStoreCoupons: await p.settings.get('coupons.maxStoreCoupons', executor), maxProductCoupons: await p.settings.get('coupons.maxProductCoupons', executor) };
      const stacking = stackingProblem(chosen, limits);
      if (stacking) {
        const what = { store: 'store-wide', scoped: 'product or category', shipping: 'free-shipping' }[stacking.class];
        throw unprocessable('COUPONS_STACKING_NOT_ALLOWED', `At most ${stacking.max} ${what} coupon${stacking.max === 1 ? '' : 's'} per order`, { ...stacking });
      }
      const parentOf = new Map<string, string | null>();
      if (chosen.some((c) => c.scope === 'categories')) for (const c of await deps.catalog.listCategories(executor)) parentOf.set(c.id, c.parentId);
      const lines = request.items.flatMap((i) => {
        const sku = request.skus.get(i.skuId);
        return sku ? [{ skuId: sku.skuId, productId: sku.productId, categoryPath: categoryPath(sku.categoryId, parentOf), currency: sku.currency }] : [];
      });
      const toApply: CouponToApply[] = chosen.map((c) => {
        const skus = lines.some((l) => l.currency !== c.currency) ? new Set<string>() : skusInScope({ scope: c.scope, scopeIds: c.scope_ids }, lines);
        if (skus.size === 0) throw unprocessable('COUPONS_NOT_USABLE', `Nothing in this order is covered by ${c.name}`, { couponId: c.id, reason: 'nothing_in_scope' });
        return {
          couponId: c.id,
          name: c.name,
          skus,
          terms: { kind: c.kind, amount: c.amount, percentBp: c.percent_bp, maxDiscountAmount: c.max_discount_amount, minSpendAmount: c.min_spend_amount, scope: c.scope, scopeIds: c.scope_ids },
        };
      });
      const names = new Map(chosen.map((c) => [c.id, c.name]));
      return [
        {
          code: 'coupons',
          apply(draft) {
            const r = applyCoupons(draft, toApply);
            if (r.ok) return r.draft;
            const name = names.get(r.couponId);
            const message = {
              min_spend_not_reached: `Spend ¥${(((r.details.minSpend as number) ?? 0) / 100).toFixed(2)} on covered items to use ${name}`,
              nothing_in_scope: `Nothing in this order is covered by ${name}`,
              nothing_to_discount: `${name} has nothing left to take off`,
            }[r.reason];
            throw unprocessable('COUPONS_NOT_USABLE', message, { couponId: r.couponId, reason: r.reason, ...r.details });
          },
        },
      ];
    },

    /** Inside order placement: lock each used coupon to the order and spend its campaign budget. */
    async commit(handle, placed) {
      const trx = couponsTables.of(handle);
      const now = clock.now();
      for (const use of couponUses(placed.quote.adjustments)) {
        const locked = await repo.lockCouponToOrder(trx, { couponId: use.couponId, userId: placed.userId, orderId: placed.orderId, discountAmount: use.discountAmount, now });
        if (!locked) throw unprocessable('COUPONS_NOT_USABLE', 'This coupon was just used on another order', { couponId: use.couponId, reason: 'locked' });
        // The discount is the coupon campaign's cost, booked on the kernel's budget; an order cancelled
        // unpaid gets it back through the kernel's own order.cancelled consumer.
        const paid = await deps.campaigns.trySpend(trx, { campaignId: locked.template_id, kind: 'coupon', amount: use.discountAmount, ref: `order:${placed.orderId}:coupon:${use.couponId}`, orderId: placed.orderId, userId: placed.userId });
        if (!paid) throw conflict('COUPONS_BUDGET_EXHAUSTED', 'This coupon campaign has run out of budget', { couponId: use.couponId, templateId: locked.template_id });
        await publishEvent(trx, now, 'coupon.locked', use.couponId, { couponId: use.couponId, templateId: locked.template_id, userId: placed.userId, orderId: placed.orderId, discountAmount: use.discountAmount });
      }
    },
  };

  /** order.cancelled: coupons held by the unpaid order go back to the shopper (the kernel frees their budget). */
  async function releaseForOrder(handle: AnyExecutor, orderId: string) {
    const trx = couponsTables.of(handle);
    const held = await repo.findLockedForOrder(trx, orderId);
    if (held.length === 0) return;
    const now = clock.now();
    const released = await repo.releaseOrderCoupons(trx, orderId, now);
    // Back in the wallet after its end (the order outlived the coupon): a sweep after today marks it.
    const lapsed = released.filter((c) => c.valid_until <= now);
    if (lapsed.length) await expiry.scheduleSweep(trx, lapsed[0].valid_until, now);
    for (const c of held) {
      await publishEvent(trx, now, 'coupon.released', c.id, { couponId: c.id, templateId: c.template_id, orderId, discountAmount: c.discount_amount });
    }
  }

  /** order.paid: the coupons the order held are used for good. */
  async function markUsedForOrder(handle: AnyExecutor, orderId: string) {
    const trx = couponsTables.of(handle);
    const now = clock.now();
    const used = await repo.markOrderCouponsUsed(trx, orderId, now);
    for (const c of used) await publishEvent(trx, now, 'coupon.used', c.id, { couponId: c.id, templateId: c.template_id, userId: c.user_id, orderId, discountAmount: c.discount_amount });
  }

  return { pricing, releaseForOrder, markUsedForOrder };
}
