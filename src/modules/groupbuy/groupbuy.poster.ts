// The team poster's facts for sharing (还差 N 人, the deadline, 拼团价 beside the regular price):
// read from the team page, so the poster and the page a friend lands on say the same.
import { DomainError } from '../../platform/errors.ts';
import type { PosterFactsProvider } from '../sharing/index.ts';
import type { GroupbuyViews } from './groupbuy.views.ts';

export function teamPosterFacts(views: Pick<GroupbuyViews, 'getTeamPage'>): PosterFactsProvider {
  return async (_executor, teamId, lang) => {
    const team = await views.getTeamPage(teamId).catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));
    if (!team) return null;
    // A team whose leader has not paid yet has no open seats on the page; its poster counts the empty ones.
    const seatsLeft = team.status === 'forming' ? Math.max(0, team.size - team.members.length) : team.seatsLeft;
    const status = team.status === 'completed' ? 'completed' : (team.status === 'open' || team.status === 'forming') && !team.expired ? 'open' : 'closed';
    return {
      title: (lang === 'en' && team.product.titleEn) || team.product.title,
      image: team.product.image,
      price: team.groupPrice,
      campaignId: team.campaignId,
      reference: team.product.listPrice ? { skuId: team.product.skuId, amount: team.product.listPrice.amount } : null,
      state: { kind: 'team', teamSize: team.size, seatsLeft, status, endsAt: team.expiresAt ? new Date(team.expiresAt) : null },
    };
  };
}
