// What an A/B variant of an invite campaign may change: the points of the per-invite rewards
// (the inviter's and the invitee's), by the inviter's variant, since the invite is the inviter's
// doing. A reward row stores the reward it was made with, and its cost on the campaign ledger is
// that reward's points at their checkout value. Coupon rewards and milestones do not vary.
import type { VariantKey, VariantRules } from '../campaigns/index.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import * as repo from './referral.repo.ts';
import type { Reward } from './referral.rules.ts';
import { referralTables } from './referral.table.ts';

/** The same bounds as a campaign's own points reward (referral.routes.ts). */
export const POINTS_BOUNDS = { min: 1, max: 1_000_000 } as const;

const pointsKey = (key: string, reward: Reward | null, en: string, zh: string): VariantKey[] =>
  reward?.kind === 'points' ? [{ key, unit: 'points', min: POINTS_BOUNDS.min, max: POINTS_BOUNDS.max, base: reward.points, en, zh }] : [];

export const referralVariants: VariantRules = {
  async space(handle: AnyExecutor, campaignId: string) {
    const c = await repo.findCampaign(referralTables.of(handle), campaignId);
    if (!c) return { keys: [] };
    return {
      keys: [
        ...pointsKey('inviterPoints', c.inviter_reward, "Inviter's points per qualified invite", '邀请人每成功邀请一位获得的积分'),
        ...pointsKey('inviteePoints', c.invitee_reward, "Invitee's points (by the inviter's variant)", '被邀请人获得的积分（按邀请人所在版本）'),
      ],
    };
  },
};

/** A campaign's points reward with the variant's points; any other reward as it is. */
export const withPoints = (reward: Reward, points: number): Reward => (reward.kind === 'points' ? { kind: 'points', points } : reward);
