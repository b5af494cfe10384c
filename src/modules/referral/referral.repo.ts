// All of the referral module's SQL. Status moves are conditional UPDATE ... WHERE status ...
// RETURNING, so a concurrent change loses cleanly; no business decisions here.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { ReferralCampaignsTable, ReferralRewardsTable, ReferralsTable, ReferralDb } from './referral.table.ts';

export type CampaignRow = Selectable<ReferralCampaignsTable>;
export type ReferralRow = Selectable<ReferralsTable>;
export type RewardRow = Selectable<ReferralRewardsTable>;

// ---- invite codes

export const findInviteCodeOf = (ex: ReferralDb, userId: string) => ex.selectFrom('invite_codes').select('code').where('user_id', '=', userId).executeTakeFirst();

/** Undefined when the code (or the user's row) already exists. */
export const insertInviteCode = (ex: ReferralDb, userId: string, code: string, now: Date) =>
  ex.insertInto('invite_codes').values({ user_id: userId, code, created_at: now }).onConflict((oc) => oc.doNothing()).returning('code').executeTakeFirst();

export const findInviteCodeOwner = (ex: ReferralDb, code: string) => ex.selectFrom('invite_codes').select('user_id').where('code', '=', code).executeTakeFirst();

// ---- campaigns

export const insertCampaign = (ex: ReferralDb, row: Insertable<ReferralCampaignsTable>) => ex.insertInto('referral_campaigns').values(row).returningAll().executeTakeFirstOrThrow();

export const findCampaign = (ex: ReferralDb, id: string) => ex.selectFrom('referral_campaigns').selectAll().where('id', '=', id).executeTakeFirst();

