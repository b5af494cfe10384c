// Referral campaigns (invite friends): a binding when the invitee signs up with a code or through
// an invite share, qualification on the first paid order (or sign-up), double-sided and milestone
// rewards granted exactly once (unique reward keys), held for review when the campaign says so,
// and reversed when the qualifying order is fully refunded.
import { randomBytes } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Platform } from '../../platform/context.ts';
import { addMs, chinaDate, chinaDayStart } from '../../platform/clock.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.ts';
import { publishEvent, type Executor } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { IdentityService } from '../identity/index.ts';
import {
  DEFAULT_MILESTONES,
  inviteCodeFrom,
  maskName,
  milestonesLost,
  milestonesReached,
  nextMilestone,
  selfReferralReason,
  type Reward,
} from './referral.rules.ts';
import type { ReferralCampaignsTable, ReferralRewardsTable, ReferralsTable } from './referral.table.ts';

export const RELEASE_REWARD_JOB = 'referral.release-reward';

/** How rewards reach a customer: points (loyalty) and coupons (coupons), both idempotent on a ref. */
export interface RewardPort {
  grantPoints(trx: Executor, x: { userId: string; amount: number; ref: string }): Promise<void>;
  reversePoints(trx: Executor, x: { userId: string; ref: string }): Promise<void>;
  grantCoupon(trx: Executor, x: { userId: string; templateId: string; ref: string }): Promise<void>;
  revokeCoupon(trx: Executor, x: { userId: string; ref: string }): Promise<void>;
}

export interface CampaignInput {
  name: string;
  description?: string;
  qualifyOn?: 'first_paid_order' | 'signup';
  inviterReward: Reward | null;
  inviteeReward: Reward | null;
  milestones?: { count: number; reward: Reward }[];
  holdHours?: number;
  inviterDailyCap?: number;
  startsAt?: string | null;
  endsAt?: string | null;
}

type Campaign = Selectable<ReferralCampaignsTable>;
type Referral = Selectable<ReferralsTable>;
type RewardRow = Selectable<ReferralRewardsTable>;

export function presentCampaign(c: Campaign) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    status: c.status,
    qualifyOn: c.qualify_on,
    inviterReward: c.inviter_reward,
    inviteeReward: c.invitee_reward,
    milestones: c.milestones,
    holdHours: c.hold_hours,
    inviterDailyCap: c.inviter_daily_cap,
    startsAt: c.starts_at?.toISOString() ?? null,
    endsAt: c.ends_at?.toISOString() ?? null,
    createdAt: c.created_at.toISOString(),
  };
}

export function presentReward(r: RewardRow) {
  return { id: r.id, role: r.role, milestone: r.milestone, reward: r.reward, status: r.status, releaseAt: r.release_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(), grantedAt: r.granted_at?.toISOString() ?? null, beneficiaryId: r.beneficiary_id, referralId: r.referral_id };
}

