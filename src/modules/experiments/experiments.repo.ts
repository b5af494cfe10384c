// All of experiments' SQL. No business decisions here.
import { sql } from 'kysely';
import type { ExperimentsDb } from './experiments.table.ts';
import type { ExperimentStatus, MetricKey, VariantDef } from './experiments.rules.ts';

export interface ExperimentRow {
  id: string;
  campaign_id: string;
  name: string;
  hypothesis: string | null;
  status: ExperimentStatus;
  goal_metric: MetricKey;
  secondary_metrics: MetricKey[];
  variants: VariantDef[];
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  stopped_at: Date | null;
}

export const insertExperiment = (db: ExperimentsDb, row: Omit<ExperimentRow, 'started_at' | 'stopped_at'>) =>
  db
    .insertInto('experiments')
    .values({ ...row, secondary_metrics: JSON.stringify(row.secondary_metrics), variants: JSON.stringify(row.variants), started_at: null, stopped_at: null })
    .execute();

export const findExperiment = (db: ExperimentsDb, id: string) =>
  db.selectFrom('experiments').selectAll().where('id', '=', id).executeTakeFirst() as Promise<ExperimentRow | undefined>;

export const lockExperiment = (db: ExperimentsDb, id: string) =>
  db.selectFrom('experiments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() as Promise<ExperimentRow | undefined>;

export const findRunningOnCampaign = (db: ExperimentsDb, campaignId: string) =>
  db.selectFrom('experiments').selectAll().where('campaign_id', '=', campaignId).where('status', '=', 'running').executeTakeFirst() as Promise<ExperimentRow | undefined>;

export const listExperiments = (db: ExperimentsDb, f: { campaignId?: string; status?: ExperimentStatus; limit: number }) => {
  let q = db.selectFrom('experiments').selectAll();
  if (f.campaignId) q = q.where('campaign_id', '=', f.campaignId);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(f.limit).execute() as Promise<ExperimentRow[]>;
};

/** Conditional status change: only from the status the caller saw (no lost update between two operators). */
export const updateStatus = (db: ExperimentsDb, id: string, from: ExperimentStatus, to: ExperimentStatus, at: Date) =>
  db
    .updateTable('experiments')
    .set({ status: to, ...(to === 'running' ? { started_at: at } : { stopped_at: at }) })
    .where('id', '=', id)
    .where('status', '=', from)
    .returning('id')
    .executeTakeFirst();

/** The first exposure wins: a repeat writes nothing and returns undefined. */
export const insertExposure = (db: ExperimentsDb, row: { experiment_id: string; subject_id: string; variant_key: string; exposed_at: Date }) =>
  db
    .insertInto('experiment_exposures')
    .values(row)
    .onConflict((oc) => oc.columns(['experiment_id', 'subject_id']).doNothing())
    .returning('subject_id')
    .executeTakeFirst();

export const findExposure = (db: ExperimentsDb, experimentId: string, subjectId: string) =>
  db.selectFrom('experiment_exposures').selectAll().where('experiment_id', '=', experimentId).where('subject_id', '=', subjectId).executeTakeFirst();

export const countExposures = (db: ExperimentsDb, experimentId: string) =>
  db
    .selectFrom('experiment_exposures')
    .select(['variant_key', sql<string>`count(*)`.as('n'), sql<Date | null>`min(exposed_at)`.as('first'), sql<Date | null>`max(exposed_at)`.as('last')])
    .where('experiment_id', '=', experimentId)
    .groupBy('variant_key')
    .execute();

export const listExposures = (db: ExperimentsDb, experimentId: string) =>
  db.selectFrom('experiment_exposures').select(['subject_id', 'variant_key', 'exposed_at']).where('experiment_id', '=', experimentId).execute();
