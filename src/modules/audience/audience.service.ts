// Audience: customer profiles (RFM, acquisition, share propensity, tags, BG/NBD value and churn),
// segments over them (live count and sample, saved segments, a campaign's audience through the
// kernel's hook) and targeted dispatch with the shopper's message centre (audience.dispatch.ts).
import { recordAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { money } from '../../platform/money.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { AudienceDecision, CampaignView } from '../campaigns/index.ts';
import { createDispatch, type DispatchPorts } from './audience.dispatch.ts';
import { createProfileRecompute, type ModelReport, type ProfileSources } from './audience.profiles.ts';
import * as repo from './audience.repo.ts';
import type { SegmentRule } from './audience.segments.ts';
import { audienceTables, type AudiencePlatform } from './audience.table.ts';

export const RECOMPUTE_JOB = 'audience.recompute-profiles';

export interface AudienceDeps extends DispatchPorts {
  sources: ProfileSources;
  displayNames(userIds: string[]): Promise<Map<string, string>>;
  /** campaigns.get: throws its not-found when the campaign does not exist. */
  campaignExists(id: string): Promise<boolean>;
}

type ProfileRow = NonNullable<Awaited<ReturnType<typeof repo.findProfile>>>;

function presentProfile(r: ProfileRow, name: string | null) {
  return {
    userId: r.user_id,
    displayName: name,
    signedUpAt: r.signed_up_at.toISOString(),
    firstOrderAt: r.first_order_at?.toISOString() ?? null,
    lastOrderAt: r.last_order_at?.toISOString() ?? null,
    lastActiveAt: r.last_active_at.toISOString(),
    recencyDays: r.recency_days,
    frequency: r.frequency,
    monetary: money(r.monetary_amount, r.currency),
    rfm: { r: r.r_score, f: r.f_score, m: r.m_score },
    pAlive: r.p_alive,
    churnRisk: r.churn_risk,
    expectedOrders: r.expected_orders,
    predictedValue: r.predicted_value_amount === null ? null : money(r.predicted_value_amount, r.currency),
    channel: r.channel,
    campaignId: r.campaign_id,
    shares: r.shares,
    shareSignups: r.share_signups,
    daysSinceActive: r.days_since_active,
    tags: r.tags,
    ruleTags: r.rule_tags,
    computedAt: r.computed_at.toISOString(),
  };
}

const SEGMENT_LINK_CHANGED = 'audience.campaign-segment';

export function createAudienceService(p: AudiencePlatform, deps: AudienceDeps) {
  const { db, clock } = p;
  const profiles = createProfileRecompute(p, deps.sources);
  const dispatch = createDispatch(p, deps);

  // ---- profiles ----

  /** Books the next nightly run (03:00 China time); one row per night however many processes book it. */
  async function scheduleNightly() {
    const now = clock.now();
    const DAY = 86_400_000;
    const offset = 19 * 3_600_000; // 03:00 in China is 19:00 UTC the day before
    const next = Math.floor((now.getTime() - offset) / DAY) * DAY + DAY + offset;
    await scheduleJob(db, { kind: RECOMPUTE_JOB, payload: {}, runAt: new Date(next), dedupeKey: `${RECOMPUTE_JOB}:${next}`, maxAttempts: 3, now });
  }

  /** Books a recompute to run as soon as a worker is free (the demo's first start), without waiting for it. */
  async function recomputeSoon() {
    const now = clock.now();
    await scheduleJob(db, { kind: RECOMPUTE_JOB, payload: {}, runAt: now, dedupeKey: `${RECOMPUTE_JOB}:soon:${now.getTime()}`, maxAttempts: 3, now });
  }

  /** The nightly job: recompute, then book tomorrow's run even when this one failed. */
  async function runNightly() {
    try {
      await profiles.recompute();
    } finally {
      await scheduleNightly();
    }
  }

  async function recomputeNow(actorId: string | null) {
    const report = await profiles.recompute();
    await recordAudit(db, clock.now(), { actorId, action: 'audience.profiles_recomputed', subjectType: 'audience_profiles', subjectId: 'all', details: { customers: report.customers } });
    await scheduleNightly();
    return report;
  }

  async function modelFit(): Promise<ModelReport | null> {
    const row = await repo.latestFit(db);
    return row ? (row.report as unknown as ModelReport) : null;
  }

  async function withNames(rows: ProfileRow[]) {
    const names = await deps.displayNames(rows.map((r) => r.user_id));
    return rows.map((r) => presentProfile(r, names.get(r.user_id) ?? null));
  }

  async function listProfiles(q: { sort: repo.ProfileSort; rule?: SegmentRule; cursor?: string; limit: number }) {
    const offset = decodeCursor<{ offset: number }>(q.cursor)?.offset ?? 0;
    const rows = await repo.listProfiles(db, { sort: q.sort, rule: q.rule, offset, limit: q.limit });
    const page = rows.slice(0, q.limit);
    return { items: await withNames(page), nextCursor: rows.length > q.limit ? encodeCursor({ offset: offset + q.limit }) : null };
  }

  async function getProfile(userId: string) {
    const row = isUuid(userId) ? await repo.findProfile(db, userId) : undefined;
    if (!row) throw notFound('AUDIENCE_CUSTOMER_NOT_FOUND', 'No profile for this customer (profiles are recomputed nightly)', { userId });
    return (await withNames([row]))[0];
  }

  /** The operator's own tags on a customer: replaced as a set, kept across recomputes. */
  async function setTags(actorId: string, userId: string, tags: string[]) {
    const row = isUuid(userId) ? await repo.findProfile(db, userId) : undefined;
    if (!row) throw notFound('AUDIENCE_CUSTOMER_NOT_FOUND', 'No profile for this customer', { userId });
    const unique = [...new Set(tags)].sort();
    await db.transaction().execute(async (trx) => {
      await repo.replaceOperatorTags(trx, userId, unique, actorId, clock.now());
      await repo.setProfileTags(trx, userId, [...new Set([...(row.rule_tags as string[]), ...unique])]);
      await recordAudit(trx, clock.now(), { actorId, action: 'audience.tags_set', subjectType: 'customer', subjectId: userId, details: { tags: unique } });
    });
    return getProfile(userId);
  }

  // ---- segments ----

  async function preview(rule: SegmentRule, sampleSize: number) {
    const [count, total, sample] = await Promise.all([repo.countMatching(db, rule), repo.countProfiles(db), repo.listProfiles(db, { sort: 'predicted_value', rule, offset: 0, limit: sampleSize })]);
    return { count, total, sample: await withNames(sample.slice(0, sampleSize)) };
  }

  const presentSegment = (s: NonNullable<Awaited<ReturnType<typeof repo.findSegment>>>, count: number) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    rule: s.rule,
    count,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  });

  async function segmentOrThrow(id: string) {
    const s = isUuid(id) ? await repo.findSegment(db, id) : undefined;
    if (!s) throw notFound('AUDIENCE_SEGMENT_NOT_FOUND', 'No such segment', { segmentId: id });
    return s;
  }

  async function createSegment(actorId: string | null, input: { name: string; description: string; rule: SegmentRule }) {
    const now = clock.now();
    const row = await repo.insertSegment(db, { id: newId(), name: input.name.trim(), description: input.description, rule: JSON.stringify(input.rule), created_by: actorId, created_at: now, updated_at: now, deleted_at: null });
    return presentSegment(row, await repo.countMatching(db, input.rule));
  }

  async function getSegment(id: string) {
    const s = await segmentOrThrow(id);
    return presentSegment(s, await repo.countMatching(db, s.rule as SegmentRule));
  }

  async function listSegments() {
    const rows = await repo.listSegments(db);
    return { items: await Promise.all(rows.map(async (s) => presentSegment(s, await repo.countMatching(db, s.rule as SegmentRule)))) };
  }

  async function updateSegment(id: string, patch: { name?: string; description?: string; rule?: SegmentRule }) {
    await segmentOrThrow(id);
    const row = await repo.updateSegment(db, id, { name: patch.name?.trim(), description: patch.description, rule: patch.rule ? JSON.stringify(patch.rule) : undefined, updated_at: clock.now() });
    if (!row) throw notFound('AUDIENCE_SEGMENT_NOT_FOUND', 'No such segment', { segmentId: id });
    return presentSegment(row, await repo.countMatching(db, row.rule as SegmentRule));
  }

  async function deleteSegment(id: string) {
    if (!isUuid(id) || !(await repo.softDeleteSegment(db, id, clock.now()))) throw notFound('AUDIENCE_SEGMENT_NOT_FOUND', 'No such segment', { segmentId: id });
  }

  // ---- campaign audience ----

  async function setCampaignSegment(actorId: string | null, campaignId: string, segmentId: string | null) {
    if (!(await deps.campaignExists(campaignId))) throw notFound('AUDIENCE_CAMPAIGN_NOT_FOUND', 'No such campaign', { campaignId });
    if (segmentId === null) {
      await repo.deleteCampaignSegment(db, campaignId);
    } else {
      await segmentOrThrow(segmentId);
      await repo.upsertCampaignSegment(db, { campaign_id: campaignId, segment_id: segmentId, set_by: actorId, set_at: clock.now() });
    }
    await recordAudit(db, clock.now(), { actorId, action: 'audience.campaign_segment_set', subjectType: 'campaign', subjectId: campaignId, details: { segmentId } });
    await p.invalidation.publish(SEGMENT_LINK_CHANGED, campaignId);
    return getCampaignSegment(campaignId);
  }

  async function getCampaignSegment(campaignId: string) {
    if (!isUuid(campaignId)) throw notFound('AUDIENCE_CAMPAIGN_NOT_FOUND', 'No such campaign', { campaignId });
    const link = await repo.findCampaignSegment(db, campaignId);
    return { campaignId, segmentId: link?.segment_id ?? null };
  }

  /**
   * The campaign kernel's audience hook: a campaign restricted to a segment admits its members as
   * of the last profile recompute. A deleted segment no longer restricts (it cannot be edited or seen).
   */
  // Which segment a campaign is limited to, per campaign: every join and help asks, most campaigns
  // have none, and the answer changes only by setCampaignSegment (dropped in every process then).
  const segmentLinks = new ReadCache<string | null>({ ttlMs: p.config.caches.maxAgeMs, max: 10_000 });
  segmentLinks.follow(p.invalidation, SEGMENT_LINK_CHANGED);

  async function audienceHook(handle: AnyExecutor, campaign: CampaignView, userId: string): Promise<AudienceDecision> {
    const trx = audienceTables.of(handle);
    const segmentId = await segmentLinks.getOrLoad(campaign.id, async () => (await repo.findCampaignSegment(trx, campaign.id))?.segment_id ?? null);
    if (!segmentId) return { allowed: true };
    const segment = await repo.findSegment(trx, segmentId);
    if (!segment) return { allowed: true };
    return (await repo.isMember(trx, segment.rule as SegmentRule, userId)) ? { allowed: true } : { allowed: false, reason: 'AUDIENCE_NOT_IN_SEGMENT' };
  }

  const personalData = {
    tables: {
      audience_profiles: { columns: ['user_id'], erase: 'delete' as const },
      audience_operator_tags: { columns: ['user_id'], erase: 'delete' as const },
      audience_deliveries: { columns: ['user_id'], erase: 'delete' as const },
      audience_messages: { columns: ['user_id'], erase: 'delete' as const },
    },
  };

  return {
    scheduleNightly,
    recomputeSoon,
    runNightly,
    recomputeNow,
    recompute: profiles.recompute,
    modelFit,
    listProfiles,
    getProfile,
    setTags,
    preview,
    createSegment,
    getSegment,
    listSegments,
    updateSegment,
    deleteSegment,
    setCampaignSegment,
    getCampaignSegment,
    audienceHook,
    personalData,
    ...dispatch,
  };
}

export type AudienceService = ReturnType<typeof createAudienceService>;
