import { defineModule, on, type ServiceOf } from '../../platform/module.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { CouponsService } from '../coupons/index.ts';
import type { flashsaleModule } from '../flashsale/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { ModerationService } from '../moderation/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { productCards } from './live.present.ts';
import { createLiveService } from './live.service.ts';
import { liveAdminRoutes, liveRoutes } from './live.routes.ts';
import { liveMigrations } from './live.migrations.ts';
import { liveErrors } from './live.errors.ts';
import { liveEvents } from './live.events.ts';
import { liveTables } from './live.table.ts';

export { type LiveService } from './live.service.ts';

export const liveModule = defineModule({
  name: 'live',
  tables: liveTables,
  needs: ['catalog', 'coupons', 'flashsale', 'identity', 'moderation', 'sharing'],
  migrations: liveMigrations,
  errors: liveErrors,
  events: liveEvents,
  create: (platform, deps: { catalog: CatalogService; coupons: CouponsService; flashsale: ServiceOf<typeof flashsaleModule>; identity: IdentityService; moderation: ModerationService; sharing: SharingService }) => {
    const live = createLiveService(platform, {
      productCard: productCards(deps.catalog, () => deps.flashsale.listShopperSlots('live')),
      coupons: deps.coupons,
      screen: (input) => deps.moderation.screen(input),
      displayNames: (ids, executor) => deps.identity.displayNames(executor ?? platform.db, ids),
    });
    deps.sharing.registerTarget('live', { resolve: live.resolveShareTarget });
    return live;
  },
  routes: (live) => ({ api: liveRoutes(live), admin: liveAdminRoutes(live) }),
  consumers: (live) => [
    on('share.clicked', 'live.learn-share', (trx, e) => live.onShareClicked(trx, e.payload)),
    on('order.placed', 'live.attribute-room-order', (trx, e) => live.onOrderPlaced(trx, e.payload, e.occurredAt)),
    on('order.attributed', 'live.attribute-share-order', (trx, e) => live.onOrderAttributed(trx, e.payload, e.occurredAt)),
    on('order.paid', 'live.order-paid', (trx, e) => live.onOrderPaid(trx, e.payload, e.occurredAt).then(() => undefined)),
    // A held chat line approved in the moderation queue reaches the room after all.
    on('moderation.decided', 'live.apply-moderation', (trx, e) => live.onModerationDecided(trx, e.payload)),
  ],
  // Claims and attributed orders back the session's record; chat lines are the author's words.
  personalData: () => ({ tables: { live_claims: { columns: ['user_id'], erase: 'keep' }, live_orders: { columns: ['user_id'], erase: 'keep' }, live_intents: { columns: ['user_id'], erase: 'delete' }, live_messages: { columns: ['author_id'], erase: 'delete' } } }),
});
