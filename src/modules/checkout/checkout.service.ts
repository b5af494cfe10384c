// Cart and quotes: what the shopper would pay, through the pricing pipeline.
import { invalid, notFound, unprocessable } from '../../platform/errors.ts';
import * as repo from './checkout.repo.ts';
import { draftFromSkus, mergeItems, priceOrder, shippingFeeFor, shippingStep, type PricingSkuInfo, type PricingStep, type Quote } from './pricing.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { checkoutTables, type CheckoutPlatform } from './checkout.table.ts';

export interface PurchasableSku extends PricingSkuInfo {
  purchasable: boolean;
}

/** What checkout needs from the catalog. */
export interface SkuSource {
  getSkusForPricing(executor: AnyExecutor, skuIds: string[]): Promise<Map<string, PurchasableSku>>;
}

export interface ItemInput {
  skuId: string;
  quantity: number;
}

/** What the shopper asked for beyond the items: coupons to apply, points to spend. */
export interface PricingOptions {
  couponIds?: string[];
  usePoints?: number;
}

export interface PricingRequest {
  userId: string | null;
  items: ItemInput[];
  options: PricingOptions;
  skus: Map<string, PurchasableSku>;
  now: Date;
}

/**
 * A module that takes part in pricing (coupons, points, tiers, campaigns). `prepare` loads what it
 * needs and returns pure steps; `stage` places them in the pipeline (PRICING_STAGES); `commit`
 * runs inside the order-placement transaction to lock what the quote used (a coupon, points).
 * It throws a DomainError when the shopper asked for something they cannot have. The handle is a
 * AnyExecutor while coupons, a contributor, still sees the whole database.
 */
export interface PricingContributor {
  code: string;
  stage: number;
  prepare(executor: AnyExecutor, request: PricingRequest): Promise<PricingStep[]>;
  commit?(trx: AnyExecutor, placed: { orderId: string; userId: string; quote: Quote; options: PricingOptions }): Promise<void>;
}

const MAX_ORDER_LINES = 50;
const MAX_LINE_QUANTITY = 999;

