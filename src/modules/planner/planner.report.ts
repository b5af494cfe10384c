// The post-campaign report as pure arithmetic over what analytics, experiments and the stored
// forecast say: planned vs actual, cost, CAC, ROI, K, cascades, the incremental effect of each
// variant against the control with its interval, and the forecast beside the outcome.
import type { Band, Forecast } from '../simulator/index.ts';
import type { PlanGoal } from './planner.rules.ts';

/** The campaign's outcome as analytics counts it (attributed to the campaign, over its days). */
export interface CampaignOutcome {
  reach: number;
  shares: number;
  clicks: number;
  newCustomers: number;
  paidOrders: number;
  gmvAmount: number;
  costAmount: number;
}

export interface ViralOutcome {
  kFactor: number | null;
  observedK: number | null;
  cycleMedianSeconds: number | null;
  cascades: { count: number; largest: number; medianSize: number | null; maxDepth: number; meanStructuralVirality: number | null; singleShareShare: number | null };
}

interface Interval { lo: number; hi: number }
interface Test { estimate: number; ci: Interval; pValue: number }
/** The goal metric's figures per variant, as experiments' results give them. */
export interface GoalResults {
  metric: string;
  srmMismatch: boolean;
  srmPValue: number;
  variants: { key: string; n: number; mean: number; comparison: { absolute: Test; relative: Test; sequential: { absolute: Interval }; bayesian: { chanceToBeatControl: number }; adjustedPValue: number; significant: boolean } | null }[];
}

export interface ReportInput {
  goal: { metric: PlanGoal; target: number };
  budgetAmount: number | null;
  plannedDays: number;
  elapsedDays: number;
  outcome: CampaignOutcome;
  viral: ViralOutcome;
  experiment: (GoalResults & { names: Record<string, string> }) | null;
  forecast: Pick<Forecast, 'final' | 'days'> | null;
}

const ratio = (num: number, den: number) => (den === 0 ? null : num / den);

/** CAC = campaign cost ÷ new customers (DESIGN §7); null with no new customer. */
export const cacOf = (costAmount: number, newCustomers: number) => ratio(costAmount, newCustomers);
/** ROI = (attributed margin − cost) ÷ cost, with GMV standing for margin (the catalog keeps no cost prices, as in analytics). */
export const roiOf = (gmvAmount: number, costAmount: number) => (costAmount === 0 ? null : (gmvAmount - costAmount) / costAmount);

export function goalActual(goal: PlanGoal, o: CampaignOutcome, v: ViralOutcome): number | null {
  return goal === 'new_customers' ? o.newCustomers : goal === 'gmv' ? o.gmvAmount : v.observedK;
}

/** Where an outcome fell against the forecast's 80% band, and its error against the median. */
export function besideForecast(metric: string, band: Band, actual: number) {
  return {
    metric,
    p10: band.p10,
    p50: band.p50,
    p90: band.p90,
    actual,
    withinBand: actual >= band.p10 && actual <= band.p90,
    errorVsMedian: band.p50 === 0 ? null : (actual - band.p50) / band.p50,
  };
}

/**
 * Each treatment's effect on the goal metric against the control: the per-subject difference with
 * its Welch interval and the always-valid (sequential) one, the relative lift, and the total extra
 * outcome it caused among its own subjects (difference × its subjects, interval scaled alike).
 */
export function incrementalEffects(e: GoalResults & { names: Record<string, string> }) {
  const control = e.variants.find((v) => v.comparison === null);
  return e.variants.flatMap((v) => {
    if (!v.comparison || !control) return [];
    const c = v.comparison;
    return [{
      key: v.key,
      name: e.names[v.key] ?? v.key,
      n: v.n,
      mean: v.mean,
      controlMean: control.mean,
      absolute: { estimate: c.absolute.estimate, lo: c.absolute.ci.lo, hi: c.absolute.ci.hi },
      sequential: { lo: c.sequential.absolute.lo, hi: c.sequential.absolute.hi },
      relative: { estimate: c.relative.estimate, lo: c.relative.ci.lo, hi: c.relative.ci.hi },
      incrementalTotal: { estimate: c.absolute.estimate * v.n, lo: c.absolute.ci.lo * v.n, hi: c.absolute.ci.hi * v.n },
      pValue: c.absolute.pValue,
      adjustedPValue: c.adjustedPValue,
      chanceToBeatControl: c.bayesian.chanceToBeatControl,
      significant: c.significant,
    }];
  });
}

export function buildReport(r: ReportInput) {
  const { outcome: o, viral: v } = r;
  const actualGoal = goalActual(r.goal.metric, o, v);
  return {
    plannedVsActual: {
      goal: { metric: r.goal.metric, planned: r.goal.target, actual: actualGoal, attainment: actualGoal === null ? null : ratio(actualGoal, r.goal.target) },
      budget: { planned: r.budgetAmount, actual: o.costAmount, used: r.budgetAmount === null ? null : ratio(o.costAmount, r.budgetAmount) },
      days: { planned: r.plannedDays, actual: r.elapsedDays },
    },
    outcome: { ...o },
    cost: o.costAmount,
    cac: cacOf(o.costAmount, o.newCustomers),
    roi: roiOf(o.gmvAmount, o.costAmount),
    k: { kFactor: v.kFactor, observedK: v.observedK, cycleMedianSeconds: v.cycleMedianSeconds },
    cascades: { ...v.cascades },
    experiment: r.experiment
      ? { metric: r.experiment.metric, srm: { mismatch: r.experiment.srmMismatch, pValue: r.experiment.srmPValue }, effects: incrementalEffects(r.experiment) }
      : null,
    forecastVsActual: forecastRows(r.forecast, r.elapsedDays, o),
  };
}

/**
 * The forecast's cumulative bands as of the days the campaign has run (its final bands once it has
 * run them all), so a campaign read on day 2 is held to the forecast for day 2, not for its end.
 */
export function forecastRows(f: ReportInput['forecast'], elapsedDays: number, o: CampaignOutcome) {
  if (!f) return null;
  const day = elapsedDays >= 1 && elapsedDays < f.days.length ? f.days[elapsedDays - 1] : f.final;
  const asOfDay = day === f.final ? f.days.length : elapsedDays;
  return [
    { ...besideForecast('reach', day.reach, o.reach), asOfDay },
    { ...besideForecast('newCustomers', day.newCustomers, o.newCustomers), asOfDay },
    { ...besideForecast('orders', day.orders, o.paidOrders), asOfDay },
    { ...besideForecast('rewardCost', day.rewardCost, o.costAmount), asOfDay },
  ];
}

export type PlanReportBody = ReturnType<typeof buildReport>;
