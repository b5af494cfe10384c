// Demo price-cuts: a few running 砍价 campaigns on real catalogue SKUs, with price-cuts in progress
// that friends have already helped.
import type { Platform } from '../platform/context.ts';
import type { Services } from '../services.ts';

export interface SeedBargainOptions {
  operatorId: string | null;
  shopperIds: string[];
  productIds: string[];
  skuIds: string[];
}

const CAMPAIGNS = [
  { name: '好友助力 砍到 1 折', nameEn: 'Friends cut it to 10%', helpersNeeded: 5, floorShare: 0.1, buyMode: 'floor_only' as const, stock: 50 },
  { name: '砍一刀 随时可买', nameEn: 'Cut the price, buy any time', helpersNeeded: 8, floorShare: 0.3, buyMode: 'any_time' as const, stock: 200 },
  { name: '新人专享 0.01 元砍价', nameEn: 'New shoppers: cut it to ¥0.01', helpersNeeded: 10, floorShare: 0, buyMode: 'floor_only' as const, stock: 20 },
];

export async function seedDemoBargain(platform: Platform, services: Services, opts: SeedBargainOptions): Promise<{ campaignIds: string[]; cutIds: string[] }> {
  const { bargain, catalog } = services;
  const existing = new Set((await bargain.listCampaigns()).map((c) => c.name));
  const prices = await catalog.getSkusForPricing(platform.db, opts.skuIds.slice(0, 60));
  const candidates = [...prices.values()].filter((s) => s.purchasable && s.priceAmount >= 2000).sort((a, b) => b.priceAmount - a.priceAmount);
  const campaignIds: string[] = [];
  const cutIds: string[] = [];
  for (const [i, spec] of CAMPAIGNS.entries()) {
    const sku = candidates[i];
    if (!sku || existing.has(spec.name)) continue;
    const floorAmount = Math.max(1, Math.round(sku.priceAmount * spec.floorShare));
    const c = await bargain.createCampaign(opts.operatorId, { name: spec.name, nameEn: spec.nameEn, skuId: sku.skuId, floorAmount, helpersNeeded: spec.helpersNeeded, stock: spec.stock, buyMode: spec.buyMode, helperDailyLimit: 3, expiryHours: 24 });
    await bargain.setStatus(opts.operatorId, c.id, 'active');
    campaignIds.push(c.id);
    // A few shoppers start a price-cut; the next shoppers in the list help them.
    const starters = opts.shopperIds.slice(i * 4, i * 4 + 3);
    for (const [j, starterId] of starters.entries()) {
      const cut = await bargain.startCut(starterId, c.id).catch(() => null);
      if (!cut) continue;
      cutIds.push(cut.id);
      const helpers = opts.shopperIds.filter((id) => !starters.includes(id)).slice(10 + j * 7, 10 + j * 7 + Math.min(spec.helpersNeeded - 1, 2 + j * 2));
      for (const helperId of helpers) await bargain.help(helperId, cut.id).catch(() => undefined);
    }
  }
  return { campaignIds, cutIds };
}
