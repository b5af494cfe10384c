// Placing an order spans checkout (pricing), identity (address), inventory (reservation) and
// orders; it is one transaction, and an Idempotency-Key makes a retried request return the
// first order instead of placing a second.
import type { ModulePlatform } from '../platform/context.ts';
import { isUniqueViolation, unprocessable } from '../platform/errors.ts';
import { sha256 } from '../platform/ids.ts';
import { defineModule } from '../platform/module.ts';
import { noTables } from '../platform/tables.ts';
import { campaignFreeShipping, setCampaignUnitPrice, type CheckoutService, type PricingOptions } from '../modules/checkout/index.ts';
import { budgetRefusal, type CampaignsService } from '../modules/campaigns/index.ts';
import type { IdentityService } from '../modules/identity/index.ts';
import type { CampaignPlacement, OrdersService, PlaceOrder, PlaceOrderInput } from '../modules/orders/index.ts';

interface PlaceOrderDeps {
  checkout: CheckoutService;
  orders: OrdersService;
  identity: IdentityService;
  campaigns: CampaignsService;
}

/** What a campaign price gives away: list price minus campaign price, over the order's lines. */
const campaignDiscount = (lines: readonly { listUnitAmount: number; unitAmount: number; quantity: number }[]) =>
  lines.reduce((total, l) => total + Math.max(0, l.listUnitAmount - l.unitAmount) * l.quantity, 0);

export function createPlaceOrder(p: ModulePlatform<{}>, deps: PlaceOrderDeps): PlaceOrder {
  const { checkout, orders, identity, campaigns } = deps;

  return async function placeOrder(userId: string, input: PlaceOrderInput, idempotencyKey: string | null, campaign?: CampaignPlacement) {
    const requestHash = sha256(JSON.stringify(input));
    if (idempotencyKey) {
      const existing = await orders.findByIdempotencyKey(p.db, userId, idempotencyKey);
      if (existing) return replay(existing.id, existing.request_hash, requestHash);
    }
    // The address is read on another connection while the transaction starts and prices the
    // order: one round trip fewer on every order's path (each is an event-loop turn under load).
    const addressRead = identity.getAddress(userId, input.addressId);
    addressRead.catch(() => {}); // awaited below; a rejection before then is not unhandled
    // 包邮 on the campaign: the order ships free, as its pages advertised (a cached read).
    const shipsFree = campaign?.campaignId ? await campaigns.shipsFree(campaign.campaignId) : false;
    try {
      const placed = await p.db.transaction().execute(async (trx) => {
        const items = input.fromCart ? await checkout.cartItems(trx, userId) : input.items ?? [];
        const options: PricingOptions = { couponIds: input.couponIds, usePoints: input.usePoints };
        const campaignSteps = campaign
          ? items.map((i) => ({ code: 'campaign', apply: (d: Parameters<typeof setCampaignUnitPrice>[0]) => setCampaignUnitPrice(d, i.skuId, campaign.unitAmount, { step: 'campaign', code: campaign.code, label: campaign.label, ref: campaign.ref }) }))
          : [];
        if (shipsFree) campaignSteps.push({ code: 'campaign', apply: (d) => campaignFreeShipping(d, campaign!.campaignId!) });
        const quote = await checkout.quote(trx, userId, items, options, campaignSteps);
        const address = await addressRead;
        const order = await orders.createOrder(trx, {
          kind: campaign?.kind,
          fulfilmentHold: campaign?.fulfilmentHold ?? null,
          reserveInventory: campaign?.reserveInventory,
          payWithinMinutes: campaign?.payWithinMinutes,
          userId,
          quote,
          address: { recipient: address.recipient, phone: address.phone, province: address.province, city: address.city, district: address.district, line1: address.line1, postalCode: address.postal_code },
          note: input.note?.trim() || null,
          idempotencyKey,
          requestHash,
        });
        const id = order.id;
        await checkout.commitContributors(trx, { orderId: id, userId, quote, options });
        await campaign?.commit(trx, id);
        // The campaign's budget pays for its price, taken as the transaction commits: over budget,
        // the commit fails and the order is refused (409, below).
        if (campaign?.campaignId) {
          await campaigns.spend(trx, { campaignId: campaign.campaignId, kind: 'discount', amount: campaignDiscount(quote.lines), ref: `order:${id}`, orderId: id, userId });
        }
        if (input.fromCart) await checkout.removeFromCart(trx, userId, quote.lines.map((l) => l.skuId));
        // What follows createOrder (coupons, points, the campaign's seat or unit) never changes the order row.
        return order;
      });
      return { created: true, order: placed };
    } catch (err) {
      const overBudget = budgetRefusal(err);
      if (overBudget) throw overBudget;
      // Two requests with one key raced: the loser returns the winner's order.
      if (idempotencyKey && isUniqueViolation(err, 'orders_idempotency')) {
        const existing = await orders.findByIdempotencyKey(p.db, userId, idempotencyKey);
        if (existing) return replay(existing.id, existing.request_hash, requestHash);
      }
      throw err;
    }

    async function replay(orderId: string, storedHash: string | null, hash: string) {
      if (storedHash && storedHash !== hash) {
        throw unprocessable('ORDER_IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different order', { idempotencyKey });
      }
      return { created: false, order: await orders.getOwnOrder(userId, orderId) };
    }
  };
}

export const placeOrderWorkflow = defineModule({
  name: 'placeOrder',
  tables: noTables,
  needs: ['checkout', 'orders', 'identity', 'campaigns'],
  create: (platform, deps: PlaceOrderDeps) => createPlaceOrder(platform, deps),
});
