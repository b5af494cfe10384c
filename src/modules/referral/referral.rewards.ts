// Binding, qualification and rewards: a binding when the invitee signs up with a code or through an
// invite share, qualification on the first paid order (or sign-up), double-sided and milestone
// rewards granted exactly once (unique reward keys), held for review when the campaign says so,
// and reversed when the qualifying order is fully refunded.
import { recordAudit } from '../../platform/audit.ts';
import { addMs, chinaDate, chinaDayStart } from '../../platform/clock.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { RiskService } from '../risk/index.ts';
import { milestonesLost, milestonesReached, selfReferralReason, type Reward } from './referral.rules.ts';
import * as repo from './referral.repo.ts';
import { withPoints } from './referral.variants.ts';
import type { CampaignRow, ReferralRow, RewardRow } from './referral.repo.ts';
import { referralTables, type ReferralDb, type ReferralPlatform } from './referral.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export const RELEASE_REWARD_JOB = 'referral.release-reward';

/** How rewards reach a customer: points (loyalty) and coupons (coupons), both idempotent on a ref. */
export interface RewardPort {
  grantPoints(trx: ReferralDb, x: { userId: string; amount: number; ref: string }): Promise<void>;
  reversePoints(trx: ReferralDb, x: { userId: string; ref: string }): Promise<void>;
  grantCoupon(trx: ReferralDb, x: { userId: string; templateId: string; ref: string }): Promise<void>;
  revokeCoupon(trx: ReferralDb, x: { userId: string; ref: string }): Promise<void>;
}

/** The first share (in the attribution window) that brought a sign-up: sharing's first-touch attribution. */
export type FirstTouch = (trx: ReferralDb, userId: string) => Promise<{ sharerId: string; shareId: string } | null>;

