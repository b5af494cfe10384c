// Referral campaigns (invite friends): invite codes, operator campaign CRUD and the reads; binding,
// qualification and rewards live in referral.rewards.ts and are composed in here.
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { IdentityService } from '../identity/index.ts';
import { maskName } from '../../platform/mask.ts';
import { DEFAULT_MILESTONES, inviteCodeFrom, nextMilestone, type Reward } from './referral.rules.ts';
import * as repo from './referral.repo.ts';
import type { CampaignRow, ReferralRow, RewardRow } from './referral.repo.ts';
import { createReferralRewards, type FirstTouch, type RewardPort } from './referral.rewards.ts';
import type { Money } from '../../platform/money.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { RiskService } from '../risk/index.ts';
import type { ReferralDb, ReferralPlatform } from './referral.table.ts';

export { RELEASE_REWARD_JOB } from './referral.rewards.ts';

interface CampaignInput {
  name: string;
  description?: string;
  qualifyOn?: 'first_paid_order' | 'signup';
  inviterReward: Reward | null;
  inviteeReward: Reward | null;
  milestones?: { count: number; reward: Reward }[];
  holdHours?: number;
  inviterDailyCap?: number;
  countShareLinks?: boolean;
  startsAt?: string | null;
  endsAt?: string | null;
}

export function presentCampaign(c: CampaignRow) {
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
    countShareLinks: c.count_share_links,
    startsAt: c.starts_at?.toISOString() ?? null,
    endsAt: c.ends_at?.toISOString() ?? null,
    createdAt: c.created_at.toISOString(),
  };
}

export function presentReward(r: RewardRow) {
  return { id: r.id, role: r.role, milestone: r.milestone, reward: r.reward, status: r.status, releaseAt: r.release_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(), grantedAt: r.granted_at?.toISOString() ?? null, beneficiaryId: r.beneficiary_id, referralId: r.referral_id };
}

/** A coupon template's terms as a stranger may read them (coupons, through the module's wiring). */
export interface CouponTerms {
  name: string;
  nameEn: string | null;
  kind: string;
  amount: Money | null;
  percentBp: number | null;
  maxDiscount: Money | null;
  minSpend: Money;
  validDaysAfterClaim: number | null;
  validUntil: string | null;
}

