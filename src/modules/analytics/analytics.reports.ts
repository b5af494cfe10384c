// Growth reports over the event log (DESIGN §7): funnels, retention cohorts, active users,
// campaigns with cost, CAC and ROI, channels and viral metrics. Reads are bounded by China days
// and a row limit; the metric math is in the *.rules.ts files beside this one.
import { chinaDate, chinaDayStart } from '../../platform/clock.ts';
import type { DayRange } from '../../platform/daily.ts';
import { invalid, unprocessable } from '../../platform/errors.ts';
import { money } from '../../platform/money.ts';
import type { CampaignsService, Mechanic } from '../campaigns/index.ts';
import { addDays, MAX_REPORT_DAYS, reportRange } from './analytics.rules.ts';
import { createTimelineReader, funnelOverTimelines } from './analytics.funnel.timelines.ts';
import { retentionCohorts, dayNumber, dayOf, type RetentionPerson } from './analytics.retention.rules.ts';
import { activeUsersFromSpans, cac, growthRate, rate, roi } from './analytics.growth.rules.ts';
import { cascadeDistribution, viralCoefficients, viralCycleTime, type ShareNode } from './analytics.viral.rules.ts';
import { EVENT_NAMES } from './analytics.ingest.rules.ts';
import * as q from './analytics.reports.repo.ts';
import { cascadeStatsBelow } from '../sharing/index.ts';
import type { AnalyticsPlatform } from './analytics.table.ts';

/** The most raw rows one report reads; a report that would read more is refused (narrow the range or filter). */
export const MAX_REPORT_ROWS = 500_000;
/** A campaign report lists at most this many campaigns (newest first) when no campaign is named. */
export const MAX_CAMPAIGNS = 200;

export interface ReportQuery {
  from?: string;
  to?: string;
  campaignId?: string;
  mechanic?: Mechanic;
  channel?: string;
}

export interface ReportSources {
  campaigns: Pick<CampaignsService, 'get' | 'list' | 'cost'>;
  newCustomers: (range: DayRange) => Promise<{ day: string; customers: number }[]>;
}

const RANGE_MESSAGES = {
  DATE_INVALID: 'Dates are calendar days written YYYY-MM-DD',
  RANGE_REVERSED: '"from" must not be after "to"',
  RANGE_TOO_LONG: `A report covers at most ${MAX_REPORT_DAYS} days`,
} as const;

/** Refuses a report that would read more than MAX_REPORT_ROWS events (raw rows, or the events a rollup row stands for). */
const refuseOver = (events: number) => {
  if (events > MAX_REPORT_ROWS) throw unprocessable('ANALYTICS_TOO_MUCH_DATA', `This report would read more than ${MAX_REPORT_ROWS} events`, { limit: MAX_REPORT_ROWS });
};
const bounded = <T>(rows: T[]): T[] => {
  refuseOver(rows.length);
  return rows;
};
const LIMIT = MAX_REPORT_ROWS + 1;

