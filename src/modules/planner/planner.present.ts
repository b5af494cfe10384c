// A plan as the API shows it.
import { notFound } from '../../platform/errors.ts';
import type { PlanRow } from './planner.repo.ts';
import { planDays } from './planner.rules.ts';

export const presentPlan = (p: PlanRow) => ({
  id: p.id,
  name: p.name,
  status: p.status,
  goal: { metric: p.goal_metric, target: p.goal_target },
  segmentId: p.segment_id,
  budget: p.budget_amount === null ? null : { amount: p.budget_amount, currency: p.currency },
  startsAt: p.starts_at.toISOString(),
  endsAt: p.ends_at.toISOString(),
  days: planDays(p.starts_at, p.ends_at),
  mechanic: p.mechanic,
  channels: p.channels,
  variants: p.variants,
  campaignId: p.campaign_id,
  experimentId: p.experiment_id,
  forecastAt: p.forecast_at?.toISOString() ?? null,
  launchedAt: p.launched_at?.toISOString() ?? null,
  createdAt: p.created_at.toISOString(),
  updatedAt: p.updated_at.toISOString(),
});

export const planNotFound = (id: string) => notFound('PLAN_NOT_FOUND', 'No such plan', { id });
