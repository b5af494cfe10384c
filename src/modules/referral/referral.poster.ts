// The invite poster's facts for sharing: the gift the friend gets from the running referral
// campaign (the invitee reward: 送你 ¥15 券, or points), in the friend's language.
import { DomainError } from '../../platform/errors.ts';
import { couponGift, type PosterCouponTerms, type PosterFactsProvider, type PosterGift } from '../sharing/index.ts';
import type { Reward } from './referral.rules.ts';

export interface InvitePosterReads {
  /** The running campaign's invitee reward; undefined when no campaign runs. */
  inviteeReward(): Promise<Reward | null | undefined>;
  couponTerms(templateId: string): Promise<PosterCouponTerms>;
  inviterExists(userId: string): Promise<boolean>;
}

export function invitePosterFacts(reads: InvitePosterReads): PosterFactsProvider {
  return async (_executor, inviterId, lang) => {
    if (!(await reads.inviterExists(inviterId))) return null;
    const reward = await reads.inviteeReward();
    let gift: PosterGift | null = null;
    if (reward?.kind === 'points') gift = { kind: 'points', points: reward.points };
    else if (reward?.kind === 'coupon') {
      const terms = await reads.couponTerms(reward.templateId).catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));
      gift = terms && couponGift(terms);
    }
    return {
      title: lang === 'en' ? (gift ? 'A welcome gift for new shoppers' : 'Join me and shop together') : gift ? '新人专享见面礼' : '和我一起来逛逛',
      image: null,
      price: null,
      campaignId: null,
      reference: null,
      state: { kind: 'invite', gift },
    };
  };
}