export function createCheckoutService(p: CheckoutPlatform, deps: { catalog: SkuSource }) {
  const { db, clock, settings } = p;
  const contributors: PricingContributor[] = [];

  /** Composition root only: modules that price join the pipeline here. */
  function addContributor(c: PricingContributor) {
    if (contributors.some((x) => x.code === c.code)) throw new Error(`pricing contributor ${c.code} added twice`);
    contributors.push(c);
    contributors.sort((a, b) => a.stage - b.stage);
  }

  /** The pipeline for a request: every contributor's steps in stage order, then shipping. */
  async function stepsFor(executor: AnyExecutor, request: PricingRequest): Promise<PricingStep[]> {
    const steps: PricingStep[] = [];
    for (const c of contributors) steps.push(...(await c.prepare(executor, request)));
    return [...steps, shippingStep];
  }

  async function commitContributors(trx: AnyExecutor, placed: { orderId: string; userId: string; quote: Quote; options: PricingOptions }) {
    for (const c of contributors) await c.commit?.(trx, placed);
  }

  async function loadSkus(executor: AnyExecutor, items: ItemInput[]) {
    const ids = [...new Set(items.map((i) => i.skuId))];
    const skus = await deps.catalog.getSkusForPricing(executor, ids);
    for (const id of ids) {
      const sku = skus.get(id);
      if (!sku) throw notFound('CHECKOUT_SKU_NOT_FOUND', 'One of the items no longer exists', { skuId: id });
      if (!sku.purchasable) throw unprocessable('CHECKOUT_SKU_UNAVAILABLE', `${sku.productTitle} is not on sale right now`, { skuId: id });
    }
    return skus;
  }

  /** Price a set of items for a shopper. Throws coded errors for unknown or unavailable SKUs. */
  /** `campaignSteps` (trusted, from a campaign engine) run first: campaign price precedes everything. */
  async function quote(executor: AnyExecutor, userId: string | null, rawItems: ItemInput[], options: PricingOptions = {}, campaignSteps: PricingStep[] = []): Promise<Quote> {
    if (rawItems.length === 0) throw invalid('CHECKOUT_EMPTY', 'There is nothing to check out');
    const items = mergeItems(rawItems);
    if (items.length > MAX_ORDER_LINES) throw invalid('CHECKOUT_TOO_MANY_LINES', `At most ${MAX_ORDER_LINES} different items per order`, { max: MAX_ORDER_LINES });
    for (const i of items) {
      if (!Number.isSafeInteger(i.quantity) || i.quantity < 1 || i.quantity > MAX_LINE_QUANTITY) {
        throw invalid('CHECKOUT_QUANTITY_INVALID', `Quantity must be between 1 and ${MAX_LINE_QUANTITY}`, { skuId: i.skuId, quantity: i.quantity });
      }
    }
    const skus = await loadSkus(executor, items);
    const flatFeeAmount = await settings.get('shipping.flatFeeAmount', executor);
    const freeThresholdAmount = await settings.get('shipping.freeThresholdAmount', executor);
    const now = clock.now();
    const steps = [...campaignSteps, ...(await stepsFor(executor, { userId, items, options, skus, now }))];
    return priceOrder(draftFromSkus(items, skus), steps, { now, userId, shipping: { flatFeeAmount, freeThresholdAmount } });
  }

  async function cartItems(executor: AnyExecutor, userId: string): Promise<ItemInput[]> {
    const rows = await repo.findCartItems(checkoutTables.of(executor), userId);
    return rows.map((r) => ({ skuId: r.sku_id, quantity: r.quantity }));
  }

  /** The cart with a quote; SKUs that went off sale are listed apart rather than failing the cart. */
  async function getCart(userId: string) {
    const items = await cartItems(db, userId);
    if (items.length === 0) return { items, unavailable: [] as ItemInput[], quote: null };
    const skus = await deps.catalog.getSkusForPricing(db, items.map((i) => i.skuId));
    const available = items.filter((i) => skus.get(i.skuId)?.purchasable);
    const unavailable = items.filter((i) => !skus.get(i.skuId)?.purchasable);
    return { items: available, unavailable, quote: available.length ? await quote(db, userId, available) : null };
  }

  async function setCartItem(userId: string, skuId: string, quantity: number) {
    await loadSkus(db, [{ skuId, quantity }]);
    if ((await repo.countOtherCartItems(db, userId, skuId)) >= MAX_ORDER_LINES) throw unprocessable('CHECKOUT_CART_FULL', `A cart holds at most ${MAX_ORDER_LINES} different items`);
    await repo.upsertCartItem(db, { user_id: userId, sku_id: skuId, quantity, added_at: clock.now() });
    return getCart(userId);
  }

  async function removeCartItem(userId: string, skuId: string) {
    await repo.deleteCartItems(db, userId, [skuId]);
    return getCart(userId);
  }

  async function clearCart(userId: string) {
    await repo.deleteCart(db, userId);
  }

  /** Inside order placement: the bought items leave the cart in the same transaction. */
  async function removeFromCart(trx: AnyExecutor, userId: string, skuIds: string[]) {
    if (skuIds.length === 0) return;
    await repo.deleteCartItems(checkoutTables.of(trx), userId, skuIds);
  }

  async function previewQuote(userId: string, input: { items?: ItemInput[]; fromCart?: boolean } & PricingOptions) {
    const { items: given, fromCart, ...options } = input;
    const items = fromCart ? await cartItems(db, userId) : given ?? [];
    return quote(db, userId, items, options);
  }

  /**
   * What shipping costs on goods of this amount for a shopper with no benefit of their own: what a
   * campaign page adds to its price to advertise the 到手价 checkout will charge (settings are cached).
   */
  async function shippingFor(goodsAmount: number, shipsFree = false): Promise<number> {
    const shipping = { flatFeeAmount: await settings.get('shipping.flatFeeAmount'), freeThresholdAmount: await settings.get('shipping.freeThresholdAmount') };
    return shippingFeeFor(goodsAmount, shipping, shipsFree).amount;
  }

  return { shippingFor, quote, previewQuote, getCart, cartItems, setCartItem, removeCartItem, clearCart, removeFromCart, addContributor, commitContributors };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
