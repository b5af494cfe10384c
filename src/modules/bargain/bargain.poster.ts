// The price-cut poster's facts for sharing: 最低砍至 (the floor) as the price, how much has been
// cut and how many friends are still needed, and the deadline; read from the price-cut page, so
// the poster and the page a friend lands on say the same.
import { DomainError } from '../../platform/errors.ts';
import type { PosterFactsProvider } from '../sharing/index.ts';

interface BargainReads {
  getCut(viewerId: string | null, cutId: string): Promise<{
    campaignId: string;
    status: string;
    title: string;
    titleEn: string | null;
    image: string | null;
    originalPrice: { amount: number; currency: string };
    currentPrice: { amount: number; currency: string };
    floorPrice: { amount: number; currency: string };
    helpersNeeded: number;
    helps: number;
    expiresAt: string;
  }>;
  getCampaign(id: string): Promise<{ sku_id: string }>;
}

export function cutPosterFacts(bargain: BargainReads, now: () => Date): PosterFactsProvider {
  return async (_executor, cutId, lang) => {
    const cut = await bargain.getCut(null, cutId).catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));
    if (!cut) return null;
    const campaign = await bargain.getCampaign(cut.campaignId);
    const endsAt = new Date(cut.expiresAt);
    const status = cut.status === 'succeeded' ? 'succeeded' : cut.status === 'open' && endsAt > now() ? 'open' : 'closed';
    return {
      title: (lang === 'en' && cut.titleEn) || cut.title,
      image: cut.image,
      price: cut.floorPrice,
      campaignId: cut.campaignId,
      // The starting price may be struck through only once the price has come down from it.
      reference: { skuId: campaign.sku_id, amount: cut.originalPrice.amount, priceAmount: cut.currentPrice.amount },
      state: { kind: 'bargain', floor: cut.floorPrice, cutSoFar: { amount: cut.originalPrice.amount - cut.currentPrice.amount, currency: cut.currentPrice.currency }, helpersLeft: Math.max(0, cut.helpersNeeded - cut.helps), status, endsAt },
    };
  };
}
