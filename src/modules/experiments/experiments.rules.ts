// Experiments as pure rules: the metrics an experiment may measure (from facts the event log
// already holds), what a valid definition is, the draft → running → stopped lifecycle, the
// deterministic assignment of a subject to a variant, and each subject's metric value from its
// events. Plain data and times in, decisions out.
import { sha256 } from '../../platform/ids.ts';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/**
 * The metrics, each a per-subject value after exposure, built from server facts in the analytics
 * event log: `proportion` metrics are 0/1 per subject, `mean` metrics are counts or fen.
 */
export const METRICS = {
  conversion: { kind: 'proportion', en: 'Converted: paid at least one order', zh: '转化：至少支付一笔订单' },
  revenue: { kind: 'mean', en: 'Revenue per subject (fen, paid orders)', zh: '人均支付金额（分）' },
  orders: { kind: 'mean', en: 'Paid orders per subject', zh: '人均支付订单数' },
  new_customer: { kind: 'proportion', en: 'New customer: first ever paid order after exposure', zh: '新客：曝光后首次下单支付' },
  shares: { kind: 'mean', en: 'Shares per subject', zh: '人均分享次数' },
} as const;
export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

/** The days before exposure whose value of the same metric is CUPED's covariate. */
export const PRE_EXPOSURE_DAYS = 28;
export const MAX_VARIANTS = 6;
/** Weights are whole percentages and must add up to exactly this (refused otherwise, never normalised). */
export const WEIGHT_TOTAL = 100;

export interface VariantDef {
  key: string;
  name: string;
  weight: number;
  isControl: boolean;
  /** What this variant changes in the campaign, e.g. `{ "discountAmount": 1500 }`. */
  config: Record<string, string | number | boolean | null>;
}

export interface ExperimentDraft {
  variants: readonly VariantDef[];
  goalMetric: MetricKey;
  secondaryMetrics: readonly MetricKey[];
}

export type DefinitionProblem =
  | { reason: 'WEIGHTS_INVALID'; details: Record<string, unknown> }
  | { reason: 'CONTROL_INVALID'; details: Record<string, unknown> }
  | { reason: 'VARIANTS_INVALID'; details: Record<string, unknown> }
  | { reason: 'METRICS_INVALID'; details: Record<string, unknown> };

/** Why a definition cannot run, or null when it can. */
export function definitionProblem(d: ExperimentDraft): DefinitionProblem | null {
  const keys = d.variants.map((v) => v.key);
  if (d.variants.length < 2 || d.variants.length > MAX_VARIANTS) return { reason: 'VARIANTS_INVALID', details: { count: d.variants.length, min: 2, max: MAX_VARIANTS } };
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (repeated.length) return { reason: 'VARIANTS_INVALID', details: { repeatedKeys: [...new Set(repeated)] } };
  const controls = d.variants.filter((v) => v.isControl).length;
  if (controls !== 1) return { reason: 'CONTROL_INVALID', details: { controls } };
  const total = d.variants.reduce((s, v) => s + v.weight, 0);
  if (d.variants.some((v) => !Number.isInteger(v.weight) || v.weight < 1) || total !== WEIGHT_TOTAL) return { reason: 'WEIGHTS_INVALID', details: { total, required: WEIGHT_TOTAL } };
  if (d.secondaryMetrics.includes(d.goalMetric)) return { reason: 'METRICS_INVALID', details: { goalMetric: d.goalMetric, message: 'the goal metric is not also a secondary metric' } };
  if (new Set(d.secondaryMetrics).size !== d.secondaryMetrics.length) return { reason: 'METRICS_INVALID', details: { secondaryMetrics: d.secondaryMetrics } };
  return null;
}

export type LifecycleAction = 'start' | 'stop';
export type Transition = { ok: true; to: ExperimentStatus } | { ok: false; reason: 'STATUS' };

/** draft → running → stopped; a stopped experiment does not restart (its exposures would mix two periods). */
export function transition(from: ExperimentStatus, action: LifecycleAction): Transition {
  if (action === 'start' && from === 'draft') return { ok: true, to: 'running' };
  if (action === 'stop' && from === 'running') return { ok: true, to: 'stopped' };
  return { ok: false, reason: 'STATUS' };
}

/**
 * A subject's point in [0, 1): the first 52 bits of sha256(`${experimentId}:${subjectId}`).
 * Salting by the experiment id makes two experiments' assignments independent; the same inputs
 * always give the same point, on any server, with nothing stored.
 */
export function hashUnit(experimentId: string, subjectId: string): number {
  return parseInt(sha256(`${experimentId}:${subjectId}`).slice(0, 13), 16) / 2 ** 52;
}

/** The variant whose cumulative weight range holds the subject's point. */
export function assignVariant(experimentId: string, subjectId: string, variants: readonly Pick<VariantDef, 'key' | 'weight'>[]): string {
  const total = variants.reduce((s, v) => s + v.weight, 0);
  const u = hashUnit(experimentId, subjectId) * total;
  let edge = 0;
  for (const v of variants) {
    edge += v.weight;
    if (u < edge) return v.key;
  }
  return variants[variants.length - 1].key;
}

/** One fact of the event log as the metrics see it. */
export interface OutcomeEvent {
  name: 'order.paid' | 'share.created';
  at: Date;
  amount: number;
}

/** The metric's value over the events in [from, to); `everPaidBefore` says the subject was already a customer at `from`. */
export function metricValue(metric: MetricKey, events: readonly OutcomeEvent[], from: Date, to: Date, everPaidBefore: boolean): number {
  const inside = events.filter((e) => e.at >= from && e.at < to);
  const paid = inside.filter((e) => e.name === 'order.paid');
  switch (metric) {
    case 'conversion':
      return paid.length > 0 ? 1 : 0;
    case 'revenue':
      return paid.reduce((s, e) => s + e.amount, 0);
    case 'orders':
      return paid.length;
    case 'new_customer':
      return !everPaidBefore && paid.length > 0 ? 1 : 0;
    case 'shares':
      return inside.filter((e) => e.name === 'share.created').length;
  }
}

/**
 * A subject's outcome (after exposure, until the experiment stopped or now) and covariate (the same
 * metric over the PRE_EXPOSURE_DAYS before exposure). New-customer has no covariate: before exposure
 * the subject was by definition not yet one, so its value would be 0 for everyone.
 */
export function subjectOutcome(metric: MetricKey, events: readonly OutcomeEvent[], exposedAt: Date, until: Date): { y: number; x: number } {
  const everPaidBefore = events.some((e) => e.name === 'order.paid' && e.at < exposedAt);
  const y = metricValue(metric, events, exposedAt, until, everPaidBefore);
  if (metric === 'new_customer') return { y, x: 0 };
  const preFrom = new Date(exposedAt.getTime() - PRE_EXPOSURE_DAYS * 86_400_000);
  return { y, x: metricValue(metric, events, preFrom, exposedAt, false) };
}