export function createReferralService(p: Platform, deps: { identity: IdentityService; rewards: RewardPort }) {
  const { db, clock } = p;
  const { identity, rewards } = deps;

  // ---- invite codes -------------------------------------------------------------------------
  async function inviteCodeOf(userId: string): Promise<string> {
    const existing = await db.selectFrom('invite_codes').select('code').where('user_id', '=', userId).executeTakeFirst();
    if (existing) return existing.code;
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = inviteCodeFrom(randomBytes(8));
      const row = await db.insertInto('invite_codes').values({ user_id: userId, code, created_at: clock.now() }).onConflict((oc) => oc.doNothing()).returning('code').executeTakeFirst();
      if (row) return row.code;
      const mine = await db.selectFrom('invite_codes').select('code').where('user_id', '=', userId).executeTakeFirst();
      if (mine) return mine.code; // a concurrent request made it
    }
    throw new Error('could not allocate an invite code');
  }

  /**
   * The public invite link: the code alone identifies the inviter, so links, redirects and posters
   * never carry an account id.
   */
  async function inviteUrlFor(userId: string): Promise<string> {
    return `/invite/${await inviteCodeOf(userId)}`;
  }

  /** The sharing module's resolver for the 'invite' target (its id is the inviter's account). */
  async function resolveInviteTarget(_executor: Executor, id: string) {
    const user = isUuid(id) ? await identity.getUser(id).catch((err) => (err instanceof DomainError ? null : Promise.reject(err))) : null;
    return user && { url: await inviteUrlFor(user.id), title: `${user.display_name} 邀请你加入`, image: null, price: null };
  }

  // ---- campaigns ----------------------------------------------------------------------------
  function checkCampaign(input: Partial<CampaignInput>) {
    const rewardsToCheck = [input.inviterReward, input.inviteeReward, ...(input.milestones ?? []).map((m) => m.reward)];
    for (const r of rewardsToCheck) {
      if (r && r.kind === 'points' && (!Number.isInteger(r.points) || r.points < 1)) throw invalid('REFERRAL_REWARD_INVALID', 'A points reward needs a positive whole number of points');
    }
    const counts = (input.milestones ?? []).map((m) => m.count);
    if (new Set(counts).size !== counts.length) throw invalid('REFERRAL_MILESTONES_INVALID', 'Milestone counts must be different');
    if (input.startsAt && input.endsAt && new Date(input.startsAt) >= new Date(input.endsAt)) throw invalid('REFERRAL_WINDOW_INVALID', 'The campaign must end after it starts');
  }

  /** A campaign's rule columns from the input, defaults from settings (creating or editing a draft). */
  async function campaignColumns(trx: Executor, input: CampaignInput) {
    const defaultReward = input.inviterReward ?? { kind: 'points' as const, points: 100 };
    return {
      name: input.name.trim(),
      description: input.description?.trim() || null,
      qualify_on: input.qualifyOn ?? (await p.settings.get('referral.qualifyOn', trx)),
      inviter_reward: JSON.stringify(input.inviterReward),
      invitee_reward: JSON.stringify(input.inviteeReward),
      milestones: JSON.stringify(input.milestones ?? DEFAULT_MILESTONES.map((count, i) => ({ count, reward: defaultReward.kind === 'points' ? { kind: 'points', points: defaultReward.points * (i + 2) } : defaultReward }))),
      hold_hours: input.holdHours ?? (await p.settings.get('referral.holdHours', trx)),
      inviter_daily_cap: input.inviterDailyCap ?? (await p.settings.get('referral.inviterDailyCap', trx)),
      starts_at: input.startsAt ? new Date(input.startsAt) : null,
      ends_at: input.endsAt ? new Date(input.endsAt) : null,
    };
  }

  async function createCampaign(actorId: string | null, input: CampaignInput) {
    checkCampaign(input);
    const now = clock.now();
    const row = await db.transaction().execute(async (trx) => {
      const c = await trx
        .insertInto('referral_campaigns')
        .values({ id: newId(), ...(await campaignColumns(trx, input)), status: 'draft', created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.insertInto('audit_log').values({ actor_id: actorId, action: 'referral.campaign_created', subject_type: 'referral_campaign', subject_id: c.id, details: JSON.stringify({ name: c.name }), at: now }).execute();
      return c;
    });
    return row;
  }

  /** Replace a draft's rules (same checks as creating it); once started the published rules are locked. */
  async function updateCampaign(actorId: string | null, id: string, input: CampaignInput) {
    checkCampaign(input);
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('referral_campaigns').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current) throw notFound('REFERRAL_CAMPAIGN_NOT_FOUND', 'No such referral campaign', { id });
      if (current.status !== 'draft') throw conflict('REFERRAL_CAMPAIGN_LOCKED', 'A started campaign keeps its published rules; stop it and create a new one', { status: current.status });
      const c = await trx.updateTable('referral_campaigns').set({ ...(await campaignColumns(trx, input)), updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await trx.insertInto('audit_log').values({ actor_id: actorId, action: 'referral.campaign_updated', subject_type: 'referral_campaign', subject_id: c.id, details: JSON.stringify({ name: c.name }), at: now }).execute();
      return c;
    });
  }

  async function getCampaign(id: string) {
    const c = await db.selectFrom('referral_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) throw notFound('REFERRAL_CAMPAIGN_NOT_FOUND', 'No such referral campaign', { id });
    return c;
  }

  async function listCampaigns() {
    return db.selectFrom('referral_campaigns').selectAll().orderBy('created_at', 'desc').execute();
  }

  /** Start or stop a campaign. Only one referral campaign runs at a time, so starting one ends the other. */
  async function setStatus(actorId: string | null, id: string, status: 'active' | 'ended') {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('referral_campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!c) throw notFound('REFERRAL_CAMPAIGN_NOT_FOUND', 'No such referral campaign', { id });
      if (c.status === 'ended') throw conflict('REFERRAL_CAMPAIGN_ENDED', 'An ended campaign cannot change');
      if (status === 'active') await trx.updateTable('referral_campaigns').set({ status: 'ended', updated_at: now }).where('status', '=', 'active').where('id', '!=', id).execute();
      const updated = await trx.updateTable('referral_campaigns').set({ status, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await trx.insertInto('audit_log').values({ actor_id: actorId, action: `referral.campaign_${status}`, subject_type: 'referral_campaign', subject_id: id, details: JSON.stringify({}), at: now }).execute();
      await publishEvent(trx, now, status === 'active' ? 'referral.campaign_started' : 'referral.campaign_ended', id, { campaignId: id });
      return updated;
    });
  }

  async function activeCampaign(executor: Executor, at: Date) {
    return executor
      .selectFrom('referral_campaigns')
      .selectAll()
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', at)]))
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', at)]))
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  // ---- binding, qualification, rewards ------------------------------------------------------
  async function bind(trx: Executor, x: { inviteeId: string; inviterId: string; campaignId?: string | null; source: 'code' | 'share'; shareId?: string | null }) {
    const now = clock.now();
    const campaign = x.campaignId
      ? await trx.selectFrom('referral_campaigns').selectAll().where('id', '=', x.campaignId).where('status', '=', 'active').executeTakeFirst()
      : await activeCampaign(trx, now);
    if (!campaign) return;
    const existing = await trx.selectFrom('referrals').select('id').where('invitee_id', '=', x.inviteeId).executeTakeFirst();
    if (existing) return; // the first binding wins
    const facts = await identity.fraudFacts(trx, [x.inviterId, x.inviteeId]);
    const inviter = facts.get(x.inviterId);
    const invitee = facts.get(x.inviteeId);
    if (!inviter || !invitee) return;
    const refused = selfReferralReason({
      inviterId: x.inviterId,
      inviteeId: x.inviteeId,
      inviterDevices: inviter.devices,
      inviteeDevices: invitee.devices,
      inviterPhone: inviter.phone,
      inviteePhone: invitee.phone,
    });
    const referral = await trx
      .insertInto('referrals')
      .values({ id: newId(), campaign_id: campaign.id, inviter_id: x.inviterId, invitee_id: x.inviteeId, source: x.source, share_id: x.shareId ?? null, status: refused ? 'refused' : 'pending', refused_reason: refused, qualifying_order_id: null, created_at: now, qualified_at: null, reversed_at: null })
      .onConflict((oc) => oc.column('invitee_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!referral) return;
    await publishEvent(trx, now, refused ? 'referral.refused' : 'referral.bound', referral.id, { referralId: referral.id, campaignId: campaign.id, inviterId: x.inviterId, inviteeId: x.inviteeId, reason: refused });
    if (!refused && campaign.qualify_on === 'signup') await qualify(trx, referral, null);
  }

  async function qualify(trx: Executor, referral: Referral, orderId: string | null) {
    const now = clock.now();
    const qualified = await trx
      .updateTable('referrals')
      .set({ status: 'qualified', qualified_at: now, qualifying_order_id: orderId })
      .where('id', '=', referral.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!qualified) return;
    const campaign = await trx.selectFrom('referral_campaigns').selectAll().where('id', '=', referral.campaign_id).executeTakeFirstOrThrow();
    if (campaign.invitee_reward) await createReward(trx, campaign, { key: `ref:${referral.id}:invitee`, referralId: referral.id, beneficiaryId: referral.invitee_id, role: 'invitee', milestone: null, reward: campaign.invitee_reward });
    if (campaign.inviter_reward) {
      // The per-inviter daily cap: invites beyond it still count, but earn no per-invite reward.
      const today = chinaDate(now);
      const rewardedToday = await trx
        .selectFrom('referral_rewards')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('beneficiary_id', '=', referral.inviter_id)
        .where('role', '=', 'inviter')
        .where('status', '!=', 'capped')
        .where('created_at', '>=', chinaDayStart(today))
        .executeTakeFirstOrThrow();
      const capped = rewardedToday.n >= campaign.inviter_daily_cap;
      await createReward(trx, campaign, { key: `ref:${referral.id}:inviter`, referralId: referral.id, beneficiaryId: referral.inviter_id, role: 'inviter', milestone: null, reward: campaign.inviter_reward }, capped);
    }
    const count = await qualifiedCount(trx, campaign.id, referral.inviter_id);
    for (const m of milestonesReached(campaign.milestones, count)) {
      const reward = campaign.milestones.find((x) => x.count === m)!.reward;
      await createReward(trx, campaign, { key: `ms:${campaign.id}:${referral.inviter_id}:${m}`, referralId: null, beneficiaryId: referral.inviter_id, role: 'milestone', milestone: m, reward });
    }
    await publishEvent(trx, now, 'referral.qualified', referral.id, { referralId: referral.id, campaignId: campaign.id, inviterId: referral.inviter_id, inviteeId: referral.invitee_id, orderId, qualifiedCount: count });
  }

  async function qualifiedCount(trx: Executor, campaignId: string, inviterId: string) {
    const row = await trx.selectFrom('referrals').select(sql<number>`count(*)::int`.as('n')).where('campaign_id', '=', campaignId).where('inviter_id', '=', inviterId).where('status', '=', 'qualified').executeTakeFirstOrThrow();
    return row.n;
  }

  /** Insert a reward once (unique key): granted now, held for review, or capped. */
  async function createReward(
    trx: Executor,
    campaign: Campaign,
    r: { key: string; referralId: string | null; beneficiaryId: string; role: RewardRow['role']; milestone: number | null; reward: Reward },
    capped = false,
  ) {
    const now = clock.now();
    const hold = !capped && campaign.hold_hours > 0;
    const row = await trx
      .insertInto('referral_rewards')
      .values({ id: newId(), key: r.key, campaign_id: campaign.id, referral_id: r.referralId, beneficiary_id: r.beneficiaryId, role: r.role, milestone: r.milestone, reward: JSON.stringify(r.reward), status: capped ? 'capped' : hold ? 'held' : 'granted', release_at: hold ? addMs(now, campaign.hold_hours * 3_600_000) : null, created_at: now, granted_at: hold || capped ? null : now, reversed_at: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row || capped) return;
    if (hold) {
      await scheduleJob(trx, { kind: RELEASE_REWARD_JOB, payload: { rewardId: row.id }, runAt: row.release_at!, dedupeKey: `referral-release:${row.id}`, now });
      await publishEvent(trx, now, 'referral.reward_held', row.id, { rewardId: row.id, beneficiaryId: row.beneficiary_id, role: row.role });
      return;
    }
    await deliver(trx, row);
  }

  async function deliver(trx: Executor, row: RewardRow) {
    const reward = row.reward;
    if (reward.kind === 'points') await rewards.grantPoints(trx, { userId: row.beneficiary_id, amount: reward.points, ref: row.key });
    else await rewards.grantCoupon(trx, { userId: row.beneficiary_id, templateId: reward.templateId, ref: row.key });
    await publishEvent(trx, clock.now(), 'referral.reward_granted', row.id, { rewardId: row.id, beneficiaryId: row.beneficiary_id, role: row.role, reward });
  }

  async function takeBack(trx: Executor, row: RewardRow) {
    const updated = await trx.updateTable('referral_rewards').set({ status: 'reversed', reversed_at: clock.now() }).where('id', '=', row.id).where('status', 'in', ['granted', 'held']).returningAll().executeTakeFirst();
    if (!updated || row.status !== 'granted') return;
    if (row.reward.kind === 'points') await rewards.reversePoints(trx, { userId: row.beneficiary_id, ref: row.key });
    else await rewards.revokeCoupon(trx, { userId: row.beneficiary_id, ref: row.key });
    await publishEvent(trx, clock.now(), 'referral.reward_reversed', row.id, { rewardId: row.id, beneficiaryId: row.beneficiary_id, role: row.role });
  }

  /** The qualifying order was fully refunded: the invite no longer counts. */
  async function reverse(trx: Executor, referral: Referral) {
    const now = clock.now();
    const reversed = await trx.updateTable('referrals').set({ status: 'reversed', reversed_at: now }).where('id', '=', referral.id).where('status', '=', 'qualified').returningAll().executeTakeFirst();
    if (!reversed) return;
    const own = await trx.selectFrom('referral_rewards').selectAll().where('referral_id', '=', referral.id).execute();
    for (const r of own) await takeBack(trx, r);
    const count = await qualifiedCount(trx, referral.campaign_id, referral.inviter_id);
    const milestones = await trx.selectFrom('referral_rewards').selectAll().where('campaign_id', '=', referral.campaign_id).where('beneficiary_id', '=', referral.inviter_id).where('role', '=', 'milestone').where('status', 'in', ['granted', 'held']).execute();
    const lost = new Set(milestonesLost(milestones.map((m) => m.milestone!), count));
    for (const m of milestones.filter((x) => lost.has(x.milestone!))) await takeBack(trx, m);
    await publishEvent(trx, now, 'referral.reversed', referral.id, { referralId: referral.id, inviterId: referral.inviter_id, inviteeId: referral.invitee_id });
  }

  // ---- event consumers ----------------------------------------------------------------------
  async function onCustomerRegistered(trx: Executor, payload: { userId: string; inviteCode?: string | null }) {
    if (!payload.inviteCode) return;
    const owner = await trx.selectFrom('invite_codes').select('user_id').where('code', '=', payload.inviteCode).executeTakeFirst();
    if (!owner) return;
    await bind(trx, { inviteeId: payload.userId, inviterId: owner.user_id, source: 'code' });
  }

  async function onCustomerAttributed(trx: Executor, payload: { userId: string; sharerId: string; shareId: string; targetType: string; campaignId?: string | null }) {
    if (payload.targetType !== 'invite' && payload.targetType !== 'campaign') return;
    const campaignId = payload.targetType === 'campaign' ? payload.campaignId ?? null : null;
    await bind(trx, { inviteeId: payload.userId, inviterId: payload.sharerId, campaignId, source: 'share', shareId: payload.shareId });
  }

  async function onOrderPaid(trx: Executor, payload: { orderId: string; userId: string }) {
    const referral = await trx.selectFrom('referrals').selectAll().where('invitee_id', '=', payload.userId).where('status', '=', 'pending').forUpdate().executeTakeFirst();
    if (!referral) return;
    const campaign = await trx.selectFrom('referral_campaigns').select('qualify_on').where('id', '=', referral.campaign_id).executeTakeFirstOrThrow();
    if (campaign.qualify_on !== 'first_paid_order') return;
    await qualify(trx, referral, payload.orderId);
  }

  async function onOrderRefunded(trx: Executor, payload: { orderId: string; full: boolean }) {
    if (!payload.full) return;
    const referral = await trx.selectFrom('referrals').selectAll().where('qualifying_order_id', '=', payload.orderId).where('status', '=', 'qualified').forUpdate().executeTakeFirst();
    if (referral) await reverse(trx, referral);
  }

  /** Job (and operator action): a held reward whose review period is over is granted. */
  async function releaseReward(rewardId: string) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('referral_rewards').set({ status: 'granted', granted_at: clock.now() }).where('id', '=', rewardId).where('status', '=', 'held').returningAll().executeTakeFirst();
      if (row) await deliver(trx, row);
    });
  }

  async function releaseNow(actorId: string, rewardId: string) {
    const row = await db.selectFrom('referral_rewards').selectAll().where('id', '=', rewardId).executeTakeFirst();
    if (!row) throw notFound('REFERRAL_REWARD_NOT_FOUND', 'No such reward', { id: rewardId });
    if (row.status !== 'held') throw conflict('REFERRAL_REWARD_NOT_HELD', `This reward is ${row.status}, not held`);
    await releaseReward(rewardId);
    await db.insertInto('audit_log').values({ actor_id: actorId, action: 'referral.reward_released', subject_type: 'referral_reward', subject_id: rewardId, details: JSON.stringify({}), at: clock.now() }).execute();
    return (await db.selectFrom('referral_rewards').selectAll().where('id', '=', rewardId).executeTakeFirstOrThrow());
  }

  async function cancelHeld(actorId: string, rewardId: string, note: string) {
    return db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('referral_rewards').set({ status: 'reversed', reversed_at: clock.now() }).where('id', '=', rewardId).where('status', '=', 'held').returningAll().executeTakeFirst();
      if (!row) throw conflict('REFERRAL_REWARD_NOT_HELD', 'Only a held reward can be cancelled');
      await trx.insertInto('audit_log').values({ actor_id: actorId, action: 'referral.reward_cancelled', subject_type: 'referral_reward', subject_id: rewardId, details: JSON.stringify({ note }), at: clock.now() }).execute();
      return row;
    });
  }

  // ---- reads --------------------------------------------------------------------------------
  async function leaderboard(campaignId: string, limit = 20) {
    await getCampaign(campaignId);
    const rows = await db
      .selectFrom('referrals')
      .select(['inviter_id', sql<number>`count(*)::int`.as('invites'), sql<Date>`max(qualified_at)`.as('last_at')])
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'qualified')
      .groupBy('inviter_id')
      .orderBy('invites', 'desc')
      .orderBy('last_at', 'asc')
      .limit(limit)
      .execute();
    const names = await identity.displayNames(db, rows.map((r) => r.inviter_id));
    // userId is for the console; the public route leaves it out (see referral.routes.ts).
    return rows.map((r, i) => ({ rank: i + 1, userId: r.inviter_id, name: maskName(names.get(r.inviter_id) ?? '?'), invites: r.invites }));
  }

  async function myInvite(userId: string) {
    const code = await inviteCodeOf(userId);
    const campaign = await activeCampaign(db, clock.now());
    const invitees = await db.selectFrom('referrals').selectAll().where('inviter_id', '=', userId).orderBy('created_at', 'desc').limit(100).execute();
    const names = await identity.displayNames(db, invitees.map((i) => i.invitee_id));
    const myRewards = await db.selectFrom('referral_rewards').selectAll().where('beneficiary_id', '=', userId).orderBy('created_at', 'desc').limit(100).execute();
    const qualified = campaign ? invitees.filter((i) => i.campaign_id === campaign.id && i.status === 'qualified').length : 0;
    return {
      code,
      inviteUrl: `/invite/${code}`,
      campaign: campaign ? presentCampaign(campaign) : null,
      qualified,
      nextMilestone: campaign ? nextMilestone(campaign.milestones, qualified) : null,
      invitees: invitees.map((i) => ({ name: maskName(names.get(i.invitee_id) ?? '?'), status: i.status, invitedAt: i.created_at.toISOString(), qualifiedAt: i.qualified_at?.toISOString() ?? null })),
      rewards: myRewards.map(presentReward),
    };
  }

  async function listReferrals(filter: { campaignId?: string; status?: string; limit: number }) {
    let q = db.selectFrom('referrals').selectAll().orderBy('created_at', 'desc').limit(filter.limit);
    if (filter.campaignId) q = q.where('campaign_id', '=', filter.campaignId);
    if (filter.status) q = q.where('status', '=', filter.status as Referral['status']);
    return q.execute();
  }

  async function listRewards(filter: { status?: RewardRow['status']; limit: number }) {
    let q = db.selectFrom('referral_rewards').selectAll().orderBy('created_at', 'desc').limit(filter.limit);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.execute();
  }

  async function campaignStats(campaignId: string) {
    const rows = await db.selectFrom('referrals').select(['status', sql<number>`count(*)::int`.as('n')]).where('campaign_id', '=', campaignId).groupBy('status').execute();
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const rewardsRows = await db.selectFrom('referral_rewards').select(['status', sql<number>`count(*)::int`.as('n')]).where('campaign_id', '=', campaignId).groupBy('status').execute();
    return { referrals: { pending: by.pending ?? 0, qualified: by.qualified ?? 0, refused: by.refused ?? 0, reversed: by.reversed ?? 0 }, rewards: Object.fromEntries(rewardsRows.map((r) => [r.status, r.n])) };
  }

  return {
    inviteCodeOf,
    inviteUrlFor,
    resolveInviteTarget,
    createCampaign,
    updateCampaign,
    getCampaign,
    listCampaigns,
    setStatus,
    activeCampaign,
    onCustomerRegistered,
    onCustomerAttributed,
    onOrderPaid,
    onOrderRefunded,
    releaseReward,
    releaseNow,
    cancelHeld,
    leaderboard,
    myInvite,
    listReferrals,
    listRewards,
    campaignStats,
  };
}

export type ReferralService = ReturnType<typeof createReferralService>;
