// Compliance use cases: the price history of charged prices and the lawful reference price, the
// operator's declaration per campaign, channel policies as data, and the checks the campaign
// kernel runs before launch (its `preLaunch` and `channelPolicy` hooks) and sharing runs per share.
import { findAuditEntries, recordAudit, type AuditFilter } from '../../platform/audit.ts';
import { invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import { SETTING_CHANGED } from '../../platform/settings.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { viewOf, type CampaignsService, type CampaignView, type Finding } from '../campaigns/index.ts';
import type { OrdersService } from '../orders/index.ts';
import { checkChannel, policyProblem, shareVerdict, SHARING_CHANNELS, type ChannelPolicy, type PolicyRule, type SharingFacts } from './compliance.channels.ts';
import * as repo from './compliance.repo.ts';
import { displayedReference, preLaunchRules, REFERENCE_DAYS, severityOf, type CampaignFacts, type Market, type RuleResult } from './compliance.rules.ts';
import { complianceTables, type CompliancePlatform } from './compliance.table.ts';

export interface ComplianceDeps {
  campaigns: Pick<CampaignsService, 'hooks' | 'find' | 'get' | 'assertRulesEditable'>;
  orders: Pick<OrdersService, 'getOrderLines' | 'getOrderRecord'>;
  /** The kernel campaign a share target (a draw, a price-cut) belongs to; null when none. */
  campaignOfTarget?: (type: string, id: string) => Promise<string | null>;
}

/** A price shown with a struck-through reference beside it: the SKU it is for, the reference it would show and the price. */
export interface ReferenceClaim {
  skuId: string;
  listAmount: number | null;
  priceAmount: number;
}

/** The operator's declaration of what a campaign does, as the console sends it. */
export interface ProfileInput {
  channels: string[];
  rewardsSharing: boolean;
  shareForChances: boolean;
  helpPrompts: boolean;
  lottery: boolean;
  rewardsFollowing: boolean;
  rulesText: string;
  rulesPublished: boolean;
  virtualMembers: number;
  virtualMembersDisclosed: boolean;
  maxPrizeAmount: number | null;
  commissionDepth: number;
  promoterEntryFeeAmount: number;
  referencePrices: { skuId: string; amount: number }[];
}

export const MAX_REFERENCE_SKUS = 100;

const profileInvalid = (message: string, field: string) => invalid('COMPLIANCE_PROFILE_INVALID', message, { field });

/** What a mechanic implies whatever the declaration says: a price-cut asks friends to help, a lucky draw draws. */
const impliedByMechanic = (mechanic: string) => ({ helpPrompts: mechanic === 'bargain', lottery: mechanic === 'lottery' });

export function presentProfile(campaignId: string, p: repo.ProfileRow | undefined, mechanic: string) {
  const implied = impliedByMechanic(mechanic);
  return {
    campaignId,
    declared: !!p,
    channels: p?.channels ?? [],
    rewardsSharing: p?.rewards_sharing ?? false,
    shareForChances: p?.share_for_chances ?? false,
    helpPrompts: (p?.help_prompts ?? false) || implied.helpPrompts,
    lottery: (p?.lottery ?? false) || implied.lottery,
    rewardsFollowing: p?.rewards_following ?? false,
    rulesText: p?.rules_text ?? '',
    rulesPublishedAt: p?.rules_published_at ? p.rules_published_at.toISOString() : null,
    virtualMembers: p?.virtual_members ?? 0,
    virtualMembersDisclosed: p?.virtual_members_disclosed ?? false,
    maxPrizeAmount: p?.max_prize_amount ?? null,
    commissionDepth: p?.commission_depth ?? 0,
    promoterEntryFeeAmount: p?.promoter_entry_fee_amount ?? 0,
    referencePrices: p?.reference_prices ?? [],
  };
}
export type Profile = ReturnType<typeof presentProfile>;

const sharingFacts = (p: Profile): SharingFacts => ({
  rewardsSharing: p.rewardsSharing,
  shareForChances: p.shareForChances,
  helpPrompts: p.helpPrompts,
  lottery: p.lottery,
  rewardsFollowing: p.rewardsFollowing,
  rulesText: p.rulesText,
});

const toFinding = (r: RuleResult): Finding => ({ check: `compliance.${r.rule}`, severity: severityOf(r.outcome), message: r.message, details: { outcome: r.outcome, source: r.source, ...(r.details ?? {}) } });

/** Published with a SKU id when a price was charged for it: its lawful reference may have moved. */
const REFERENCE_CHANGED = 'compliance.reference';

export function createComplianceService(p: CompliancePlatform, deps: ComplianceDeps) {
  const { db, clock } = p;

  /** On `order.paid`: every line's unit price joins its SKU's price history (once per line). */
  async function recordChargedPrices(handle: AnyExecutor, orderId: string) {
    const order = await deps.orders.getOrderRecord(handle, orderId);
    const lines = await deps.orders.getOrderLines(handle, orderId);
    const at = order.paid_at ?? clock.now();
    const recorded = await repo.insertChargedPrices(complianceTables.of(handle), lines.map((l) => ({ line_id: l.id, order_id: orderId, sku_id: l.sku_id, currency: order.currency, unit_amount: l.unit_amount, charged_at: at })));
    for (const l of lines) await p.invalidation.publish(REFERENCE_CHANGED, l.sku_id);
    return recorded;
  }

  // What product pages show, per SKU, kept for FISSION_CACHE_MS: a page view must not cost two
  // reads. A new charged price drops its SKU in every process (published from the consumer's
  // transaction, so a read racing its commit can keep the old cap for at most that long), and a
  // change of market or window drops them all.
  const shown = new ReadCache<number | null>({ ttlMs: p.config.caches.maxAgeMs, max: 20_000 });
  shown.follow(p.invalidation, REFERENCE_CHANGED);
  shown.follow(p.invalidation, SETTING_CHANGED, (key, cache) => key.startsWith('compliance.') && cache.clear());

  /** lawfulReference for shopper pages, from the cache. */
  async function shownReference(skuIds: readonly string[]): Promise<Map<string, number | null>> {
    const ids = [...new Set(skuIds)].filter(isUuid);
    const values = await Promise.all(ids.map((id) => shown.getOrLoad(id, async () => (await lawfulReference([id])).get(id) ?? null)));
    return new Map(ids.map((id, i) => [id, values[i]]));
  }

  /**
   * The reference ("original") price each campaign page or poster may show beside its price: the
   * one it would show, capped by the SKU's lawful reference, null when that is not above the price
   * (then no discount is claimed). Mechanics reach this through their routes and sharing's poster
   * hook, since they come before compliance in the module list.
   */
  async function capReferences(items: readonly ReferenceClaim[]): Promise<(number | null)[]> {
    const lawful = await shownReference(items.map((i) => i.skuId));
    return items.map((i) => displayedReference(i.listAmount, i.priceAmount, lawful.get(i.skuId) ?? null));
  }

  async function referenceWindow(handle: AnyExecutor = db): Promise<{ market: Market; days: number }> {
    const market = await p.settings.get('compliance.market', handle);
    const days = await p.settings.get('compliance.referenceDays', handle);
    return { market, days: days > 0 ? days : REFERENCE_DAYS[market] };
  }

  /**
   * The highest reference price each SKU may show now: the lowest unit price charged in the window,
   * else its last charged price before it; null for a SKU never sold. Two indexed reads.
   */
  async function lawfulReference(skuIds: readonly string[], handle: AnyExecutor = db): Promise<Map<string, number | null>> {
    const ids = [...new Set(skuIds)].filter(isUuid);
    const out = new Map<string, number | null>(ids.map((id) => [id, null]));
    if (!ids.length) return out;
    const trx = complianceTables.of(handle);
    const now = clock.now();
    const { days } = await referenceWindow(handle);
    const since = new Date(now.getTime() - days * 86_400_000);
    for (const r of await repo.findLowestCharged(trx, ids, since, now)) out.set(r.sku_id, Number(r.amount));
    const unsold = ids.filter((id) => out.get(id) === null);
    for (const r of await repo.findLastChargedBefore(trx, unsold, since)) out.set(r.sku_id, Number(r.amount));
    return out;
  }

  const priceHistory = async (skuId: string, limit: number) => {
    if (!isUuid(skuId)) throw invalid('COMPLIANCE_SKUS_INVALID', 'skuId must be a UUID', { field: 'skuId' });
    return repo.findChargedOfSku(db, skuId, limit);
  };

  async function profileOf(handle: AnyExecutor, campaign: { id: string; mechanic: string }) {
    return presentProfile(campaign.id, await repo.findProfile(complianceTables.of(handle), campaign.id), campaign.mechanic);
  }

  async function getProfile(campaignId: string) {
    const c = await deps.campaigns.get(campaignId);
    return profileOf(db, c);
  }

  function validateProfile(input: ProfileInput) {
    const unknownChannel = input.channels.find((c) => !(SHARING_CHANNELS as readonly string[]).includes(c));
    if (unknownChannel) throw profileInvalid(`Unknown channel ${unknownChannel}`, 'channels');
    if (new Set(input.channels).size !== input.channels.length) throw profileInvalid('A channel is listed twice', 'channels');
    if (input.rulesPublished && !input.rulesText.trim()) throw profileInvalid('Rules cannot be published without their text', 'rulesText');
    const skus = input.referencePrices.map((r) => r.skuId);
    if (skus.some((s) => !isUuid(s))) throw profileInvalid('Each reference price names a SKU id', 'referencePrices');
    if (new Set(skus).size !== skus.length) throw profileInvalid('A SKU has two reference prices', 'referencePrices');
  }

  /** Save the declaration: only while the campaign is a draft (the kernel's rule lock), audited. */
  async function saveProfile(actorId: string | null, campaignId: string, input: ProfileInput) {
    validateProfile(input);
    return db.transaction().execute(async (trx) => {
      const c = await deps.campaigns.assertRulesEditable(trx, campaignId, ['compliance']);
      const before = await repo.findProfile(trx, campaignId);
      const now = clock.now();
      // Publishing stamps the time once; changing the text publishes it again.
      const keepStamp = input.rulesPublished && before?.rules_published_at && before.rules_text === input.rulesText;
      const row = await repo.upsertProfile(trx, {
        campaign_id: campaignId,
        channels: JSON.stringify(input.channels),
        rewards_sharing: input.rewardsSharing,
        share_for_chances: input.shareForChances,
        help_prompts: input.helpPrompts,
        lottery: input.lottery,
        rewards_following: input.rewardsFollowing,
        rules_text: input.rulesText,
        rules_published_at: input.rulesPublished ? (keepStamp ? before!.rules_published_at : now) : null,
        virtual_members: input.virtualMembers,
        virtual_members_disclosed: input.virtualMembersDisclosed,
        max_prize_amount: input.maxPrizeAmount,
        commission_depth: input.commissionDepth,
        promoter_entry_fee_amount: input.promoterEntryFeeAmount,
        reference_prices: JSON.stringify(input.referencePrices),
        updated_by: actorId,
        updated_at: now,
      });
      await recordAudit(trx, now, { actorId, action: 'compliance.profile_saved', subjectType: `${c.mechanic}_campaign`, subjectId: campaignId, details: { channels: input.channels, rulesPublished: input.rulesPublished } });
      return presentProfile(campaignId, row, c.mechanic);
    });
  }

  async function policies(handle: AnyExecutor = db): Promise<ChannelPolicy[]> {
    return (await repo.findPolicies(complianceTables.of(handle))).map((r) => ({ channel: r.channel, name: r.name, rules: r.rules }));
  }

  async function updatePolicy(actorId: string | null, channel: string, rules: PolicyRule[]) {
    const problem = policyProblem(rules);
    if (problem) throw invalid('COMPLIANCE_POLICY_INVALID', `The policy is not valid: ${problem}`, { field: 'rules' });
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      const before = await repo.findPolicy(trx, channel);
      if (!before) throw notFound('COMPLIANCE_CHANNEL_UNKNOWN', `No policy for channel ${channel}`, { channel });
      const row = (await repo.updatePolicy(trx, channel, { rules: JSON.stringify(rules), updated_by: actorId, updated_at: now }))!;
      await recordAudit(trx, now, { actorId, action: 'compliance.policy_updated', subjectType: 'channel_policy', subjectId: channel, details: { from: before.rules, to: rules } });
      return { channel: row.channel, name: row.name, rules: row.rules };
    });
  }

  async function campaignFacts(handle: AnyExecutor, c: CampaignView, profile: Profile): Promise<CampaignFacts> {
    const window = await referenceWindow(handle);
    const lawful = await lawfulReference(profile.referencePrices.map((r) => r.skuId), handle);
    return {
      mechanic: c.mechanic,
      declared: profile.declared,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      budgetAmount: c.budgetAmount,
      maxPrizeAmount: profile.maxPrizeAmount,
      prizeCapAmount: await p.settings.get('lottery.maxPrizeValueAmount', handle),
      rulesText: profile.rulesText,
      rulesPublishedAt: profile.rulesPublishedAt ? new Date(profile.rulesPublishedAt) : null,
      virtualMembers: profile.virtualMembers,
      virtualMembersDisclosed: profile.virtualMembersDisclosed,
      commissionDepth: profile.commissionDepth,
      promoterEntryFeeAmount: profile.promoterEntryFeeAmount,
      references: profile.referencePrices.map((r) => ({ skuId: r.skuId, shownAmount: r.amount, lawfulAmount: lawful.get(r.skuId) ?? null })),
      market: window.market,
      referenceDays: window.days,
    };
  }

  /** The kernel's `preLaunch` hook: every rule but the channels', with its source. */
  async function preLaunch(handle: AnyExecutor, c: CampaignView, now: Date): Promise<Finding[]> {
    const profile = await profileOf(handle, c);
    return preLaunchRules(await campaignFacts(handle, c, profile), now).map(toFinding);
  }

  /** The kernel's `channelPolicy` hook: each declared channel's policy against what the campaign does. */
  async function channelPolicy(handle: AnyExecutor, c: CampaignView): Promise<Finding[]> {
    const profile = await profileOf(handle, c);
    if (!profile.channels.length) return [];
    const byChannel = new Map((await policies(handle)).map((x) => [x.channel, x]));
    return profile.channels.flatMap((ch) => {
      const policy = byChannel.get(ch);
      return policy ? checkChannel(policy, sharingFacts(profile)).map(toFinding) : [];
    });
  }

  /**
   * Before a share is created: refuse a channel whose policy the campaign breaks. A product shared
   * with the campaign attached becomes a plain product link instead (no campaign, no reward wording).
   */
  async function checkShare(handle: AnyExecutor, share: { campaignId: string | null; channel: string; targetType: string; targetId: string }): Promise<{ campaignId: string | null; downgraded: boolean }> {
    // A draw or a price-cut shared on its own still belongs to its campaign.
    const subject = share.campaignId ?? (await deps.campaignOfTarget?.(share.targetType, share.targetId)) ?? null;
    // Campaign ids are free text to sharing (a tag like 'summer-618'); only a kernel campaign has a policy to keep.
    const c = subject && isUuid(subject) ? await deps.campaigns.find(handle, subject) : undefined;
    if (!c) return { campaignId: share.campaignId, downgraded: false };
    const profile = await profileOf(handle, c);
    const policy = (await policies(handle)).find((x) => x.channel === share.channel);
    // A campaign without a declaration is judged on what its mechanic implies; its rules text is unknown here.
    const verdict = shareVerdict(policy, { ...sharingFacts(profile), rulesText: profile.declared ? profile.rulesText : null });
    if (verdict.allowed) return { campaignId: share.campaignId, downgraded: false };
    if (share.targetType === 'product') return { campaignId: null, downgraded: true };
    throw unprocessable('COMPLIANCE_CHANNEL_REFUSED', verdict.broken.map((b) => b.message).join('; '), {
      channel: share.channel,
      campaignId: share.campaignId,
      broken: verdict.broken.map((b) => ({ rule: b.rule, source: b.source })),
    });
  }

  /** The full check as the console's compliance panel shows it (the kernel's launch review shows the same findings). */
  async function check(campaignId: string) {
    const c = await deps.campaigns.get(campaignId);
    const view = viewOf(c);
    const now = clock.now();
    return [...(await preLaunch(db, view, now)), ...(await channelPolicy(db, view))];
  }

  /** The audit trail for the console's viewer (the platform's table, read through its helper). */
  const auditLog = (f: AuditFilter) => findAuditEntries(db, f);

  deps.campaigns.hooks.register('preLaunch', 'compliance', preLaunch);
  deps.campaigns.hooks.register('channelPolicy', 'compliance', channelPolicy);

  return { recordChargedPrices, referenceWindow, lawfulReference, shownReference, capReferences, priceHistory, getProfile, saveProfile, policies, updatePolicy, preLaunch, channelPolicy, checkShare, check, auditLog };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
