import { isUuid } from '../../platform/ids.ts';
import { defineModule, on } from '../../platform/module.ts';
import type { SharingService } from '../sharing/index.ts';
import { groupbuyMechanic } from './groupbuy.mechanic.ts';
import { createGroupbuyService, EXPIRE_TEAM_JOB } from './groupbuy.service.ts';
import { groupbuyRoutes, groupbuyAdminRoutes } from './groupbuy.routes.ts';
import { groupbuyMigrations } from './groupbuy.migrations.ts';
import { groupbuyErrors } from './groupbuy.errors.ts';
import { groupbuyEvents } from './groupbuy.events.ts';
import type { GroupbuyDeps as ServiceDeps } from './groupbuy.common.ts';
import { groupbuyTables } from './groupbuy.table.ts';

export * from './groupbuy.rules.ts';

interface GroupbuyDeps extends ServiceDeps {
  sharing: SharingService;
}

export const groupbuyModule = defineModule({
  name: 'groupbuy',
  tables: groupbuyTables,
  needs: ['campaigns', 'catalog', 'identity', 'orders', 'payments', 'placeOrder', 'sharing'],
  migrations: groupbuyMigrations,
  errors: groupbuyErrors,
  events: groupbuyEvents,
  create: (platform, deps: GroupbuyDeps) => {
    const groupbuy = createGroupbuyService(platform, deps);
    deps.campaigns.registerMechanic(groupbuyMechanic);
    deps.sharing.registerTarget('team', { resolve: (executor, id) => (isUuid(id) ? groupbuy.resolveTeamTarget(executor, id) : Promise.resolve(null)) });
    return groupbuy;
  },
  routes: (groupbuy) => ({ api: groupbuyRoutes(groupbuy), admin: groupbuyAdminRoutes(groupbuy) }),
  jobs: (groupbuy) => ({ [EXPIRE_TEAM_JOB]: (payload: { teamId: string }) => groupbuy.expireTeam(payload.teamId) }),
  consumers: (groupbuy) => [
    on('order.paid', 'groupbuy.on-order-paid', (trx, e) => groupbuy.onOrderPaid(trx, e)),
    on('order.cancelled', 'groupbuy.on-order-cancelled', (trx, e) => groupbuy.onOrderCancelled(trx, e)),
    on('order.refunded', 'groupbuy.on-order-refunded', (trx, e) => groupbuy.onOrderRefunded(trx, e)),
  ],
});
