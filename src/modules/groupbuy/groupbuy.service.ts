// Group buying (拼团): campaigns, teams with a fixed number of seats, and the lifecycle driven by
// order events and an expiry job. The service is composed of its parts, each readable on its own:
// the operator's campaigns, the shopper's views, taking seats, and the team lifecycle. All SQL is
// in groupbuy.repo.ts; the pure rules are in groupbuy.rules.ts.
import { createGroupbuyCampaigns } from './groupbuy.campaigns.ts';
import type { GroupbuyDeps } from './groupbuy.common.ts';
import { createGroupbuyLifecycle } from './groupbuy.lifecycle.ts';
import { createGroupbuyTeams } from './groupbuy.teams.ts';
import { createGroupbuyViews } from './groupbuy.views.ts';
import type { GroupbuyPlatform } from './groupbuy.table.ts';

export type { CampaignInput } from './groupbuy.campaigns.ts';
export { EXPIRE_TEAM_JOB } from './groupbuy.lifecycle.ts';

export function createGroupbuyService(p: GroupbuyPlatform, deps: GroupbuyDeps) {
  const views = createGroupbuyViews(p, deps);
  return {
    ...createGroupbuyCampaigns(p, deps),
    ...views,
    ...createGroupbuyTeams(p, deps, views),
    ...createGroupbuyLifecycle(p, deps),
  };
}

export type GroupbuyService = ReturnType<typeof createGroupbuyService>;
