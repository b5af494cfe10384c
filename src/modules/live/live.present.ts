// What the room and the console read: a session, its live coupons and the pinned product's card
// with its live price (a running flash-sale item's price, else the price with the released coupon).
import type { AnyExecutor } from '../../platform/tables.ts';
import { unprocessable } from '../../platform/errors.ts';
import type { CouponsService } from '../coupons/index.ts';
import { livePrice, type LivePrice } from './live.rules.ts';
import type { SessionRow } from './live.repo.ts';
import type { LiveCouponsTable } from './live.table.ts';
import type { Selectable } from 'kysely';

export interface Money {
  amount: number;
  currency: string;
}

export interface CouponView {
  templateId: string;
  name: string;
  kind: string;
  amount: Money | null;
  percentBp: number | null;
  maxDiscount: Money | null;
  minSpend: Money;
  remainingQuota: number | null;
  released: boolean;
  claimed: boolean;
}

export interface ProductCard {
  productId: string;
  title: string;
  image: string | null;
  skuId: string | null;
  listPrice: Money;
  livePrice: Money;
  priceKind: LivePrice['kind'];
  flash: { slotId: string; itemId: string } | null;
}

export interface ChatScreening {
  verdict: 'approved' | 'held' | 'refused';
  text: string;
  reasons: unknown;
}

/** What live needs from other modules, wired in index.ts. */
export interface LiveDeps {
  /** The product's card; throws a DomainError when the product is not for sale. */
  productCard(productId: string, coupon?: CouponView | null): Promise<ProductCard>;
  coupons: Pick<CouponsService, 'createTemplate' | 'setTemplateStatus' | 'getTemplate' | 'grantCoupon'>;
  screen(input: { kind: 'chat'; subjectId: string; authorId: string; text: string }): Promise<ChatScreening>;
  /** Names on the pool, or inside a caller's transaction (`executor`: an event consumer's). */
  displayNames(userIds: string[], executor?: AnyExecutor): Promise<Map<string, string>>;
}

export async function presentCoupon(row: Selectable<LiveCouponsTable>, deps: Pick<LiveDeps, 'coupons'>, claimed: boolean): Promise<CouponView> {
  const t = await deps.coupons.getTemplate(row.template_id);
  return {
    templateId: t.id,
    name: t.name,
    kind: t.kind,
    amount: t.amount,
    percentBp: t.percentBp,
    maxDiscount: t.maxDiscount,
    minSpend: t.minSpend,
    remainingQuota: t.remainingQuota,
    released: !!row.released_at && !row.withdrawn_at,
    claimed,
  };
}

export function presentSession(
  row: SessionRow,
  x: { productIds: string[]; coupons: CouponView[]; pinned: ProductCard | null; viewers: number | null; announcements: { id: string; text: string; created_at: Date }[] },
) {
  return {
    id: row.id,
    title: row.title,
    coverUrl: row.cover_url,
    status: row.status,
    scheduledAt: row.scheduled_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    productIds: x.productIds,
    pinnedProductId: row.pinned_product_id,
    pinned: x.pinned,
    coupons: x.coupons,
    viewers: x.viewers,
    likes: Number(row.likes),
    peakViewers: row.peak_viewers,
    announcements: x.announcements.map((a) => ({ id: a.id, text: a.text, at: a.created_at.toISOString() })),
  };
}

interface ShopperProduct {
  id: string;
  title: string;
  images: string[];
  skus: { id: string; price: Money }[];
}
interface FlashSlot {
  id: string;
  items: { id: string; productId: string | null; flashPrice: Money; soldOut: boolean }[];
}

/** The card of a product with its live price, from the catalog and the running flash-sale slots. */
export function productCards(catalog: { getShopperProduct(id: string): Promise<ShopperProduct> }, flashSlots: () => Promise<FlashSlot[]>) {
  return async (productId: string, coupon?: CouponView | null): Promise<ProductCard> => {
    const product = await catalog.getShopperProduct(productId);
    const cheapest = product.skus.reduce<ShopperProduct['skus'][number] | null>((best, s) => (!best || s.price.amount < best.price.amount ? s : best), null);
    if (!cheapest) throw unprocessable('LIVE_PRODUCT_NOT_FOUND', 'The product has nothing for sale', { productId });
    let flash: { slotId: string; itemId: string; amount: number } | null = null;
    for (const slot of await flashSlots()) {
      const item = slot.items.find((i) => i.productId === productId && !i.soldOut);
      if (item && (!flash || item.flashPrice.amount < flash.amount)) flash = { slotId: slot.id, itemId: item.id, amount: item.flashPrice.amount };
    }
    const terms = coupon?.released
      ? { kind: coupon.kind, amount: coupon.amount?.amount ?? null, percentBp: coupon.percentBp, maxDiscountAmount: coupon.maxDiscount?.amount ?? null, minSpendAmount: coupon.minSpend.amount }
      : null;
    const price = livePrice(cheapest.price.amount, flash?.amount ?? null, terms);
    const currency = cheapest.price.currency;
    return {
      productId: product.id,
      title: product.title,
      image: product.images[0] ?? null,
      skuId: cheapest.id,
      listPrice: { amount: price.listAmount, currency },
      livePrice: { amount: price.amount, currency },
      priceKind: price.kind,
      flash: price.kind === 'flash' && flash ? { slotId: flash.slotId, itemId: flash.itemId } : null,
    };
  };
}