export const findCampaignOrThrow = (ex: ReferralDb, id: string) => ex.selectFrom('referral_campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const findCampaignQualifyOn = (ex: ReferralDb, id: string) => ex.selectFrom('referral_campaigns').select('qualify_on').where('id', '=', id).executeTakeFirstOrThrow();

export const findActiveCampaignById = (ex: ReferralDb, id: string) => ex.selectFrom('referral_campaigns').selectAll().where('id', '=', id).where('status', '=', 'active').executeTakeFirst();

export const lockCampaign = (ex: ReferralDb, id: string) => ex.selectFrom('referral_campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findCampaigns = (ex: ReferralDb) => ex.selectFrom('referral_campaigns').selectAll().orderBy('created_at', 'desc').execute();

/** The newest active campaign whose window contains `at`. */
export function findRunningCampaign(ex: ReferralDb, at: Date) {
  return ex
    .selectFrom('referral_campaigns')
    .selectAll()
    .where('status', 'in', ['active', 'scheduled'])
    .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', at)]))
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', at)]))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export const updateCampaign = (ex: ReferralDb, id: string, patch: Updateable<ReferralCampaignsTable>) =>
  ex.updateTable('referral_campaigns').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** End every active campaign other than `exceptId`. */
/** Campaigns other than this one that are live, paused or waiting to start: starting one ends them. */
export const findOtherOpenCampaigns = (ex: ReferralDb, exceptId: string) =>
  ex.selectFrom('referral_campaigns').select('id').where('status', 'in', ['active', 'scheduled', 'paused']).where('id', '!=', exceptId).execute();

// ---- referrals

export const findReferralIdOfInvitee = (ex: ReferralDb, inviteeId: string) => ex.selectFrom('referrals').select('id').where('invitee_id', '=', inviteeId).executeTakeFirst();

/** Undefined when the invitee is already bound (unique invitee_id). */
export const insertReferral = (ex: ReferralDb, row: Insertable<ReferralsTable>) =>
  ex.insertInto('referrals').values(row).onConflict((oc) => oc.column('invitee_id').doNothing()).returningAll().executeTakeFirst();

export const lockPendingReferralOfInvitee = (ex: ReferralDb, inviteeId: string) =>
  ex.selectFrom('referrals').selectAll().where('invitee_id', '=', inviteeId).where('status', '=', 'pending').forUpdate().executeTakeFirst();

export const lockQualifiedReferralByOrder = (ex: ReferralDb, orderId: string) =>
  ex.selectFrom('referrals').selectAll().where('qualifying_order_id', '=', orderId).where('status', '=', 'qualified').forUpdate().executeTakeFirst();

export const updateReferralQualified = (ex: ReferralDb, id: string, orderId: string | null, now: Date) =>
  ex.updateTable('referrals').set({ status: 'qualified', qualified_at: now, qualifying_order_id: orderId }).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst();

export const updateReferralReversed = (ex: ReferralDb, id: string, now: Date) =>
  ex.updateTable('referrals').set({ status: 'reversed', reversed_at: now }).where('id', '=', id).where('status', '=', 'qualified').returningAll().executeTakeFirst();

export async function countQualifiedReferrals(ex: ReferralDb, campaignId: string, inviterId: string) {
  const row = await ex.selectFrom('referrals').select(sql<number>`count(*)::int`.as('n')).where('campaign_id', '=', campaignId).where('inviter_id', '=', inviterId).where('status', '=', 'qualified').executeTakeFirstOrThrow();
  return row.n;
}

export const findReferralsOfInviter = (ex: ReferralDb, inviterId: string, limit: number) =>
  ex.selectFrom('referrals').selectAll().where('inviter_id', '=', inviterId).orderBy('created_at', 'desc').limit(limit).execute();

export function findReferrals(ex: ReferralDb, filter: { campaignId?: string; status?: ReferralRow['status']; limit: number }) {
  let q = ex.selectFrom('referrals').selectAll().orderBy('created_at', 'desc').limit(filter.limit);
  if (filter.campaignId) q = q.where('campaign_id', '=', filter.campaignId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.execute();
}

/** Qualified invites per inviter, most first (ties: who got there first). */
export function countQualifiedByInviter(ex: ReferralDb, campaignId: string, limit: number) {
  return ex
    .selectFrom('referrals')
    .select(['inviter_id', sql<number>`count(*)::int`.as('invites'), sql<Date>`max(qualified_at)`.as('last_at')])
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'qualified')
    .groupBy('inviter_id')
    .orderBy('invites', 'desc')
    .orderBy('last_at', 'asc')
    .limit(limit)
    .execute();
}

export const countReferralsByStatus = (ex: ReferralDb, campaignId: string) =>
  ex.selectFrom('referrals').select(['status', sql<number>`count(*)::int`.as('n')]).where('campaign_id', '=', campaignId).groupBy('status').execute();

// ---- rewards

/** Undefined when a reward with this key exists already (each reward is granted once). */
export const insertReward = (ex: ReferralDb, row: Insertable<ReferralRewardsTable>) =>
  ex.insertInto('referral_rewards').values(row).onConflict((oc) => oc.column('key').doNothing()).returningAll().executeTakeFirst();

export const findReward = (ex: ReferralDb, id: string) => ex.selectFrom('referral_rewards').selectAll().where('id', '=', id).executeTakeFirst();

export const findRewardByKey = (ex: ReferralDb, key: string) => ex.selectFrom('referral_rewards').selectAll().where('key', '=', key).executeTakeFirst();

export const findRewardOrThrow = (ex: ReferralDb, id: string) => ex.selectFrom('referral_rewards').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const findRewardsOfReferral = (ex: ReferralDb, referralId: string) => ex.selectFrom('referral_rewards').selectAll().where('referral_id', '=', referralId).execute();

/** An inviter's milestone rewards in a campaign that are granted or held. */
export const findLiveMilestoneRewards = (ex: ReferralDb, campaignId: string, inviterId: string) =>
  ex.selectFrom('referral_rewards').selectAll().where('campaign_id', '=', campaignId).where('beneficiary_id', '=', inviterId).where('role', '=', 'milestone').where('status', 'in', ['granted', 'held']).execute();

export const findRewardsOfBeneficiary = (ex: ReferralDb, userId: string, limit: number) =>
  ex.selectFrom('referral_rewards').selectAll().where('beneficiary_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();

export function findRewards(ex: ReferralDb, filter: { status?: RewardRow['status']; limit: number }) {
  let q = ex.selectFrom('referral_rewards').selectAll().orderBy('created_at', 'desc').limit(filter.limit);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.execute();
}

/** Per-invite inviter rewards (not capped ones) created since `since`. */
export async function countInviterRewardsSince(ex: ReferralDb, inviterId: string, since: Date) {
  const row = await ex
    .selectFrom('referral_rewards')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('beneficiary_id', '=', inviterId)
    .where('role', '=', 'inviter')
    .where('status', '!=', 'capped')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return row.n;
}

export const countRewardsByStatus = (ex: ReferralDb, campaignId: string) =>
  ex.selectFrom('referral_rewards').select(['status', sql<number>`count(*)::int`.as('n')]).where('campaign_id', '=', campaignId).groupBy('status').execute();

/** held → granted; undefined when it is no longer held. */
export const updateRewardGranted = (ex: ReferralDb, id: string, now: Date) =>
  ex.updateTable('referral_rewards').set({ status: 'granted', granted_at: now }).where('id', '=', id).where('status', '=', 'held').returningAll().executeTakeFirst();

/** from one of `from` → reversed; undefined when it is in none of them. */
export const updateRewardReversed = (ex: ReferralDb, id: string, from: RewardRow['status'][], now: Date) =>
  ex.updateTable('referral_rewards').set({ status: 'reversed', reversed_at: now }).where('id', '=', id).where('status', 'in', from).returningAll().executeTakeFirst();
