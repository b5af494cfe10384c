// Every report table as CSV (csv-stringify), for the console's download buttons: one row per
// table row, money in fen, ratios as plain numbers, each figure's formula in its own column.
import { stringify } from 'csv-stringify/sync';
import type { AnalyticsReports } from './analytics.reports.ts';

type Report<K extends keyof AnalyticsReports> = Awaited<ReturnType<AnalyticsReports[K]>>;
type Cell = string | number | boolean | null;

const csv = (columns: string[], rows: Cell[][]) => stringify(rows, { header: true, columns, cast: { boolean: (v) => (v ? 'true' : 'false') } });

export const funnelCsv = (r: Report<'funnelReport'>) =>
  csv(['step', 'name', 'count', 'conversion_from_start', 'conversion_from_previous', 'drop_off', 'median_seconds_from_previous'], r.steps.map((s, i) => [i + 1, s.name, s.count, s.conversionFromStart, s.conversionFromPrevious, s.dropOff, s.medianSecondsFromPrevious]));

export function retentionCsv(r: Report<'retentionReport'>) {
  const weeks = Math.max(0, ...r.cohorts.map((c) => c.weeks.length));
  const weekColumns = Array.from({ length: weeks }, (_, w) => `week_${w}_rate`);
  return csv(['cohort_week', 'size', 'd1_rate', 'd7_rate', 'd30_rate', ...weekColumns], r.cohorts.map((c) => [c.week, c.size, c.day1?.rate ?? null, c.day7?.rate ?? null, c.day30?.rate ?? null, ...weekColumns.map((_, w) => c.weeks[w]?.rate ?? null)]));
}

export const activityCsv = (r: Report<'activityReport'>) =>
  csv(['date', 'dau', 'wau', 'mau', 'stickiness', 'new_customers'], r.days.map((d) => [d.date, d.dau, d.wau, d.mau, d.stickiness, d.newCustomers]));

export const campaignsCsv = (r: Report<'campaignReport'>) =>
  csv(
    ['campaign_id', 'name', 'mechanic', 'status', 'reach', 'shares', 'clicks', 'ctr', 'signups', 'orders', 'paid_orders', 'gmv_fen', 'cost_fen', 'cac_fen', 'cac_formula', 'roi', 'roi_formula'],
    r.items.map((c) => [c.id, c.name, c.mechanic, c.status, c.reach, c.shares, c.clicks, c.ctr.value, c.signups, c.orders, c.paidOrders, c.gmv.amount, c.cost.total.amount, c.cac.value, c.cac.formula, c.roi.value, c.roi.formula]),
  );

export const channelsCsv = (r: Report<'channelReport'>) =>
  csv(
    ['channel', 'shares', 'clicks', 'ctr', 'visitors', 'new_visitors', 'signups', 'orders', 'conversion', 'gmv_fen', 'allocated_cost_fen', 'cost_per_new_customer_fen'],
    r.items.map((c) => [c.channel, c.shares, c.clicks, c.ctr.value, c.visitors, c.newVisitors, c.signups, c.orders, c.conversion.value, c.gmv.amount, c.allocatedCost.amount, c.costPerNewCustomer.value]),
  );

/** One row per cascade (the distributions are counts over these rows). */
export const viralCsv = (r: Report<'viralReport'>) =>
  csv(['root_share_id', 'size', 'depth', 'structural_virality'], r.allCascades.map((c) => [c.rootShareId, c.size, c.depth, c.structuralVirality]));

export const trendsCsv = (r: Report<'trendReport'>) =>
  csv(['date', 'name', 'events', 'people', 'amount_fen'], r.days.map((d) => [d.date, d.name, d.events, d.people, d.amount]));
