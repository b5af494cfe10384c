import type { Generated } from 'kysely';
import type { MirroredStatus } from '../campaigns/index.ts';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { Reward } from './referral.rules.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export interface ReferralCampaignsTable {
  id: string;
  name: string;
  description: string | null;
  /** The campaign kernel's status, mirrored (live is `active`). */
  status: MirroredStatus;
  qualify_on: 'first_paid_order' | 'signup';
  inviter_reward: Json<Reward | null>;
  invitee_reward: Json<Reward | null>;
  milestones: Json<{ count: number; reward: Reward }[]>;
  hold_hours: number;
  inviter_daily_cap: number;
  /** A new customer arriving through any of the shopper's share links counts as an invite (first touch). */
  count_share_links: Generated<boolean>;
  starts_at: Date | null;
  ends_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InviteCodesTable {
  user_id: string;
  code: string;
  created_at: Timestamp;
}

export type ReferralStatus = 'pending' | 'qualified' | 'refused' | 'reversed';

export interface ReferralsTable {
  id: string;
  campaign_id: string;
  inviter_id: string;
  invitee_id: string;
  source: 'code' | 'share';
  share_id: string | null;
  status: ReferralStatus;
  refused_reason: string | null;
  qualifying_order_id: string | null;
  created_at: Timestamp;
  qualified_at: Date | null;
  reversed_at: Date | null;
}

export interface ReferralRewardsTable {
  id: string;
  /** Unique: what makes a grant happen once (ref:<referral>:inviter, ms:<campaign>:<user>:<count>). */
  key: string;
  campaign_id: string;
  referral_id: string | null;
  beneficiary_id: string;
  role: 'inviter' | 'invitee' | 'milestone';
  milestone: number | null;
  reward: Json<Reward>;
  status: 'held' | 'granted' | 'reversed' | 'capped';
  release_at: Date | null;
  created_at: Timestamp;
  granted_at: Date | null;
  reversed_at: Date | null;
}

export interface ReferralTables {
  referral_campaigns: ReferralCampaignsTable;
  invite_codes: InviteCodesTable;
  referrals: ReferralsTable;
  referral_rewards: ReferralRewardsTable;
}

/** The tables referral owns: the only ones its code can query (platform/tables.ts). */
export const referralTables = ownTables<ReferralTables>({ referral_campaigns: true, invite_codes: true, referrals: true, referral_rewards: true });
/** A handle on referral's own tables: its pool or a transaction on it. */
export type ReferralDb = Executor<ReferralTables>;
/** The platform as referral sees it: its pool queries referral's tables only. */
export type ReferralPlatform = ModulePlatform<ReferralTables>;

declare module '../../platform/db.ts' {
  interface Database extends ReferralTables {}
}
