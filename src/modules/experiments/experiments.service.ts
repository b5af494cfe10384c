// A/B experiments on campaigns: define variants and metrics, start and stop, assign subjects
// through the campaign kernel's `variant` hook (logging each subject's first exposure), and
// compute results from the exposures and the outcomes the analytics event log holds.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, invalid, notFound, unprocessable, type ErrorCode } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { CampaignsService, VariantAssignment, VariantProblem } from '../campaigns/index.ts';
import * as repo from './experiments.repo.ts';
import { experimentResults, type MetricData } from './experiments.results.ts';
import { assignVariant, definitionProblem, subjectOutcome, transition, type ExperimentStatus, type LifecycleAction, type MetricKey, type OutcomeEvent, type VariantDef } from './experiments.rules.ts';
import type { Correction } from './experiments.stats.ts';
import { experimentsTables, type ExperimentsDb, type ExperimentsPlatform } from './experiments.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

/** What experiments reads of the analytics event log: rows after a cursor, in id order. */
export interface EventLogReader {
  readEvents(query: { afterId: number; limit: number }): Promise<{ items: { id: number; name: string; occurred_at: Date; user_id: string | null; visitor_id: string | null; amount: number | null }[]; nextAfterId: number }>;
}

export interface ExperimentsDeps {
  campaigns: Pick<CampaignsService, 'get' | 'variantConfigProblem'>;
  events: EventLogReader;
}

export interface ExperimentInput {
  campaignId: string;
  name: string;
  hypothesis?: string | null;
  goalMetric: MetricKey;
  secondaryMetrics?: MetricKey[];
  variants: VariantDef[];
}

const PROBLEM_CODES: Record<string, ErrorCode> = {
  WEIGHTS_INVALID: 'EXPERIMENT_WEIGHTS_INVALID',
  CONTROL_INVALID: 'EXPERIMENT_CONTROL_INVALID',
  VARIANTS_INVALID: 'EXPERIMENT_VARIANTS_INVALID',
  METRICS_INVALID: 'EXPERIMENT_METRICS_INVALID',
};
const PROBLEM_MESSAGES: Record<string, string> = {
  WEIGHTS_INVALID: 'Variant weights are whole percentages of at least 1 that add up to 100',
  CONTROL_INVALID: 'Exactly one variant is the control',
  VARIANTS_INVALID: 'An experiment has 2 to 6 variants with distinct keys',
  METRICS_INVALID: 'Secondary metrics are distinct and do not repeat the goal metric',
};
const EVENT_PAGE = 10_000;

function configMessage(p: VariantProblem): string {
  switch (p.reason) {
    case 'KEY_NOT_ALLOWED':
      return p.allowed.length ? `This campaign's variants may set only: ${p.allowed.join(', ')} (not ${p.key})` : `This campaign's rules cannot vary by variant (${p.key})`;
    case 'VALUE_INVALID':
      return `${p.key} must be a whole number`;
    case 'OUT_OF_BOUNDS':
      return `${p.key} must be between ${p.min} and ${p.max}`;
    case 'RULES_INVALID':
      return p.message;
  }
}
const OUTCOME_EVENTS = new Set(['order.paid', 'share.created']);

export const present = (e: repo.ExperimentRow) => ({
  id: e.id,
  campaignId: e.campaign_id,
  name: e.name,
  hypothesis: e.hypothesis,
  status: e.status,
  goalMetric: e.goal_metric,
  secondaryMetrics: e.secondary_metrics,
  variants: e.variants,
  createdAt: e.created_at.toISOString(),
  startedAt: e.started_at?.toISOString() ?? null,
  stoppedAt: e.stopped_at?.toISOString() ?? null,
});

