// Analytics: the operator dashboard's daily numbers (each module answers for its own facts and
// this lines them up by China day), the behavioural event log (analytics.ingest.ts) and the
// growth reports over it (analytics.reports.ts).
import type { AnalyticsPlatform } from './analytics.table.ts';
import { createAnalyticsIngest } from './analytics.ingest.ts';
import { deleteEventsBefore } from './analytics.repo.ts';
import { createAnalyticsReports, type ReportSources } from './analytics.reports.ts';
import type { DayRange } from '../../platform/daily.ts';
import { invalid } from '../../platform/errors.ts';
import { DEFAULT_CURRENCY, money } from '../../platform/money.ts';
import { dailySeries, MAX_REPORT_DAYS, METRICS, previousDays, reportRange, totalsOf, type DailyMetrics } from './analytics.rules.ts';
import { chinaDayStart } from '../../platform/clock.ts';

interface DayCount {
  day: string;
}

export interface AnalyticsSources {
  orders: (range: DayRange) => Promise<{ placed: (DayCount & { orders: number })[]; paid: (DayCount & { paid_orders: number; gmv: number; currency: string })[] }>;
  customers: (range: DayRange) => Promise<(DayCount & { customers: number })[]>;
  sharing: (range: DayRange) => Promise<{ shares: (DayCount & { count: number })[]; clicks: (DayCount & { count: number })[]; signups: (DayCount & { count: number })[] }>;
}

const RANGE_MESSAGES = {
  DATE_INVALID: 'Dates are calendar days written YYYY-MM-DD',
  RANGE_REVERSED: '"from" must not be after "to"',
  RANGE_TOO_LONG: `A report covers at most ${MAX_REPORT_DAYS} days`,
} as const;

export function createAnalyticsService(p: AnalyticsPlatform, sources: AnalyticsSources & ReportSources) {
  async function daily(query: { from?: string; to?: string }) {
    const range = reportRange(query, p.clock.now());
    if (!range.ok) throw invalid(`ANALYTICS_${range.reason}`, RANGE_MESSAGES[range.reason], { field: range.field });
    // One read covers the report and the equal period before it, which the dashboard compares with.
    const before = previousDays(range.days);
    const span = { from: chinaDayStart(before[0]), to: range.end };
    const [orders, customers, sharing] = await Promise.all([sources.orders(span), sources.customers(span), sources.sharing(span)]);
    // The store sells in one currency; GMV in any other would not add up, so it is left out.
    const paid = orders.paid.filter((r) => r.currency === DEFAULT_CURRENCY);
    const { rows } = dailySeries([...before, ...range.days], {
      orders: orders.placed.map((r) => ({ day: r.day, value: r.orders })),
      paidOrders: paid.map((r) => ({ day: r.day, value: r.paid_orders })),
      gmv: paid.map((r) => ({ day: r.day, value: r.gmv })),
      newCustomers: customers.map((r) => ({ day: r.day, value: r.customers })),
      shares: sharing.shares.map((r) => ({ day: r.day, value: r.count })),
      clicks: sharing.clicks.map((r) => ({ day: r.day, value: r.count })),
      attributedSignups: sharing.signups.map((r) => ({ day: r.day, value: r.count })),
    });
    const days = rows.slice(before.length);
    const present = <T extends DailyMetrics>(m: T) => ({ ...m, gmv: money(m.gmv) });
    return {
      from: range.from,
      to: range.to,
      metrics: METRICS,
      days: days.map(present),
      totals: present(totalsOf(days)),
      previous: { from: before[0], to: before[before.length - 1], totals: present(totalsOf(rows.slice(0, before.length))) },
    };
  }

  /** Retention: visitor events older than the cut-off are deleted (privacy.visitorEventRetentionDays). */
  const purgeEventsBefore = (cutoff: Date) => deleteEventsBefore(p.db, cutoff);

  return { daily, purgeEventsBefore, ...createAnalyticsIngest(p), ...createAnalyticsReports(p, sources) };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
