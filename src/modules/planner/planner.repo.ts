// All of the planner's SQL. No business decisions here.
import type { Forecast } from '../simulator/index.ts';
import type { MechanicRules, PlanGoal, PlanStatus, PlanVariant } from './planner.rules.ts';
import type { PlannerDb } from './planner.table.ts';

export interface PlanRow {
  id: string;
  name: string;
  status: PlanStatus;
  goal_metric: PlanGoal;
  goal_target: number;
  segment_id: string | null;
  budget_amount: number | null;
  currency: string;
  starts_at: Date;
  ends_at: Date;
  mechanic: MechanicRules;
  channels: string[];
  variants: PlanVariant[];
  campaign_id: string | null;
  experiment_id: string | null;
  forecast: Forecast | null;
  forecast_at: Date | null;
  launch_claimed_at: Date | null;
  launched_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export type PlanColumns = Pick<PlanRow, 'name' | 'goal_metric' | 'goal_target' | 'segment_id' | 'budget_amount' | 'starts_at' | 'ends_at' | 'mechanic' | 'channels' | 'variants'>;

const json = (c: PlanColumns) => ({ ...c, mechanic: JSON.stringify(c.mechanic), channels: JSON.stringify(c.channels), variants: JSON.stringify(c.variants) });

const normalise = (r: PlanRow | undefined): PlanRow | undefined =>
  r && { ...r, goal_target: Number(r.goal_target), budget_amount: r.budget_amount === null ? null : Number(r.budget_amount) };

export const insertPlan = async (db: PlannerDb, row: PlanColumns & Pick<PlanRow, 'id' | 'currency' | 'created_by' | 'created_at' | 'updated_at'>) =>
  normalise((await db.insertInto('plans').values({ ...row, ...json(row), status: 'draft' }).returningAll().executeTakeFirstOrThrow()) as PlanRow)!;

export const findPlan = async (db: PlannerDb, id: string) => normalise((await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst()) as PlanRow | undefined);

export const listPlans = async (db: PlannerDb, limit: number) =>
  ((await db.selectFrom('plans').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()) as PlanRow[]).map((r) => normalise(r)!);

/** Replace a draft's columns; nothing when the plan left its draft meanwhile. */
export const updateDraft = async (db: PlannerDb, id: string, c: PlanColumns, now: Date) =>
  normalise((await db.updateTable('plans').set({ ...json(c), updated_at: now }).where('id', '=', id).where('status', '=', 'draft').where('launch_claimed_at', 'is', null).returningAll().executeTakeFirst()) as PlanRow | undefined);

/**
 * Take the launch lease: a plan not yet launched whose lease is free (or older than `staleBefore`,
 * a launch that died) becomes `launching`. One conditional UPDATE, so two launches get one lease.
 */
export const claimLaunch = async (db: PlannerDb, id: string, now: Date, staleBefore: Date) =>
  normalise((await db
    .updateTable('plans')
    .set({ status: 'launching', launch_claimed_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['draft', 'launching'])
    .where((eb) => eb.or([eb('launch_claimed_at', 'is', null), eb('launch_claimed_at', '<', staleBefore)]))
    .returningAll()
    .executeTakeFirst()) as PlanRow | undefined);

export const setLaunchState = (db: PlannerDb, id: string, patch: { status?: PlanStatus; campaign_id?: string | null; experiment_id?: string; forecast?: Forecast; forecast_at?: Date; launch_claimed_at?: null; launched_at?: Date }, now: Date) =>
  db
    .updateTable('plans')
    .set({ ...patch, forecast: patch.forecast ? JSON.stringify(patch.forecast) : undefined, updated_at: now })
    .where('id', '=', id)
    .execute();
