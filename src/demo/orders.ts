// 90 days of order history for the demo store: a daily rhythm (weekends and evenings busier), a
// gentle growth trend, popular products selling more, and realistic outcomes (most completed,
// some cancelled unpaid, a few refunded). Priced by the real pricing pipeline, so totals, shipping
// and adjustment lines look exactly like live orders.
import type { Platform } from '../platform/context.ts';
import { newId, orderNumber } from '../platform/ids.ts';
import type { Services } from '../services.ts';
import { defaultPricingSteps, draftFromSkus, priceOrder } from '../modules/checkout/index.ts';
import type { HistoricalOrder, OrderAddress } from '../modules/orders/index.ts';
import { seededRandom } from '../platform/random.ts';

const DAY = 86_400_000;
const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '京东物流', 'EMS'];


export async function seedDemoOrders(
  platform: Platform,
  services: Services,
  opts: { scale: number; shopperIds: string[]; skuIds: string[]; days?: number; perDay?: number; onProgress?: (done: number, total: number) => void },
): Promise<{ orders: number }> {
  const random = seededRandom(20260601);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const days = opts.days ?? 90;
  const perDay = opts.perDay ?? 40 * opts.scale;
  const now = platform.clock.now();

  const skus = await services.catalog.getSkusForPricing(platform.db, opts.skuIds);
  const sellable = opts.skuIds.filter((id) => skus.get(id)?.purchasable);
  if (sellable.length === 0 || opts.shopperIds.length === 0) return { orders: 0 };
  // Popularity follows a power law: the first products in a shuffled list sell far more.
  const ranked = [...sellable].sort(() => random() - 0.5);
  const popular = () => ranked[Math.min(ranked.length - 1, Math.floor(ranked.length * random() ** 2.2))];
  // A minority of shoppers buy most often.
  const buyers = [...opts.shopperIds].sort(() => random() - 0.5);
  const buyer = () => buyers[Math.min(buyers.length - 1, Math.floor(buyers.length * random() ** 1.6))];

  const addresses = await services.identity.findDefaultAddresses(opts.shopperIds);
  const shipping = { flatFeeAmount: await platform.settings.get('shipping.flatFeeAmount'), freeThresholdAmount: await platform.settings.get('shipping.freeThresholdAmount') };

  const history: HistoricalOrder[] = [];
  for (let d = days; d >= 1; d--) {
    const dayStart = new Date(Math.floor((now.getTime() - d * DAY) / DAY) * DAY);
    const weekday = dayStart.getUTCDay();
    const trend = 0.7 + 0.6 * ((days - d) / days);
    const weekend = weekday === 0 || weekday === 6 ? 1.35 : 1;
    const count = Math.round(perDay * trend * weekend * (0.85 + random() * 0.3));
    for (let i = 0; i < count; i++) {
      const userId = buyer();
      const address = addresses.get(userId);
      if (!address) continue;
      // Evenings are busiest (China time is UTC+8: 12:00–15:00 UTC is 20:00–23:00 local).
      const hour = random() < 0.45 ? 11 + random() * 4 : random() * 24;
      const placedAt = new Date(dayStart.getTime() + hour * 3_600_000 + random() * 3_600_000);
      if (placedAt >= now) continue;
      const lineCount = random() < 0.7 ? 1 : random() < 0.8 ? 2 : 3;
      const items = new Map<string, number>();
      for (let l = 0; l < lineCount; l++) items.set(popular(), random() < 0.8 ? 1 : 2);
      const quote = priceOrder(draftFromSkus([...items].map(([skuId, quantity]) => ({ skuId, quantity })), skus), defaultPricingSteps(), { now: placedAt, userId, shipping });
      const age = (now.getTime() - placedAt.getTime()) / DAY;
      const roll = random();
      const snapshot: OrderAddress = { recipient: address.recipient, phone: address.phone, province: address.province, city: address.city, district: address.district, line1: address.line1, postalCode: address.postal_code };
      const base = { id: newId(), orderNo: orderNumber(placedAt), userId, quote, address: snapshot, placedAt, paidAt: null, shippedAt: null, completedAt: null, cancelledAt: null, refundedAt: null, tracking: null } as HistoricalOrder;
      if (roll < 0.08) {
        history.push({ ...base, status: 'cancelled', cancelledAt: new Date(placedAt.getTime() + 15 * 60_000) });
        continue;
      }
      const paidAt = new Date(placedAt.getTime() + (1 + random() * 8) * 60_000);
      const shippedAt = new Date(paidAt.getTime() + (0.3 + random() * 1.5) * DAY);
      const completedAt = new Date(shippedAt.getTime() + (2 + random() * 4) * DAY);
      const tracking = { carrier: pick(CARRIERS), trackingNo: `${Math.floor(1e11 + random() * 9e11)}` };
      if (roll < 0.11 && age > 3) {
        history.push({ ...base, status: 'refunded', paidAt, refundedAt: new Date(paidAt.getTime() + (0.2 + random() * 2) * DAY) });
      } else if (completedAt < now) {
        history.push({ ...base, status: 'completed', paidAt, shippedAt, completedAt, tracking });
      } else if (shippedAt < now) {
        history.push({ ...base, status: 'shipped', paidAt, shippedAt, tracking });
      } else {
        history.push({ ...base, status: 'to_ship', paidAt });
      }
    }
  }

  const total = history.length;
  for (let i = 0; i < total; i += 1000) {
    const batch = history.slice(i, i + 1000);
    await services.orders.importHistoricalOrders(batch);
    await services.payments.importHistoricalPayments(
      batch.filter((h) => h.paidAt).map((h) => ({ orderId: h.id, userId: h.userId, amount: h.quote.totalAmount, currency: h.quote.currency, succeededAt: h.paidAt!, refundedAt: h.refundedAt })),
    );
    opts.onProgress?.(Math.min(total, i + batch.length), total);
  }
  return { orders: total };
}