export function createAnalyticsReports(p: AnalyticsPlatform, sources: ReportSources) {
  const { clock } = p;
  // Every report query is a read: on the read replica when ANALYTICS_DATABASE_URL names one, so
  // long scans stay off the primary that takes the storefront's writes.
  const db = p.replicaDb ?? p.db;

  function range(query: { from?: string; to?: string }) {
    const r = reportRange(query, clock.now());
    if (!r.ok) throw invalid(`ANALYTICS_${r.reason}`, RANGE_MESSAGES[r.reason], { field: r.field });
    return r;
  }

  async function campaignsOf(query: ReportQuery) {
    if (query.campaignId) return [await sources.campaigns.get(query.campaignId)];
    return sources.campaigns.list({ mechanic: query.mechanic, limit: MAX_CAMPAIGNS });
  }

  async function scopeOf(query: ReportQuery, useChannel = true) {
    const r = range(query);
    const campaignIds = query.campaignId || query.mechanic ? (await campaignsOf(query)).map((c) => c.id) : null;
    const scope: q.Scope = { from: r.from, to: r.to, campaignIds, channel: useChannel ? (query.channel ?? null) : null };
    const filters = { campaignId: query.campaignId ?? null, mechanic: query.mechanic ?? null, channel: useChannel ? (query.channel ?? null) : null };
    return { r, scope, filters };
  }

  async function funnelReport(query: ReportQuery & { steps: string[]; windowDays?: number }) {
    const unknown = query.steps.find((s) => !EVENT_NAMES.includes(s));
    if (unknown) throw invalid('ANALYTICS_STEP_UNKNOWN', `"${unknown}" is not an event name`, { field: 'steps', step: unknown, known: EVENT_NAMES });
    const windowDays = query.windowDays ?? 7;
    const { r, scope, filters } = await scopeOf(query);
    const names = [...new Set(query.steps)];
    // Every person's step occurrences (from several days and identities) merged into one timeline in
    // log order; each day is read as it arrives, while the database is still building later ones.
    const reader = createTimelineReader();
    // China days are 24 hours (no daylight saving): day d starts d × 24 h after `from` does.
    for await (const day of q.funnelStepDays(db, scope, names, addDays(r.to, windowDays))) refuseOver(reader.readDay(day.lines, r.start.getTime() + day.day * 86_400_000));
    const windowMs = windowDays * 86_400_000;
    const steps = funnelOverTimelines(reader.finish(), query.steps.map((s) => names.indexOf(s)), query.steps, windowMs, { from: r.start.getTime(), to: r.end.getTime() });
    return { from: r.from, to: r.to, windowDays, filters, steps };
  }

  async function retention(query: ReportQuery & { cohort?: 'first_visit' | 'signup' | 'first_order'; weeks?: number }) {
    const cohort = query.cohort ?? 'first_visit';
    const weeks = query.weeks ?? 8;
    const { r, scope, filters } = await scopeOf(query);
    const today = chinaDate(clock.now());
    const horizon = addDays(r.to, Math.max(30, 7 * weeks));
    const lastDay = horizon < today ? horizon : today;
    const starts = bounded(await q.cohortStarts(db, scope, cohort, LIMIT));
    const active = new Map<string, Set<number>>(starts.map((s) => [s.person, new Set<number>()]));
    for (const row of bounded(await q.activeDays(db, starts.map((s) => s.person), r.from, lastDay, LIMIT))) active.get(row.person)?.add(dayNumber(row.day));
    const people: RetentionPerson[] = starts.map((s) => ({ start: dayNumber(s.day), active: active.get(s.person)! }));
    return { from: r.from, to: r.to, cohort, weeks, observedUntil: lastDay, filters, cohorts: retentionCohorts(people, dayNumber(lastDay), weeks) };
  }

  async function activity(query: { from?: string; to?: string }) {
    const r = range(query);
    // Spans counted by the database from the daily people rollup; activeUsers (the pure definition) is what the tests hold this to.
    const spans = (await q.activeSpans(db, r.from, r.to)).map((s) => ({ ...s, day: dayNumber(s.day) }));
    const previous = { from: chinaDayStart(addDays(r.from, -r.days.length)), to: r.start };
    const [current, before] = await Promise.all([sources.newCustomers({ from: r.start, to: r.end }), sources.newCustomers(previous)]);
    const newOn = new Map(current.map((c) => [c.day, c.customers]));
    const days = activeUsersFromSpans(r.days.map(dayNumber), spans).map((row) => ({
      date: dayOf(row.day),
      dau: row.dau,
      wau: row.wau,
      mau: row.mau,
      stickiness: row.stickiness,
      newCustomers: newOn.get(dayOf(row.day)) ?? 0,
    }));
    const newCustomers = current.reduce((a, c) => a + c.customers, 0);
    const previousNewCustomers = before.reduce((a, c) => a + c.customers, 0);
    const withMau = days.filter((d) => d.stickiness !== null);
    return {
      from: r.from,
      to: r.to,
      days,
      totals: {
        newCustomers,
        previousNewCustomers,
        growthRate: growthRate(newCustomers, previousNewCustomers),
        averageDau: days.length ? days.reduce((a, d) => a + d.dau, 0) / days.length : 0,
        averageStickiness: withMau.length ? withMau.reduce((a, d) => a + d.stickiness!, 0) / withMau.length : null,
      },
    };
  }

  async function campaignReport(query: ReportQuery) {
    const r = range(query);
    const campaigns = await campaignsOf(query);
    const scope: q.Scope = { from: r.from, to: r.to, campaignIds: campaigns.map((c) => c.id), channel: query.channel ?? null };
    const [counts, reach, moneyRows, costs] = await Promise.all([
      q.outcomeCounts(db, scope, 'campaign_id'),
      q.campaignReach(db, scope),
      q.attributedMoney(db, scope, 'campaign_id'),
      Promise.all(campaigns.map((c) => sources.campaigns.cost(c.id, { from: r.start, to: r.end }))),
    ]);
    const items = campaigns.map((c, i) => {
      const n = counts.find((x) => x.key === c.id);
      const m = moneyRows.find((x) => x.key === c.id);
      const gmv = (m?.paid ?? 0) - (m?.refunded ?? 0);
      const byKind = costs[i].filter((k) => k.amount !== 0);
      const cost = byKind.reduce((a, k) => a + k.amount, 0);
      const signups = n?.signups ?? 0;
      return {
        id: c.id,
        name: c.name,
        mechanic: c.mechanic,
        status: c.status,
        reach: reach.find((x) => x.key === c.id)?.reach ?? 0,
        shares: n?.shares ?? 0,
        clicks: n?.clicks ?? 0,
        ctr: rate(n?.clicks ?? 0, n?.shares ?? 0, 'share clicks (not the sharer’s own) ÷ shares made'),
        signups,
        orders: n?.orders ?? 0,
        paidOrders: m?.paid_orders ?? 0,
        gmv: money(gmv),
        cost: { total: money(cost), byKind: byKind.map((k) => ({ kind: k.kind, amount: money(k.amount) })) },
        newCustomers: signups,
        cac: cac(cost, signups),
        roi: roi(gmv, cost),
      };
    });
    return { from: r.from, to: r.to, filters: { campaignId: query.campaignId ?? null, mechanic: query.mechanic ?? null, channel: query.channel ?? null }, items };
  }

  async function channelReport(query: ReportQuery) {
    const { r, scope, filters } = await scopeOf(query, false);
    const [counts, moneyRows, split] = await Promise.all([q.outcomeCounts(db, scope, 'channel'), q.attributedMoney(db, scope, 'channel'), q.signupsByCampaignAndChannel(db, scope)]);
    // A campaign's cost is spread over channels in proportion to the new customers each brought it.
    const perCampaign = new Map<string, number>();
    for (const s of split) perCampaign.set(s.campaign_id, (perCampaign.get(s.campaign_id) ?? 0) + s.signups);
    const costed = [...perCampaign].sort((a, b) => b[1] - a[1]).slice(0, MAX_CAMPAIGNS).map(([id]) => id);
    const costs = new Map(await Promise.all(costed.map(async (id) => [id, (await sources.campaigns.cost(id, { from: r.start, to: r.end })).reduce((a, k) => a + k.amount, 0)] as const)));
    const allocated = new Map<string, number>();
    for (const s of split) {
      const c = costs.get(s.campaign_id);
      if (c !== undefined) allocated.set(s.channel, (allocated.get(s.channel) ?? 0) + (c * s.signups) / perCampaign.get(s.campaign_id)!);
    }
    const channels = [...new Set([...counts.map((c) => c.key!), ...moneyRows.map((m) => m.key)])].sort();
    const items = channels.map((channel) => {
      const n = counts.find((x) => x.key === channel);
      const m = moneyRows.find((x) => x.key === channel);
      const cost = Math.round(allocated.get(channel) ?? 0);
      const signups = n?.signups ?? 0;
      return {
        channel,
        shares: n?.shares ?? 0,
        clicks: n?.clicks ?? 0,
        ctr: rate(n?.clicks ?? 0, n?.shares ?? 0, 'share clicks ÷ shares made'),
        visitors: n?.visitors ?? 0,
        newVisitors: n?.new_visitors ?? 0,
        signups,
        orders: n?.orders ?? 0,
        conversion: rate(n?.orders ?? 0, n?.visitors ?? 0, 'attributed orders ÷ distinct visitors who clicked'),
        gmv: money((m?.paid ?? 0) - (m?.refunded ?? 0)),
        allocatedCost: money(cost),
        costPerNewCustomer: { ...cac(cost, signups), formula: `allocated cost ${cost} fen (each campaign's cost × this channel's share of its attributed new customers) ÷ new customers ${signups}` },
      };
    });
    return { from: r.from, to: r.to, filters, items };
  }

  /** Each visitor's first invitation, then when those visitors signed up (looked up by the invitations' own visitor ids). */
  async function invitationsAndSignups(scope: q.Scope) {
    const invitations = await q.firstInvitations(db, scope, LIMIT);
    return [invitations, await q.visitorSignups(db, invitations.map((i) => i.visitor_id))] as const;
  }

  async function viral(query: ReportQuery) {
    const { r, scope, filters } = await scopeOf(query);
    const [shares, clicks, [invitations, signups], caused, attributed] = await Promise.all([
      q.cascadeShares(db, scope, LIMIT).then(bounded),
      q.shareClickCount(db, scope, LIMIT),
      invitationsAndSignups(scope),
      q.firstCausedClicks(db, scope),
      q.attributedSignups(db, scope, LIMIT).then(bounded),
    ]);
    refuseOver(clicks);
    const inRange = shares.filter((s) => s.day >= r.from && s.day <= r.to);
    // Of the clicks, only each visitor's first invitation and each customer's first caused arrival
    // decide the numbers, and only those are read (analytics.reports.repo.ts).
    const coefficients = viralCoefficients({
      sharers: new Set(inRange.map((s) => s.sharer_id)),
      invitations: invitations.map((i) => ({ visitorId: i.visitor_id, isNewVisitor: true, selfClick: false, at: i.at })),
      signedUpAt: new Map(signups.map((s) => [s.visitor_id, s.at])),
      attributedNewCustomers: attributed.length,
    });
    const cycle = viralCycleTime(new Map(attributed.map((a) => [a.user_id, a.at])), caused.map((c) => ({ sharerId: c.sharer_id, at: c.at })));
    const byRoot = new Map<string, ShareNode[]>();
    for (const s of shares) {
      const list = byRoot.get(s.root_id);
      const node = { id: s.share_id, parentId: s.parent_id };
      if (list) list.push(node);
      else byRoot.set(s.root_id, [node]);
    }
    const cascades = [...byRoot].map(([root, nodes]) => ({ rootShareId: root, ...cascadeStatsBelow(root, nodes) })).filter((c) => byRoot.get(c.rootShareId)!.some((n) => n.id === c.rootShareId));
    cascades.sort((a, b) => b.size - a.size || b.structuralVirality - a.structuralVirality);
    return {
      from: r.from,
      to: r.to,
      filters,
      kFactor: { value: coefficients.kFactor, formula: `invitations per sharer ${fmt(coefficients.invitationsPerSharer)} (${coefficients.invitations} new visitors ÷ ${coefficients.sharers} sharers) × their conversion ${fmt(coefficients.invitationConversion)} (${coefficients.convertedInvitations} signed up ÷ ${coefficients.invitations})` },
      observedK: { value: coefficients.observedK, formula: `attributed new customers ${attributed.length} ÷ customers who shared ${coefficients.sharers}` },
      coefficients,
      cycleTime: { ...cycle, formula: 'median over attributed customers of (first click on their shares by someone else − their attributed sign-up)' },
      cascades: cascadeDistribution(cascades),
      largestCascades: cascades.slice(0, 20),
      /** Every cascade, for the CSV export (the JSON response schema leaves it out). */
      allCascades: cascades,
    };
  }

  /** Events, people and amount per day for chosen event names, from the daily rollup (the dashboard's trend chart). */
  async function trends(query: ReportQuery & { names: string[] }) {
    const unknown = query.names.find((s) => !EVENT_NAMES.includes(s));
    if (unknown) throw invalid('ANALYTICS_STEP_UNKNOWN', `"${unknown}" is not an event name`, { field: 'names', step: unknown, known: EVENT_NAMES });
    const { r, scope, filters } = await scopeOf(query);
    if (scope.campaignIds && scope.channel) scope.channel = null;
    const names = [...new Set(query.names)];
    const rows = await q.dailyCounts(db, scope, names);
    const at = new Map(rows.map((row) => [`${row.day}/${row.name}`, row]));
    const days = r.days.flatMap((date) => names.map((name) => {
      const row = at.get(`${date}/${name}`);
      return { date, name, events: row?.events ?? 0, people: row?.people ?? 0, amount: row?.amount ?? 0 };
    }));
    return { from: r.from, to: r.to, filters: { ...filters, channel: scope.channel }, names, days };
  }

  return { trendReport: trends, funnelReport, retentionReport: retention, activityReport: activity, campaignReport, channelReport, viralReport: viral };
}

const fmt = (v: number | null) => (v === null ? 'n/a' : String(Math.round(v * 1000) / 1000));

export type AnalyticsReports = ReturnType<typeof createAnalyticsReports>;
