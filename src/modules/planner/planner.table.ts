import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { Forecast } from '../simulator/index.ts';
import type { MechanicRules, PlanGoal, PlanStatus, PlanVariant } from './planner.rules.ts';

/** A campaign plan: goal, audience, budget, schedule, mechanic and rules, channels, variants; and, once launched, its campaign. */
export interface PlansTable {
  id: string;
  name: string;
  status: PlanStatus;
  goal_metric: PlanGoal;
  goal_target: number;
  segment_id: string | null;
  budget_amount: number | null;
  currency: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  mechanic: Json<MechanicRules>;
  channels: Json<string[]>;
  variants: Json<PlanVariant[]>;
  campaign_id: string | null;
  experiment_id: string | null;
  /** The forecast as it stood at launch, shown beside the outcome in the report. */
  forecast: Json<Forecast> | null;
  forecast_at: Timestamp | null;
  /** Set while one launch runs (a lease), so two launches at once create one campaign. */
  launch_claimed_at: Timestamp | null;
  launched_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlannerTables {
  plans: PlansTable;
}

export const plannerTables = ownTables<PlannerTables>({ plans: true });
export type PlannerDb = Executor<PlannerTables>;
export type PlannerPlatform = ModulePlatform<PlannerTables>;

declare module '../../platform/db.ts' {
  interface Database extends PlannerTables {}
}