export function createReferralRewards(p: ReferralPlatform, deps: { identity: IdentityService; rewards: RewardPort; campaigns: CampaignsService; risk: RiskService; firstTouch: FirstTouch }) {
  const { db, clock } = p;
  const { identity, rewards } = deps;

  async function bind(trx: ReferralDb, x: { inviteeId: string; inviterId: string; campaignId?: string | null; source: 'code' | 'share'; shareId?: string | null }) {
    const now = clock.now();
    const campaign = x.campaignId ? await repo.findActiveCampaignById(trx, x.campaignId) : await repo.findRunningCampaign(trx, now);
    if (!campaign) return;
    const existing = await repo.findReferralIdOfInvitee(trx, x.inviteeId);
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
    const referral = await repo.insertReferral(trx, { id: newId(), campaign_id: campaign.id, inviter_id: x.inviterId, invitee_id: x.inviteeId, source: x.source, share_id: x.shareId ?? null, status: refused ? 'refused' : 'pending', refused_reason: refused, qualifying_order_id: null, created_at: now, qualified_at: null, reversed_at: null });
    if (!referral) return;
    await publishEvent(trx, now, refused ? 'referral.refused' : 'referral.bound', referral.id, { referralId: referral.id, campaignId: campaign.id, inviterId: x.inviterId, inviteeId: x.inviteeId, reason: refused });
    if (!refused && campaign.qualify_on === 'signup') await qualify(trx, referral, null);
  }

  async function qualify(trx: ReferralDb, referral: ReferralRow, orderId: string | null) {
    const now = clock.now();
    const qualified = await repo.updateReferralQualified(trx, referral.id, orderId, now);
    if (!qualified) return;
    const campaign = await repo.findCampaignOrThrow(trx, referral.campaign_id);
    // The inviter's A/B variant may set the per-invite points (in this transaction: the exposure commits with the rewards).
    const pointsOf = (r: Reward | null) => (r?.kind === 'points' ? r.points : 0);
    const { rules } = await deps.campaigns.rulesFor(campaign.id, referral.inviter_id, { inviterPoints: pointsOf(campaign.inviter_reward), inviteePoints: pointsOf(campaign.invitee_reward) }, trx);
    if (campaign.invitee_reward) await createReward(trx, campaign, { key: `ref:${referral.id}:invitee`, referralId: referral.id, beneficiaryId: referral.invitee_id, role: 'invitee', milestone: null, reward: withPoints(campaign.invitee_reward, rules.inviteePoints), counterpartId: referral.inviter_id });
    if (campaign.inviter_reward) {
      // The per-inviter daily cap: invites beyond it still count, but earn no per-invite reward.
      const rewardedToday = await repo.countInviterRewardsSince(trx, referral.inviter_id, chinaDayStart(chinaDate(now)));
      const capped = rewardedToday >= campaign.inviter_daily_cap;
      await createReward(trx, campaign, { key: `ref:${referral.id}:inviter`, referralId: referral.id, beneficiaryId: referral.inviter_id, role: 'inviter', milestone: null, reward: withPoints(campaign.inviter_reward, rules.inviterPoints), counterpartId: referral.invitee_id }, capped);
    }
    const count = await repo.countQualifiedReferrals(trx, campaign.id, referral.inviter_id);
    for (const m of milestonesReached(campaign.milestones, count)) {
      const reward = campaign.milestones.find((x) => x.count === m)!.reward;
      await createReward(trx, campaign, { key: `ms:${campaign.id}:${referral.inviter_id}:${m}`, referralId: null, beneficiaryId: referral.inviter_id, role: 'milestone', milestone: m, reward, counterpartId: referral.invitee_id });
    }
    await publishEvent(trx, now, 'referral.qualified', referral.id, { referralId: referral.id, campaignId: campaign.id, inviterId: referral.inviter_id, inviteeId: referral.invitee_id, orderId, qualifiedCount: count });
  }

  /** Insert a reward once (unique key): granted now, held for review, or capped. */
  async function createReward(
    trx: ReferralDb,
    campaign: CampaignRow,
    r: { key: string; referralId: string | null; beneficiaryId: string; role: RewardRow['role']; milestone: number | null; reward: Reward; counterpartId: string },
    capped = false,
  ) {
    const now = clock.now();
    const cost = r.reward.kind === 'points' ? r.reward.points * (await p.settings.get('loyalty.pointValueFen', trx)) : 0;
    // Risk decides before any budget is taken: a blocked reward is not recorded and costs nothing;
    // a held one waits for an operator (risk's releaser below pays it), not for the timer.
    const risk = capped ? null : await deps.risk.assess(trx, { kind: 'referral.reward', userId: r.beneficiaryId, campaignId: campaign.id, subjectRef: r.key, counterpartId: r.counterpartId, money: { amount: cost, currency: 'CNY' }, paysLater: campaign.hold_hours > 0 });
    if (risk?.verdict === 'block') return;
    const riskHold = risk?.verdict === 'hold';
    // Points are the campaign's cost at their checkout value; a coupon's cost is booked by its own
    // coupon campaign when it is redeemed. Past the budget the reward is capped, like the daily cap.
    if (!capped && r.reward.kind === 'points') {
      capped = !(await deps.campaigns.trySpend(trx, { campaignId: campaign.id, kind: 'points', amount: cost, ref: `reward:${r.key}`, userId: r.beneficiaryId, note: r.role }));
    }
    const hold = !capped && (riskHold || campaign.hold_hours > 0);
    const row = await repo.insertReward(trx, { id: newId(), key: r.key, campaign_id: campaign.id, referral_id: r.referralId, beneficiary_id: r.beneficiaryId, role: r.role, milestone: r.milestone, reward: JSON.stringify(r.reward), status: capped ? 'capped' : hold ? 'held' : 'granted', release_at: hold && !riskHold ? addMs(now, campaign.hold_hours * 3_600_000) : null, created_at: now, granted_at: hold || capped ? null : now, reversed_at: null });
    if (!row || capped) return;
    if (hold) {
      if (!riskHold) await scheduleJob(trx, { kind: RELEASE_REWARD_JOB, payload: { rewardId: row.id }, runAt: row.release_at!, dedupeKey: `referral-release:${row.id}`, now });
      await publishEvent(trx, now, 'referral.reward_held', row.id, { rewardId: row.id, beneficiaryId: row.beneficiary_id, role: row.role });
      return;
    }
    await deliver(trx, row);
  }

  async function deliver(trx: ReferralDb, row: RewardRow) {
    const reward = row.reward;
    if (reward.kind === 'points') await rewards.grantPoints(trx, { userId: row.beneficiary_id, amount: reward.points, ref: row.key });
    else await rewards.grantCoupon(trx, { userId: row.beneficiary_id, templateId: reward.templateId, ref: row.key });
    await publishEvent(trx, clock.now(), 'referral.reward_granted', row.id, { rewardId: row.id, beneficiaryId: row.beneficiary_id, role: row.role, reward });
  }

  async function takeBack(trx: ReferralDb, row: RewardRow) {
    const updated = await repo.updateRewardReversed(trx, row.id, ['granted', 'held'], clock.now());
    if (!updated) return;
    await deps.campaigns.release(trx, row.campaign_id, `reward:${row.key}`, 'reward reversed');
    if (row.status !== 'granted') return;
    if (row.reward.kind === 'points') await rewards.reversePoints(trx, { userId: row.beneficiary_id, ref: row.key });
    else await rewards.revokeCoupon(trx, { userId: row.beneficiary_id, ref: row.key });
    await publishEvent(trx, clock.now(), 'referral.reward_reversed', row.id, { rewardId: row.id, beneficiaryId: row.beneficiary_id, role: row.role });
  }

  /** The qualifying order was fully refunded: the invite no longer counts. */
  async function reverse(trx: ReferralDb, referral: ReferralRow) {
    const now = clock.now();
    const reversed = await repo.updateReferralReversed(trx, referral.id, now);
    if (!reversed) return;
    const own = await repo.findRewardsOfReferral(trx, referral.id);
    for (const r of own) await takeBack(trx, r);
    const count = await repo.countQualifiedReferrals(trx, referral.campaign_id, referral.inviter_id);
    const milestones = await repo.findLiveMilestoneRewards(trx, referral.campaign_id, referral.inviter_id);
    const lost = new Set(milestonesLost(milestones.map((m) => m.milestone!), count));
    for (const m of milestones.filter((x) => lost.has(x.milestone!))) await takeBack(trx, m);
    await publishEvent(trx, now, 'referral.reversed', referral.id, { referralId: referral.id, inviterId: referral.inviter_id, inviteeId: referral.invitee_id });
  }

  // ---- event consumers ----------------------------------------------------------------------
  async function onCustomerRegistered(handle: AnyExecutor, payload: { userId: string; inviteCode?: string | null }) {
    const trx = referralTables.of(handle);
    if (!payload.inviteCode) return;
    const owner = await repo.findInviteCodeOwner(trx, payload.inviteCode);
    if (!owner) return;
    await bind(trx, { inviteeId: payload.userId, inviterId: owner.user_id, source: 'code' });
  }

  /**
   * A sign-up attributed to a share. Through an invite link (or a campaign's own link) the invite
   * goes to that link's sharer, as always. Through any other share link (team, price-cut, product
   * ...) it counts only when the running campaign says so (count_share_links), and then for the
   * sharer of the first share the newcomer opened in the attribution window: one inviter per
   * invitee, the first binding wins, and bind() applies the self-referral checks (risk screens the
   * rewards as they are made).
   */
  async function onCustomerAttributed(handle: AnyExecutor, payload: { userId: string; sharerId: string; shareId: string; targetType: string; campaignId?: string | null }) {
    const trx = referralTables.of(handle);
    if (payload.targetType === 'invite' || payload.targetType === 'campaign') {
      const campaignId = payload.targetType === 'campaign' ? payload.campaignId ?? null : null;
      await bind(trx, { inviteeId: payload.userId, inviterId: payload.sharerId, campaignId, source: 'share', shareId: payload.shareId });
      return;
    }
    const running = await repo.findRunningCampaign(trx, clock.now());
    if (!running?.count_share_links) return;
    const first = (await deps.firstTouch(trx, payload.userId)) ?? { sharerId: payload.sharerId, shareId: payload.shareId };
    await bind(trx, { inviteeId: payload.userId, inviterId: first.sharerId, campaignId: running.id, source: 'share', shareId: first.shareId });
  }

  async function onOrderPaid(handle: AnyExecutor, payload: { orderId: string; userId: string }) {
    const trx = referralTables.of(handle);
    const referral = await repo.lockPendingReferralOfInvitee(trx, payload.userId);
    if (!referral) return;
    const campaign = await repo.findCampaignQualifyOn(trx, referral.campaign_id);
    if (campaign.qualify_on !== 'first_paid_order') return;
    await qualify(trx, referral, payload.orderId);
  }

  async function onOrderRefunded(handle: AnyExecutor, payload: { orderId: string; full: boolean }) {
    const trx = referralTables.of(handle);
    if (!payload.full) return;
    const referral = await repo.lockQualifiedReferralByOrder(trx, payload.orderId);
    if (referral) await reverse(trx, referral);
  }

  // ---- holds ---------------------------------------------------------------------------------
  /** Job (and operator action): a held reward whose review period is over is granted. */
  async function releaseReward(rewardId: string) {
    await db.transaction().execute(async (trx) => {
      // Evidence found since (a ring) may have put the reward under risk review: then risk pays it.
      const held = await repo.findReward(trx, rewardId);
      if (!held || !(await deps.risk.mayPay(trx, 'referral.reward', held.key))) return;
      const row = await repo.updateRewardGranted(trx, rewardId, clock.now());
      if (row) await deliver(trx, row);
    });
  }

  async function releaseNow(actorId: string, rewardId: string) {
    const row = await repo.findReward(db, rewardId);
    if (!row) throw notFound('REFERRAL_REWARD_NOT_FOUND', 'No such reward', { id: rewardId });
    if (row.status !== 'held') throw conflict('REFERRAL_REWARD_NOT_HELD', `This reward is ${row.status}, not held`);
    await releaseReward(rewardId);
    await recordAudit(db, clock.now(), { actorId, action: 'referral.reward_released', subjectType: 'referral_reward', subjectId: rewardId });
    return repo.findRewardOrThrow(db, rewardId);
  }

  async function cancelHeld(actorId: string, rewardId: string, note: string) {
    return db.transaction().execute(async (trx) => {
      const row = await repo.updateRewardReversed(trx, rewardId, ['held'], clock.now());
      if (!row) throw conflict('REFERRAL_REWARD_NOT_HELD', 'Only a held reward can be cancelled');
      await recordAudit(trx, clock.now(), { actorId, action: 'referral.reward_cancelled', subjectType: 'referral_reward', subjectId: rewardId, details: { note } });
      return row;
    });
  }

  // ---- risk review: an operator released or cancelled a reward risk held ---------------------
  async function releaseHeldByRisk(handle: AnyExecutor, key: string) {
    const trx = referralTables.of(handle);
    const held = await repo.findRewardByKey(trx, key);
    const row = held && (await repo.updateRewardGranted(trx, held.id, clock.now()));
    if (row) await deliver(trx, row);
  }

  async function cancelHeldByRisk(handle: AnyExecutor, key: string) {
    const trx = referralTables.of(handle);
    const held = await repo.findRewardByKey(trx, key);
    const row = held && (await repo.updateRewardReversed(trx, held.id, ['held'], clock.now()));
    if (row) await deps.campaigns.release(trx, row.campaign_id, `reward:${row.key}`, 'reward cancelled on review');
  }

  return { releaseHeldByRisk, cancelHeldByRisk, onCustomerRegistered, onCustomerAttributed, onOrderPaid, onOrderRefunded, releaseReward, releaseNow, cancelHeld };
}
