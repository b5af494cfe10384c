// The campaign planner (issue 18 parts 1 and 4): plans with a goal, audience, budget, schedule,
// mechanic and rules, channels and variants; the simulator's forecast; the launch review; a
// one-step launch into a campaign and its experiment; and the post-campaign report.
import { defineModule } from '../../platform/module.ts';
import type { PlannerDeps } from './planner.deps.ts';
import { plannerErrors } from './planner.errors.ts';
import { plannerMigrations } from './planner.migrations.ts';
import { plannerAdminRoutes } from './planner.routes.ts';
import { createPlannerService } from './planner.service.ts';
import { plannerTables } from './planner.table.ts';

export { createPlannerService, type PlannerService } from './planner.service.ts';
export { forecastInputFor, planProblem, rewardCosts, PLAN_MECHANICS, type PlanInput, type MechanicRules } from './planner.rules.ts';
export type { PlannerTables } from './planner.table.ts';

export const plannerModule = defineModule({
  name: 'planner',
  tables: plannerTables,
  migrations: plannerMigrations,
  errors: plannerErrors,
  needs: ['campaigns', 'catalog', 'inventory', 'audience', 'compliance', 'coupons', 'groupbuy', 'referral', 'experiments', 'analytics', 'simulator'],
  create: (platform, deps: PlannerDeps) => createPlannerService(platform, deps),
  routes: (planner) => ({ admin: plannerAdminRoutes(planner) }),
});
