import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { ExperimentStatus, MetricKey, VariantDef } from './experiments.rules.ts';

/** An A/B experiment on one campaign: its variants and metrics, and where it is in its life. */
export interface ExperimentsTable {
  id: string;
  campaign_id: string;
  name: string;
  hypothesis: string | null;
  status: ExperimentStatus;
  goal_metric: MetricKey;
  secondary_metrics: Json<MetricKey[]>;
  /** The variants in their configured order (the cumulative ranges assignment walks). */
  variants: Json<VariantDef[]>;
  created_by: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  stopped_at: Timestamp | null;
}

/** A subject's first exposure to an experiment: one row per (experiment, subject), written once. */
export interface ExperimentExposuresTable {
  experiment_id: string;
  /** The account id, or `v:` + a visitor id before sign-in. */
  subject_id: string;
  variant_key: string;
  exposed_at: Timestamp;
}

export interface ExperimentsTables {
  experiments: ExperimentsTable;
  experiment_exposures: ExperimentExposuresTable;
}

/** The tables experiments owns: the only ones its code can query (platform/tables.ts). */
export const experimentsTables = ownTables<ExperimentsTables>({ experiments: true, experiment_exposures: true });
export type ExperimentsDb = Executor<ExperimentsTables>;
export type ExperimentsPlatform = ModulePlatform<ExperimentsTables>;

declare module '../../platform/db.ts' {
  interface Database extends ExperimentsTables {}
}
