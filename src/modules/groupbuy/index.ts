import { isUuid } from '../../platform/ids.ts';
import { defineModule, on } from '../../platform/module.ts';
import type { SharingService } from '../sharing/index.ts';
import type { RiskService } from '../risk/index.ts';
import { groupbuyMechanic } from './groupbuy.mechanic.ts';
import { teamPosterFacts } from './groupbuy.poster.ts';
import { createGroupbuyService, EXPIRE_TEAM_JOB } from './groupbuy.service.ts';
import { groupbuyRoutes, groupbuyAdminRoutes, type ReferenceCaps } from './groupbuy.routes.ts';
import { groupbuyMigrations } from './groupbuy.migrations.ts';
import { groupbuyErrors } from './groupbuy.errors.ts';
import { groupbuyEvents } from './groupbuy.events.ts';
import type { GroupbuyDeps as ServiceDeps } from './groupbuy.common.ts';
import { groupbuyTables } from './groupbuy.table.ts';
import { createGroupbuyAdminTeams, customerLabelsVia, groupbuyAdminTeamRoutes } from './groupbuy.admin-teams.ts';

export * from './groupbuy.rules.ts';

interface GroupbuyDeps extends ServiceDeps {
  sharing: SharingService;
  risk: RiskService;
}

export const groupbuyModule = defineModule({
  name: 'groupbuy',
  tables: groupbuyTables,
  needs: ['campaigns', 'catalog', 'identity', 'orders', 'payments', 'placeOrder', 'sharing', 'risk'],
  migrations: groupbuyMigrations,
  errors: groupbuyErrors,
  events: groupbuyEvents,
  create: (platform, deps: GroupbuyDeps) => {
    // A join by a sock puppet of the leader (same device, same network, a device farm) is refused or waits for review.
    const screenJoin = async (userId: string, team: { campaignId: string; leaderId: string; newCustomersOnly: boolean }) => void (await deps.risk.guard({ kind: 'groupbuy.join', userId, campaignId: team.campaignId, counterpartId: team.leaderId, newCustomersOnly: team.newCustomersOnly }));
    const groupbuy = createGroupbuyService(platform, { ...deps, screenJoin });
    deps.campaigns.registerMechanic(groupbuyMechanic);
    deps.sharing.registerTarget('team', { resolve: (executor, id) => (isUuid(id) ? groupbuy.resolveTeamTarget(executor, id) : Promise.resolve(null)) });
    deps.sharing.registerPosterFacts('team', teamPosterFacts(groupbuy));
    return { ...groupbuy, adminTeams: createGroupbuyAdminTeams(platform, customerLabelsVia(deps.identity, platform)) };
  },
  // Campaign pages show the lawful reference price (compliance comes later in the list: routes are built last).
  routeNeeds: ['compliance'],
  routes: (groupbuy, deps: GroupbuyDeps & { compliance: ReferenceCaps }) => ({ api: groupbuyRoutes(groupbuy, deps.compliance, deps.campaigns), admin: async (app) => {
      await groupbuyAdminRoutes(groupbuy)(app);
      await groupbuyAdminTeamRoutes(groupbuy.adminTeams)(app);
    } }),
  jobs: (groupbuy) => ({ [EXPIRE_TEAM_JOB]: (payload: { teamId: string }) => groupbuy.expireTeam(payload.teamId) }),
  consumers: (groupbuy) => [
    on('order.paid', 'groupbuy.on-order-paid', (trx, e) => groupbuy.onOrderPaid(trx, e)),
    on('order.cancelled', 'groupbuy.on-order-cancelled', (trx, e) => groupbuy.onOrderCancelled(trx, e)),
    on('order.refunded', 'groupbuy.on-order-refunded', (trx, e) => groupbuy.onOrderRefunded(trx, e)),
  ],
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { groupbuy_teams: { columns: ['leader_id'], erase: 'keep' }, groupbuy_members: { columns: ['user_id'], erase: 'keep' }, groupbuy_participants: { columns: ['user_id'], erase: 'keep' } } }),
});
