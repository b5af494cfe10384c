// The coupon-pack poster's facts for sharing: the coupon a friend gets from the sharer's link.
import { DomainError } from '../../platform/errors.ts';
import { couponGift, type PosterCouponTerms, type PosterFactsProvider } from '../sharing/index.ts';

interface PackReads {
  getPublicPack(id: string): Promise<{ name: string; open: boolean; friendCoupon: PosterCouponTerms & { nameEn: string | null } }>;
}

export function packPosterFacts(coupons: PackReads): PosterFactsProvider {
  return async (_executor, packId, lang) => {
    const pack = await coupons.getPublicPack(packId).catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));
    if (!pack) return null;
    return {
      title: lang === 'en' ? (pack.friendCoupon.nameEn ?? 'A coupon from a friend') : pack.name,
      image: null,
      price: null,
      campaignId: null,
      reference: null,
      // A closed pack promises nothing.
      state: { kind: 'coupon_pack', gift: pack.open ? couponGift(pack.friendCoupon) : null },
    };
  };
}
