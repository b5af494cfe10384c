// Demo flash sales (秒杀): a live slot (now → +2 h) of six catalogue SKUs at about half price with
// some units already taken (a few paid, a few waiting for payment), and two upcoming slots — 20:00
// China time (today, or tomorrow if that has passed) and tomorrow 10:00 — all through the engine.
import { addMs, chinaDate, chinaDayStart } from '../platform/clock.ts';
import type { Platform } from '../platform/context.ts';
import type { Services } from '../services.ts';

export interface SeedFlashsaleOptions {
  operatorId: string | null;
  shopperIds: string[];
  productIds: string[];
  skuIds: string[];
}

const HOUR = 3_600_000;
const CARD = { number: '4242424242424242' };
const flashPrice = (list: number, share: number) => Math.max(100, Math.min(list - 100, Math.round((list * share) / 100) * 100 - 10));

export async function seedDemoFlashsale(platform: Platform, services: Services, opts: SeedFlashsaleOptions): Promise<{ slotIds: string[]; orderIds: string[] }> {
  const { flashsale, catalog, identity, payments } = services;
  const existing = new Set((await flashsale.listSlots({ limit: 100 })).map((s) => s.name));
  const prices = await catalog.getSkusForPricing(platform.db, opts.skuIds.slice(0, 80));
  const candidates = [...prices.values()].filter((s) => s.purchasable && s.priceAmount >= 1000).sort((a, b) => b.priceAmount - a.priceAmount);
  if (candidates.length === 0) return { slotIds: [], orderIds: [] };
  const pick = (offset: number, n: number) => Array.from({ length: Math.min(n, candidates.length) }, (_, i) => candidates[(offset + i) % candidates.length]).filter((s, i, all) => all.findIndex((x) => x.skuId === s.skuId) === i);

  const now = platform.clock.now();
  const todayChina = chinaDayStart(chinaDate(now));
  let evening = addMs(todayChina, 20 * HOUR);
  if (evening <= now) evening = addMs(evening, 24 * HOUR);
  const tomorrowMorning = addMs(todayChina, 34 * HOUR);

  const specs = [
    { name: '限时秒杀 · 今日爆款', nameEn: 'Flash sale · Today’s hits', startsAt: addMs(now, -5 * 60_000), endsAt: addMs(now, 2 * HOUR), items: pick(0, 6), share: 0.5, stock: [20, 30, 50, 50, 80, 100], limit: 1 },
    { name: '晚八点 · 整点秒杀', nameEn: '8 pm · On-the-hour deals', startsAt: evening, endsAt: addMs(evening, 2 * HOUR), items: pick(1, 4), share: 0.45, stock: [10, 30, 50, 50], limit: 1 },
    { name: '明日十点 · 早市秒杀', nameEn: '10 am tomorrow · Morning deals', startsAt: tomorrowMorning, endsAt: addMs(tomorrowMorning, 2 * HOUR), items: pick(2, 4), share: 0.55, stock: [50, 50, 100, 100], limit: 2 },
  ];

  const slotIds: string[] = [];
  const created: Awaited<ReturnType<typeof flashsale.createSlot>>[] = [];
  for (const spec of specs) {
    if (existing.has(spec.name) || spec.items.length === 0) continue;
    const slot = await flashsale.createSlot(opts.operatorId, {
      name: spec.name,
      nameEn: spec.nameEn,
      startsAt: spec.startsAt,
      endsAt: spec.endsAt,
      items: spec.items.map((s, i) => ({ skuId: s.skuId, flashAmount: flashPrice(s.priceAmount, spec.share), stock: spec.stock[i] ?? 50, perUserLimit: spec.limit })),
    });
    slotIds.push(slot.id);
    created.push(slot);
  }

  // Some activity in the live slot: a dozen shoppers grab a unit; two in three pay at once.
  const orderIds: string[] = [];
  const live = created.find((s) => s.state === 'live');
  if (live && opts.shopperIds.length > 0) {
    const buyers = opts.shopperIds.slice(0, 12);
    const addresses = await identity.findDefaultAddresses(buyers);
    for (const [i, userId] of buyers.entries()) {
      const addressId = addresses.get(userId)?.id ?? (await identity.addAddress(userId, { recipient: '陈静', phone: '13700137000', province: '广东省', city: '广州市', district: '天河区', line1: '体育西路 8 号', isDefault: true })).id;
      const item = live.items[i % live.items.length];
      try {
        const { order } = await flashsale.purchase(userId, live.id, item.id, { addressId }, null);
        orderIds.push(order.id);
        if (i % 3 !== 2) {
          const { payment } = await payments.startPayment(userId, order.id, {});
          await payments.confirmPayment(userId, payment.id, CARD);
        }
      } catch {
        // A demo shopper who cannot buy (limit reached on a re-run) is simply skipped.
      }
    }
    for (let i = 0; i < 5; i++) if ((await platform.jobs.runDue(50)) + (await platform.events.drain()) === 0) break;
  }
  return { slotIds, orderIds };
}
