// Demo group buys (拼团): three running campaigns on real catalogue SKUs, with open teams whose
// leaders have paid and some of which already have paying members — all through the engine's
// own services, so every team, order, payment and event is the real thing.
import type { Platform } from '../platform/context.ts';
import type { Services } from '../services.ts';

export interface SeedGroupbuyOptions {
  operatorId: string | null;
  shopperIds: string[];
  productIds: string[];
  skuIds: string[];
}

const CAMPAIGNS = [
  { name: '两人成团 · 爆款直降', nameEn: 'Team of 2 · Bestseller deal', description: '邀请 1 位好友即可成团，团长再减 ¥5', teamSize: 2, priceShare: 0.6, leaderDiscount: 500, stock: 300, newCustomersOnly: false, expiryHours: 24, teams: [0, 0, 1] },
  { name: '三人团 · 家庭分享装', nameEn: 'Team of 3 · Family pack', description: '三人成团，24 小时内未成团自动全额退款', teamSize: 3, priceShare: 0.5, leaderDiscount: 0, stock: 150, newCustomersOnly: false, expiryHours: 24, teams: [1, 0, 2] },
  { name: '五人团 · 老带新专享', nameEn: 'Team of 5 · Bring a new friend', description: '团员须为新顾客（首单），老顾客可开团邀请新朋友', teamSize: 5, priceShare: 0.45, leaderDiscount: 1000, stock: 100, newCustomersOnly: true, expiryHours: 48, teams: [1, 0] },
];

const CARD = { number: '4242424242424242' };

export async function seedDemoGroupbuy(platform: Platform, services: Services, opts: SeedGroupbuyOptions): Promise<{ campaignIds: string[]; teamIds: string[] }> {
  const { groupbuy, catalog, identity, payments } = services;
  const existing = new Set((await groupbuy.listCampaigns()).map((c) => c.name));
  const prices = await catalog.getSkusForPricing(platform.db, opts.skuIds.slice(0, 60));
  const candidates = [...prices.values()].filter((s) => s.purchasable && s.priceAmount >= 3000).sort((a, b) => a.priceAmount - b.priceAmount);
  const addresses = await identity.findDefaultAddresses(opts.shopperIds);

  async function addressOf(userId: string) {
    const known = addresses.get(userId);
    if (known) return known.id;
    const created = await identity.addAddress(userId, { recipient: '王小明', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', line1: '文三路 100 号', isDefault: true });
    return created.id;
  }

  /** Pay with the sandbox test card and let the webhook and the events arrive. */
  async function pay(userId: string, orderId: string) {
    const { payment } = await payments.startPayment(userId, orderId, {});
    await payments.confirmPayment(userId, payment.id, CARD);
    for (let i = 0; i < 5; i++) {
      const n = (await platform.jobs.runDue(50)) + (await platform.events.drain());
      if (n === 0) break;
    }
  }

  const campaignIds: string[] = [];
  const teamIds: string[] = [];
  let next = 0;
  const shopper = () => opts.shopperIds[next++ % Math.max(1, opts.shopperIds.length)];
  for (const [i, spec] of CAMPAIGNS.entries()) {
    const sku = candidates[Math.floor(((i + 1) * candidates.length) / (CAMPAIGNS.length + 1))] ?? candidates[i];
    if (!sku || existing.has(spec.name) || opts.shopperIds.length === 0) continue;
    const c = await groupbuy.createCampaign(opts.operatorId, {
      name: spec.name,
      nameEn: spec.nameEn,
      description: spec.description,
      skuId: sku.skuId,
      groupPrice: Math.max(100, Math.round((sku.priceAmount * spec.priceShare) / 100) * 100 - 10),
      teamSize: spec.teamSize,
      expiryHours: spec.expiryHours,
      leaderDiscount: spec.leaderDiscount,
      newCustomersOnly: spec.newCustomersOnly,
      stock: spec.stock,
      perUserLimit: 2,
    });
    await groupbuy.startCampaign(opts.operatorId, c.id);
    campaignIds.push(c.id);
    for (const joiners of spec.teams) {
      const leaderId = shopper();
      const opened = await groupbuy.openTeam(leaderId, c.id, { addressId: await addressOf(leaderId) }, null).catch(() => null);
      if (!opened) continue;
      await pay(leaderId, opened.order.id);
      teamIds.push(opened.team.id);
      for (let j = 0; j < joiners; j++) {
        // Try a few shoppers: a new-customer-only team refuses those with earlier orders.
        for (let attempt = 0; attempt < 5; attempt++) {
          const joinerId = shopper();
          const joined = await groupbuy.joinTeam(joinerId, opened.team.id, { addressId: await addressOf(joinerId) }, null).catch(() => null);
          if (!joined) continue;
          await pay(joinerId, joined.order.id);
          break;
        }
      }
    }
  }
  return { campaignIds, teamIds };
}
