// The post-campaign report of a launched plan: analytics' campaign and viral figures over the
// campaign's days, the experiment's goal-metric results, and the forecast stored at launch, put
// together by the pure arithmetic in planner.report.ts; as JSON or as CSV.
import { stringify } from 'csv-stringify/sync';
import { chinaDate } from '../../platform/clock.ts';
import { conflict } from '../../platform/errors.ts';
import type { PlannerDeps } from './planner.deps.ts';
import { presentPlan } from './planner.present.ts';
import { buildReport, type GoalResults } from './planner.report.ts';
import type { PlanRow } from './planner.repo.ts';
import { planDays } from './planner.rules.ts';
import type { PlannerPlatform } from './planner.table.ts';

/** JSON has no NaN or Infinity: an undefined statistic goes out as null. */
const finite = (value: unknown): unknown =>
  typeof value === 'number' ? (Number.isFinite(value) ? value : null) : Array.isArray(value) ? value.map(finite) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, finite(v)])) : value;

export function createPlanReports(p: PlannerPlatform, deps: PlannerDeps, h: { load(id: string): Promise<PlanRow> }) {
  const { clock } = p;

  async function goalResults(experimentId: string | null): Promise<(GoalResults & { names: Record<string, string> }) | null> {
    if (!experimentId) return null;
    const e = await deps.experiments.get(experimentId);
    if (e.status === 'draft') return null;
    const r = await deps.experiments.results(experimentId, 'holm');
    const goal = r.metrics.find((m) => m.isGoal);
    if (!goal) return null;
    return { metric: goal.metric, srmMismatch: r.srm.mismatch, srmPValue: r.srm.pValue, variants: goal.variants, names: Object.fromEntries(e.variants.map((v) => [v.key, v.name])) };
  }

  async function report(id: string) {
    const plan = await h.load(id);
    if (!plan.campaign_id) throw conflict('PLAN_NOT_LAUNCHED', 'The plan has not been launched: there is no report yet', { id });
    const now = clock.now();
    const campaign = await deps.campaigns.get(plan.campaign_id);
    // The campaign's days: from its start (or launch, if earlier) to its end, or today while it runs.
    const start = plan.launched_at && plan.launched_at < plan.starts_at ? plan.launched_at : plan.starts_at;
    const end = campaign.ended_at && campaign.ended_at < plan.ends_at ? campaign.ended_at : plan.ends_at < now ? plan.ends_at : now;
    const from = chinaDate(start);
    const to = chinaDate(end) < from ? from : chinaDate(end);
    const query = { campaignId: plan.campaign_id, from, to };
    const [campaigns, viral, experiment] = await Promise.all([deps.analytics.campaignReport(query), deps.analytics.viralReport(query), goalResults(plan.experiment_id)]);
    const c = campaigns.items[0];
    const body = buildReport({
      goal: { metric: plan.goal_metric, target: plan.goal_target },
      budgetAmount: plan.budget_amount,
      plannedDays: planDays(plan.starts_at, plan.ends_at),
      elapsedDays: Math.max(0, planDays(start, end)),
      outcome: { reach: c.reach, shares: c.shares, clicks: c.clicks, newCustomers: c.newCustomers, paidOrders: c.paidOrders, gmvAmount: c.gmv.amount, costAmount: c.cost.total.amount },
      viral: {
        kFactor: viral.kFactor.value,
        observedK: viral.observedK.value,
        cycleMedianSeconds: viral.cycleTime.medianSeconds,
        cascades: {
          count: viral.cascades.cascades,
          largest: viral.cascades.largest,
          medianSize: viral.cascades.medianSize,
          maxDepth: viral.cascades.maxDepth,
          meanStructuralVirality: viral.cascades.meanStructuralVirality,
          singleShareShare: viral.cascades.singleShareShare,
        },
      },
      experiment,
      forecast: plan.forecast,
    });
    const result = {
      plan: presentPlan(plan),
      campaign: { id: campaign.id, name: campaign.name, mechanic: campaign.mechanic, status: campaign.status },
      from,
      to,
      computedAt: now.toISOString(),
      currency: plan.currency,
      ...body,
      largestCascades: viral.largestCascades.slice(0, 10).map((x) => ({ rootShareId: x.rootShareId, size: x.size, depth: x.depth, maxBreadth: x.maxBreadth, structuralVirality: x.structuralVirality })),
    };
    return finite(result) as typeof result;
  }

  /** The report as one table: section, metric, planned, forecast band, actual (money in fen). */
  async function reportCsv(id: string) {
    const r = await report(id);
    type Cell = string | number | boolean | null;
    const rows: Cell[][] = [
      ['goal', r.plannedVsActual.goal.metric, r.plannedVsActual.goal.planned, null, null, null, r.plannedVsActual.goal.actual],
      ['budget', 'cost_fen', r.plannedVsActual.budget.planned, null, null, null, r.plannedVsActual.budget.actual],
      ['schedule', 'days', r.plannedVsActual.days.planned, null, null, null, r.plannedVsActual.days.actual],
      ...(r.forecastVsActual ?? []).map((f): Cell[] => ['forecast', f.metric, null, f.p10, f.p50, f.p90, f.actual]),
      ['outcome', 'reach', null, null, null, null, r.outcome.reach],
      ['outcome', 'shares', null, null, null, null, r.outcome.shares],
      ['outcome', 'clicks', null, null, null, null, r.outcome.clicks],
      ['outcome', 'new_customers', null, null, null, null, r.outcome.newCustomers],
      ['outcome', 'paid_orders', null, null, null, null, r.outcome.paidOrders],
      ['outcome', 'gmv_fen', null, null, null, null, r.outcome.gmvAmount],
      ['outcome', 'cac_fen', null, null, null, null, r.cac],
      ['outcome', 'roi', null, null, null, null, r.roi],
      ['viral', 'k_factor', null, null, null, null, r.k.kFactor],
      ['viral', 'observed_k', null, null, null, null, r.k.observedK],
      ['viral', 'cycle_median_seconds', null, null, null, null, r.k.cycleMedianSeconds],
      ['cascades', 'count', null, null, null, null, r.cascades.count],
      ['cascades', 'largest', null, null, null, null, r.cascades.largest],
      ['cascades', 'max_depth', null, null, null, null, r.cascades.maxDepth],
      ['cascades', 'mean_structural_virality', null, null, null, null, r.cascades.meanStructuralVirality],
    ];
    const effects = (r.experiment?.effects ?? []).map((e): Cell[] => [e.key, e.name, e.n, e.controlMean, e.mean, e.absolute.estimate, e.absolute.lo, e.absolute.hi, e.relative.estimate, e.incrementalTotal.estimate, e.incrementalTotal.lo, e.incrementalTotal.hi, e.adjustedPValue, e.significant]);
    const main = stringify(rows, { header: true, columns: ['section', 'metric', 'planned', 'forecast_p10', 'forecast_p50', 'forecast_p90', 'actual'] });
    const second = effects.length
      ? '\n' + stringify(effects, { header: true, columns: ['variant', 'name', 'subjects', 'control_mean', 'variant_mean', 'difference', 'difference_lo95', 'difference_hi95', 'relative_lift', 'incremental_total', 'incremental_lo95', 'incremental_hi95', 'adjusted_p_value', 'significant'], cast: { boolean: (v) => (v ? 'true' : 'false') } })
      : '';
    return main + second;
  }

  return { report, reportCsv };
}