export function createReferralService(p: ReferralPlatform, deps: { identity: IdentityService; rewards: RewardPort; campaigns: CampaignsService; risk: RiskService; describeCoupon(templateId: string): Promise<CouponTerms | null>; firstTouch: FirstTouch }) {
  const { db, clock } = p;
  const { identity } = deps;

  // ---- invite codes -------------------------------------------------------------------------
  async function inviteCodeOf(userId: string): Promise<string> {
    const existing = await repo.findInviteCodeOf(db, userId);
    if (existing) return existing.code;
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await repo.insertInviteCode(db, userId, inviteCodeFrom(randomBytes(8)), clock.now());
      if (row) return row.code;
      const mine = await repo.findInviteCodeOf(db, userId);
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
  async function resolveInviteTarget(_executor: ReferralDb, id: string) {
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
  async function campaignColumns(trx: ReferralDb, input: CampaignInput) {
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
      count_share_links: input.countShareLinks ?? true,
      starts_at: input.startsAt ? new Date(input.startsAt) : null,
      ends_at: input.endsAt ? new Date(input.endsAt) : null,
    };
  }

  async function createCampaign(actorId: string | null, input: CampaignInput) {
    checkCampaign(input);
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const c = await repo.insertCampaign(trx, { id: newId(), ...(await campaignColumns(trx, input)), status: 'draft', created_at: now, updated_at: now });
      await deps.campaigns.enrol(trx, { id: c.id, mechanic: 'referral', name: c.name, startsAt: c.starts_at, endsAt: c.ends_at, actorId });
      await recordAudit(trx, now, { actorId, action: 'referral.campaign_created', subjectType: 'referral_campaign', subjectId: c.id, details: { name: c.name } });
      return c;
    });
  }

  /** Replace a draft's rules (same checks as creating it); once started the published rules are locked. */
  async function updateCampaign(actorId: string | null, id: string, input: CampaignInput) {
    checkCampaign(input);
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      if (!(await repo.findCampaign(trx, id))) throw notFound('REFERRAL_CAMPAIGN_NOT_FOUND', 'No such referral campaign', { id });
      await deps.campaigns.assertRulesEditable(trx, id);
      const c = await repo.updateCampaign(trx, id, { ...(await campaignColumns(trx, input)), updated_at: now });
      await deps.campaigns.revise(trx, id, { name: c.name, startsAt: c.starts_at, endsAt: c.ends_at });
      await recordAudit(trx, now, { actorId, action: 'referral.campaign_updated', subjectType: 'referral_campaign', subjectId: c.id, details: { name: c.name } });
      return c;
    });
  }

  async function getCampaign(id: string) {
    const c = await repo.findCampaign(db, id);
    if (!c) throw notFound('REFERRAL_CAMPAIGN_NOT_FOUND', 'No such referral campaign', { id });
    return c;
  }

  async function listCampaigns() {
    return repo.findCampaigns(db);
  }

  /**
   * Start or stop a campaign through the campaign kernel (referral.mechanic.ts mirrors it). Only one
   * referral campaign runs at a time, so starting one ends the others, in the same transaction.
   */
  async function setStatus(actorId: string | null, id: string, status: 'active' | 'ended') {
    await getCampaign(id);
    await db.transaction().execute(async (trx) => {
      if (status === 'active') {
        for (const other of await repo.findOtherOpenCampaigns(trx, id)) await deps.campaigns.actIn(trx, actorId, other.id, 'end');
      }
      await deps.campaigns.actIn(trx, actorId, id, status === 'active' ? 'start' : 'end');
    });
    return getCampaign(id);
  }

  async function activeCampaign(executor: ReferralDb, at: Date) {
    return repo.findRunningCampaign(executor, at);
  }

  // ---- public landing facts ------------------------------------------------------------------
  /** What a new customer gets from the running campaign (the invitee reward, with a coupon's terms), or null. */
  async function newCustomerOffer() {
    const campaign = await activeCampaign(db, clock.now());
    if (!campaign) return null;
    const r = campaign.invitee_reward;
    const reward = !r ? null : r.kind === 'points' ? { kind: 'points' as const, points: r.points, coupon: null } : { kind: 'coupon' as const, points: null, coupon: await deps.describeCoupon(r.templateId) };
    return {
      campaignId: campaign.id,
      qualifyOn: campaign.qualify_on,
      countShareLinks: campaign.count_share_links,
      // A coupon template that is gone promises nothing: no offer rather than an empty one.
      reward: reward && (reward.kind === 'points' || reward.coupon) ? reward : null,
    };
  }

  /**
   * The invite landing by code: the inviter as a masked name and initial, the offer. Old links
   * carried the inviter's account id: those still resolve, and answer with the code to move to.
   */
  async function inviteLanding(codeOrId: string) {
    const owner = isUuid(codeOrId) ? { user_id: codeOrId } : await repo.findInviteCodeOwner(db, codeOrId.toUpperCase());
    const user = owner ? await identity.getUser(owner.user_id).catch((err) => (err instanceof DomainError ? null : Promise.reject(err))) : null;
    if (!user) throw notFound('REFERRAL_INVITE_NOT_FOUND', 'No such invite', { code: codeOrId });
    const name = user.display_name || '?';
    return { code: await inviteCodeOf(user.id), inviter: { name: maskName(name), initial: [...name][0] }, offer: await newCustomerOffer() };
  }

  // ---- reads --------------------------------------------------------------------------------
  async function leaderboard(campaignId: string, limit = 20) {
    await getCampaign(campaignId);
    const rows = await repo.countQualifiedByInviter(db, campaignId, limit);
    const names = await identity.displayNames(db, rows.map((r) => r.inviter_id));
    // userId is for the console; the public route leaves it out (see referral.routes.ts).
    return rows.map((r, i) => ({ rank: i + 1, userId: r.inviter_id, name: maskName(names.get(r.inviter_id) ?? '?'), invites: r.invites }));
  }

  async function myInvite(userId: string) {
    const code = await inviteCodeOf(userId);
    const campaign = await activeCampaign(db, clock.now());
    const invitees = await repo.findReferralsOfInviter(db, userId, 100);
    const names = await identity.displayNames(db, invitees.map((i) => i.invitee_id));
    const myRewards = await repo.findRewardsOfBeneficiary(db, userId, 100);
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
    return repo.findReferrals(db, { campaignId: filter.campaignId, status: filter.status as ReferralRow['status'] | undefined, limit: filter.limit });
  }

  async function listRewards(filter: { status?: RewardRow['status']; limit: number }) {
    return repo.findRewards(db, filter);
  }

  async function campaignStats(campaignId: string) {
    const rows = await repo.countReferralsByStatus(db, campaignId);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const rewardsRows = await repo.countRewardsByStatus(db, campaignId);
    return { referrals: { pending: by.pending ?? 0, qualified: by.qualified ?? 0, refused: by.refused ?? 0, reversed: by.reversed ?? 0 }, rewards: Object.fromEntries(rewardsRows.map((r) => [r.status, r.n])) };
  }

  const rewards = createReferralRewards(p, deps);

  return {
    inviteCodeOf,
    inviteUrlFor,
    newCustomerOffer,
    inviteLanding,
    resolveInviteTarget,
    createCampaign,
    updateCampaign,
    getCampaign,
    listCampaigns,
    setStatus,
    activeCampaign,
    onCustomerRegistered: rewards.onCustomerRegistered,
    onCustomerAttributed: rewards.onCustomerAttributed,
    onOrderPaid: rewards.onOrderPaid,
    onOrderRefunded: rewards.onOrderRefunded,
    releaseReward: rewards.releaseReward,
    releaseNow: rewards.releaseNow,
    cancelHeld: rewards.cancelHeld,
    releaseHeldByRisk: rewards.releaseHeldByRisk,
    cancelHeldByRisk: rewards.cancelHeldByRisk,
    leaderboard,
    myInvite,
    listReferrals,
    listRewards,
    campaignStats,
  };
}

export type ReferralService = ReturnType<typeof createReferralService>;