export function createExperimentsService(p: ExperimentsPlatform, deps: ExperimentsDeps) {
  const { db, clock } = p;

  async function load(id: string) {
    const e = await repo.findExperiment(db, id);
    if (!e) throw notFound('EXPERIMENT_NOT_FOUND', 'No such experiment', { id });
    return e;
  }

  async function create(actorId: string | null, input: ExperimentInput) {
    const secondaryMetrics = input.secondaryMetrics ?? [];
    const problem = definitionProblem({ variants: input.variants, goalMetric: input.goalMetric, secondaryMetrics });
    if (problem) throw unprocessable(PROBLEM_CODES[problem.reason], PROBLEM_MESSAGES[problem.reason], problem.details);
    try {
      await deps.campaigns.get(input.campaignId);
    } catch (err) {
      if (err instanceof DomainError && err.status === 404) throw notFound('EXPERIMENT_CAMPAIGN_NOT_FOUND', 'No such campaign', { campaignId: input.campaignId });
      throw err;
    }
    // Each variant may set only the rules the campaign's mechanic lets vary, within their bounds.
    for (const v of input.variants) {
      const bad = await deps.campaigns.variantConfigProblem(input.campaignId, v.config);
      if (bad) throw invalid('EXPERIMENT_CONFIG_INVALID', configMessage(bad), { variant: v.key, ...bad });
    }
    const now = clock.now();
    const row = {
      id: newId(), campaign_id: input.campaignId, name: input.name, hypothesis: input.hypothesis ?? null, status: 'draft' as const,
      goal_metric: input.goalMetric, secondary_metrics: secondaryMetrics, variants: input.variants, created_by: actorId, created_at: now,
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertExperiment(trx, row);
      await recordAudit(trx, now, { actorId, action: 'experiment.created', subjectType: 'experiment', subjectId: row.id, details: { campaignId: row.campaign_id } });
    });
    return present(await load(row.id));
  }

  async function act(actorId: string | null, id: string, action: LifecycleAction) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const e = await repo.lockExperiment(trx, id);
      if (!e) throw notFound('EXPERIMENT_NOT_FOUND', 'No such experiment', { id });
      const t = transition(e.status, action);
      if (!t.ok) throw conflict('EXPERIMENT_STATUS', `A ${e.status} experiment cannot ${action}`, { status: e.status, action });
      if (t.to === 'running') {
        const busy = await repo.findRunningOnCampaign(trx, e.campaign_id);
        if (busy) throw conflict('EXPERIMENT_CAMPAIGN_BUSY', 'Another experiment is already running on this campaign', { campaignId: e.campaign_id, experimentId: busy.id });
      }
      await repo.updateStatus(trx, id, e.status, t.to, now);
      await publishEvent(trx, now, t.to === 'running' ? 'experiment.started' : 'experiment.stopped', id, { experimentId: id, campaignId: e.campaign_id });
      await recordAudit(trx, now, { actorId, action: `experiment.${action}`, subjectType: 'experiment', subjectId: id, details: { from: e.status, to: t.to } });
    });
    return present(await load(id));
  }

  /**
   * The kernel's `variant` hook: the running experiment on the campaign assigns the subject by
   * hash, and the first exposure is written once (with its `experiment.exposed` event); later calls
   * answer the same variant and write nothing. With `handle` (a caller inside its transaction, such
   * as an event consumer) the exposure is written in that transaction, else in one of its own.
   */
  async function exposeSubject(campaignId: string, subjectId: string, handle?: AnyExecutor): Promise<VariantAssignment | null> {
    const reader = handle ? experimentsTables.of(handle) : db;
    const e = await repo.findRunningOnCampaign(reader, campaignId);
    if (!e) return null;
    const variantKey = assignVariant(e.id, subjectId, e.variants);
    const config = e.variants.find((v) => v.key === variantKey)?.config ?? {};
    const seen = await repo.findExposure(reader, e.id, subjectId);
    if (seen) return { key: seen.variant_key, config: e.variants.find((v) => v.key === seen.variant_key)?.config ?? {} };
    const now = clock.now();
    const write = async (trx: ExperimentsDb) => {
      const inserted = await repo.insertExposure(trx, { experiment_id: e.id, subject_id: subjectId, variant_key: variantKey, exposed_at: now });
      if (inserted) await publishEvent(trx, now, 'experiment.exposed', e.id, { experimentId: e.id, campaignId, subjectId, variantKey });
    };
    if (handle) await write(reader);
    else await db.transaction().execute(write);
    return { key: variantKey, config };
  }

  /** The running experiment's variant (with its config) for a subject, for a campaign page. */
  async function variantConfig(campaignId: string, variantKey: string | null) {
    if (variantKey === null) return null;
    const e = await repo.findRunningOnCampaign(db, campaignId);
    const v = e?.variants.find((x) => x.key === variantKey);
    return v && e ? { experimentId: e.id, key: v.key, name: v.name, config: v.config } : null;
  }

  const list = async (f: { campaignId?: string; status?: ExperimentStatus; limit?: number }) => ({
    items: (await repo.listExperiments(db, { ...f, limit: f.limit ?? 100 })).map(present),
  });
  const get = async (id: string) => present(await load(id));

  async function exposureCounts(id: string) {
    const e = await load(id);
    const rows = await repo.countExposures(db, id);
    const byKey = new Map(rows.map((r) => [r.variant_key, r]));
    const variants = e.variants.map((v) => ({ key: v.key, exposures: Number(byKey.get(v.key)?.n ?? 0) }));
    return { experimentId: id, total: variants.reduce((s, v) => s + v.exposures, 0), variants };
  }

  /** Every order.paid and share.created fact of the exposed subjects, by subject (accounts, or `v:` + visitor). */
  async function outcomesOf(subjects: ReadonlySet<string>): Promise<Map<string, OutcomeEvent[]>> {
    const out = new Map<string, OutcomeEvent[]>();
    let afterId = 0;
    for (;;) {
      const page = await deps.events.readEvents({ afterId, limit: EVENT_PAGE });
      for (const row of page.items) {
        if (!OUTCOME_EVENTS.has(row.name)) continue;
        const subject = row.user_id && subjects.has(row.user_id) ? row.user_id : row.visitor_id && subjects.has(`v:${row.visitor_id}`) ? `v:${row.visitor_id}` : null;
        if (!subject) continue;
        const list = out.get(subject) ?? [];
        list.push({ name: row.name as OutcomeEvent['name'], at: new Date(row.occurred_at), amount: Number(row.amount ?? 0) });
        out.set(subject, list);
      }
      if (page.items.length < EVENT_PAGE) return out;
      afterId = page.nextAfterId;
    }
  }

  async function results(id: string, correction: Correction) {
    const e = await load(id);
    if (e.status === 'draft') throw conflict('EXPERIMENT_NOT_STARTED', 'The experiment has not started: there are no results yet', { id });
    const exposures = await repo.listExposures(db, id);
    const outcomes = await outcomesOf(new Set(exposures.map((x) => x.subject_id)));
    const until = e.stopped_at ?? clock.now();
    const data = new Map<MetricKey, MetricData>();
    for (const metric of [e.goal_metric, ...e.secondary_metrics]) {
      const byVariant: MetricData = new Map(e.variants.map((v) => [v.key, []]));
      for (const x of exposures) byVariant.get(x.variant_key)?.push(subjectOutcome(metric, outcomes.get(x.subject_id) ?? [], new Date(x.exposed_at), until));
      data.set(metric, byVariant);
    }
    const r = experimentResults({ variants: e.variants, goalMetric: e.goal_metric, secondaryMetrics: e.secondary_metrics, data, correction });
    return { experimentId: id, status: e.status, computedAt: clock.now().toISOString(), windowEnd: until.toISOString(), ...r };
  }

  return { create, act, exposeSubject, variantConfig, list, get, exposureCounts, results };
}

export type ExperimentsService = ReturnType<typeof createExperimentsService>;
